// What clerks do in Excel/WPS, on top of AG Grid Community (which has no range selection or clipboard of its own):
// paste a block (Ctrl+V), copy a cell or a column range (Ctrl+C), fill down (Ctrl+D), clear (Delete), and a vertical range of one
// column chosen with Shift+Click or Shift+↑/↓. Every write is ONE change set built in src/shared/commands.ts.
import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { clearCells, fillCells, pasteCells, type CellUpdate } from '../../shared/commands';
import { dropTyped, ENTER, isTyped, keepTyped } from './typeAhead';
import { tableSpec, type CellValue, type Row, type TableName } from '../../shared/tables';
import { formatTsv, isBlock, parseTsv } from '../../shared/tsv';
import type { ApplyResult, ChangeSet } from '../../shared/changes';
import type { RefChoices } from './columns';

/** Keys that move the focus elsewhere, leaving a chosen range. */
const navigationKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter', 'PageUp', 'PageDown', 'Home', 'End', 'Escape']);

/** A vertical range of cells in one column, between two displayed row indexes (either order). */
export interface CellRange {
  colId: string;
  anchor: number;
  end: number;
}

export const rangeRows = (range: CellRange): [number, number] => [Math.min(range.anchor, range.end), Math.max(range.anchor, range.end)];

export const inRange = (range: CellRange | null | undefined, colId: string | undefined, rowIndex: number | null | undefined): boolean => {
  if (!range || range.colId !== colId || rowIndex == null || range.anchor === range.end) return false;
  const [first, last] = rangeRows(range);
  return rowIndex >= first && rowIndex <= last;
};

interface SheetOptions<R extends Row> {
  table: TableName;
  box: RefObject<HTMLDivElement | null>;
  grid: RefObject<GridApi<R> | null>;
  refs?: Partial<Record<string, RefChoices>>;
  apply(set: ChangeSet): Promise<ApplyResult | null>;
  notify(text: string): void;
}

/** The id a pasted name of a ref column stands for (among the row's choices first), else the text as pasted. */
function refValue(choices: RefChoices | undefined, row: Row, text: string): CellValue {
  if (!choices || !text.trim()) return text;
  const named = (ids: Iterable<number>) => [...ids].find((id) => choices.names.get(id) === text.trim());
  return named(choices.options(row)) ?? named(choices.names.keys()) ?? text;
}

