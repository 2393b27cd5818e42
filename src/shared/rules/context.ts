// Builds what the rules read, from plain rows: one context per household (and per village), plus the indexes
// across households (duplicate IDs, shared phones, assignments), and the records each context owns for the record
// rules. Pure: the caller loads the rows.
import { groupBy } from '../groupBy';
import { householdFactsById, type HouseholdFacts } from '../household';
import { peopleById } from '../people';
import { ageOn, parseIdNumber } from '../idcard';
import { sizeRuleOf, type Profile } from '../profile';
import type { Row } from '../tables';
import { householdIncomes, type HouseholdIncomes, type YearRows } from '../yearData';
import { text } from './helpers';
import { MembersById } from './membersById';
import type { GlobalIndex, HouseholdContext, MemberView, TableRecord, VillageContext } from './types';

/** What the rules read: a year's rows (the 重点人群 records aside), and the county. */
export interface CheckData extends Omit<YearRows, 'keygroups'> {
  /** 设置 › 县, to tell work inside the county from work outside it. */
  county: string | null;
  /**
   * The households' income roll-ups, when the rows come from loadYear (YearData.derived, on the profile checked
   * with): taken as they are, not worked out again.
   */
  derived?: ReadonlyMap<number, HouseholdIncomes>;
}

/** Rows by a reference column (householdId, villageId …); rows without a number there are left out. */
const byRef = (rows: Iterable<Row>, key: string): Map<number, Row[]> => groupBy(rows, (r) => (typeof r[key] === 'number' ? r[key] : null));

export function buildIndex(data: Pick<CheckData, 'members' | 'households' | 'assignments' | 'people' | 'county'>): GlobalIndex {
  const membersByIdBase = new MembersById(data.members.length);
  for (const m of data.members) {
    const base = parseIdNumber(m.idNumber).base;
    if (base.length === 18) membersByIdBase.add(base, m.id, Number(m.householdId));
  }
  const householdsPerPhone = new Map<string, number>();
  for (const h of data.households) {
    const phone = text(h.phone);
    if (phone) householdsPerPhone.set(phone, (householdsPerPhone.get(phone) ?? 0) + 1);
  }
  return { membersByIdBase, householdsPerPhone, assignmentsByGroup: byRef(data.assignments, 'groupId'), personById: peopleById(data.people), homeCounty: data.county };
}

/**
 * The ID is read against the day of the check: a birth after it makes the number invalid. A birth after the
 * reference date but not after the check is a person born after the export (member.bornAfterReference); no age then.
 */
function memberView(row: Row, work: Row[], profile: Profile, today: string, excluded: readonly string[]): MemberView {
  const id = parseIdNumber(row.idNumber, today > profile.referenceDate ? today : profile.referenceDate);
  const typedBirth = text(row.birthDate);
  const birthDate = id.birthDate ?? (/^\d{4}-\d{2}-\d{2}$/.test(typedBirth) ? typedBirth : null);
  const school = text(row.schoolStatus);
  return {
    row,
    id,
    birthDate,
    age: birthDate && birthDate <= profile.referenceDate ? ageOn(birthDate, profile.referenceDate) : null,
    active: !excluded.includes(text(row.changeType)),
    inSchool: !!school && school !== '学龄前儿童',
    work,
  };
}

