// 数据核查 over the store: the year's data through loadYear (all of it, or just some households plus the others
// they share an ID number or a phone with, so duplicates are still found), then the engine of src/shared/rules.
import { parseIdNumber } from '../../shared/idcard';
import type { CheckScope, WaitingRule } from '../../shared/api';
import type { Profile } from '../../shared/profile';
import { dataNeeds, needKey, runChecks, waitingRules, type CheckData, type Confirmation, type Finding } from '../../shared/rules';
import type { DataNeed } from '../../shared/rules/types';
import type { ApplyResult } from '../../shared/changes';
import type { Row, TableName } from '../../shared/tables';
import type { YearData } from '../../shared/yearData';
import type { Store } from '../store';
import { loadYear } from './loadYear';

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

export function check(store: Store, scope: CheckScope = {}): { profile: Profile; findings: Finding[]; waiting: WaitingRule[] } {
  const data = loadYear(store, scope);
  const met = needsMet(store, data.year);
  const findings = findingsIn(store, data, { partial: !!(scope.householdIds || scope.villageId !== undefined), villageRules: !scope.householdIds, needsMet: met });
  const waiting = waitingRules(met).map((r) => ({ ruleId: r.id, title: r.title, what: r.waitsFor!.what }));
  return { profile: data.profile, findings, waiting };
}
