// The one write path (principle 2): a ChangeSet is checked whole, applied in one transaction, and journalled
// field by field. Undo and redo are change sets built from the journal and applied the same way.
import type Database from 'better-sqlite3';
import { normalizeCell } from '../../shared/cells';
import { rowsAsColumns, type ApplyResult, type Change, type ChangeSet, type HistoryState } from '../../shared/changes';
import { PaichaError } from '../../shared/errors';
import { columnSpec, isTableName, tableSpec, tables, type CellValue, type ColumnSpec, type Row, type TableName } from '../../shared/tables';
import { restrictedDeleteError, translateSqliteError } from './errors';
import { RowStatements } from './rows';
import { journalTable, quote } from './schema';
import { StatementCache } from './statements';

/** A checked, normalised unit of work. Explicit positive ids and expectations occur only in undo/redo. */
type Step =
  | { op: 'insert'; table: TableName; id: number | null; placeholder?: number; values: Record<string, CellValue> }
  /** New rows as columns (see ColumnsInsert), their values normalised; `placeholders` one per row, or none. */
  | { op: 'insertColumns'; table: TableName; columns: string[]; values: CellValue[]; placeholders: (number | undefined)[] | null }
  | { op: 'update'; table: TableName; id: number; values: Record<string, CellValue>; expected?: Record<string, CellValue> }
  | { op: 'delete'; table: TableName; id: number };

interface EntryRow {
  tbl: TableName;
  row_id: number;
  op: 'insert' | 'update' | 'delete';
  field: string | null;
  old: CellValue;
  new: CellValue;
}

/** Rows of one table a run inserted one after the other: journalled by their ids only (see execute). */
interface InsertedRows {
  tbl: TableName;
  op: 'insert';
  ids: number[];
}

/** What a run journals, in order. */
type JournalItem = EntryRow | InsertedRows;

/** An update entry as replay reads it: table, row id, field, old, new. */
type UpdateTuple = [TableName, number, string, CellValue, CellValue];

/** A ref column of `table` that points at another table, and what deleting the row it points at does. */
interface Dependant {
  table: TableName;
  column: string;
  onDelete: 'cascade' | 'restrict';
}

/** For each table, the ref columns that point at it, read once from the dictionary. */
const dependantsOf: ReadonlyMap<TableName, readonly Dependant[]> = (() => {
  const map = new Map<TableName, Dependant[]>();
  for (const spec of tables) {
    for (const column of spec.columns) {
      if (column.type !== 'ref' || !column.ref) continue;
      const list = map.get(column.ref) ?? [];
      list.push({ table: spec.name, column: column.key, onDelete: column.onDelete ?? 'restrict' });
      map.set(column.ref, list);
    }
  }
  return map;
})();

/** How far a table hangs below others through its ref columns: 0 for one that refers to none (villages). */
const depthOf = (() => {
  const depths = new Map<TableName, number>();
  const depth = (name: TableName, path: Set<TableName>): number => {
    const known = depths.get(name);
    if (known !== undefined) return known;
    const refs = tableSpec(name).columns.flatMap((c) => (c.type === 'ref' && c.ref && c.ref !== name && !path.has(c.ref) ? [c.ref] : []));
    const value = refs.length ? 1 + Math.max(...refs.map((ref) => depth(ref, new Set([...path, name])))) : 0;
    depths.set(name, value);
    return value;
  };
  return (name: TableName) => depth(name, new Set());
})();

const invalid = (message: string) => new PaichaError('invalid', `${message}本次修改未保存。`);

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** A 证件号码 as compared for duplicates: trimmed, a lower-case x as X; empty for none. */
function normalizedIdNumber(value: CellValue | undefined): string {
  return value == null ? '' : String(value).trim().toUpperCase();
}

/**
 * Checks the shape and every value of a change set, before anything is written. `placeholders` are those of the
 * set's parts written before (a set in parts, see ChangeSets.writer): this part's rows may point at them, and the
 * part's own are added.
 */