/** One context per household in `households` (all by default), reading the rows of `data`. */
export function householdContexts(data: CheckData, profile: Profile, today: string, index = buildIndex(data)): HouseholdContext[] {
  const excluded = sizeRuleOf(profile).excludedChangeTypes;
  const membersByHousehold = byRef(data.members, 'householdId');
  const allWorkByMember = byRef(data.workRecords, 'memberId');
  const workByMember = byRef(data.workRecords.filter((w) => w.year === profile.year || w.year == null), 'memberId');
  const incomesByHousehold = byRef(data.incomes, 'householdId');
  const visitsByHousehold = byRef(data.visits.filter((v) => v.year === profile.year), 'householdId');
  const measuresByHousehold = byRef(data.measures, 'householdId');
  const stepsByHousehold = byRef(data.monitoringSteps ?? [], 'householdId');
  let facts: Map<number, HouseholdFacts> | undefined;
  const roll = (household: Row, rows: Row[], current: Row | undefined, previous: Row | undefined) => {
    const known = data.derived?.get(household.id);
    if (known) return known;
    facts ??= householdFactsById(data.members as never, sizeRuleOf(profile));
    const work = rows.flatMap((m) => allWorkByMember.get(m.id) ?? []);
    return householdIncomes(rows, facts.get(household.id)?.size ?? 0, { current, previous, work }, profile);
  };

  return data.households.map((household) => {
    const rows = membersByHousehold.get(household.id) ?? [];
    const members = rows.map((m) => memberView(m, workByMember.get(m.id) ?? [], profile, today, excluded));
    const incomes = incomesByHousehold.get(household.id) ?? [];
    const income = incomes.find((i) => i.year === profile.year);
    const previousIncome = incomes.find((i) => i.year === profile.year - 1);
    const { income: summary, previousIncome: previousSummary } = roll(household, rows, income, previousIncome);
    return {
      household,
      members,
      active: members.filter((m) => m.active),
      income,
      previousIncome,
      summary,
      // Last year's 人均纯收入 on last year's 家庭人口数 (members born, added or gone since, by their dates).
      previousSummary,
      visit: visitsByHousehold.get(household.id)?.[0],
      measures: measuresByHousehold.get(household.id) ?? [],
      steps: stepsByHousehold.get(household.id) ?? [],
      profile,
      today,
      index,
    };
  });
}

/** One context per village; `first`: the first village given is the first of the check (see VillageContext). */
export function villageContexts(data: CheckData, profile: Profile, today: string, first = true): VillageContext[] {
  const groups = byRef(data.groups, 'villageId');
  const assignments = byRef(data.assignments, 'villageId');
  const problems = byRef(data.problems, 'villageId');
  const people = byRef(data.people, 'villageId');
  const indicators = byRef(data.villageIndicators.filter((i) => i.year === profile.year), 'villageId');
  return data.villages.map((village, i) => ({
    village,
    first: first && i === 0,
    groups: groups.get(village.id) ?? [],
    indicators: indicators.get(village.id)?.[0],
    assignments: assignments.get(village.id) ?? [],
    problems: problems.get(village.id) ?? [],
    people: people.get(village.id) ?? [],
    profile,
    today,
  }));
}

/**
 * The records a household owns, for the record rules: the household, its counted members and their work, its
 * income and visit of the year, its measures.
 */
export function householdRecords(ctx: HouseholdContext): TableRecord[] {
  const list: TableRecord[] = [{ table: 'households', row: ctx.household }];
  for (const m of ctx.active) {
    list.push({ table: 'members', row: m.row });
    for (const w of m.work) list.push({ table: 'workRecords', row: w });
  }
  if (ctx.income) list.push({ table: 'incomes', row: ctx.income });
  if (ctx.visit) list.push({ table: 'visits', row: ctx.visit });
  for (const measure of ctx.measures) list.push({ table: 'measures', row: measure });
  return list;
}

/**
 * The records a village owns, for the record rules: the village, its groups, 入户责任分工, 问题台账, its 工作人员
 * and its 脱贫村指标 of the year.
 */
export function villageRecords(ctx: VillageContext): TableRecord[] {
  const list: TableRecord[] = [{ table: 'villages', row: ctx.village }];
  for (const row of ctx.groups) list.push({ table: 'groups', row });
  for (const row of ctx.assignments) list.push({ table: 'assignments', row });
  for (const row of ctx.problems) list.push({ table: 'problems', row });
  for (const row of ctx.people) list.push({ table: 'people', row });
  if (ctx.indicators) list.push({ table: 'villageIndicators', row: ctx.indicators });
  return list;
}