export function useSheet<R extends Row>({ table, box, grid, refs, apply, notify }: SheetOptions<R>) {
  const rangeRef = useRef<CellRange | null>(null);
  const fields = new Set(tableSpec(table).columns.map((c) => c.key));
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const refsRef = useRef(refs);
  refsRef.current = refs;

  // The highlight reads the range when cells are refreshed (a cell class rule), so no render is needed.
  const select = useCallback(
    (next: CellRange | null) => {
      const previous = rangeRef.current;
      rangeRef.current = next;
      const columns = [...new Set([previous?.colId, next?.colId].filter((c): c is string => !!c))];
      grid.current?.refreshCells({ columns, force: true });
    },
    [grid],
  );

  /** The column's field when clerks may write its cells in this row; undefined for derived or read-only ones. */
  const writable = (column: Column | undefined, node: IRowNode<R>): string | undefined => {
    const field = column?.getColDef().field;
    return column && field && fieldsRef.current.has(field) && column.isCellEditable(node) ? field : undefined;
  };

  const paste = useCallback(
    async (api: GridApi<R>, start: { rowIndex: number; colId: string }, text: string) => {
      const block = parseTsv(text);
      const columns = api.getAllDisplayedColumns();
      const first = columns.findIndex((c) => c.getColId() === start.colId);
      if (!block.length || first < 0) return;
      const updates: CellUpdate[] = [];
      let skipped = 0;
      let rowsLeft = 0;
      for (const [r, cells] of block.entries()) {
        const node = api.getDisplayedRowAtIndex(start.rowIndex + r);
        if (!node?.data) {
          rowsLeft = block.length - r;
          break;
        }
        for (const [c, cell] of cells.entries()) {
          const column = columns[first + c];
          const field = writable(column, node);
          if (!field) {
            skipped++;
            continue;
          }
          const choices = refsRef.current?.[field];
          updates.push({ row: node.data, field, value: choices ? refValue(choices, node.data, cell) : cell });
        }
      }
      if (!updates.length) {
        notify('没有可以粘贴的单元格（只读的列不能粘贴）');
        return;
      }
      const result = await apply(pasteCells(table, updates));
      if (!result) return;
      const notes = [
        skipped ? `${skipped} 个单元格落在只读的列或表格右侧，未粘贴` : '',
        rowsLeft ? `超出最后一行的 ${rowsLeft} 行未粘贴` : '',
      ].filter(Boolean);
      if (notes.length) notify(`已粘贴 ${updates.length} 个单元格；${notes.join('；')}`);
    },
    [apply, notify, table],
  );

  /** Delete: the focused cell, or the chosen range of its column, emptied as one change set. */
  const clear = useCallback(
    async (api: GridApi<R>, at: { rowIndex: number; colId: string }) => {
      const current = rangeRef.current;
      const [first, last] = current && current.colId === at.colId ? rangeRows(current) : [at.rowIndex, at.rowIndex];
      const column = api.getColumn(at.colId) ?? undefined;
      const field = column?.getColDef().field;
      const targets: R[] = [];
      for (let i = first; i <= last; i++) {
        const node = api.getDisplayedRowAtIndex(i);
        if (node?.data && writable(column, node) && node.data[field ?? ''] != null) targets.push(node.data);
      }
      if (field && targets.length) await apply(clearCells(table, targets, field));
    },
    [apply, table],
  );

  const fill = useCallback(
    async (api: GridApi<R>, at: { rowIndex: number; colId: string }) => {
      const current = rangeRef.current;
      const [first, last] = current && current.colId === at.colId && current.anchor !== current.end ? rangeRows(current) : [at.rowIndex - 1, at.rowIndex];
      if (first < 0) {
        notify('第一行上方没有可以向下填充的值');
        return;
      }
      const source = api.getDisplayedRowAtIndex(first);
      const column = api.getColumn(at.colId) ?? undefined;
      const targets: R[] = [];
      for (let i = first + 1; i <= last; i++) {
        const node = api.getDisplayedRowAtIndex(i);
        if (node?.data && writable(column, node)) targets.push(node.data);
      }
      const field = column?.getColDef().field;
      if (!source?.data || !field || !targets.length) {
        notify('这一列不能填充（只读的列）');
        return;
      }
      await apply(fillCells(table, targets, field, source.data[field] ?? null));
    },
    [apply, notify, table],
  );

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const onPaste = (event: ClipboardEvent) => {
      const api = grid.current;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (!api || !text) return;
      const editing = api.getEditingCells()[0];
      let start: { rowIndex: number; colId: string } | null;
      if (editing) {
        // One value pasted into an editor is typed text; a block is cells, pasted from the cell being edited.
        if (!isBlock(text) || !editing.column) return;
        start = { rowIndex: editing.rowIndex, colId: editing.column.getColId() };
        api.stopEditing(true);
      } else {
        const cell = api.getFocusedCell();
        start = cell ? { rowIndex: cell.rowIndex, colId: cell.column.getColId() } : null;
      }
      if (!start) return;
      event.preventDefault();
      void paste(api, start, text);
    };
    const onCopy = (event: ClipboardEvent) => {
      const api = grid.current;
      const cell = api?.getFocusedCell();
      if (!api || !cell || api.getEditingCells().length || !event.clipboardData) return;
      const colId = cell.column.getColId();
      const current = rangeRef.current;
      const [first, last] = current && current.colId === colId ? rangeRows(current) : [cell.rowIndex, cell.rowIndex];
      const lines: string[][] = [];
      for (let i = first; i <= last; i++) {
        const node = api.getDisplayedRowAtIndex(i);
        if (node) lines.push([String(api.getCellValue({ rowNode: node, colKey: colId, useFormatter: true }) ?? '')]);
      }
      event.clipboardData.setData('text/plain', formatTsv(lines));
      event.preventDefault();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const api = grid.current;
      const cell = api?.getFocusedCell();
      // An editor is opening but has not taken the focus yet: what is typed now is kept for it (see typeAhead.ts).
      const inField = event.target instanceof HTMLElement && ['INPUT', 'TEXTAREA'].includes(event.target.tagName);
      // Only the vocabulary editors take such keys over (the grid's own text editor would lose them here).
      const editing = api?.getEditingCells()[0];
      const params = editing?.column?.getColDef().cellEditorParams as unknown;
      const takesTypedAhead = !!params && typeof params === 'object' && 'vocab' in params;
      if (editing && takesTypedAhead && !inField && (isTyped(event) || event.key === 'Enter')) {
        event.preventDefault();
        event.stopPropagation();
        keepTyped(event.key === 'Enter' ? ENTER : event.key);
        return;
      }
      if (!inField && isTyped(event)) dropTyped();
      if (!api || !cell || api.getEditingCells().length) return;
      const colId = cell.column.getColId();
      if (event.shiftKey && !event.ctrlKey && !event.metaKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        event.preventDefault();
        event.stopPropagation();
        const current = rangeRef.current?.colId === colId ? rangeRef.current : null;
        const from = current ? current.end : cell.rowIndex;
        const end = Math.min(Math.max(from + (event.key === 'ArrowDown' ? 1 : -1), 0), api.getDisplayedRowCount() - 1);
        select({ colId, anchor: current ? current.anchor : cell.rowIndex, end });
        api.ensureIndexVisible(end);
        api.setFocusedCell(end, colId);
      } else if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'd') {
        event.preventDefault();
        event.stopPropagation();
        void fill(api, { rowIndex: cell.rowIndex, colId });
      } else if (event.key === 'Delete' && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        event.stopPropagation();
        void clear(api, { rowIndex: cell.rowIndex, colId });
      } else if (navigationKeys.has(event.key) && rangeRef.current) select(null);
    };
    // Shift+Click extends a range from the focused cell (or the range's start) in the same column; a click leaves it.
    const onPointerDown = (event: PointerEvent) => {
      const api = grid.current;
      const target = event.target instanceof Element ? event.target.closest('.ag-cell') : null;
      const colId = target?.getAttribute('col-id');
      const rowIndex = Number(target?.closest('.ag-row')?.getAttribute('row-index'));
      const cell = api?.getFocusedCell();
      if (!event.shiftKey || !api || !colId || !Number.isInteger(rowIndex) || !cell || api.getEditingCells().length) {
        if (target && rangeRef.current) select(null);
        return;
      }
      const current = rangeRef.current?.colId === colId ? rangeRef.current : null;
      if (current) select({ ...current, end: rowIndex });
      else if (cell.column.getColId() === colId) select({ colId, anchor: cell.rowIndex, end: rowIndex });
      else select(null);
    };
    element.addEventListener('paste', onPaste);
    element.addEventListener('copy', onCopy);
    element.addEventListener('keydown', onKeyDown, true);
    element.addEventListener('pointerdown', onPointerDown, true);
    return () => {
      element.removeEventListener('paste', onPaste);
      element.removeEventListener('copy', onCopy);
      element.removeEventListener('keydown', onKeyDown, true);
      element.removeEventListener('pointerdown', onPointerDown, true);
    };
  }, [box, grid, paste, fill, clear, select]);

  /** Whether a cell is in the chosen range, for its class rule. */
  const isInRange = useCallback((colId: string | undefined, rowIndex: number | null | undefined) => inRange(rangeRef.current, colId, rowIndex), []);

  return { isInRange };
}
