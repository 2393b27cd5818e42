// 数据核查 over the store: the year's data through loadYear (all of it, or just some households plus the others
// they share an ID number or a phone with, so duplicates are still found), then the engine of src/shared/rules.
import { parseIdNumber } from '../../shared/idcard';
import type { CheckScope, WaitingRule } from '../../shared/api';
import type { Profile } from '../../shared/profile';
import { dataNeeds, needKey, runChecks, waitingRules, type CheckData, type Confirmation, type Finding, type GlobalIndex } from '../../shared/rules';
import { buildIndex } from '../../shared/rules/context';
import type { DataNeed } from '../../shared/rules/types';
import type { ApplyResult } from '../../shared/changes';
import type { Row, TableName } from '../../shared/tables';
import type { YearData } from '../../shared/yearData';
import type { Store } from '../store';
import { loadYear } from './loadYear';
import { placeOf, profileOf, workYear } from './profile';

export function confirmations(store: Store): Confirmation[] {
  return store.rows('confirmations').map((c) => ({
    ruleId: String(c.ruleId),
    target: String(c.target),
    reason: String(c.reason ?? ''),
    by: c.confirmedBy == null ? null : String(c.confirmedBy),
    at: c.confirmedAt == null ? null : String(c.confirmedAt),
  }));
}

/** What the rules read: the year's rows, and the county (to tell work inside it from work outside). */
export const checkData = (data: YearData, extra: Pick<CheckData, 'households' | 'members'> = { households: [], members: [] }): CheckData => ({
  ...data,
  households: [...data.households, ...extra.households],
  members: [...data.members, ...extra.members],
  county: data.place.county || null,
});

/** Households and members elsewhere that share a phone or an ID number with the ones loaded. */
function sharing(store: Store, data: YearData): Pick<CheckData, 'households' | 'members'> {
  const own = new Set(data.households.map((h) => h.id));
  const idNumbers = data.members.flatMap((m) => {
    const base = parseIdNumber(m.idNumber).base;
    return base ? [base, String(m.idNumber)] : [];
  });
  const phones = data.households.map((h) => h.phone).filter((p): p is string => typeof p === 'string');
  const outside = (rows: Row[], householdOf: (r: Row) => number) => rows.filter((r) => !own.has(householdOf(r)));
  return {
    members: outside(store.rowsIn('members', 'idNumber', idNumbers), (m) => Number(m.householdId)),
    households: outside(store.rowsIn('households', 'phone', phones), (h) => h.id),
  };
}

/**
 * What needsMet last found in a store: the latest change set then, the year, each need's answer, and the rows the
 * writes since (told by noteWritten) put into the needs' tables.
 */
interface NeedsSeen {
  setId: number;
  year: number;
  met: Map<string, boolean>;
  written: Map<TableName, Set<number>>;
}

const needsSeen = new WeakMap<Store, NeedsSeen>();

const probe = (store: Store, need: DataNeed, year: number) => store.hasValue(need.table, need.column, need.ofYear ? { year } : {});

/** Whether one of these rows (just written) meets the need: a value in its column, of the year if it asks for one. */
function metByRows(store: Store, need: DataNeed, year: number, ids: readonly number[]): boolean {
  const keys = [...(need.column ? [need.column] : []), ...(need.ofYear ? ['year'] : [])];
  const rows = keys.length ? store.columnsIn(need.table, keys, 'id', ids) : store.rowsIn(need.table, 'id', ids);
  return rows.some((r) => (!need.column || (r[need.column] != null && r[need.column] !== '')) && (!need.ofYear || r.year === year));
}

/**
 * The data needs of the rules that are met on file (rules waiting for the others do not run). A column without
 * values is found so only by reading every row (at county scale 15–20 ms, after every edit), so the answers are kept
 * per store and brought up to date from the writes told since: an unmet need can only become met through the rows
 * written, and a met one is probed again (a quick LIMIT 1) only when its table was written. Any other write (an
 * import in a worker, a restored backup) leaves the latest change set elsewhere, and everything is probed again.
 */
export function needsMet(store: Store, year: number): Set<string> {
  const setId = store.lastChangeSetId();
  const seen = needsSeen.get(store);
  const current = seen && seen.year === year && seen.setId === setId;
  const met = new Map(
    dataNeeds.map((need) => {
      const key = needKey(need);
      if (!current) return [key, probe(store, need, year)];
      const ids = seen.written.get(need.table);
      if (!ids?.size) return [key, seen.met.get(key) ?? false];
      return [key, seen.met.get(key) ? probe(store, need, year) : metByRows(store, need, year, [...ids])];
    }),
  );
  needsSeen.set(store, { setId, year, met, written: new Map() });
  return new Set([...met].filter(([, yes]) => yes).map(([key]) => key));
}

