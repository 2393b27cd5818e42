// One year's data as every service reads it (checks, exports, imports, and next the report, forms and dashboard):
// the rows, their indexes, and what is derived from them (principle 4) — worked out once here, never stored.
// Pure: src/main/services/loadYear.ts reads the rows from the store.
import { groupBy } from './groupBy';
import { householdFacts, type HouseholdFacts, type MemberFacts } from './household';
import { incomeSummary, type IncomeSummary } from './income';
import { previousIncomeSize, sizeRuleOf, type Profile } from './profile';
import type { Row } from './tables';

/** 县 and 乡镇, for titles and 填报单位. */
export interface Place {
  county: string;
  township: string;
}

/** The rows of one year (records of other years are not included, but for last year's income). */
export interface YearRows {
  villages: Row[];
  groups: Row[];
  households: Row[];
  members: Row[];
  /** Income records of the year and of the year before (for the year-on-year change). */
  incomes: Row[];
  visits: Row[];
  measures: Row[];
  workRecords: Row[];
  keygroups: Row[];
  problems: Row[];
  assignments: Row[];
  villageIndicators: Row[];
  teamMembers: Row[];
}

/** What is derived for a household: the facts from its members and its income roll-up, this year and last. */
export interface HouseholdDerived extends HouseholdFacts {
  income: IncomeSummary | null;
  previousIncome: IncomeSummary | null;
}

export interface YearData extends YearRows {
  year: number;
  profile: Profile;
  place: Place;
  villageById: Map<number, Row>;
  groupById: Map<number, Row>;
  householdById: Map<number, Row>;
  membersByHousehold: Map<number, Row[]>;
  /** Records of the year, one per household. */
  incomeByHousehold: Map<number, Row>;
  previousIncomeByHousehold: Map<number, Row>;
  visitByHousehold: Map<number, Row>;
  keygroupByHousehold: Map<number, Row>;
  householdsByGroup: Map<number, Row[]>;
  derived: Map<number, HouseholdDerived>;
}

const idOf = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const byId = (rows: Row[]) => new Map(rows.map((r) => [r.id, r]));
const oneEach = (rows: Row[]) => new Map(rows.map((r) => [Number(r.householdId), r]));

const noFacts: HouseholdFacts = { headName: null, headIdNumber: null, size: 0, memberCount: 0 };

/**
 * The derived columns of every household — 户主, 户主证件号码, 家庭人口数 (by the profile's size rule) and the income
 * roll-up of the year and the year before — in one pass.
 */
export function deriveRows(
  households: readonly Row[],
  membersByHousehold: ReadonlyMap<number, readonly Row[]>,
  incomes: { current: ReadonlyMap<number, Row>; previous: ReadonlyMap<number, Row> },
  profile: Profile,
): Map<number, HouseholdDerived> {
  const rule = sizeRuleOf(profile);
  const derived = new Map<number, HouseholdDerived>();
  for (const h of households) {
    const members = membersByHousehold.get(h.id);
    const facts = members ? householdFacts(members as unknown as MemberFacts[], rule) : noFacts;
    const current = incomes.current.get(h.id);
    const previous = incomes.previous.get(h.id);
    derived.set(h.id, {
      ...facts,
      income: current ? incomeSummary(current, facts.size) : null,
      previousIncome: previous ? incomeSummary(previous, previousIncomeSize(members ?? [], previous, profile)) : null,
    });
  }
  return derived;
}

export function buildYearData(rows: YearRows, profile: Profile, place: Place): YearData {
  const year = profile.year;
  const membersByHousehold = groupBy(rows.members, (m) => idOf(m.householdId));
  const incomeByHousehold = oneEach(rows.incomes.filter((r) => r.year === year));
  const previousIncomeByHousehold = oneEach(rows.incomes.filter((r) => r.year === year - 1));
  return {
    ...rows,
    year,
    profile,
    place,
    villageById: byId(rows.villages),
    groupById: byId(rows.groups),
    householdById: byId(rows.households),
    membersByHousehold,
    incomeByHousehold,
    previousIncomeByHousehold,
    visitByHousehold: oneEach(rows.visits),
    keygroupByHousehold: oneEach(rows.keygroups),
    householdsByGroup: groupBy(rows.households, (h) => idOf(h.groupId)),
    derived: deriveRows(rows.households, membersByHousehold, { current: incomeByHousehold, previous: previousIncomeByHousehold }, profile),
  };
}

/** A household's derived facts, or those of a household without members. */
export function derivedOf(data: YearData, householdId: unknown): HouseholdDerived {
  return data.derived.get(Number(householdId)) ?? { ...noFacts, income: null, previousIncome: null };
}
