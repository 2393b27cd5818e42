// What clerks do in Excel/WPS, on top of AG Grid Community (which has no range selection or clipboard of its own):
// choose a block of cells (drag, Shift+Click, Shift+arrows, Ctrl+A), copy it as TSV and HTML (Ctrl+C), paste a block
// from Excel/WPS as TSV or HTML (Ctrl+V), fill down and right (Ctrl+D, Ctrl+R), clear (Delete), add a row
// (Ctrl+Enter). Copy and paste go through the browser's clipboard events, so they work in Electron and a browser
// alike. Every write is ONE change set built in src/shared/commands.ts; cells that cannot be stored are left as they
// were and listed with the reason.
import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { clearCells, fillCells, pasteCells, refusedCells, type CellUpdate } from '../../shared/commands';
import { dropTyped, holdKey, holdWhileClosing, isHeld, isTyped, typeHeldInto } from './typeAhead';
import { columnSpec, tableSpec, type CellValue, type Row, type TableName } from '../../shared/tables';
import { formatHtmlTable, formatTsv, parseHtmlTable, parseTsv } from '../../shared/tsv';
import type { ApplyResult, ChangeSet } from '../../shared/changes';
import type { RefChoices } from './columns';
import { blockOf, rangeColumns, rangeMarker, redrawCells, step, targetBlock, type Block, type CellPos, type CellRange } from './range';

/** Keys that move the focus elsewhere, leaving a chosen range. */
const navigationKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter', 'PageUp', 'PageDown', 'Home', 'End', 'Escape']);
const arrows = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

/** How many refused cells a message lists by name; the rest are counted. */
const LISTED = 5;

export type Notify = (text: string, kind?: 'info' | 'error') => void;

interface SheetOptions<R extends Row> {
  table: TableName;
  box: RefObject<HTMLDivElement | null>;
  grid: RefObject<GridApi<R> | null>;
  refs?: Partial<Record<string, RefChoices>>;
  apply(set: ChangeSet): Promise<ApplyResult | null>;
  notify: Notify;
  /** Ctrl+Enter and 在下方插入行: the page adds a row (and focuses it); absent where the grid cannot add rows. */
  onAddRow?: () => void;
  /** 删除行 of the menu: the page deletes these rows (asking first); absent where the grid cannot delete rows. */
  onDeleteRows?: (rows: R[]) => void;
  /** Right-click on a cell: where to open the menu. */
  onMenu(at: { x: number; y: number }): void;
}

/** The id a pasted name of a ref column stands for (among the row's choices first), else the text as pasted. */
function refValue(choices: RefChoices | undefined, row: Row, text: string): CellValue {
  if (!choices || !text.trim()) return text;
  const named = (ids: Iterable<number>) => [...ids].find((id) => choices.names.get(id) === text.trim());
  return named(choices.options(row)) ?? named(choices.names.keys()) ?? text;
}

const cellAt = (target: EventTarget | null): CellPos | null => {
  const element = target instanceof Element ? target.closest('.ag-cell') : null;
  const colId = element?.getAttribute('col-id');
  const rowIndex = Number(element?.closest('.ag-row')?.getAttribute('row-index'));
  return colId && Number.isInteger(rowIndex) ? { rowIndex, colId } : null;
};

/**
 * Whether a key goes to an editor that has the focus: a text field, or the grid's drop-down (the select editor of a
 * reference column, whose list takes ↑/↓ and Enter) — not the cell of an editor still opening.
 */
const inEditor = (target: EventTarget | null) =>
  target instanceof HTMLElement && (['INPUT', 'TEXTAREA'].includes(target.tagName) || !!target.closest('.ag-cell-edit-wrapper .ag-picker-field-wrapper, .ag-select-list'));

const same = (a: CellPos, b: CellPos) => a.rowIndex === b.rowIndex && a.colId === b.colId;

/** A column whose cells are numbers (right-aligned): copied as numbers, summed in the status bar. */
export const isNumberColumn = (column: Column) => [column.getColDef().type].flat().includes('rightAligned');