/**
 * Tells needsMet of a write just made on this thread (an edit, an undo, a redo) and the rows it touched; returns the
 * write's result. Only a write that directly follows what needsMet last saw is followed row by row.
 */
export function noteWritten<T extends { touched?: ApplyResult['touched'] }>(store: Store, result: T): T {
  const seen = needsSeen.get(store);
  const setId = store.lastChangeSetId();
  if (!seen || setId === seen.setId) return result;
  if (setId !== seen.setId + 1) {
    needsSeen.delete(store);
    return result;
  }
  seen.setId = setId;
  for (const need of dataNeeds) {
    const ids = result.touched?.[need.table];
    if (!ids?.length) continue;
    const written = seen.written.get(need.table) ?? new Set<number>();
    for (const id of ids) written.add(id);
    seen.written.set(need.table, written);
  }
  return result;
}

/**
 * The findings over loaded data. When only part of the database is loaded (`partial`), the rows elsewhere that
 * share an ID number or a phone with it are added, and only the loaded households are checked.
 */
export function findingsIn(store: Store, data: YearData, options: { partial: boolean; villageRules: boolean; needsMet?: Set<string> }): Finding[] {
  const rows = options.partial ? checkData(data, sharing(store, data)) : checkData(data);
  return runChecks(rows, data.profile, {
    householdIds: options.partial ? data.households.map((h) => h.id) : undefined,
    villageRules: options.villageRules,
    confirmations: confirmations(store),
    needsMet: options.needsMet ?? needsMet(store, data.year),
  });
}

/**
 * The indexes across every household of the database (duplicate IDs, shared phones, 分工 by group), from the few
 * columns they need; members in id order, as loadYear reads them, so duplicates are listed in the same order.
 */
function countyIndex(store: Store, county: string | null): GlobalIndex {
  const members = (store.columns('members', ['id', 'householdId', 'idNumber']) as Row[]).sort((a, b) => a.id - b.id);
  const households = store.columns('households', ['id', 'phone']) as Row[];
  return buildIndex({ members, households, assignments: store.rows('assignments'), people: store.rows('people'), county });
}

/**
 * The findings of a whole year, checked one village at a time (then the households of no village): at county scale
 * the year's rows and the rules' contexts never sit in memory all at once. With the indexes across households built
 * over the whole county first, each village is checked as it is in one piece, and the findings come in the same
 * order: every household's in id order, then the villages'. Read in one transaction, so all villages are of one
 * state of the file.
 */
function yearFindings(store: Store, year: number, needsMet: Set<string>): Finding[] {
  return store.readTransaction(() => {
    const options = { confirmations: confirmations(store), needsMet };
    const index = countyIndex(store, placeOf(store).county || null);
    const villages = store.columns('villages', ['id']).map((v) => Number(v.id)).sort((a, b) => a - b);
    const householdFindings: Finding[] = [];
    const villageFindings: Finding[] = [];
    const part = (data: YearData, continues: boolean) => {
      for (const f of runChecks(checkData(data), data.profile, { ...options, index, continues, villageRules: true })) {
        (f.householdId === null ? villageFindings : householdFindings).push(f);
      }
    };
    villages.forEach((villageId, i) => part(loadYear(store, { year, villageId }), i > 0));
    const known = new Set(villages);
    const elsewhere = store.columns('households', ['id', 'villageId']).filter((h) => !known.has(Number(h.villageId)));
    if (elsewhere.length) part(loadYear(store, { year, householdIds: elsewhere.map((h) => Number(h.id)) }), villages.length > 0);
    // A village's households come in id order; households of several villages interleave only when ids do.
    householdFindings.sort((a, b) => a.householdId! - b.householdId!);
    return [...householdFindings, ...villageFindings];
  });
}

export function check(store: Store, scope: CheckScope = {}): { profile: Profile; findings: Finding[]; waiting: WaitingRule[] } {
  const whole = !scope.householdIds && scope.villageId === undefined;
  const year = scope.year ?? workYear(store);
  const met = needsMet(store, year);
  const findings = whole
    ? yearFindings(store, year, met)
    : findingsIn(store, loadYear(store, { ...scope, year }), { partial: true, villageRules: !scope.householdIds, needsMet: met });
  const waiting = waitingRules(met).map((r) => ({ ruleId: r.id, title: r.title, what: r.waitsFor!.what }));
  return { profile: profileOf(store, year), findings, waiting };
}
