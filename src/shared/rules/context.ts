// Builds what the rules read, from plain rows: one context per household (and per village), plus the indexes
// across households (duplicate IDs, shared phones, assignments). Pure: the caller loads the rows.
import { householdFactsById } from '../household';
import { ageOn, parseIdNumber } from '../idcard';
import { incomeSummary } from '../income';
import { sizeRuleOf, type Profile } from '../profile';
import type { Row } from '../tables';
import { text } from './helpers';
import type { GlobalIndex, HouseholdContext, MemberView, VillageContext } from './types';

export interface CheckData {
  households: Row[];
  members: Row[];
  incomes: Row[];
  visits: Row[];
  measures: Row[];
  workRecords: Row[];
  villages: Row[];
  groups: Row[];
  assignments: Row[];
  villageIndicators: Row[];
  problems: Row[];
  /** 设置 › 县, to tell work inside the county from work outside it. */
  county: string | null;
}

function groupBy(rows: readonly Row[], key: string): Map<number, Row[]> {
  const map = new Map<number, Row[]>();
  for (const row of rows) {
    const id = row[key];
    if (typeof id !== 'number') continue;
    let list = map.get(id);
    if (!list) map.set(id, (list = []));
    list.push(row);
  }
  return map;
}

export function buildIndex(data: Pick<CheckData, 'members' | 'households' | 'assignments' | 'county'>): GlobalIndex {
  const membersByIdBase = new Map<string, { memberId: number; householdId: number }[]>();
  for (const m of data.members) {
    const base = parseIdNumber(m.idNumber).base;
    if (base.length !== 18) continue;
    let list = membersByIdBase.get(base);
    if (!list) membersByIdBase.set(base, (list = []));
    list.push({ memberId: m.id, householdId: Number(m.householdId) });
  }
  const householdsPerPhone = new Map<string, number>();
  for (const h of data.households) {
    const phone = text(h.phone);
    if (phone) householdsPerPhone.set(phone, (householdsPerPhone.get(phone) ?? 0) + 1);
  }
  return { membersByIdBase, householdsPerPhone, assignmentsByGroup: groupBy(data.assignments, 'groupId'), homeCounty: data.county };
}

function memberView(row: Row, work: Row[], profile: Profile, excluded: readonly string[]): MemberView {
  const id = parseIdNumber(row.idNumber, profile.referenceDate);
  const typedBirth = text(row.birthDate);
  const birth = id.birthDate ?? (/^\d{4}-\d{2}-\d{2}$/.test(typedBirth) ? typedBirth : null);
  const school = text(row.schoolStatus);
  return {
    row,
    id,
    age: birth ? ageOn(birth, profile.referenceDate) : null,
    active: !excluded.includes(text(row.changeType)),
    inSchool: !!school && school !== '学龄前儿童',
    work,
  };
}

/** One context per household in `households` (all by default), reading the rows of `data`. */
export function householdContexts(data: CheckData, profile: Profile, today: string, index = buildIndex(data)): HouseholdContext[] {
  const excluded = sizeRuleOf(profile).excludedChangeTypes;
  const membersByHousehold = groupBy(data.members, 'householdId');
  const workByMember = groupBy(data.workRecords.filter((w) => w.year === profile.year || w.year == null), 'memberId');
  const incomesByHousehold = groupBy(data.incomes, 'householdId');
  const visitsByHousehold = groupBy(data.visits.filter((v) => v.year === profile.year), 'householdId');
  const measuresByHousehold = groupBy(data.measures, 'householdId');
  const facts = householdFactsById(data.members as never, sizeRuleOf(profile));

  return data.households.map((household) => {
    const members = (membersByHousehold.get(household.id) ?? []).map((m) => memberView(m, workByMember.get(m.id) ?? [], profile, excluded));
    const incomes = incomesByHousehold.get(household.id) ?? [];
    const income = incomes.find((i) => i.year === profile.year);
    const previousIncome = incomes.find((i) => i.year === profile.year - 1);
    const size = facts.get(household.id)?.size ?? 0;
    return {
      household,
      members,
      active: members.filter((m) => m.active),
      income,
      previousIncome,
      summary: income ? incomeSummary(income, size) : null,
      previousSummary: previousIncome ? incomeSummary(previousIncome, size) : null,
      visit: visitsByHousehold.get(household.id)?.[0],
      measures: measuresByHousehold.get(household.id) ?? [],
      profile,
      today,
      index,
    };
  });
}

export function villageContexts(data: CheckData, profile: Profile, today: string): VillageContext[] {
  const groups = groupBy(data.groups, 'villageId');
  const assignments = groupBy(data.assignments, 'villageId');
  const problems = groupBy(data.problems, 'villageId');
  const indicators = groupBy(data.villageIndicators.filter((i) => i.year === profile.year), 'villageId');
  return data.villages.map((village) => ({
    village,
    groups: groups.get(village.id) ?? [],
    indicators: indicators.get(village.id)?.[0],
    assignments: assignments.get(village.id) ?? [],
    problems: problems.get(village.id) ?? [],
    profile,
    today,
  }));
}
