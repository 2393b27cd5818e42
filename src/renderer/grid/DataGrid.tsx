// A spreadsheet-style grid over rows of one dictionary table. Every edit becomes a change set through the
// workspace (the one write path); a refused edit shows its reason and the grid reloads what is stored.
// A range of cells, paste, copy, fill down and right and a right-click menu work as in Excel/WPS (sheet.ts); a
// status bar under the grid counts the rows shown, sums the chosen numbers and counts the findings in view.
import {
  type ColDef,
  type ColGroupDef,
  type GridApi,
  type RowSelectionOptions,
  type ValueSetterParams,
} from 'ag-grid-community';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { editCell } from '../../shared/commands';
import { tableSpec, type CellValue, type Row, type TableName } from '../../shared/tables';
import { isPartial } from '../useRows';
import { useWorkspace } from '../workspace';
import { checkColumn, columnDef, type GridContext, type RefChoices } from './columns';
import { emptyFindings, type FindingIndex } from './findings';
import { GridMenu } from './GridMenu';
import { GridStatus } from './GridStatus';
import { useSheet } from './sheet';
import { rangeColumns, redrawCells } from './range';
import { changedRows } from './changedRows';
import { byClerk, restoreColumns, saveColumns } from './columnState';
import { gridLocale, gridTheme } from './theme';


/** One empty list for absent props: a new [] on every render would rebuild the columns (and lose their widths). */
const NONE: never[] = [];

// The header's box ticks the rows shown (a filter's result, as a clerk means it), and only those are counted for its
// state after each filter — not a county's 100,000 rows every time.
const rowSelection: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false, selectAll: 'filtered' };
// Options given as objects are made once: a new object on a render would make the grid lay its columns out anew
// (dropping the clerk's widths), and the grid renders often (the status bar follows every change of rows).
// A column filter applies 200 ms after the last key typed into it (AG Grid waits 500 ms): at county scale a filter
// must show its rows within half a second.
const defaultColDef: ColDef = { sortable: true, filter: true, resizable: true, filterParams: { debounceMs: 200 } };
const selectionColumnDef = { pinned: 'left' as const, width: 44 };
/** The status bar takes the last line of the grid's box: the box keeps its height, so pages lay out as before. */
const containerStyle = { height: 'calc(100% - 26px)' };
const rowId = (p: { data: Row }) => String(p.data.id);

export interface DataGridProps<R extends Row> {
  table: TableName;
  rows: R[] | null;
  /** Dictionary columns to show, in order; default all but the ref columns named in `hidden`. */
  hidden?: string[];
  refs?: Partial<Record<string, RefChoices>>;
  /** Derived, read-only columns shown before the dictionary columns (e.g. 户主姓名). */
  derived?: ColDef<R>[];
  onSelectionChanged?: (rows: R[]) => void;
  onFocusRow?: (row: R) => void;
  /** A row to put the keyboard focus on as soon as it is shown (e.g. the row just added). */
  focusRequest?: FocusRequest | null;
  /** Findings of 数据核查 to mark, with a 核查 column in front; no marks when absent. */
  findings?: FindingIndex;
  /** Told how many rows are shown after the clerk's filters, whenever that changes. */
  onShownCount?: (shown: number) => void;
  /** Ctrl+Enter and the menu's 在下方插入行: the page adds a row (and asks for the focus on it). */
  onAddRow?: () => void;
  /** The menu's 删除行: the page deletes these rows (the range's, or the focused one's), asking first. */
  onDeleteRows?: (rows: R[]) => void;
  /** Dictionary columns of one group (工资性收入 …) under a heading of their own, as on the paper form. */
  groupHeaders?: boolean;
  /** Whether a dictionary cell may be written in this row (e.g. 务工收入 where 务工 records make it); default yes. */
  isEditable?: (row: R, field: string) => boolean;
  testId: string;
}

export interface FocusRequest {
  id: number;
  colId: string;
}

