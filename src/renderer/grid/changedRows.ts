// Which rows changed between two lists of a grid's rows. A page patches the rows a write touched (useRows) and keeps
// the others as they were, the same objects: handing AG Grid the whole new list made it compare every row by id and
// refresh its whole model — 70–80 ms after every keystroke in a county's register; giving the few changed rows their
// new data takes a few.

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
