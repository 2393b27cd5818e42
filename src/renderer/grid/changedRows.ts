// A list of a grid's rows patched with the rows a write touched (useRows), the others kept as they were, the same
// objects; and which rows changed between two such lists: handing AG Grid the whole new list made it compare every
// row by id and refresh its whole model — 70–80 ms after every keystroke in a county's register; giving the few
// changed rows their new data takes a few.

import type { Row } from '../../shared/tables';

/** Beyond this many changed rows the list is handed over whole (AG Grid compares it as quickly then). */
const CHANGED_LIMIT = 2000;

/**
 * The rows of `after` that are new objects for the same rows, when both lists hold the same rows in the same order;
 * null when rows were added, removed or reordered (the grid then takes the list whole, in its order) or too many
 * changed.
 */
export function changedRows<R extends Row>(before: readonly R[], after: readonly R[]): R[] | null {
  if (before.length !== after.length) return null;
  const changed: R[] = [];
  for (let i = 0; i < after.length; i++) {
    if (before[i] === after[i]) continue;
    if (before[i]!.id !== after[i]!.id || changed.length === CHANGED_LIMIT) return null;
    changed.push(after[i]!);
  }
  return changed;
}

/** Where the row `id` stands in `rows` in id order (as the api reads them), or -1. */
function indexOfId(rows: readonly { id: number }[], id: number): number {
  let [low, high] = [0, rows.length - 1];
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = rows[mid]!.id;
    if (at === id) return mid;
    if (at < id) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The rows with `fresh` in place of the rows of `ids`: changed ones replaced, gone ones dropped, new ones in id order. */
export function patchRows<T extends { id: number }>(rows: readonly T[], ids: ReadonlySet<number>, fresh: readonly T[]): T[] {
  // Rows that only changed are put where they stand, found by id: going through a county's 100,000 rows after
  // every keystroke took 5–15 ms.
  const places = fresh.length === ids.size ? fresh.map((r) => indexOfId(rows, r.id)) : [];
  if (places.length && places.every((at) => at >= 0)) {
    const patched = rows.slice();
    fresh.forEach((row, i) => (patched[places[i]!] = row));
    return patched;
  }
  const byId = new Map(fresh.map((r) => [r.id, r]));
  const kept: T[] = [];
  for (const row of rows) {
    if (!ids.has(row.id)) kept.push(row);
    else if (byId.has(row.id)) {
      kept.push(byId.get(row.id)!);
      byId.delete(row.id);
    }
  }
  if (!byId.size) return kept;
  return [...kept, ...byId.values()].sort((a, b) => a.id - b.id);
}
