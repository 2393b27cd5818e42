// Which households a write made worth checking again, so the register re-checks those instead of every household
// in view after each keystroke (at county scale, all of them took tens of seconds).
import type { ApplyResult } from '../shared/changes';
import type { Finding } from '../shared/rules/types';
import type { Row } from '../shared/tables';

/** Rules whose findings on one household depend on others (the same ID or phone elsewhere). */
export const crossHouseholdRules: ReadonlySet<string> = new Set(['member.duplicateId', 'household.sharedPhone']);

/**
 * The households to check again after a write that touched `touched`: those written, the household of every member
 * written (a member not in view belongs to the household in view), and those whose findings depend on others.
 * Null when only a full re-check will do: the write is unknown, or touched other tables.
 */
export function householdsToRecheck(
  touched: ApplyResult['touched'] | null,
  members: readonly Row[],
  currentHousehold: number | null,
  findings: readonly Finding[],
): Set<number> | null {
  if (!touched || Object.keys(touched).some((table) => table !== 'households' && table !== 'members')) return null;
  const ids = new Set<number>(touched.households ?? []);
  const householdOf = new Map(members.map((m) => [m.id, Number(m.householdId)]));
  for (const memberId of touched.members ?? []) {
    const household = householdOf.get(memberId) ?? currentHousehold;
    if (household === null) return null;
    ids.add(household);
  }
  for (const f of findings) if (crossHouseholdRules.has(f.ruleId) && f.householdId !== null) ids.add(f.householdId);
  return ids;
}

/** Findings after a partial re-check: those of the re-checked households replaced. */
export function mergeFindings(previous: readonly Finding[], rechecked: ReadonlySet<number>, fresh: readonly Finding[]): Finding[] {
  return [...previous.filter((f) => f.householdId === null || !rechecked.has(f.householdId)), ...fresh];
}