export function checkChangeSet(set: ChangeSet, placeholders = new Set<number>()): Step[] {
  if (!set || typeof set.label !== 'string' || !set.label.trim() || !Array.isArray(set.changes)) {
    throw invalid('修改内容不完整。');
  }
  const steps: Step[] = [];

  const columnOf = (table: TableName, key: string) => {
    const column = columnSpec(table, key);
    if (!column) throw invalid(`「${tableSpec(table).label}」没有「${key}」这一栏。`);
    return column;
  };
  const value = (table: TableName, column: ColumnSpec, raw: unknown, rowNo: number) => {
    const cell = normalizeCell(column, raw);
    if (!cell.ok) throw invalid(`第 ${rowNo} 条${tableSpec(table).rowLabel}：${cell.message}。`);
    if (column.type === 'ref' && typeof cell.value === 'number' && cell.value < 0 && !placeholders.has(cell.value)) {
      throw invalid(`第 ${rowNo} 条${tableSpec(table).rowLabel}：「${column.label}」指向的新记录不在本次修改中。`);
    }
    return cell.value;
  };
  const values = (table: TableName, fields: Record<string, unknown>, rowNo: number) => {
    const result: Record<string, CellValue> = {};
    for (const key in fields) {
      if (key === 'id' || !Object.hasOwn(fields, key)) continue;
      result[key] = value(table, columnOf(table, key), fields[key], rowNo);
    }
    return result;
  };
  /** A new row's placeholder, refused when it is not a new negative number. */
  const placeholder = (table: TableName, id: unknown) => {
    if (!Number.isInteger(id) || (id as number) >= 0 || placeholders.has(id as number)) throw invalid(`新增的${tableSpec(table).rowLabel}不能自带编号。`);
    placeholders.add(id as number);
    return id as number;
  };

  for (const change of set.changes) {
    if (!change || !isTableName(change.table)) throw invalid('修改指向了不存在的表。');
    const { table } = change;
    const spec = tableSpec(table);
    if (change.op === 'insert') {
      if (!Array.isArray(change.rows)) throw invalid('新增内容不完整。');
      change.rows.forEach((row, i) => {
        const step: Step = { op: 'insert', table, id: null, values: values(table, row, i + 1) };
        if (row.id !== undefined) step.placeholder = placeholder(table, row.id);
        steps.push(step);
      });
    } else if (change.op === 'insertColumns') {
      const { columns, values: raw, ids } = change;
      // Placeholders go in `ids`, not as a column.
      if (!Array.isArray(columns) || !Array.isArray(raw) || (ids !== undefined && !Array.isArray(ids)) || columns.includes('id')) throw invalid('新增内容不完整。');
      const specs = columns.map((key) => columnOf(table, key));
      const width = specs.length;
      const count = width ? raw.length / width : (ids?.length ?? 0);
      if (new Set(columns).size !== width || !Number.isInteger(count) || (ids && ids.length !== count)) throw invalid('新增内容不完整。');
      const normalised: CellValue[] = new Array(raw.length);
      for (let r = 0; r < count; r++) {
        for (let c = 0; c < width; c++) normalised[r * width + c] = value(table, specs[c]!, raw[r * width + c], r + 1);
        if (ids) placeholder(table, ids[r]);
      }
      if (count) steps.push({ op: 'insertColumns', table, columns, values: normalised, placeholders: ids ?? null });
    } else if (change.op === 'update') {
      if (!Array.isArray(change.rows)) throw invalid('修改内容不完整。');
      change.rows.forEach((row, i) => {
        if (!isId(row.id)) throw invalid(`第 ${i + 1} 条要修改的${spec.rowLabel}没有编号。`);
        steps.push({ op: 'update', table, id: row.id, values: values(table, row, i + 1) });
      });
    } else if (change.op === 'delete') {
      if (!Array.isArray(change.ids) || !change.ids.every(isId)) throw invalid(`要删除的${spec.rowLabel}编号无效。`);
      for (const id of change.ids) steps.push({ op: 'delete', table, id });
    } else {
      throw invalid('未知的修改类型。');
    }
  }
  return steps;
}

/**
 * A row deleted on its own as the journal keeps it: its filled fields as JSON in the entry (empty ones are NULL when
 * the row is re-inserted). Rows an undo or redo deletes in bulk go to the table's journal table instead.
 */
function snapshot(row: Record<string, CellValue>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(row).filter(([key, value]) => key !== 'id' && value !== null)));
}

/** Entries per multi-row INSERT into the journal (8 parameters each). */
const ENTRIES_PER_STATEMENT = 100;
/** Rows per bulk statement of an undo or redo (their ids travel as one JSON parameter). */
const BULK_ROWS = 20_000;

/**
 * The journal of one change set, written as its entries come: the set's row first (its entries point at it), then
 * the entries numbered in order — by the batch from JavaScript, or by SQL from a list of ids for a bulk step.
 * An edit's row is written with its first entry (an edit that changed nothing leaves no trace); an undo's or redo's
 * at once.
 */
class JournalWriter {
  private setId: number | null = null;
  private seq = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly set: { label: string; kind: 'edit' | 'undo' | 'redo'; target: number | null; operator: string | null; bookkeeping?: boolean },
  ) {}

  get id(): number | null {
    return this.setId;
  }

  open(): number {
    this.setId ??= Number(
      this.db
        .prepare('INSERT INTO change_sets (at, operator, label, kind, target, bookkeeping) VALUES (?, ?, ?, ?, ?, ?)')
        .run(new Date().toISOString(), this.set.operator, this.set.label, this.set.kind, this.set.target, this.set.bookkeeping ? 1 : 0).lastInsertRowid,
    );
    return this.setId;
  }

  add(entries: readonly JournalItem[]): void {
    if (!entries.length) return;
    const setId = this.open();
    for (let start = 0; start < entries.length; ) {
      // Inserts of one table in a row (most of an import) go as one list of ids; the rest many per statement.
      const first = entries[start]!;
      let end = start + 1;
      if (first.op === 'insert') {
        while (end < entries.length && entries[end]!.op === 'insert' && entries[end]!.tbl === first.tbl) end++;
        const ids: number[] = [];
        for (let i = start; i < end; i++) for (const id of (entries[i] as InsertedRows).ids) ids.push(id);
        this.rows('insert', first.tbl, ids);
      } else {
        while (end < entries.length && end - start < ENTRIES_PER_STATEMENT && entries[end]!.op !== 'insert') end++;
        const params: CellValue[] = [];
        for (let i = start; i < end; i++) {
          const e = entries[i] as EntryRow;
          params.push(setId, this.seq++, e.tbl, e.row_id, e.op, e.field, e.old, e.new);
        }
        this.statement(end - start).run(params);
      }
      start = end;
    }
  }

  /**
   * Journals rows of a table inserted or deleted in bulk, by id only (see execute and deleteRows): one entry per run
   * of consecutive ids, row_id to last_row_id. Their order is not kept — the rows of one bulk statement have none —
   * and an import's ids come in runs (AUTOINCREMENT), so a county's 620,000 rows are a few thousand entries.
   */
  rows(op: 'insert' | 'delete', table: TableName, ids: readonly number[]): void {
    const runs = idRuns(ids);
    const { setId, first } = this.reserve(runs.length);
    this.idStatement ??= this.db.prepare(
      `INSERT INTO change_entries (set_id, seq, tbl, row_id, op, field, old, new, last_row_id)
       SELECT ?, ? + j.key, ?, j.value ->> 0, ?, NULL, NULL, NULL, nullif(j.value ->> 1, j.value ->> 0) FROM json_each(?) j`,
    );
    this.idStatement.run(setId, first, table, op, JSON.stringify(runs));
  }

  private idStatement: Database.Statement | undefined;

  /** Numbers for `count` entries that SQL writes itself; returns the set's id and the first number. */
  private reserve(count: number): { setId: number; first: number } {
    const setId = this.open();
    const first = this.seq;
    this.seq += count;
    return { setId, first };
  }

  private readonly statements = new Map<number, Database.Statement>();

  private statement(count: number): Database.Statement {
    let stmt = this.statements.get(count);
    if (!stmt) {
      const values = Array(count).fill('(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      this.statements.set(count, (stmt = this.db.prepare(`INSERT INTO change_entries (set_id, seq, tbl, row_id, op, field, old, new) VALUES ${values}`)));
    }
    return stmt;
  }
}

