// A spreadsheet-style grid over rows of one dictionary table. Every edit becomes a change set through the
// workspace (the one write path); a refused edit shows its reason and the grid reloads what is stored.
// Paste, copy, fill down and a column range work as in Excel/WPS (sheet.ts).
import {
  type CellValueChangedEvent,
  type ColDef,
  type GridApi,
  type RowSelectionOptions,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { editCell } from '../../shared/commands';
import { tableSpec, type Row, type TableName } from '../../shared/tables';
import { useWorkspace } from '../workspace';
import { checkColumn, columnDef, type GridContext, type RefChoices } from './columns';
import { emptyFindings, type FindingIndex } from './findings';
import { useSheet } from './sheet';
import { byClerk, restoreColumns, saveColumns } from './columnState';
import { gridLocale, gridTheme } from './theme';


/** One empty list for absent props: a new [] on every render would rebuild the columns (and lose their widths). */
const NONE: never[] = [];

const rowSelection: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false };

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
  testId: string;
}

export interface FocusRequest {
  id: number;
  colId: string;
}

/** Focuses the requested cell if its row is loaded; returns whether it was. */
function focusCell<R>(grid: GridApi<R> | null, request: FocusRequest): boolean {
  const node = grid?.getRowNode(String(request.id));
  if (!grid || !node || node.rowIndex == null) return false;
  grid.ensureNodeVisible(node);
  grid.ensureColumnVisible(request.colId);
  grid.setFocusedCell(node.rowIndex, request.colId);
  return true;
}

export function DataGrid<R extends Row>(props: DataGridProps<R>) {
  const { table, rows, hidden = NONE, refs, derived = NONE as ColDef<R>[], onSelectionChanged, onFocusRow, focusRequest, findings, onShownCount, testId } = props;
  const { apply, notify } = useWorkspace();
  const spec = tableSpec(table);
  const gridApi = useRef<GridApi<R> | null>(null);
  const pendingFocus = useRef<FocusRequest | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const { isInRange } = useSheet<R>({ table, box, grid: gridApi, refs, apply, notify: useCallback((text: string) => notify({ kind: 'info', text }), [notify]) });

  // The row may arrive after the request (rows reload after every write): keep it until the row is shown.
  useEffect(() => {
    pendingFocus.current = focusRequest ?? null;
    if (focusRequest && focusCell(gridApi.current, focusRequest)) pendingFocus.current = null;
  }, [focusRequest]);

  const context = useMemo<GridContext>(() => ({ findings: findings ?? emptyFindings }), [findings]);
  // Marks follow the findings without rebuilding the grid.
  useEffect(() => {
    gridApi.current?.refreshCells({ force: true });
  }, [context]);

  const columnDefs = useMemo<ColDef<R>[]>(
    () => [
      ...(findings ? [checkColumn<R>()] : []),
      ...derived,
      ...spec.columns.filter((c) => !hidden.includes(c.key)).map((c) => columnDef(c, refs) as ColDef<R>),
    ].map((def) => ({
      ...def,
      // The chosen column range (Shift+Click, Shift+↑/↓) is highlighted.
      cellClassRules: { ...def.cellClassRules, 'cell-range': (p) => isInRange(p.column.getColId(), p.node.rowIndex) },
    })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [spec, hidden.join(','), refs, derived, !!findings],
  );

  const onCellValueChanged = useCallback(
    (event: CellValueChangedEvent<R>) => {
      const field = event.colDef.field;
      if (!field || !event.data || event.newValue === event.oldValue) return;
      void apply(editCell(table, { ...event.data, [field]: event.oldValue ?? null }, field, event.newValue ?? null));
    },
    [apply, table],
  );

  return (
    <div className="grid" data-testid={testId} ref={box}>
      <AgGridReact<R>
        theme={gridTheme}
        context={context}
        localeText={gridLocale}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={{ sortable: true, filter: true, resizable: true }}
        getRowId={(p) => String(p.data.id)}
        rowSelection={rowSelection}
        selectionColumnDef={{ pinned: 'left', width: 44 }}
        singleClickEdit={false}
        stopEditingWhenCellsLoseFocus
        // Enter (or F2, or typing) starts editing; Enter after an edit moves down, as when keying a column of a form.
        enterNavigatesVerticallyAfterEdit
        onCellKeyDown={(e) => {
          // A Chinese input method announces itself as key "Process": open the editor so the text lands in it.
          const key = (e.event as KeyboardEvent | null)?.key;
          if (!('column' in e) || key !== 'Process' || e.rowIndex == null) return;
          if (e.colDef.editable && !e.api.getEditingCells().length) {
            e.api.startEditingCell({ rowIndex: e.rowIndex, colKey: e.column.getColId() });
          }
        }}
        tooltipShowDelay={300}
        onCellValueChanged={onCellValueChanged}
        onSelectionChanged={(e) => onSelectionChanged?.(e.api.getSelectedRows())}
        onCellFocused={(e) => {
          if (e.rowIndex == null || !onFocusRow) return;
          const node = e.api.getDisplayedRowAtIndex(e.rowIndex);
          if (node?.data) onFocusRow(node.data);
        }}
        onGridReady={(e) => (gridApi.current = e.api)}
        // Each new set of column definitions (references loaded, findings shown) brings the default widths and pins
        // back: the clerk's arrangement goes on top of it again.
        onNewColumnsLoaded={(e) => restoreColumns(e.api as GridApi, testId)}
        onColumnPinned={(e) => byClerk(e.source) && saveColumns(e.api as GridApi, testId)}
        onColumnMoved={(e) => e.finished && byClerk(e.source) && saveColumns(e.api as GridApi, testId)}
        onColumnResized={(e) => e.finished && byClerk(e.source) && saveColumns(e.api as GridApi, testId)}
        onColumnVisible={(e) => byClerk(e.source) && saveColumns(e.api as GridApi, testId)}
        onModelUpdated={(e) => onShownCount?.(e.api.getDisplayedRowCount())}
        onRowDataUpdated={(e) => {
          if (pendingFocus.current && focusCell(e.api, pendingFocus.current)) pendingFocus.current = null;
        }}
        overlayNoRowsTemplate="<span>暂无数据</span>"
      />
    </div>
  );
}