export function useSheet<R extends Row>({ table, box, grid, refs, apply, notify, onAddRow, onDeleteRows, onMenu }: SheetOptions<R>) {
  const rangeRef = useRef<CellRange | null>(null);
  const [block, setBlock] = useState<Block | null>(null);
  const markerRef = useRef(rangeMarker(null));
  const fieldsRef = useRef(new Set<string>());
  fieldsRef.current = new Set(tableSpec(table).columns.map((c) => c.key));
  const latest = useRef({ refs, onAddRow, onDeleteRows, onMenu });
  latest.current = { refs, onAddRow, onDeleteRows, onMenu };

  /** The chosen range (null: none); the cells redraw their marks from it, no React render needed for that. */
  const select = useCallback(
    (next: CellRange | null) => {
      const api = grid.current;
      const had = !!rangeRef.current;
      rangeRef.current = next;
      const chosen = api && next ? blockOf(api as GridApi, next) : null;
      markerRef.current = rangeMarker(chosen);
      if (api && (had || next)) redrawCells(api as GridApi);
      setBlock(chosen);
    },
    [grid],
  );

  /** The column's field when clerks may write its cells in this row; undefined for derived or read-only ones. */
  const writable = (column: Column | undefined, node: IRowNode<R>): string | undefined => {
    const field = column?.getColDef().field;
    return column && field && fieldsRef.current.has(field) && column.isCellEditable(node) ? field : undefined;
  };

  /** Applies cells as one change set, leaving out and listing those that cannot be stored. */
  const write = useCallback(
    async (updates: CellUpdate[], build: (accepted: CellUpdate[]) => ChangeSet, rowNo: Map<number, number>, notes: string[]) => {
      const refused = refusedCells(table, updates);
      const set = build(updates);
      const written = set.changes.length && set.changes.every((c) => c.op !== 'update' || c.rows.length);
      const result = written ? await apply(set) : null;
      if (written && !result) return;
      const reasons = refused.slice(0, LISTED).map((c) => `第 ${(rowNo.get(c.row.id) ?? 0) + 1} 行${c.reason}`);
      const more = refused.length > LISTED ? `等 ${refused.length} 个` : '';
      const said = [...notes, refused.length ? `${reasons.join('；')}${more}，这些单元格未改动` : ''].filter(Boolean);
      if (!written) notify(said.length ? said.join('；') : '没有可以改动的单元格（只读的列不能改动）', 'error');
      else if (said.length) notify(`${set.label.replace(/^(\D+) (\d+) 个单元格$/, '已$1 $2 个单元格')}；${said.join('；')}`, refused.length ? 'error' : 'info');
    },
    [apply, notify, table],
  );

  /** A pasted block from the range's top-left cell; one value pasted into a range of several cells fills it. */
  const pasteBlock = useCallback(
    async (api: GridApi<R>, cells: string[][]) => {
      const target = targetBlock(api as GridApi, rangeRef.current);
      if (!cells.length || !target) return;
      const columns = rangeColumns(api as GridApi);
      const first = columns.indexOf(target.columns[0]!);
      const notes: string[] = [];
      let rows = cells;
      // A whole sheet pasted with its header row: the header is not data.
      const labels = (c: Column | undefined) => [c?.getColDef().headerName?.replace(/ \*$/, ''), c?.getColDef().field];
      if (rows.length > 1 && rows[0]!.filter((text, c) => text && labels(columns[first + c]).includes(text.trim())).length >= 2) {
        rows = rows.slice(1);
        notes.push('第一行是表头，未粘贴');
      }
      const single = rows.length === 1 && rows[0]!.length === 1;
      const height = single ? target.bottom - target.top + 1 : rows.length;
      const width = single ? target.columns.length : Math.max(...rows.map((r) => r.length));
      const updates: CellUpdate[] = [];
      const rowNo = new Map<number, number>();
      let readOnly = 0;
      let rowsLeft = 0;
      for (let r = 0; r < height; r++) {
        const node = api.getDisplayedRowAtIndex(target.top + r);
        if (!node?.data) {
          rowsLeft = height - r;
          break;
        }
        rowNo.set(node.data.id, target.top + r);
        const line = single ? [] : rows[r]!;
        for (let c = 0; c < (single ? width : line.length); c++) {
          const text = single ? rows[0]![0]! : line[c]!;
          const field = writable(columns[first + c], node);
          if (!field) {
            readOnly++;
            continue;
          }
          const choices = latest.current.refs?.[field];
          updates.push({ row: node.data, field, value: choices ? refValue(choices, node.data, text) : text });
        }
      }
      if (readOnly) notes.push(`${readOnly} 个单元格落在只读的列或表格右侧，未粘贴`);
      if (rowsLeft) notes.push(`超出最后一行的 ${rowsLeft} 行未粘贴`);
      await write(updates, (u) => pasteCells(table, u), rowNo, notes);
    },
    [table, write],
  );

  /** Ctrl+D / Ctrl+R: the first row (column) of the range into the others; a single row (column) takes the one above (left). */
  const fill = useCallback(
    async (direction: 'down' | 'right') => {
      const api = grid.current;
      const target = api && targetBlock(api as GridApi, rangeRef.current);
      if (!api || !target) return;
      const all = rangeColumns(api as GridApi);
      const down = direction === 'down';
      const fromAbove = down && target.top === target.bottom;
      const fromLeft = !down && target.columns.length === 1;
      const sourceRow = fromAbove ? target.top - 1 : target.top;
      const sourceColumn = fromLeft ? all[all.indexOf(target.columns[0]!) - 1] : target.columns[0];
      if (sourceRow < 0 || !sourceColumn) {
        notify(down ? '第一行上方没有可以向下填充的值' : '第一列左侧没有可以向右填充的值', 'error');
        return;
      }
      const updates: CellUpdate[] = [];
      const rowNo = new Map<number, number>();
      const valueAt = (node: IRowNode<R>, column: Column) => (api.getCellValue({ rowNode: node, colKey: column }) ?? null) as CellValue;
      for (let i = target.top; i <= target.bottom; i++) {
        const node = api.getDisplayedRowAtIndex(i);
        if (!node?.data || (down && i === sourceRow)) continue;
        rowNo.set(node.data.id, i);
        const source = down ? api.getDisplayedRowAtIndex(sourceRow) : node;
        for (const column of target.columns) {
          if (!down && !fromLeft && column === sourceColumn) continue;
          const field = writable(column, node);
          if (field && source) updates.push({ row: node.data, field, value: valueAt(source, down ? column : sourceColumn) });
        }
      }
      await write(updates, (u) => fillCells(table, u, direction), rowNo, []);
    },
    [grid, notify, table, write],
  );

  /** Delete / 清除内容: the range's writable cells that hold a value, emptied as one change set. */
  const clear = useCallback(async () => {
    const api = grid.current;
    const target = api && targetBlock(api as GridApi, rangeRef.current);
    if (!api || !target) return;
    const cells: Omit<CellUpdate, 'value'>[] = [];
    // A column that cannot be empty (the 户 of a record, the 行政村 of a household) is left out, not the whole clear.
    const kept = new Set<string>();
    for (let i = target.top; i <= target.bottom; i++) {
      const node = api.getDisplayedRowAtIndex(i);
      if (!node?.data) continue;
      for (const column of target.columns) {
        const field = writable(column, node);
        if (!field || node.data[field] == null) continue;
        const spec = columnSpec(table, field);
        if (spec?.notNull) kept.add(spec.label);
        else cells.push({ row: node.data, field });
      }
    }
    const note = kept.size ? `「${[...kept].join('」「')}」不能为空，未清除` : '';
    if (cells.length && !(await apply(clearCells(table, cells)))) return;
    if (note) notify(cells.length ? `已清除 ${cells.length} 个单元格；${note}` : note, cells.length ? 'info' : 'error');
  }, [apply, grid, notify, table]);

  /** The rows of the range (or of the focused cell), for 删除行. */
  const rowsOfRange = useCallback((): R[] => {
    const api = grid.current;
    const target = api && targetBlock(api as GridApi, rangeRef.current);
    const rows: R[] = [];
    for (let i = target?.top ?? 0; target && i <= target.bottom; i++) {
      const data = api.getDisplayedRowAtIndex(i)?.data;
      if (data) rows.push(data);
    }
    return rows;
  }, [grid]);

  /** The range as a clipboard block: TSV, and an HTML table in which text (IDs) stays text in Excel/WPS. */
  const clipboardOf = useCallback((api: GridApi<R>): { tsv: string; html: string } | null => {
    const target = targetBlock(api as GridApi, rangeRef.current);
    if (!target) return null;
    const lines: string[][] = [];
    for (let i = target.top; i <= target.bottom; i++) {
      const node = api.getDisplayedRowAtIndex(i);
      if (node) lines.push(target.columns.map((column) => String(api.getCellValue({ rowNode: node, colKey: column, useFormatter: true }) ?? '')));
    }
    return { tsv: formatTsv(lines), html: formatHtmlTable(lines, target.columns.map((c) => !isNumberColumn(c))) };
  }, []);

  /** Whether a clipboard or key event is this grid's: the focus is in it, outside its menu and editors' popups. */
  const owns = useCallback(() => {
    const active = document.activeElement;
    return !!box.current && !!active && box.current.contains(active) && !active.closest('.grid-menu');
  }, [box]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // Clipboard events go to the document's selection or body, not always to the focused cell: listen there.
    const onPaste = (event: ClipboardEvent) => {
      const api = grid.current;
      if (!api || !owns() || !event.clipboardData) return;
      const html = event.clipboardData.getData('text/html');
      const cells = (html && parseHtmlTable(html)) || parseTsv(event.clipboardData.getData('text/plain'));
      const isBlock = cells.length > 1 || (cells[0]?.length ?? 0) > 1;
      const editing = api.getEditingCells()[0];
      if (editing) {
        // One value pasted into an editor is typed text; a block is cells, pasted from the cell being edited.
        if (!isBlock || !editing.column) return;
        api.stopEditing(true);
        select(null);
        api.setFocusedCell(editing.rowIndex, editing.column.getColId());
      }
      event.preventDefault();
      if (!cells.length) notify('剪贴板是空的，没有可以粘贴的内容', 'error');
      else void pasteBlock(api, cells);
    };
    const onCopy = (event: ClipboardEvent) => {
      const api = grid.current;
      if (!api || !owns() || api.getEditingCells().length || !event.clipboardData) return;
      const copied = clipboardOf(api);
      if (!copied) return;
      event.clipboardData.setData('text/plain', copied.tsv);
      event.clipboardData.setData('text/html', copied.html);
      event.preventDefault();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.target instanceof Element && event.target.closest('.grid-menu')) return;
      const api = grid.current;
      const cell = api?.getFocusedCell();
      // An editor is opening but has not taken the focus yet: what is typed now — characters, Enter, arrows, Tab —
      // is held for it and for the grid after it, in order (see typeAhead.ts).
      const inField = inEditor(event.target);
      const editing = api?.getEditingCells()[0];
      if (editing && !inField) {
        if (isHeld(event)) holdKey(event);
        // An inline editor drawn while the focus stayed on its cell (the grid was busy) takes the focus now, with
        // the keys held for it; an input method then composes in it.
        const input = event.target instanceof Element ? event.target.closest('.ag-cell-inline-editing')?.querySelector<HTMLElement>('input, textarea') : null;
        input?.focus();
        if (isHeld(event)) return;
      }
      // Enter, Tab or Esc in an editor closes it: what is typed next waits until the grid has the focus again.
      const unmatched = (event.target as Element).closest?.('.vocab-editor[data-unmatched="true"]');
      const closes = event.key === 'Tab' || event.key === 'Escape' || (event.key === 'Enter' && !unmatched);
      if (editing && inField && closes && !(event.ctrlKey || event.metaKey)) holdWhileClosing(event.target as Element);
      if (!inField && isTyped(event)) dropTyped();
      const ctrl = event.ctrlKey || event.metaKey;
      const take = () => {
        event.preventDefault();
        event.stopPropagation();
      };
      if (!api || !cell) return;
      if (ctrl && event.key === 'Enter' && latest.current.onAddRow) {
        // Ctrl+Enter adds a row, also from inside an editor (whose value is kept first).
        take();
        if (editing) api.stopEditing();
        latest.current.onAddRow();
        return;
      }
      if (editing) return;
      const colId = cell.column.getColId();
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (event.shiftKey && !ctrl && arrows.has(event.key)) {
        take();
        const current = rangeRef.current ?? { anchor: { rowIndex: cell.rowIndex, colId }, end: { rowIndex: cell.rowIndex, colId } };
        const end = step(api as GridApi, current.end, event.key);
        select({ anchor: current.anchor, end });
        api.ensureIndexVisible(end.rowIndex);
        api.ensureColumnVisible(end.colId);
        api.setFocusedCell(end.rowIndex, end.colId);
      } else if (ctrl && !event.shiftKey && key === 'a') {
        take();
        const columns = rangeColumns(api as GridApi);
        const last = api.getDisplayedRowCount() - 1;
        if (last >= 0 && columns.length) select({ anchor: { rowIndex: 0, colId: columns[0]!.getColId() }, end: { rowIndex: last, colId: columns[columns.length - 1]!.getColId() } });
      } else if (ctrl && !event.shiftKey && (key === 'd' || key === 'r')) {
        take();
        void fill(key === 'd' ? 'down' : 'right');
      } else if (event.key === 'Delete' && !ctrl) {
        take();
        void clear();
      } else if (navigationKeys.has(event.key) && rangeRef.current) select(null);
    };
    // A press on a cell starts a range, dragging extends it; Shift+Click extends it from the focused cell.
    let dragFrom: CellPos | null = null;
    const onPointerDown = (event: PointerEvent) => {
      const api = grid.current;
      const at = cellAt(event.target);
      if (!api || !at || event.button !== 0) return;
      dragFrom = null;
      if (api.getEditingCells().length) return;
      const cell = api.getFocusedCell();
      if (event.shiftKey && cell) {
        select({ anchor: rangeRef.current?.anchor ?? { rowIndex: cell.rowIndex, colId: cell.column.getColId() }, end: at });
        return;
      }
      if (rangeRef.current) select(null);
      dragFrom = at;
    };
    const onPointerOver = (event: PointerEvent) => {
      const at = cellAt(event.target);
      if (!dragFrom || !at || !(event.buttons & 1)) return;
      const current = rangeRef.current;
      if (current ? !same(current.end, at) : !same(dragFrom, at)) select({ anchor: dragFrom, end: at });
    };
    const onPointerUp = () => {
      dragFrom = null;
    };
    const onContextMenu = (event: MouseEvent) => {
      const api = grid.current;
      const at = cellAt(event.target);
      if (!api || !at) return;
      event.preventDefault();
      // A right-click outside the range chooses the cell clicked, as in Excel.
      const marks = markerRef.current(at.colId, at.rowIndex);
      if (!marks) {
        select(null);
        api.setFocusedCell(at.rowIndex, at.colId);
      }
      latest.current.onMenu({ x: event.clientX, y: event.clientY });
    };
    // The grid's text editor took the focus: the keys held while it opened are typed into it — once the grid has
    // put the caret after the key that opened it (in the same task: no key can come in between).
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof HTMLElement && ['INPUT', 'TEXTAREA'].includes(target.tagName) && target.closest('.ag-cell') && !target.closest('.vocab-editor')) {
        queueMicrotask(() => document.activeElement === target && typeHeldInto(target));
      }
    };
    element.addEventListener('focusin', onFocusIn);
    document.addEventListener('paste', onPaste);
    document.addEventListener('copy', onCopy);
    element.addEventListener('keydown', onKeyDown, true);
    element.addEventListener('pointerdown', onPointerDown, true);
    element.addEventListener('pointerover', onPointerOver);
    window.addEventListener('pointerup', onPointerUp);
    element.addEventListener('contextmenu', onContextMenu);
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('copy', onCopy);
      element.removeEventListener('keydown', onKeyDown, true);
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('pointerdown', onPointerDown, true);
      element.removeEventListener('pointerover', onPointerOver);
      window.removeEventListener('pointerup', onPointerUp);
      element.removeEventListener('contextmenu', onContextMenu);
    };
  }, [box, grid, owns, pasteBlock, clipboardOf, fill, clear, select, notify]);

  /** The menu's 复制: the clipboard event path of Ctrl+C, from the focused cell. */
  const copyFromMenu = useCallback(() => {
    const api = grid.current;
    const cell = api?.getFocusedCell();
    if (api && cell) api.setFocusedCell(cell.rowIndex, cell.column.getColId());
    if (!document.execCommand('copy')) notify('无法写入剪贴板，请按 Ctrl+C 复制', 'error');
  }, [grid, notify]);

  /** The menu's 粘贴: the clipboard read through the browser (it may ask first); Ctrl+V needs no permission. */
  const pasteFromMenu = useCallback(async () => {
    const api = grid.current;
    if (!api) return;
    try {
      const [item] = await navigator.clipboard.read();
      const read = async (type: string) => (item?.types.includes(type) ? (await item.getType(type)).text() : '');
      const html = await read('text/html');
      const cells = (html && parseHtmlTable(html)) || parseTsv(await read('text/plain'));
      if (!cells.length) notify('剪贴板是空的，没有可以粘贴的内容', 'error');
      else await pasteBlock(api, cells);
    } catch {
      notify('浏览器不允许从菜单读取剪贴板，请按 Ctrl+V 粘贴', 'error');
    }
  }, [grid, notify, pasteBlock]);

  /** Whether (and how) a cell is drawn as part of the chosen range, for its class rules. */
  const marks = useCallback((colId: string | undefined, rowIndex: number | null | undefined) => markerRef.current(colId, rowIndex), []);

  return {
    marks,
    /** The chosen block of more than one cell, for the status bar; null when none. */
    block,
    actions: {
      copy: copyFromMenu,
      paste: () => void pasteFromMenu(),
      fillDown: () => void fill('down'),
      fillRight: () => void fill('right'),
      clear: () => void clear(),
      addRow: onAddRow,
      deleteRows: onDeleteRows ? () => onDeleteRows(rowsOfRange()) : undefined,
    },
  };
}

export type SheetActions = ReturnType<typeof useSheet>['actions'];