/** The rows a run wrote, by table, each once (what a page refreshes). */
class Touched {
  private readonly ids = new Map<TableName, Set<number>>();

  add(table: TableName, ids: Iterable<number>): void {
    const set = this.ids.get(table) ?? this.ids.set(table, new Set()).get(table)!;
    for (const id of ids) set.add(id);
  }

  result(): Partial<Record<TableName, number[]>> {
    return Object.fromEntries([...this.ids].map(([table, ids]) => [table, [...ids]]));
  }
}

/** Rows a run deleted, by table: a delete listed after the cascade that took its row has nothing left to do. */
class Deleted {
  private readonly ids = new Map<TableName, Set<number>>();

  has(table: TableName, id: number): boolean {
    return !!this.ids.get(table)?.has(id);
  }

  add(table: TableName, id: number): void {
    (this.ids.get(table) ?? this.ids.set(table, new Set()).get(table)!).add(id);
  }
}

/**
 * The members a run placed (inserted, moved, or gave another 证件号码), each with its household and number, and the
 * households it made: every member of those is a placed one, so they need not be read back for the check.
 */
class Placed {
  readonly members = new Map<number, { householdId: CellValue; idNumber: CellValue }>();
  readonly newHouseholds = new Set<number>();

  clear(): void {
    this.members.clear();
    this.newHouseholds.clear();
  }
}

/**
 * One run's state: the journal it writes, the members it placed (null: not checked), what it touched and deleted,
 * and the real ids of the placeholders it inserted (a set in parts: of all its parts so far).
 */
interface Run {
  journal: JournalWriter;
  placed: Placed | null;
  touched: Touched | null;
  deleted: Deleted;
  insertedIds: Map<number, number>;
}

/** A run's state at its start. */
function newRun(journal: JournalWriter, checked: boolean, touched: boolean): Run {
  return { journal, placed: checked ? new Placed() : null, touched: touched ? new Touched() : null, deleted: new Deleted(), insertedIds: new Map() };
}

/** For each table, the keys of its ref columns: the fields a placeholder may stand in. */
const refKeysOf: ReadonlyMap<TableName, readonly string[]> = new Map(tables.map((spec) => [spec.name, spec.columns.filter((c) => c.type === 'ref').map((c) => c.key)]));

/** A change set written in parts, inside the caller's write transaction: still one set, one undo. */
export interface ChangeSetWriter {
  /**
   * Checks and applies a part; returns the real ids of its placeholders. Later parts may point at the placeholders
   * of earlier ones (a county's import names a village it creates in its first part in its last). Each part must
   * leave no person twice in a household: that is checked as the part is written.
   */
  apply(changes: Change[]): Record<string, number>;
  /** The set's journal id once all parts are written (null if it changed nothing). */
  finish(): number | null;
}

export class ChangeSets {
  private readonly rows: RowStatements;

  private readonly statements: StatementCache;

  constructor(private readonly db: Database.Database) {
    this.rows = new RowStatements(db);
    this.statements = new StatementCache(db);
  }

  /** Applies a clerk's change set. Returns its journal id (null if it changed nothing) and the placeholder ids. */
  apply(set: ChangeSet, operator: string | null): Omit<ApplyResult, 'history'> {
    const steps = checkChangeSet(set);
    return this.transaction(() => {
      const run = newRun(new JournalWriter(this.db, { label: set.label.trim(), kind: 'edit', target: null, operator, bookkeeping: !!set.bookkeeping }), true, true);
      const { insertedIds } = this.execute(steps, run);
      this.assertEachPersonOnce(run.placed!);
      return { changeSetId: run.journal.id, insertedIds, touched: run.touched!.result() };
    });
  }

