// The block of cells a clerk chose, as in a spreadsheet: from an anchor cell to an end cell, over the rows and
// columns as displayed (filtered, sorted, moved). The focused cell alone is the block when nothing is chosen.
import type { Column, GridApi, IRowNode } from 'ag-grid-community';

export interface CellPos {
  rowIndex: number;
  colId: string;
}

export interface CellRange {
  anchor: CellPos;
  end: CellPos;
}

/** A range as displayed rows top…bottom and the displayed columns between its two ends. */
export interface Block {
  top: number;
  bottom: number;
  columns: Column[];
}

/** Columns a range can span: every displayed column but the row-selection checkboxes. */
export const rangeColumns = (api: GridApi): Column[] => api.getAllDisplayedColumns().filter((c) => !c.getColId().startsWith('ag-Grid-'));

export function blockOf(api: GridApi, range: CellRange): Block | null {
  const columns = rangeColumns(api);
  const a = columns.findIndex((c) => c.getColId() === range.anchor.colId);
  const b = columns.findIndex((c) => c.getColId() === range.end.colId);
  if (a < 0 || b < 0) return null;
  return {
    top: Math.min(range.anchor.rowIndex, range.end.rowIndex),
    bottom: Math.max(range.anchor.rowIndex, range.end.rowIndex),
    columns: columns.slice(Math.min(a, b), Math.max(a, b) + 1),
  };
}

/** The chosen range, else the focused cell; null when the grid has no focused cell. */
export function targetBlock(api: GridApi, range: CellRange | null): Block | null {
  const chosen = range && blockOf(api, range);
  if (chosen) return chosen;
  const cell = api.getFocusedCell();
  return cell ? blockOf(api, { anchor: { rowIndex: cell.rowIndex, colId: cell.column.getColId() }, end: { rowIndex: cell.rowIndex, colId: cell.column.getColId() } }) : null;
}

/** The cell one step from `from` in the direction of an arrow key, kept inside the grid. */
export function step(api: GridApi, from: CellPos, key: string): CellPos {
  const columns = rangeColumns(api);
  const col = columns.findIndex((c) => c.getColId() === from.colId);
  const rows = api.getDisplayedRowCount();
  const clamp = (n: number, max: number) => Math.min(Math.max(n, 0), max);
  if (key === 'ArrowUp' || key === 'ArrowDown') return { ...from, rowIndex: clamp(from.rowIndex + (key === 'ArrowDown' ? 1 : -1), rows - 1) };
  const next = columns[clamp(col + (key === 'ArrowRight' ? 1 : -1), columns.length - 1)];
  return { ...from, colId: next?.getColId() ?? from.colId };
}

/** How a cell is drawn in a range of more than one cell: inside it, and on which of its edges. */
export interface RangeMarks {
  inside: boolean;
  top: boolean;
  bottom: boolean;
  left: boolean;
  right: boolean;
}

/** The marks of every cell, read by the cells' class rules; recomputed when the range changes. */
export function rangeMarker(block: Block | null): (colId: string | undefined, rowIndex: number | null | undefined) => RangeMarks | null {
  if (!block || (block.top === block.bottom && block.columns.length === 1)) return () => null;
  const ids = block.columns.map((c) => c.getColId());
  const first = ids[0];
  const last = ids[ids.length - 1];
  const set = new Set(ids);
  return (colId, rowIndex) => {
    if (!colId || rowIndex == null || !set.has(colId) || rowIndex < block.top || rowIndex > block.bottom) return null;
    return { inside: true, top: rowIndex === block.top, bottom: rowIndex === block.bottom, left: colId === first, right: colId === last };
  };
}

/**
 * Draws every drawn cell again (marks of findings or of a range changed) — but not the row being edited: drawn
 * again, its editor would start over and lose what the clerk is typing. Only the rows drawn are named: naming every
 * row shown (a county's 100,000) took 10–30 ms after every write while the clerk keyed the next cell.
 */
export function redrawCells(api: GridApi): void {
  const editing = api.getEditingCells()[0];
  if (!editing) {
    api.refreshCells({ force: true });
    return;
  }
  const rowNodes: IRowNode[] = api.getRenderedNodes().filter((node) => node.rowIndex !== editing.rowIndex);
  api.refreshCells({ force: true, rowNodes });
}
