// Which households a write made worth checking again, so the register re-checks those instead of every household
// in view after each keystroke (at county scale, all of them took tens of seconds).
import type { ApplyResult } from '../shared/changes';
import type { Finding } from '../shared/rules/types';
import type { Row } from '../shared/tables';

/** Rules whose findings on one household depend on others (the same ID or phone elsewhere). */
export const crossHouseholdRules: ReadonlySet<string> = new Set(['member.duplicateId', 'household.sharedPhone']);

/**
 * The households a write touched: those written, and the household of every member written (a member not in view
 * belongs to the household in view). Null when that is not known: a write whose rows are unknown, or a member of
 * no household in view.
 */
export function householdsTouched(touched: ApplyResult['touched'] | null, members: readonly Row[], currentHousehold: number | null): Set<number> | null {
  if (!touched) return null;
  const ids = new Set<number>(touched.households ?? []);
  const householdOf = new Map(members.map((m) => [m.id, Number(m.householdId)]));
  for (const memberId of touched.members ?? []) {
    const household = householdOf.get(memberId) ?? currentHousehold;
    if (household === null) return null;
    ids.add(household);
  }
  return ids;
}

/**
 * The households to check again after a write that touched `touched`: those it touched, and those whose findings
 * depend on others. Null when only a full re-check will do: the write is unknown, or touched other tables.
 */
export function householdsToRecheck(
  touched: ApplyResult['touched'] | null,
  members: readonly Row[],
  currentHousehold: number | null,
  findings: readonly Finding[],
): Set<number> | null {
  if (!touched || Object.keys(touched).some((table) => table !== 'households' && table !== 'members')) return null;
  const ids = householdsTouched(touched, members, currentHousehold);
  if (!ids) return null;
  for (const f of findings) if (crossHouseholdRules.has(f.ruleId) && f.householdId !== null) ids.add(f.householdId);
  return ids;
}

/**
 * The households of the rows of a household table (income, 务工 …) a write touched, looked up in `rows` (before and
 * after the write). Null when a full re-check is needed: the write is unknown, touched other tables or rows not
 * among `rows`. Rules about one household read only its own records, so these are all that can change.
 */
export function householdsOfRows(touched: ApplyResult['touched'] | null, table: string, rows: readonly Row[]): Set<number> | null {
  if (!touched || Object.keys(touched).some((t) => t !== table)) return null;
  const householdOf = new Map(rows.map((r) => [r.id, Number(r.householdId)]));
  const ids = new Set<number>();
  for (const id of touched[table as keyof typeof touched] ?? []) {
    const household = householdOf.get(id);
    if (household === undefined || !Number.isInteger(household)) return null;
    ids.add(household);
  }
  return ids;
}

/** Findings after a partial re-check: those of the re-checked households replaced. */
export function mergeFindings(previous: readonly Finding[], rechecked: ReadonlySet<number>, fresh: readonly Finding[]): Finding[] {
  return [...previous.filter((f) => f.householdId === null || !rechecked.has(f.householdId)), ...fresh];
}