  /**
   * A change set too large to hold at once (a county's import), applied part by part inside the caller's write
   * transaction — each part checked like a whole set, all journalled as one set, so one undo takes it all back.
   */
  writer(label: string, operator: string | null): ChangeSetWriter {
    if (!this.db.inTransaction) throw new Error('a change set in parts must be written inside a write transaction');
    const run = newRun(new JournalWriter(this.db, { label: label.trim(), kind: 'edit', target: null, operator }), true, false);
    const placeholders = new Set<number>();
    return {
      // Each part is checked for a person twice in a household as it is written: a pair across parts is found by the
      // later part (its member's household is read whole), and no part waits for the end — nor are a county's
      // 320,000 members kept to check then.
      apply: (changes) => {
        const steps = checkChangeSet({ label, changes }, placeholders);
        return this.transaction(() => {
          const { insertedIds } = this.execute(steps, run);
          this.assertEachPersonOnce(run.placed!);
          run.placed!.clear();
          return insertedIds;
        });
      },
      finish: () => run.journal.id,
    };
  }

  /** Reverts the latest edit; its label and the rows it wrote, or null when there is nothing to undo. */
  undo(operator: string | null): { label: string; touched: ApplyResult['touched'] } | null {
    return this.transaction(() => {
      const target = this.undoTarget();
      if (!target) return null;
      const touched = this.replay(target, 'undo', operator);
      this.db.prepare('UPDATE change_sets SET undone = 1 WHERE id = ?').run(target.id);
      return { label: target.label, touched };
    });
  }

  /** Repeats the edit undone last; its label and the rows it wrote, or null when there is nothing to redo. */
  redo(operator: string | null): { label: string; touched: ApplyResult['touched'] } | null {
    return this.transaction(() => {
      const target = this.redoTarget();
      if (!target) return null;
      const touched = this.replay(target, 'redo', operator);
      this.db.prepare('UPDATE change_sets SET undone = 0 WHERE id = ?').run(target.id);
      return { label: target.label, touched };
    });
  }

  /**
   * The rows of `table` that sets after `afterSetId` deleted in bulk (kept in the table's journal table), by
   * `deletedRowKey`, with their `fields` (all by default): read in one statement — after undoing a county's import
   * they are 620,000.
   */
  rowsDeletedInBulkSince(table: TableName, afterSetId: number, fields?: readonly string[]): Map<string, Record<string, CellValue>> {
    const rows = this.statements.get(`SELECT set_id AS setId, ${rowColumns(table, undefined, fields)} FROM ${journalTable(table)} WHERE set_id > ?`).all(afterSetId) as Row[];
    return new Map(rows.map(({ setId, id, ...values }) => [deletedRowKey(Number(setId), id), values]));
  }

  history(): HistoryState {
    return { undoLabel: this.undoTarget()?.label ?? null, redoLabel: this.redoTarget()?.label ?? null };
  }

  /** The latest edit not undone. */
  private undoTarget(): { id: number; label: string } | undefined {
    return this.db
      .prepare("SELECT id, label FROM change_sets WHERE kind = 'edit' AND undone = 0 AND bookkeeping = 0 ORDER BY id DESC LIMIT 1")
      .get() as { id: number; label: string } | undefined;
  }

  /** The edit undone most recently, provided nothing new was edited since (a new edit clears the redo stack). */
  private redoTarget(): { id: number; label: string } | undefined {
    return this.db
      .prepare(
        `SELECT t.id, t.label FROM change_sets u JOIN change_sets t ON t.id = u.target
         WHERE u.kind = 'undo' AND t.undone = 1
           AND u.id > (SELECT coalesce(max(id), 0) FROM change_sets WHERE kind = 'edit' AND bookkeeping = 0)
         ORDER BY u.id DESC LIMIT 1`,
      )
      .get() as { id: number; label: string } | undefined;
  }

  /**
   * Undoes (the journal backwards, each entry inverted) or redoes (forwards) a set. Runs of inserts and deletes of
   * one table — an import's 420,000 rows — are written by a few bulk statements, the rows' values going from the
   * table to its journal table and back inside SQLite; updates, and any run a bulk statement cannot take exactly as the
   * entry-by-entry path would, go entry by entry. The journal of the undo or redo is as complete either way.
   */
  private replay(target: { id: number; label: string }, direction: 'undo' | 'redo', operator: string | null): ApplyResult['touched'] {
    const run = newRun(new JournalWriter(this.db, { label: target.label, kind: direction, target: target.id, operator }), false, true);
    run.journal.open();
    // Where the values of rows put back are: a deleted row's with its delete entry of the set itself (undo); an
    // inserted row's with the delete entry of the undo that removed it (redo) — in the table's journal table, or JSON.
    const lastUndo = (this.db.prepare("SELECT max(id) AS id FROM change_sets WHERE kind = 'undo' AND target = ?").get(target.id) as { id: number | null }).id;
    const runs = this.runs(target.id);
    if (direction === 'undo') runs.reverse();
    for (const { op, first, last } of runs) {
      if (op === 'update') {
        const updates = this.statements.get(
          'SELECT tbl, row_id, field, old, new FROM change_entries WHERE set_id = ? AND seq BETWEEN ? AND ? ORDER BY seq',
        )
          .raw()
          .all(target.id, first, last) as UpdateTuple[];
        if (direction === 'undo') updates.reverse();
        this.execute(updates.map((e) => (direction === 'undo' ? inverseStep(e) : forwardStep(e))), run);
        continue;
      }
      // A run of inserts or deletes, table by table: rows are removed dependants first and put back owners first,
      // the only order such a run needs (an import's batches interleave their tables).
      const removes = (op === 'insert') === (direction === 'undo');
      const tablesInRun = this.statements.get('SELECT DISTINCT tbl FROM change_entries WHERE set_id = ? AND seq BETWEEN ? AND ? ORDER BY tbl')
        .pluck()
        .all(target.id, first, last) as TableName[];
      const tablesInOrder = tablesInRun.sort((a, b) => (removes ? depthOf(b) - depthOf(a) : depthOf(a) - depthOf(b)));
      for (const table of tablesInOrder) {
        const ids = idsOfRuns(
          this.statements.get('SELECT row_id, last_row_id FROM change_entries WHERE set_id = ? AND seq BETWEEN ? AND ? AND tbl = ? ORDER BY seq')
            .raw()
            .all(target.id, first, last, table) as [number, number | null][],
        );
        if (direction === 'undo') ids.reverse();
        for (let from = 0; from < ids.length; from += BULK_ROWS) {
          const chunk = ids.slice(from, from + BULK_ROWS);
          if (removes) this.deleteRows(table, chunk, run);
          else this.restoreRows(table, chunk, direction === 'undo' ? target.id : lastUndo, run);
        }
      }
    }
    return run.touched!.result();
  }

