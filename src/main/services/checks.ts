// 数据核查 over the store: the year's data through loadYear (all of it, or just some households plus the others
// they share an ID number or a phone with, so duplicates are still found), then the engine of src/shared/rules.
import { parseIdNumber } from '../../shared/idcard';
import type { CheckScope, WaitingRule } from '../../shared/api';
import type { Profile } from '../../shared/profile';
import { dataNeeds, needKey, runChecks, waitingRules, type CheckData, type Confirmation, type Finding } from '../../shared/rules';
import type { Row } from '../../shared/tables';
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

/** The data needs of the rules that are met on file (rules waiting for the others do not run). */
export function needsMet(store: Store, year: number): Set<string> {
  return new Set(dataNeeds.filter((need) => store.hasValue(need.table, need.column, need.ofYear ? { year } : {})).map(needKey));
}

/**
 * The findings over loaded data. When only part of the database is loaded (`partial`), the rows elsewhere that
 * share an ID number or a phone with it are added, and only the loaded households are checked.
 */
export function findingsIn(store: Store, data: YearData, options: { partial: boolean; villageRules: boolean }): Finding[] {
  const rows = options.partial ? checkData(data, sharing(store, data)) : checkData(data);
  return runChecks(rows, data.profile, {
    householdIds: options.partial ? data.households.map((h) => h.id) : undefined,
    villageRules: options.villageRules,
    confirmations: confirmations(store),
    needsMet: needsMet(store, data.year),
  });
}

export function check(store: Store, scope: CheckScope = {}): { profile: Profile; findings: Finding[]; waiting: WaitingRule[] } {
  const data = loadYear(store, scope);
  const findings = findingsIn(store, data, { partial: !!(scope.householdIds || scope.villageId !== undefined), villageRules: !scope.householdIds });
  const waiting = waitingRules(needsMet(store, data.year)).map((r) => ({ ruleId: r.id, title: r.title, what: r.waitsFor!.what }));
  return { profile: data.profile, findings, waiting };
}
