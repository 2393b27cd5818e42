// The one loader of a year's data: checks, exports, the report, the printed forms and the pages' sheets read through
// it, so every service sees the same rows, indexes and derived facts. (An import reads only the households of each
// batch it merges, to stay in bounded memory at county scale.)
import { PaichaError } from '../../shared/errors';
import type { CellValue, Row, TableName } from '../../shared/tables';
import { buildYearData, incomeYearsOf, type YearData, type YearRows } from '../../shared/yearData';
import type { Store } from '../store';
import { placeOf, profileOf, workYear } from './profile';

export interface YearScope {
  /** Default: the work year. */
  year?: number;
  /** Only this village (by id): its households and its village-level records. */
  villageId?: number;
  /** Only these households and their records; their villages and groups, and the assignments of their groups. */
  householdIds?: readonly number[];
}

const ids = (rows: Row[], column = 'id') => [...new Set(rows.map((r) => r[column]).filter((v): v is number => typeof v === 'number'))];

/** Per-year records of `years` only. */
const ofYears = (rows: Row[], years: readonly number[]) => rows.filter((r) => years.includes(Number(r.year)));

/** A year's data, all read in one transaction: of one state of the file, whatever is written meanwhile. */
export function loadYear(store: Store, scope: YearScope = {}): YearData {
  return store.readTransaction(() => readYear(store, scope));
}

function readYear(store: Store, scope: YearScope): YearData {
  const year = scope.year ?? workYear(store);
  const profile = profileOf(store, year);
  const incomeYears = incomeYearsOf(profile);
  const rows = scope.householdIds
    ? householdRows(store, scope.householdIds, year, incomeYears)
    : scope.villageId !== undefined
      ? villageRows(store, scope.villageId, year, incomeYears)
      : allRows(store, year, incomeYears);
  return buildYearData({ ...rows, dibaoGrants: dibaoGrants(store, year, scope.householdIds || scope.villageId !== undefined ? ids(rows.members) : undefined) }, profile, placeOf(store));
}

/** 低保 granted in the year (the journal's changes of 享受低保政策情况 to a 低保), of some members or of all. */
function dibaoGrants(store: Store, year: number, memberIds?: readonly number[]): NonNullable<YearRows['dibaoGrants']> {
  const granted = (value: CellValue) => typeof value === 'string' && value.includes('低保') && !value.startsWith('未');
  return store
    .fieldChanges('members', 'dibao', `${year}-01-01`, `${year + 1}-01-01`, memberIds)
    .filter((c) => granted(c.new) && !granted(c.old))
    .map((c) => ({ memberId: c.rowId, value: String(c.new), at: c.at.slice(0, 10) }));
}

function allRows(store: Store, year: number, incomeYears: readonly number[]): YearRows {
  const perYear = (table: TableName) => store.rows(table, { year });
  return {
    villages: store.rows('villages'),
    groups: store.rows('groups'),
    households: store.rows('households'),
    members: store.rows('members'),
    incomes: incomeYears.flatMap((y) => store.rows('incomes', { year: y })),
    visits: perYear('visits'),
    measures: store.rows('measures'),
    monitoringSteps: store.rows('monitoringSteps'),
    workRecords: store.rows('workRecords'),
    keygroups: perYear('keygroups'),
    problems: store.rows('problems'),
    assignments: store.rows('assignments'),
    villageIndicators: perYear('villageIndicators'),
    people: store.rows('people'),
  };
}

/** The records of some households: everything that hangs on them, by household (and member) id. */
function recordsOf(store: Store, households: Row[], year: number, incomeYears: readonly number[]) {
  const householdIds = ids(households);
  const members = store.rowsIn('members', 'householdId', householdIds);
  const of = (table: TableName) => store.rowsIn(table, 'householdId', householdIds);
  return {
    households,
    members,
    incomes: ofYears(of('incomes'), incomeYears),
    visits: ofYears(of('visits'), [year]),
    measures: of('measures'),
    monitoringSteps: of('monitoringSteps'),
    workRecords: store.rowsIn('workRecords', 'memberId', ids(members)),
    keygroups: ofYears(of('keygroups'), [year]),
  };
}

function villageRows(store: Store, villageId: number, year: number, incomeYears: readonly number[]): YearRows {
  const [village] = store.rows('villages', { id: villageId });
  if (!village) throw new PaichaError('notFound', '所选的行政村不存在（可能已被删除）。');
  const inVillage = (table: TableName) => store.rows(table, { villageId });
  return {
    ...recordsOf(store, inVillage('households'), year, incomeYears),
    villages: [village],
    groups: inVillage('groups'),
    problems: inVillage('problems'),
    assignments: inVillage('assignments'),
    villageIndicators: ofYears(inVillage('villageIndicators'), [year]),
    people: store.rows('people'),
  };
}

function householdRows(store: Store, householdIds: readonly number[], year: number, incomeYears: readonly number[]): YearRows {
  const households = store.rowsIn('households', 'id', householdIds as CellValue[]);
  const groups = store.rowsIn('groups', 'id', ids(households, 'groupId'));
  return {
    ...recordsOf(store, households, year, incomeYears),
    villages: store.rowsIn('villages', 'id', ids(households, 'villageId')),
    groups,
    problems: [],
    assignments: store.rowsIn('assignments', 'groupId', ids(groups)),
    villageIndicators: [],
    people: store.rows('people'),
  };
}