  /**
   * The runs of a set's journal in order: each the entries (seq first to last) of one op in a row. Found a run at a
   * time, by SQL: a county's import is one run of 620,000 entries, not read into JavaScript to be grouped.
   */
  private runs(setId: number): { op: EntryRow['op']; first: number; last: number }[] {
    const runs: { op: EntryRow['op']; first: number; last: number }[] = [];
    const firstOf = this.statements.get('SELECT seq, op FROM change_entries WHERE set_id = ? ORDER BY seq LIMIT 1').raw();
    const nextOf = this.statements.get('SELECT seq, op FROM change_entries WHERE set_id = ? AND seq > ? AND op <> ? ORDER BY seq LIMIT 1').raw();
    let start = firstOf.get(setId) as [number, EntryRow['op']] | undefined;
    while (start) {
      const [first, op] = start;
      const next = nextOf.get(setId, first, op) as [number, EntryRow['op']] | undefined;
      runs.push({ op, first, last: next ? next[0] - 1 : Number.MAX_SAFE_INTEGER });
      start = next;
    }
    return runs;
  }

  /**
   * Deletes rows of one table in bulk, each journalled with its values (in the table's journal table): when all exist
   * and nothing points at any of them. Otherwise (dependants to refuse or take along, a row already gone) entry by
   * entry, as any delete.
   */
  private deleteRows(table: TableName, listed: readonly number[], run: Run): void {
    const ids = listed.filter((id) => !run.deleted.has(table, id));
    if (!ids.length) return;
    const json = JSON.stringify(ids);
    const t = quote(table);
    const pointedAt = (dependantsOf.get(table) ?? []).some(
      (d) => !!this.statements.get(`SELECT 1 FROM ${quote(d.table)} WHERE ${quote(d.column)} IN (SELECT value FROM json_each(?)) LIMIT 1`).get(json),
    );
    const columns = rowColumns(table);
    const setId = run.journal.open();
    // Kept only when every row is there (the journal then holds the rows deleted); a row already gone sends the chunk
    // the entry-by-entry way, which says so.
    const copied =
      new Set(ids).size === ids.length &&
      !pointedAt &&
      this.whole(ids.length, () =>
        this.statements.get(`INSERT INTO ${journalTable(table)} (set_id, ${columns}) SELECT ?, ${columns} FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`).run(setId, json)
          .changes,
      );
    if (!copied) {
      this.execute(ids.map((id) => ({ op: 'delete', table, id })), run);
      return;
    }
    run.journal.rows('delete', table, ids);
    this.statements.get(`DELETE FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`).run(json);
    for (const id of ids) run.deleted.add(table, id);
    run.touched?.add(table, ids);
  }

  /**
   * Puts rows of one table back under their ids, with the values the delete entries of set `source` keep, in bulk:
   * from the table's journal table (deleted in bulk since version 6), or from the entries' JSON (a single delete, or
   * a file's journal from before). Entry by entry when a row's values are not all in one place (then as the
   * entry-by-entry path always did).
   */
  private restoreRows(table: TableName, ids: readonly number[], source: number | null, run: Run): void {
    const json = JSON.stringify(ids);
    const restored =
      new Set(ids).size === ids.length &&
      (this.whole(ids.length, () => this.insertRows(table, () => this.restoreFromJournalTable(table, json, source))) ||
        this.whole(ids.length, () => this.insertRows(table, () => this.restoreFromJson(table, json, source))));
    if (restored) {
      run.journal.rows('insert', table, ids);
      run.touched?.add(table, ids);
      return;
    }
    const values = this.journalledRows(table, json, source);
    this.execute(ids.map((id) => ({ op: 'insert', table, id, values: values.get(id) ?? {} })), run);
  }

  /** Runs an INSERT into `table`, its error told as a clerk's insert's would be; the rows it wrote. */
  private insertRows(table: TableName, insert: () => number): number {
    try {
      return insert();
    } catch (error) {
      throw translateSqliteError(error, { op: 'insert', rowLabel: tableSpec(table).rowLabel });
    }
  }

