// 数据核查 over the store: loads what the rules read (all of it, or just some households and what they share with
// others), picks the policy-year profile, and runs the engine of src/shared/rules.
import { PaichaError } from '../../shared/errors';
import { parseIdNumber } from '../../shared/idcard';
import { profileFromRow, type Profile } from '../../shared/profile';
import { runChecks, type CheckData, type Confirmation, type Finding } from '../../shared/rules';
import { settingKeys, type Row } from '../../shared/tables';
import type { Store } from '../store';

/** The year being worked on: 设置 › 工作年度, else the latest income year on file, else this calendar year. */
export function workYear(store: Store): number {
  const setting = Number(store.setting(settingKeys.workYear));
  if (Number.isInteger(setting) && setting > 1990) return setting;
  const latest = store.max('incomes', 'year');
  return typeof latest === 'number' ? latest : new Date().getFullYear();
}

export function profileOf(store: Store, year: number): Profile {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new PaichaError('invalid', `年度「${year}」无效。`);
  return profileFromRow(year, store.rows('profiles', { year })[0]);
}

function confirmations(store: Store): Confirmation[] {
  return store.rows('confirmations').map((c) => ({
    ruleId: String(c.ruleId),
    target: String(c.target),
    reason: String(c.reason ?? ''),
    by: c.confirmedBy == null ? null : String(c.confirmedBy),
    at: c.confirmedAt == null ? null : String(c.confirmedAt),
  }));
}

const ids = (rows: Row[], column = 'id') => [...new Set(rows.map((r) => r[column]).filter((v): v is number => typeof v === 'number'))];

/** Everything the rules read, for the whole database. */
function loadAll(store: Store): CheckData {
  return {
    households: store.rows('households'),
    members: store.rows('members'),
    incomes: store.rows('incomes'),
    visits: store.rows('visits'),
    measures: store.rows('measures'),
    workRecords: store.rows('workRecords'),
    villages: store.rows('villages'),
    groups: store.rows('groups'),
    assignments: store.rows('assignments'),
    villageIndicators: store.rows('villageIndicators'),
    problems: store.rows('problems'),
    county: store.setting(settingKeys.county),
  };
}

/**
 * What the rules read for some households: their own records, plus the other households and members that share
 * a phone or an ID number with them (so duplicates are still found). Cheap enough to run after every edit.
 */
function loadHouseholds(store: Store, householdIds: readonly number[]): CheckData {
  const households = store.rowsIn('households', 'id', householdIds);
  const members = store.rowsIn('members', 'householdId', householdIds);
  const idNumbers = members.flatMap((m) => {
    const base = parseIdNumber(m.idNumber).base;
    return base ? [base, String(m.idNumber)] : [];
  });
  const sharingId = store.rowsIn('members', 'idNumber', idNumbers).filter((m) => !householdIds.includes(Number(m.householdId)));
  const phones = households.map((h) => h.phone).filter((p): p is string => typeof p === 'string');
  const sharingPhone = store.rowsIn('households', 'phone', phones).filter((h) => !householdIds.includes(h.id));
  return {
    households: [...households, ...sharingPhone],
    members: [...members, ...sharingId],
    incomes: store.rowsIn('incomes', 'householdId', householdIds),
    visits: store.rowsIn('visits', 'householdId', householdIds),
    measures: store.rowsIn('measures', 'householdId', householdIds),
    workRecords: store.rowsIn('workRecords', 'memberId', ids(members)),
    villages: [],
    groups: [],
    assignments: store.rowsIn('assignments', 'groupId', ids(households, 'groupId')),
    villageIndicators: [],
    problems: [],
    county: store.setting(settingKeys.county),
  };
}

export interface CheckScope {
  /** Only these households (no village-level rules). */
  householdIds?: number[];
  year?: number;
}

export function check(store: Store, scope: CheckScope = {}): { profile: Profile; findings: Finding[] } {
  const profile = profileOf(store, scope.year ?? workYear(store));
  const data = scope.householdIds ? loadHouseholds(store, scope.householdIds) : loadAll(store);
  const findings = runChecks(data, profile, { householdIds: scope.householdIds, confirmations: confirmations(store) });
  return { profile, findings };
}
