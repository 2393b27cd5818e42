// A grid's columns as the clerk arranged them — pinned, widened, moved, hidden — kept on this PC per grid, so a
// reload or the next start shows them the same way. Only the arrangement is kept (no data) in the page's storage.
import type { ColumnState, GridApi } from 'ag-grid-community';

const keyOf = (grid: string) => `paicha.columns.${grid}`;

export function restoreColumns(api: GridApi, grid: string): void {
  try {
    const saved = localStorage.getItem(keyOf(grid));
    if (saved) api.applyColumnState({ state: JSON.parse(saved) as ColumnState[], applyOrder: true });
  } catch {
    // A damaged or foreign entry: the grid keeps its default arrangement.
    localStorage.removeItem(keyOf(grid));
  }
}

/** Whether a column event is the clerk's doing (a drag, the column menu), not the grid laying itself out. */
export const byClerk = (source: string) => source.startsWith('ui') || source === 'columnMenu' || source === 'contextMenu' || source === 'toolPanelUi';

export function saveColumns(api: GridApi, grid: string): void {
  // The sort is a view of the moment, not an arrangement: it is not kept.
  const state = api.getColumnState().map(({ colId, width, hide, pinned }) => ({ colId, width, hide, pinned }));
  localStorage.setItem(keyOf(grid), JSON.stringify(state));
}