  /**
   * Copies the rows of a chunk back from the table's journal table, in the order listed (CROSS JOIN reads the list
   * first; an ORDER BY would sort the whole rows): those it holds.
   */
  private restoreFromJournalTable(table: TableName, json: string, source: number | null): number {
    const columns = rowColumns(table);
    return this.statements.get(
      `INSERT INTO ${quote(table)} (${columns}) SELECT ${rowColumns(table, 's')}
       FROM json_each(?) j CROSS JOIN ${journalTable(table)} s ON s.set_id = ? AND s.id = j.value`,
    ).run(json, source).changes;
  }

  /** Puts back the rows of a chunk whose delete entries keep them as JSON, in the order listed: those that do. */
  private restoreFromJson(table: TableName, json: string, source: number | null): number {
    // The fields the chunk's rows have (a dozen of an income record's 120), each read out of the JSON once a row.
    const filled = new Set(
      this.statements.get(`SELECT DISTINCT f.key ${jsonEntries} CROSS JOIN json_each(e.old) f`)
        .pluck()
        .all(json, table, source) as string[],
    );
    const keys = tableSpec(table).columns.map((c) => c.key).filter((k) => filled.has(k));
    const columns = ['id', ...keys].map(quote).join(', ');
    const values = ['j.value', ...keys.map((k) => `json_extract(e.old, '$.${k}')`)].join(', ');
    return this.statements.get(`INSERT INTO ${quote(table)} (${columns}) SELECT ${values} ${jsonEntries}`).run(json, table, source).changes;
  }

  /** The values set `source` journalled for the rows of a chunk that it deleted, wherever they are kept. */
  private journalledRows(table: TableName, json: string, source: number | null): Map<number, Record<string, CellValue>> {
    const values = new Map<number, Record<string, CellValue>>();
    const copied = this.statements.get(`SELECT ${rowColumns(table)} FROM ${journalTable(table)} WHERE set_id = ? AND id IN (SELECT value FROM json_each(?))`).all(source, json) as Row[];
    for (const { id, ...row } of copied) values.set(id, row);
    const snapshots = this.statements.get(`SELECT j.value AS id, e.old AS old ${jsonEntries}`).all(json, table, source) as { id: number; old: string }[];
    for (const { id, old } of snapshots) if (!values.has(id)) values.set(id, parseRow(old));
    return values;
  }

  /**
   * Runs a bulk statement in a savepoint, kept when it wrote all `expected` rows; else undone, and false (the caller
   * then goes entry by entry). Spares a query that counts first what the statement finds anyway.
   */
  private whole(expected: number, write: () => number): boolean {
    const short = new Error('short');
    try {
      this.db.transaction(() => {
        if (write() !== expected) throw short;
      })();
      return true;
    } catch (error) {
      if (error === short) return false;
      throw error;
    }
  }

