// The one write path (principle 2): a ChangeSet is checked whole, applied in one transaction, and journalled
// field by field. Undo and redo are change sets built from the journal and applied the same way.
import type Database from 'better-sqlite3';
import { normalizeCell } from '../../shared/cells';
import type { ApplyResult, ChangeSet, HistoryState } from '../../shared/changes';
import { PaichaError } from '../../shared/errors';
import { columnSpec, isTableName, tableSpec, tables, type CellValue, type Row, type TableName } from '../../shared/tables';
import { restrictedDeleteError, translateSqliteError } from './errors';
import { RowStatements } from './rows';

/** A checked, normalised unit of work. Explicit positive ids and expectations occur only in undo/redo. */
type Step =
  | { op: 'insert'; table: TableName; id: number | null; placeholder?: number; values: Record<string, CellValue> }
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

const rowKey = (table: TableName, id: number) => `${table}:${id}`;

const invalid = (message: string) => new PaichaError('invalid', `${message}本次修改未保存。`);

function isId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** A 证件号码 as compared for duplicates: trimmed, a lower-case x as X; empty for none. */
function normalizedIdNumber(value: CellValue | undefined): string {
  return value == null ? '' : String(value).trim().toUpperCase();
}

/** Checks the shape and every value of a change set, before anything is written. */
export function checkChangeSet(set: ChangeSet): Step[] {
  if (!set || typeof set.label !== 'string' || !set.label.trim() || !Array.isArray(set.changes)) {
    throw invalid('修改内容不完整。');
  }
  const steps: Step[] = [];
  const placeholders = new Set<number>();

  const values = (table: TableName, fields: Record<string, unknown>, rowNo: number) => {
    const spec = tableSpec(table);
    const result: Record<string, CellValue> = {};
    for (const [key, raw] of Object.entries(fields)) {
      if (key === 'id') continue;
      const column = columnSpec(table, key);
      if (!column) throw invalid(`「${spec.label}」没有「${key}」这一栏。`);
      const cell = normalizeCell(column, raw);
      if (!cell.ok) throw invalid(`第 ${rowNo} 条${spec.rowLabel}：${cell.message}。`);
      if (column.type === 'ref' && typeof cell.value === 'number' && cell.value < 0 && !placeholders.has(cell.value)) {
        throw invalid(`第 ${rowNo} 条${spec.rowLabel}：「${column.label}」指向的新记录不在本次修改中。`);
      }
      result[key] = cell.value;
    }
    return result;
  };

  for (const change of set.changes) {
    if (!change || !isTableName(change.table)) throw invalid('修改指向了不存在的表。');
    const { table } = change;
    const spec = tableSpec(table);
    if (change.op === 'insert') {
      if (!Array.isArray(change.rows)) throw invalid('新增内容不完整。');
      change.rows.forEach((row, i) => {
        const placeholder = row.id;
        if (placeholder !== undefined) {
          if (!Number.isInteger(placeholder) || placeholder >= 0 || placeholders.has(placeholder)) {
            throw invalid(`新增的${spec.rowLabel}不能自带编号。`);
          }
        }
        const step: Step = { op: 'insert', table, id: null, values: values(table, row, i + 1) };
        if (placeholder !== undefined) {
          step.placeholder = placeholder;
          placeholders.add(placeholder);
        }
        steps.push(step);
      });
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

/** A row as the journal keeps it: its filled fields as JSON (empty ones are NULL when the row is re-inserted). */
function snapshot(row: Record<string, CellValue>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(row).filter(([key, value]) => key !== 'id' && value !== null)));
}

export class ChangeSets {
  private readonly rows: RowStatements;

  constructor(private readonly db: Database.Database) {
    this.rows = new RowStatements(db);
  }

  /** Applies a clerk's change set. Returns its journal id (null if it changed nothing) and the placeholder ids. */
  apply(set: ChangeSet, operator: string | null): Omit<ApplyResult, 'history'> {
    const steps = checkChangeSet(set);
    return this.transaction(() => {
      const { entries, insertedIds } = this.execute(steps, true);
      const changeSetId = entries.length ? this.record(set.label.trim(), 'edit', null, operator, entries, !!set.bookkeeping) : null;
      return { changeSetId, insertedIds, touched: touchedBy(entries) };
    });
  }

  /** Reverts the latest edit; its label and the rows it wrote, or null when there is nothing to undo. */
  undo(operator: string | null): { label: string; touched: ApplyResult['touched'] } | null {
    return this.transaction(() => {
      const target = this.undoTarget();
      if (!target) return null;
      const steps = this.entries(target.id).reverse().map(inverseStep);
      const { entries } = this.execute(steps, false);
      this.record(target.label, 'undo', target.id, operator, entries);
      this.db.prepare('UPDATE change_sets SET undone = 1 WHERE id = ?').run(target.id);
      return { label: target.label, touched: touchedBy(entries) };
    });
  }

  /** Repeats the edit undone last; its label and the rows it wrote, or null when there is nothing to redo. */
  redo(operator: string | null): { label: string; touched: ApplyResult['touched'] } | null {
    return this.transaction(() => {
      const target = this.redoTarget();
      if (!target) return null;
      const removed = this.rowsRemovedByLastUndo(target.id);
      const steps = this.entries(target.id).map((e) => forwardStep(e, removed));
      const { entries } = this.execute(steps, false);
      this.record(target.label, 'redo', target.id, operator, entries);
      this.db.prepare('UPDATE change_sets SET undone = 0 WHERE id = ?').run(target.id);
      return { label: target.label, touched: touchedBy(entries) };
    });
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

  /** The rows the latest undo of a set deleted, by table and id: what a redo of its inserts puts back. */
  private rowsRemovedByLastUndo(target: number): Map<string, CellValue> {
    const rows = this.db
      .prepare(
        `SELECT tbl, row_id, old FROM change_entries
         WHERE op = 'delete' AND set_id = (SELECT max(id) FROM change_sets WHERE kind = 'undo' AND target = ?)`,
      )
      .all(target) as { tbl: string; row_id: number; old: CellValue }[];
    return new Map(rows.map((r) => [`${r.tbl}:${r.row_id}`, r.old]));
  }

  private entries(setId: number): EntryRow[] {
    return this.db
      .prepare('SELECT tbl, row_id, op, field, old, new FROM change_entries WHERE set_id = ? ORDER BY seq')
      .all(setId) as EntryRow[];
  }

  private transaction<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  /**
   * `checkPeople`: refuse a set that leaves one person twice in a household. Undo and redo skip it: they put back a
   * state that existed (a household of a file from before this check may hold such a pair, and deleting it must stay
   * undoable).
   */
  private execute(steps: Step[], checkPeople: boolean): { entries: EntryRow[]; insertedIds: Record<string, number> } {
    const entries: EntryRow[] = [];
    const insertedIds: Record<string, number> = {};
    /** Members this run inserted, moved to another household or gave another 证件号码. */
    const placedMembers = new Set<number>();
    /** Rows this run deleted, by rowKey: a delete listed after the cascade that took its row has nothing left to do. */
    const deleted = new Set<string>();
    const resolve = (table: TableName, values: Record<string, CellValue>) => {
      const resolved: Record<string, CellValue> = {};
      for (const [key, value] of Object.entries(values)) {
        const isPlaceholder = typeof value === 'number' && value < 0 && columnSpec(table, key)?.type === 'ref';
        resolved[key] = isPlaceholder ? (insertedIds[String(value)] ?? value) : value;
      }
      return resolved;
    };

    for (const step of steps) {
      const spec = tableSpec(step.table);
      try {
        if (step.op === 'insert') {
          const values = resolve(step.table, step.values);
          const id = this.rows.insert(step.table, step.id, values);
          if (step.placeholder !== undefined) insertedIds[String(step.placeholder)] = id;
          if (step.table === 'members') placedMembers.add(id);
          // An insert is journalled by its id only: undo needs nothing more, and the undo's delete entries keep the
          // row for a later redo. This halves the journal of a large import.
          entries.push({ tbl: step.table, row_id: id, op: 'insert', field: null, old: null, new: null });
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
            placedMembers.add(step.id);
          }
          for (const [field, value] of Object.entries(changed)) {
            entries.push({ tbl: step.table, row_id: step.id, op: 'update', field, old: current[field] ?? null, new: value });
          }
        } else {
          if (deleted.has(rowKey(step.table, step.id))) continue;
          const current = this.rows.get(step.table, step.id);
          if (!current) throw new PaichaError('notFound', `要删除的${spec.rowLabel}不存在（可能已被删除），本次修改未保存。`);
          this.deleteWithDependants(step.table, current, entries, deleted);
        }
      } catch (error) {
        const values = step.op === 'delete' ? undefined : step.values;
        throw translateSqliteError(error, { op: step.op, rowLabel: spec.rowLabel, values });
      }
    }
    if (checkPeople) this.assertEachPersonOnce(placedMembers);
    return { entries, insertedIds };
  }

  /**
   * Refuses the same person twice in one household: a member this run placed (inserted, moved, or gave another
   * 证件号码) whose number — trimmed, x as X — another member of that household has. Only the households the run
   * touched are read, and only duplicates it makes count: a file may hold older ones (from before this check;
   * 数据核查's member.duplicateId reports them) and must still open and take other edits. Not a UNIQUE index, for
   * the same reason.
   */
  private assertEachPersonOnce(placed: ReadonlySet<number>): void {
    if (!placed.size) return;
    const keys = ['id', 'householdId', 'idNumber'];
    const households = this.rows.columnsWhereIn('members', keys, 'id', [...placed]).map((m) => m.householdId);
    const members = this.rows.columnsWhereIn('members', keys, 'householdId', [...new Set(households.filter(isId))]);
    const byPerson = new Map<string, number[]>();
    for (const m of members) {
      const idNumber = normalizedIdNumber(m.idNumber);
      if (!idNumber) continue;
      const key = `${m.householdId}|${idNumber}`;
      (byPerson.get(key) ?? byPerson.set(key, []).get(key)!).push(Number(m.id));
    }
    for (const [key, ids] of byPerson) {
      if (ids.length < 2 || !ids.some((id) => placed.has(id))) continue;
      const [householdId, idNumber] = key.split('|') as [string, string];
      const hhNo = this.rows.get('households', Number(householdId))?.hhNo;
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
  private deleteWithDependants(table: TableName, row: Row, entries: EntryRow[], deleted: Set<string>): void {
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
        if (dependant) this.deleteWithDependants(other, dependant, entries, deleted);
      }
    }
    this.rows.delete(table, row.id);
    entries.push({ tbl: table, row_id: row.id, op: 'delete', field: null, old: snapshot(row), new: null });
    deleted.add(rowKey(table, row.id));
  }

  private record(label: string, kind: 'edit' | 'undo' | 'redo', target: number | null, operator: string | null, entries: EntryRow[], bookkeeping = false): number {
    const setId = Number(
      this.db
        .prepare('INSERT INTO change_sets (at, operator, label, kind, target, bookkeeping) VALUES (?, ?, ?, ?, ?, ?)')
        .run(new Date().toISOString(), operator, label, kind, target, bookkeeping ? 1 : 0).lastInsertRowid,
    );
    const insert = this.db.prepare(
      'INSERT INTO change_entries (set_id, seq, tbl, row_id, op, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    entries.forEach((e, seq) => insert.run(setId, seq, e.tbl, e.row_id, e.op, e.field, e.old, e.new));
    return setId;
  }
}

/** The rows a run of entries wrote, by table, each once. */
function touchedBy(entries: readonly EntryRow[]): Partial<Record<TableName, number[]>> {
  const touched: Partial<Record<TableName, Set<number>>> = {};
  for (const e of entries) (touched[e.tbl] ??= new Set()).add(e.row_id);
  return Object.fromEntries(Object.entries(touched).map(([table, ids]) => [table, [...ids]]));
}

function parseRow(json: CellValue): Record<string, CellValue> {
  return JSON.parse(String(json)) as Record<string, CellValue>;
}

function inverseStep(e: EntryRow): Step {
  if (e.op === 'insert') return { op: 'delete', table: e.tbl, id: e.row_id };
  if (e.op === 'delete') return { op: 'insert', table: e.tbl, id: e.row_id, values: parseRow(e.old) };
  return { op: 'update', table: e.tbl, id: e.row_id, values: { [e.field!]: e.old }, expected: { [e.field!]: e.new } };
}

function forwardStep(e: EntryRow, removed: Map<string, CellValue>): Step {
  if (e.op === 'insert') return { op: 'insert', table: e.tbl, id: e.row_id, values: parseRow(removed.get(`${e.tbl}:${e.row_id}`) ?? '{}') };
  if (e.op === 'delete') return { op: 'delete', table: e.tbl, id: e.row_id };
  return { op: 'update', table: e.tbl, id: e.row_id, values: { [e.field!]: e.new }, expected: { [e.field!]: e.old } };
}