/** Runs of columns of one group put under a heading; the others stay as they are. */
function underGroups<R>(leaves: ColDef<R>[], groupOf: (field: string) => string | undefined): (ColDef<R> | ColGroupDef<R>)[] {
  const result: (ColDef<R> | ColGroupDef<R>)[] = [];
  for (const leaf of leaves) {
    const group = leaf.field ? groupOf(leaf.field) : undefined;
    const last = result[result.length - 1];
    if (group && last && 'children' in last && last.headerName === group) last.children.push(leaf);
    else if (group) result.push({ headerName: group, groupId: `${group}-${result.length}`, children: [leaf] });
    else result.push(leaf);
  }
  return result;
}

/**
 * Focuses the requested cell if its row is loaded; returns whether it was. A row scrolled into view is drawn a few
 * frames later, and the browser's focus can only go to a cell once it is drawn: the focus is set again until it is
 * there (otherwise the keys typed next would go to the button that added the row).
 */
function focusCell<R>(grid: GridApi<R> | null, request: FocusRequest, frames = 30): boolean {
  const node = grid?.getRowNode(String(request.id));
  if (!grid || grid.isDestroyed() || !node || node.rowIndex == null) return false;
  // The focus is there (or in the cell's editor: the clerk is already keying): setting it again would take it out
  // of the editor, and what the clerk types next would be lost.
  const there = () => {
    const active = document.activeElement?.closest('.ag-cell');
    return active?.getAttribute('col-id') === request.colId && active.closest('.ag-row')?.getAttribute('row-id') === String(request.id);
  };
  if (!there() && !grid.getEditingCells().length) {
    grid.ensureNodeVisible(node);
    grid.ensureColumnVisible(request.colId);
    grid.setFocusedCell(node.rowIndex, request.colId);
  }
  if (!there() && !grid.getEditingCells().length && frames > 0) requestAnimationFrame(() => focusCell(grid, request, frames - 1));
  return true;
}

/**
 * Puts the focus in the editor of the cell `from` once it is drawn: an input method composes where the focus is, and
 * on a busy PC the editor can be drawn after the focus went back to its cell.
 */
function focusEditor(from: EventTarget | null | undefined, frames = 30): void {
  const cell = from instanceof Element ? from.closest('.ag-cell') : null;
  const input = cell?.querySelector<HTMLElement>('input, textarea');
  if (input && !input.contains(document.activeElement)) input.focus();
  else if (cell && !input && frames > 0) requestAnimationFrame(() => focusEditor(cell, frames - 1));
}