  private transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  /**
   * Runs checked steps, journalling each. `run.placed` collects the members placed, for the check that no person is
   * twice in a household (undo and redo skip it: they put back a state that existed — a household of a file from
   * before this check may hold such a pair, and deleting it must stay undoable).
   */
  private execute(steps: Step[], run: Run): { insertedIds: Record<string, number> } {
    const entries: JournalItem[] = [];
    const insertedIds: Record<string, number> = {};
    // A placeholder in a ref field becomes the real id of the row inserted under it: in place, the values being the
    // step's own (made by checkChangeSet, or read for this run) — an import resolves one in each of 620,000 rows.
    const resolve = (table: TableName, values: Record<string, CellValue>) => {
      for (const key of refKeysOf.get(table)!) {
        const value = values[key];
        if (typeof value === 'number' && value < 0) values[key] = run.insertedIds.get(value) ?? value;
      }
      return values;
    };
    // Rows inserted are journalled by their ids only: undo needs nothing more, and the undo's delete entries keep
    // the rows for a later redo. This halves the journal of a large import.
    // `valueOf(k, key)`: the value of the k-th row inserted.
    const inserted = (table: TableName, placeholders: readonly (number | undefined)[] | null, ids: number[], valueOf: (k: number, key: string) => CellValue | undefined) => {
      if (placeholders) {
        ids.forEach((id, k) => {
          const placeholder = placeholders[k];
          if (placeholder === undefined) return;
          insertedIds[String(placeholder)] = id;
          run.insertedIds.set(placeholder, id);
        });
      }
      if (run.placed && table === 'members') ids.forEach((id, k) => run.placed!.members.set(id, { householdId: valueOf(k, 'householdId') ?? null, idNumber: valueOf(k, 'idNumber') ?? null }));
      if (run.placed && table === 'households') for (const id of ids) run.placed.newHouseholds.add(id);
      run.touched?.add(table, ids);
      entries.push({ tbl: table, op: 'insert', ids });
    };

    let oneByOneUntil = 0;
    for (let i = 0; i < steps.length; i++) {
      let step = steps[i]!;
      const spec = tableSpec(step.table);
      // New rows of one table, one after the other: written as columns, many per statement.
      if (step.op === 'insert' && step.id === null && i >= oneByOneUntil) {
        let end = i + 1;
        while (end < steps.length && steps[end]!.op === 'insert' && steps[end]!.table === step.table && (steps[end] as { id: number | null }).id === null) end++;
        if (end - i > 1) steps.splice(i, end - i, (step = columnsStep(steps.slice(i, end) as InsertStep[])));
      }
      if (step.op === 'insertColumns') {
        const { table, columns, values, placeholders } = step;
        resolveColumns(table, columns, values, run.insertedIds);
        const { ids, refused } = this.rows.insertColumns(table, columns, values, rowCount(step));
        if (ids.length) {
          inserted(table, placeholders, ids, (k, key) => {
            const c = columns.indexOf(key);
            return c < 0 ? null : values[k * columns.length + c];
          });
        }
        // When the table refused a row (a duplicate 户编号 …), the rest goes row by row, from the first row not
        // written: that path finds and names it.
        if (refused) {
          const rest = rowSteps(step, ids.length);
          steps.splice(i + 1, 0, ...rest);
          oneByOneUntil = i + 1 + rest.length;
        }
        continue;
      }
      try {
        if (step.op === 'insert') {
          const values = resolve(step.table, step.values);
          inserted(step.table, [step.placeholder], [this.rows.insert(step.table, step.id, values)], (_, key) => values[key]);
        } else if (step.op === 'update') {
          const current = this.rows.get(step.table, step.id);
          if (!current) throw new PaichaError('notFound', `要修改的${spec.rowLabel}不存在（可能已被删除），本次修改未保存。`);
          for (const [key, value] of Object.entries(step.expected ?? {})) {
            if (current[key] !== value) {
              throw new PaichaError('conflict', `${spec.rowLabel}的「${columnSpec(step.table, key)?.label ?? key}」已被其他操作改动，无法撤销或重做。`);
            }
          }
          const values = resolve(step.table, step.values);
          const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => current[k] !== v));
          if (!Object.keys(changed).length) continue;
          this.rows.update(step.table, step.id, changed);
          if (step.table === 'members' && ('householdId' in changed || ('idNumber' in changed && normalizedIdNumber(changed.idNumber) !== normalizedIdNumber(current.idNumber)))) {
            run.placed?.members.set(step.id, { householdId: 'householdId' in changed ? changed.householdId! : current.householdId!, idNumber: 'idNumber' in changed ? changed.idNumber! : current.idNumber! });
          }
          run.touched?.add(step.table, [step.id]);
          for (const [field, value] of Object.entries(changed)) {
            entries.push({ tbl: step.table, row_id: step.id, op: 'update', field, old: current[field] ?? null, new: value });
          }
        } else {
          if (run.deleted.has(step.table, step.id)) continue;
          const current = this.rows.get(step.table, step.id);
          if (!current) throw new PaichaError('notFound', `要删除的${spec.rowLabel}不存在（可能已被删除），本次修改未保存。`);
          this.deleteWithDependants(step.table, current, entries, run);
        }
      } catch (error) {
        const values = step.op === 'delete' ? undefined : step.values;
        throw translateSqliteError(error, { op: step.op, rowLabel: spec.rowLabel, values });
      }
    }
    run.journal.add(entries);
    return { insertedIds };
  }

  /**
   * Refuses the same person twice in one household: a member this run placed (inserted, moved, or gave another
   * 证件号码) whose number — trimmed, x as X — another member of that household has. Only the households the run
   * touched are read, and only duplicates it makes count: a file may hold older ones (from before this check;
   * 数据核查's member.duplicateId reports them) and must still open and take other edits. Not a UNIQUE index, for
   * the same reason. Read a slice of households at a time: a county's import places 320,000 members.
   */
  private assertEachPersonOnce({ members, newHouseholds }: Placed): void {
    // [id, 证件号码] of every member of each household placed into: those of a household the run made are all placed
    // ones, known here (a county's import makes all of its households); the others' are read, a slice at a time.
    const mates = new Map<number, [number, CellValue][]>();
    const add = (householdId: number, id: number, idNumber: CellValue) => (mates.get(householdId) ?? mates.set(householdId, []).get(householdId)!).push([id, idNumber]);
    const onFile = new Set<number>();
    for (const [id, { householdId, idNumber }] of members) {
      if (typeof householdId !== 'number') continue;
      if (newHouseholds.has(householdId)) add(householdId, id, idNumber);
      else onFile.add(householdId);
    }
    const read = [...onFile];
    for (let start = 0; start < read.length; start += BULK_ROWS) {
      for (const [id, householdId, idNumber] of this.rows.membersOf(read.slice(start, start + BULK_ROWS))) add(householdId, id, idNumber);
    }
    for (const householdId of [...mates.keys()].sort((a, b) => a - b)) {
      const byPerson = new Map<string, number[]>();
      for (const [id, number] of mates.get(householdId)!) {
        const idNumber = normalizedIdNumber(number);
        if (idNumber) (byPerson.get(idNumber) ?? byPerson.set(idNumber, []).get(idNumber)!).push(id);
      }
      const twice = [...byPerson].find(([, ids]) => ids.length > 1 && ids.some((id) => members.has(id)));
      if (!twice) continue;
      const [idNumber, ids] = twice;
      const hhNo = this.rows.get('households', householdId)?.hhNo;
      const household = hhNo == null || hhNo === '' ? '该户（未填户编号）' : `户编号「${String(hhNo)}」的户`;
      throw new PaichaError(
        'constraint',
        `${household}中有 ${ids.length} 名家庭成员的证件号码都是「${idNumber}」：同一个人不能在一户中登记两次。请核对后删除重复的成员。本次修改未保存。`,
      );
    }
  }

  /**
   * Deletes a row after its 'cascade' dependants, depth first, each journalled as a delete of its own. The journal
   * thus lists every row after the rows that point at it: undo, replaying it backwards, re-inserts the owner before
   * its dependants, and redo, replaying it forwards, deletes them in the same safe order.
   */
  private deleteWithDependants(table: TableName, row: Row, entries: JournalItem[], run: Run): void {
    const dependants = dependantsOf.get(table) ?? [];
    // Refuse before deleting anything, so the clerk hears about the record they chose, not about one of its parts.
    for (const { table: other, column, onDelete } of dependants) {
      if (onDelete !== 'restrict') continue;
      const count = this.rows.idsWhere(other, column, row.id).length;
      if (count) throw restrictedDeleteError(table, row, other, count);
    }
    for (const { table: other, column, onDelete } of dependants) {
      if (onDelete !== 'cascade') continue;
      for (const id of this.rows.idsWhere(other, column, row.id)) {
        // Another path may have taken it already (an assignment goes with its village and with its group).
        const dependant = this.rows.get(other, id);
        if (dependant) this.deleteWithDependants(other, dependant, entries, run);
      }
    }
    this.rows.delete(table, row.id);
    if (table === 'members') run.placed?.members.delete(row.id);
    entries.push({ tbl: table, row_id: row.id, op: 'delete', field: null, old: snapshot(row), new: null });
    run.deleted.add(table, row.id);
    run.touched?.add(table, [row.id]);
  }
}

