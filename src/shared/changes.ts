// The change vocabulary: every write to the database travels as a ChangeSet (principle 2, after Grist's DocActions).
// The store applies a set in one transaction and records it in the journal, from which undo and redo are built.
import type { CellValue, TableName } from './tables';

/** Values of a new row. `id`, when given, is a negative placeholder that later changes in the same set may refer to. */
export type NewRow = { id?: number } & Record<string, unknown>;

/** The fields to change in an existing row. */
export type RowPatch = { id: number } & Record<string, unknown>;

/**
 * New rows given as columns: `values` holds the rows' values one row after the other, in the order of `columns`;
 * `ids`, when given, a negative placeholder per row. The same as an insert of rows whose fields are `columns` — the
 * compact form a county's import passes between threads (620,000 rows: no field names repeated, nothing to build).
 * Inside the main process only: the API takes rows (apiArguments).
 */
export interface ColumnsInsert {
  op: 'insertColumns';
  table: TableName;
  columns: string[];
  values: unknown[];
  ids?: number[];
}

export type Change =
  | { op: 'insert'; table: TableName; rows: NewRow[] }
  | ColumnsInsert
  | { op: 'update'; table: TableName; rows: RowPatch[] }
  | { op: 'delete'; table: TableName; ids: number[] };

/** Rows as columns: each field once, in the order first met (but `skip`), and the values row after row, null where a row lacks one. */
export function rowsAsColumns<V>(rows: readonly Readonly<Record<string, V>>[], skip?: string): { columns: string[]; values: (V | null)[] } {
  const index = new Map<string, number>();
  for (const row of rows) for (const key in row) if (key !== skip && !index.has(key)) index.set(key, index.size);
  const width = index.size;
  const values = new Array<V | null>(rows.length * width).fill(null);
  rows.forEach((row, r) => {
    for (const key in row) if (key !== skip) values[r * width + index.get(key)!] = row[key]!;
  });
  return { columns: [...index.keys()], values };
}

/** An insert of rows as columns (see ColumnsInsert); other changes as they are. A field a row lacks is null, as a field left out is. */
export function asColumns(change: Change): Change {
  if (change.op !== 'insert') return change;
  const ids = change.rows.flatMap((row) => (row.id !== undefined ? [row.id] : []));
  const { columns, values } = rowsAsColumns(change.rows, 'id');
  // Placeholders for some rows only, or rows without fields: kept as rows.
  if ((ids.length && ids.length !== change.rows.length) || (!columns.length && !ids.length)) return change;
  return { op: 'insertColumns', table: change.table, columns, values, ...(ids.length ? { ids } : {}) };
}

export interface ChangeSet {
  /** What the clerk did, in Chinese, as the undo button and the journal show it (e.g. 新增户, 修改姓名). */
  label: string;
  changes: Change[];
  /** Bookkeeping of the app (e.g. an export point): journalled, but not a step that undo or redo take. */
  bookkeeping?: boolean;
}

export interface HistoryState {
  /** Label of the change set that undo would revert, or null. */
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface ApplyResult {
  /** The journal id, or null when the set changed nothing (e.g. a value set to what it already was). */
  changeSetId: number | null;
  /** Real ids of the rows inserted under negative placeholders. */
  insertedIds: Record<string, number>;
  /** The rows the set wrote (inserted, changed or deleted — dependants included), by table: what a page refreshes. */
  touched: Partial<Record<TableName, number[]>>;
  history: HistoryState;
}

export interface HistoryStep {
  /** The change set that was undone or redone, or null when there was nothing to do. */
  label: string | null;
  /** The rows the step wrote, by table, as ApplyResult.touched: what a page refreshes (absent from older callers). */
  touched?: ApplyResult['touched'];
  /** Where the step leaves the clerk: the first cell it changed back (or forth), whose it is; absent when none. */
  cell?: StepCell;
  history: HistoryState;
}

/** A cell an undo or redo changed: the grid goes there, and the message says whose value it was. */
export interface StepCell {
  table: TableName;
  rowId: number;
  /** The field changed; null when the step put back or took away whole rows. */
  field: string | null;
  /** The household the row belongs to (the row itself for a household), so a page can show it; null if none. */
  householdId: number | null;
  /** Whose value it is, in Chinese: 「马海军户」 for a household and its records, 「家庭成员马海军」 for a member. */
  whose: string | null;
  /** How many cells (or rows) the step changed in all. */
  cells: number;
}

/** One change set in the journal. */
export interface JournalSet {
  id: number;
  at: string;
  operator: string | null;
  label: string;
  kind: 'edit' | 'undo' | 'redo';
  /** For undo/redo: the edit it reverts or repeats. */
  target: number | null;
  undone: boolean;
  entries: number;
}