export function DataGrid<R extends Row>(props: DataGridProps<R>) {
  const { table, rows, hidden = NONE, refs, derived = NONE as ColDef<R>[], focusRequest, findings, onAddRow, onDeleteRows, groupHeaders, isEditable, testId } = props;
  const { apply, notify, stepCell } = useWorkspace();
  const spec = tableSpec(table);
  const fields = useMemo(() => new Set(spec.columns.map((c) => c.key)), [spec]);
  /** The latest props and write path, for the grid's callbacks: made once, they never make AG Grid update its options. */
  const latest = useRef({ ...props, apply });
  latest.current = { ...props, apply };
  const saveTyped = useCallback((p: ValueSetterParams<R>) => {
    const field = p.colDef.field;
    // An empty field is absent from a row as the api sends it: undefined and null are both empty.
    const before = (p.oldValue ?? null) as CellValue;
    const after = (p.newValue ?? null) as CellValue;
    if (!field || !p.data || before === after) return false;
    const row: Row = { ...p.data, [field]: before };
    (p.data as Row)[field] = after;
    void latest.current.apply(editCell(latest.current.table, row, field, after));
    return true;
  }, []);
  const gridApi = useRef<GridApi<R> | null>(null);
  const pendingFocus = useRef<FocusRequest | null>(null);
  // The list AG Grid was given as its rowData, and the page's rows it stands for: a new list from the page in which
  // only some rows are new objects (a write patched them) gives just those rows their new data, where they stand
  // (AG Grid would refresh its whole model for a new list, or a transaction: 40–80 ms at county scale); a filter or
  // sort is applied to them at its next change. Rows added or removed: the grid takes the new list whole.
  const fed = useRef<{ rows: R[] | null; rowData: R[] | null; changed: R[] | null }>({ rows: null, rowData: null, changed: null });
  if (rows !== fed.current.rows) {
    const { rows: before, changed: waiting } = fed.current;
    // A second new list before the first one's rows were given: the grid takes the list whole.
    const changed = !waiting && gridApi.current && before && rows ? changedRows(before, rows) : null;
    fed.current = { rows, rowData: changed ? fed.current.rowData : rows, changed };
  }
  useEffect(() => {
    const { changed } = fed.current;
    fed.current.changed = null;
    const api = gridApi.current;
    if (!changed?.length || !api || api.isDestroyed()) return;
    for (const row of changed) api.getRowNode(String(row.id))?.setData(row);
    // The status bar sums the chosen cells again (the grid's model did not change, so it says nothing).
    setDataTick((t) => t + 1);
  }, [rows]);
  const box = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  /** Bumped when the rows shown change (a filter, new data): the status bar counts again. */
  const [shownTick, setShownTick] = useState(0);
  /** Bumped when rows got new values where they stand: the chosen cells are summed again, the rows shown are as they were. */
  const [dataTick, setDataTick] = useState(0);
  const sheet = useSheet<R>({
    table,
    box,
    grid: gridApi,
    refs,
    apply,
    notify: useCallback((text: string, kind: 'info' | 'error' = 'info') => notify({ kind, text }), [notify]),
    onAddRow,
    onDeleteRows,
    onMenu: setMenu,
  });
  const { marks } = sheet;
  const closeMenu = useCallback((refocus: boolean) => {
    setMenu(null);
    const cell = gridApi.current?.getFocusedCell();
    if (refocus && cell) gridApi.current?.setFocusedCell(cell.rowIndex, cell.column.getColId());
  }, []);

  // The row may arrive after the request (rows reload after every write): keep it until the row is shown.
  const requestFocus = useCallback((request: FocusRequest | null) => {
    pendingFocus.current = request;
    if (request && focusCell(gridApi.current, request)) pendingFocus.current = null;
  }, []);
  useEffect(() => requestFocus(focusRequest ?? null), [focusRequest, requestFocus]);
  // After an undo or redo, the grid showing the cell it changed goes there (its column, else the row's first).
  useEffect(() => {
    const api = gridApi.current;
    if (!stepCell || stepCell.table !== table || !api) return;
    const column = (stepCell.field && api.getColumn(stepCell.field)) || rangeColumns(api as GridApi)[0];
    if (column) requestFocus({ id: stepCell.rowId, colId: column.getColId() });
  }, [stepCell, table, requestFocus]);

  // What the cells' marks read: one object for the grid's life, its findings replaced as the page renders them. AG
  // Grid takes `context` at its start only: a new object given later reached it only after the refresh it was in the
  // middle of, so the cells drawn again meanwhile kept the old marks (a finding's cell not marked, while its row's
  // 核查 mark, the same either way, was right).
  const context = useRef<GridContext>({ findings: emptyFindings }).current;
  context.findings = findings ?? emptyFindings;
  // Marks follow the findings without rebuilding the grid.
  useEffect(() => {
    if (gridApi.current) redrawCells(gridApi.current as GridApi);
  }, [findings]);

  const columnDefs = useMemo<(ColDef<R> | ColGroupDef<R>)[]>(() => {
    const leaves = [
      ...(findings ? [checkColumn<R>()] : []),
      ...derived,
      ...spec.columns.filter((c) => !hidden.includes(c.key)).map((c) => columnDef(c, refs) as ColDef<R>),
    ].map((def): ColDef<R> => ({
      ...def,
      // The page's isEditable is read when asked (a new function on every render must not rebuild the columns).
      editable: def.editable === true && isEditable && def.field ? (p) => !p.data || latest.current.isEditable?.(p.data, def.field!) !== false : def.editable,
      // A dictionary cell typed in is saved as the edit ends (AG Grid tells onCellValueChanged only in a later
      // task, after what the page draws meanwhile: 20–60 ms on an office PC).
      valueSetter: def.field && fields.has(def.field) ? saveTyped : def.valueSetter,
      // The chosen range is drawn as in a spreadsheet: shaded, with a line around it.
      cellClassRules: {
        ...def.cellClassRules,
        'cell-range': (p) => !!marks(p.column.getColId(), p.node.rowIndex),
        'range-top': (p) => !!marks(p.column.getColId(), p.node.rowIndex)?.top,
        'range-bottom': (p) => !!marks(p.column.getColId(), p.node.rowIndex)?.bottom,
        'range-left': (p) => !!marks(p.column.getColId(), p.node.rowIndex)?.left,
        'range-right': (p) => !!marks(p.column.getColId(), p.node.rowIndex)?.right,
      },
    }));
    return groupHeaders ? underGroups(leaves, (field) => spec.columns.find((c) => c.key === field)?.group) : leaves;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec, hidden.join(','), refs, derived, !!findings, groupHeaders, !!isEditable]);

  // Made once: a new function in a prop on every render (the page renders after every write) makes AG Grid update
  // its options, 10–20 ms each time at county scale.
  const handlers = useMemo<AgGridReactProps<R>>(
    () => ({
      onCellKeyDown: (e) => {
        // A Chinese input method announces itself as key "Process": open the editor so the text lands in it.
        const key = (e.event as KeyboardEvent | null)?.key;
        if (!('column' in e) || key !== 'Process' || e.rowIndex == null) return;
        if (e.colDef.editable && !e.api.getEditingCells().length) {
          e.api.startEditingCell({ rowIndex: e.rowIndex, colKey: e.column.getColId() });
          focusEditor(e.event?.target);
        }
      },
      onSelectionChanged: (e) => latest.current.onSelectionChanged?.(e.api.getSelectedRows()),
      onCellFocused: (e) => {
        const onFocusRow = latest.current.onFocusRow;
        if (e.rowIndex == null || !onFocusRow) return;
        const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
        if (node?.data) onFocusRow(node.data);
      },
      onGridReady: (e) => (gridApi.current = e.api),
      // Each new set of column definitions (references loaded, findings shown) brings the default widths and pins
      // back: the clerk's arrangement goes on top of it again.
      onNewColumnsLoaded: (e) => restoreColumns(e.api as GridApi, latest.current.testId),
      onColumnPinned: (e) => byClerk(e.source) && saveColumns(e.api as GridApi, latest.current.testId),
      onColumnMoved: (e) => e.finished && byClerk(e.source) && saveColumns(e.api as GridApi, latest.current.testId),
      onColumnResized: (e) => e.finished && byClerk(e.source) && saveColumns(e.api as GridApi, latest.current.testId),
      onColumnVisible: (e) => byClerk(e.source) && saveColumns(e.api as GridApi, latest.current.testId),
      onModelUpdated: (e) => {
        latest.current.onShownCount?.(e.api.getDisplayedRowCount());
        setShownTick((t) => t + 1);
      },
      onRowDataUpdated: (e) => {
        if (pendingFocus.current && focusCell(e.api, pendingFocus.current)) pendingFocus.current = null;
      },
    }),
    [],
  );

  return (
    <div className="grid" data-testid={testId} ref={box}>
      <AgGridReact<R>
        containerStyle={containerStyle}
        theme={gridTheme}
        context={context}
        localeText={gridLocale}
        rowData={fed.current.rowData}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={rowId}
        rowSelection={rowSelection}
        selectionColumnDef={selectionColumnDef}
        // Rows jump to their place, as in a spreadsheet: an animated move after a filter or sort drew every frame anew.
        animateRows={false}
        singleClickEdit={false}
        stopEditingWhenCellsLoseFocus
        // Enter (or F2, or typing) starts editing; Enter after an edit moves down, as when keying a column of a form.
        enterNavigatesVerticallyAfterEdit
        tooltipShowDelay={300}
        {...handlers}
        overlayNoRowsTemplate="<span>暂无数据</span>"
      />
      <GridStatus api={gridApi.current} total={rows && !isPartial(rows) ? rows.length : null} block={sheet.block} findings={findings} tick={shownTick} dataTick={dataTick} testId={`${testId}-status`} />
      {menu ? <GridMenu at={menu} actions={sheet.actions} onClose={closeMenu} /> : null}
    </div>
  );
}