type InsertStep = Step & { op: 'insert' };
type ColumnsStep = Step & { op: 'insertColumns' };

/** The rows of a columns step: one per placeholder, or as many as its values fill (a step without fields has placeholders). */
const rowCount = ({ columns, values, placeholders }: ColumnsStep): number => placeholders?.length ?? values.length / columns.length;

/** A run of new rows of one table as one step of columns: the fields any of them has, null where a row lacks one. */
function columnsStep(run: readonly InsertStep[]): Step {
  const { columns, values } = rowsAsColumns(run.map((step) => step.values));
  return { op: 'insertColumns', table: run[0]!.table, columns, values, placeholders: run.map((s) => s.placeholder) };
}

/** The rows of a columns step from row `from` on, each a step of its own. */
function rowSteps(step: ColumnsStep, from: number): InsertStep[] {
  const { table, columns, values, placeholders } = step;
  const width = columns.length;
  const steps: InsertStep[] = [];
  for (let r = from; r < rowCount(step); r++) {
    const row: Record<string, CellValue> = {};
    columns.forEach((key, c) => (row[key] = values[r * width + c]!));
    const placeholder = placeholders?.[r];
    steps.push({ op: 'insert', table, id: null, values: row, ...(placeholder !== undefined ? { placeholder } : {}) });
  }
  return steps;
}

/** Placeholders in the ref columns of a columns step made the real ids of the rows inserted under them, in place. */
function resolveColumns(table: TableName, columns: readonly string[], values: CellValue[], insertedIds: ReadonlyMap<number, number>): void {
  const refs = refKeysOf.get(table)!;
  const width = columns.length;
  columns.forEach((key, c) => {
    if (!refs.includes(key)) return;
    for (let i = c; i < values.length; i += width) {
      const value = values[i];
      if (typeof value === 'number' && value < 0) values[i] = insertedIds.get(value) ?? value;
    }
  });
}

/** Ids as runs of consecutive ids, [first, last] each (sorted first; a single id is a run of one). */
export function idRuns(ids: readonly number[]): [number, number][] {
  const sorted = Float64Array.from(ids).sort();
  const runs: [number, number][] = [];
  for (let i = 0; i < sorted.length; ) {
    let end = i;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++;
    runs.push([sorted[i]!, sorted[end]!]);
    i = end + 1;
  }
  return runs;
}

/** The ids of runs read from the journal, [row_id, last_row_id | null] each, in order. */
export function idsOfRuns(runs: readonly (readonly [number, number | null])[]): number[] {
  const ids: number[] = [];
  for (const [first, last] of runs) for (let id = first; id <= (last ?? first); id++) ids.push(id);
  return ids;
}

/** How rowsDeletedInBulkSince names a row: the set that deleted it and its id. */
export const deletedRowKey = (setId: number, id: number): string => `${setId}:${id}`;

/**
 * The id and the columns of a table's rows (those of them in `only`, when given), as a list for SQL (of alias
 * `alias`): what its journal table holds.
 */
function rowColumns(table: TableName, alias?: string, only?: readonly string[]): string {
  const keys = tableSpec(table).columns.map((c) => c.key).filter((key) => !only || only.includes(key));
  return ['id', ...keys].map((key) => (alias ? `${alias}.${quote(key)}` : quote(key))).join(', ');
}

/**
 * The delete entries of set ? keeping as JSON a row of table ? listed in JSON array ? (the parameters in that
 * order), the list read first: CROSS JOIN keeps that order. Named, the partial index is used (without statistics
 * SQLite would rather scan the whole set's entries for each row).
 */
const jsonEntries = `FROM json_each(?) j CROSS JOIN change_entries e INDEXED BY change_entries_snapshot ON e.tbl = ? AND e.row_id = j.value AND e.set_id = ? AND e.op = 'delete' AND e.old IS NOT NULL`;

function parseRow(json: CellValue): Record<string, CellValue> {
  return JSON.parse(String(json)) as Record<string, CellValue>;
}

/** An update entry undone (inserts and deletes are replayed in bulk, see replay). */
function inverseStep([table, id, field, old, value]: UpdateTuple): Step {
  return { op: 'update', table, id, values: { [field]: old }, expected: { [field]: value } };
}

/** An update entry redone. */
function forwardStep([table, id, field, old, value]: UpdateTuple): Step {
  return { op: 'update', table, id, values: { [field]: value }, expected: { [field]: old } };
}
