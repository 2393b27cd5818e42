// One year's data as every service reads it (checks, exports, imports, and next the report, forms and dashboard):
// the rows, their indexes, and what is derived from them (principle 4) — worked out once here, never stored.
// Pure: src/main/services/loadYear.ts reads the rows from the store.
import { groupBy } from './groupBy';
import { householdFacts, type HouseholdFacts, type MemberFacts } from './household';
import { incomeSummary, perCapitaChange, workIncomeOf, type IncomeSummary, type PerCapitaChange } from './income';
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
  /** Income records of the years `incomeYearsOf` names: this year and last, and the key-group income years. */
  incomes: Row[];
  visits: Row[];
  measures: Row[];
  /** 监测程序: every step of the households (not of the year only: a procedure spans years); loadYear reads them. */
  monitoringSteps?: Row[];
  workRecords: Row[];
  keygroups: Row[];
  problems: Row[];
  assignments: Row[];
  villageIndicators: Row[];
  /** 工作人员: every person (a record of any village may name one of another), whatever the scope. */
  people: Row[];
  /**
   * 低保 granted during the year, as the journal has it: a member's 享受低保政策情况 set from 未享受 (or empty) to a
   * 低保 by an edit or an import of the year still in effect; loadYear reads them (for 重点人群 ⑤).
   */
  dibaoGrants?: { memberId: number; value: string; at: string }[];
}

/** A household's income roll-up of the year and of the year before, and the change between them. */
export interface HouseholdIncomes {
  income: IncomeSummary | null;
  previousIncome: IncomeSummary | null;
  /** 家庭人口数 at the end of last year's income period (members born, added or gone since, by their dates). */
  previousSize: number | null;
  change: PerCapitaChange | null;
}

/** What is derived for a household: the facts from its members and its income roll-up, this year and last. */
export interface HouseholdDerived extends HouseholdFacts, HouseholdIncomes {}

/**
 * The income of a household of `size` counted persons, this year and last — the one computation behind the pages,
 * the exports and the checks. `work` holds its members' 务工 records (any year): those of an income's year make
 * its 务工收入.
 */
export function householdIncomes(
  members: readonly Row[],
  size: number,
  records: { current?: Row; previous?: Row; work: readonly Row[] },
  profile: Profile,
): HouseholdIncomes {
  const { current, previous, work } = records;
  const previousSize = previous ? previousIncomeSize(members, previous, profile) : null;
  const income = current ? incomeSummary(current, size, workIncomeOf(work, profile.year)) : null;
  const previousIncome = previous ? incomeSummary(previous, previousSize!, workIncomeOf(work, profile.year - 1)) : null;
  return { income, previousIncome, previousSize, change: perCapitaChange(income, previousIncome) };
}

export interface YearData extends YearRows {
  year: number;
  profile: Profile;
  place: Place;
  villageById: Map<number, Row>;
  groupById: Map<number, Row>;
  householdById: Map<number, Row>;
  memberById: Map<number, Row>;
  /** 工作人员 by id: read a reference through src/shared/people.ts (personName …). */
  personById: Map<number, Row>;
  membersByHousehold: Map<number, Row[]>;
  /** Records of the year, one per household. */
  incomeByHousehold: Map<number, Row>;
  previousIncomeByHousehold: Map<number, Row>;
  visitByHousehold: Map<number, Row>;
  keygroupByHousehold: Map<number, Row>;
  householdsByGroup: Map<number, Row[]>;
  derived: Map<number, HouseholdDerived>;
}

/**
 * The income years a year's data holds: the year and the year before (the year-on-year change), and the profile's
 * key-group income year and the year before it (重点人群 ②③: for 工作年度 2023, 2022 income against 2021).
 */
export function incomeYearsOf(profile: Profile): number[] {
  return [...new Set([profile.year - 1, profile.year, profile.keyGroupIncomeYear - 1, profile.keyGroupIncomeYear])];
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
  incomes: { current: ReadonlyMap<number, Row>; previous: ReadonlyMap<number, Row>; workByMember: ReadonlyMap<number, readonly Row[]> },
  profile: Profile,
): Map<number, HouseholdDerived> {
  const rule = sizeRuleOf(profile);
  const derived = new Map<number, HouseholdDerived>();
  for (const h of households) {
    const members = membersByHousehold.get(h.id) ?? [];
    const facts = members.length ? householdFacts(members as unknown as MemberFacts[], rule) : noFacts;
    const work = members.flatMap((m) => incomes.workByMember.get(m.id) ?? []);
    derived.set(h.id, {
      ...facts,
      ...householdIncomes(members, facts.size, { current: incomes.current.get(h.id), previous: incomes.previous.get(h.id), work }, profile),
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
    memberById: byId(rows.members),
    personById: byId(rows.people),
    membersByHousehold,
    incomeByHousehold,
    previousIncomeByHousehold,
    visitByHousehold: oneEach(rows.visits),
    keygroupByHousehold: oneEach(rows.keygroups),
    householdsByGroup: groupBy(rows.households, (h) => idOf(h.groupId)),
    derived: deriveRows(
      rows.households,
      membersByHousehold,
      { current: incomeByHousehold, previous: previousIncomeByHousehold, workByMember: groupBy(rows.workRecords, (w) => idOf(w.memberId)) },
      profile,
    ),
  };
}

/** A household's derived facts, or those of a household without members. */
export function derivedOf(data: YearData, householdId: unknown): HouseholdDerived {
  return data.derived.get(Number(householdId)) ?? { ...noFacts, income: null, previousIncome: null, previousSize: null, change: null };
}
