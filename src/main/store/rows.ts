// Row-level SQL for the dictionary tables, with prepared statements cached. Used by the change-set executor only.
import type Database from 'better-sqlite3';
import type { CellValue, Row, TableName } from '../../shared/tables';
import { quote } from './schema';
import { StatementCache } from './statements';

/** Rows per multi-row INSERT, and SQLite's limit of parameters per statement (32,766), with a margin. */
const ROWS_PER_STATEMENT = 64;
const MAX_PARAMETERS = 30_000;

export class RowStatements {
  private readonly statements: StatementCache;

  constructor(db: Database.Database) {
    this.statements = new StatementCache(db);
  }

  get(table: TableName, id: number): Row | undefined {
    return this.statements.get(`get:${table}`, () => `SELECT * FROM ${quote(table)} WHERE id = ?`).get(id) as Row | undefined;
  }

  /** Inserts a row; `id` null lets SQLite choose (AUTOINCREMENT never reuses an id, so the journal stays unambiguous). */
  insert(table: TableName, id: number | null, values: Record<string, CellValue>): number {
    const keys = Object.keys(values);
    const columns = ['id', ...keys];
    const stmt = this.statements.get(
      `insert:${table}:${keys.join(',')}`,
      () => `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const info = stmt.run(id, ...keys.map((k) => values[k]));
    return Number(info.lastInsertRowid);
  }

  /**
   * Inserts `count` rows that have no id yet, given as columns (`values` row after row), many per statement (a
   * county's import is 620,000 rows: one statement each costs more than the writing). Returns the ids SQLite chose,
   * in order: with AUTOINCREMENT each new row gets one more than the largest id ever used, so the rows of one
   * statement get consecutive ids ending at the last one inserted. When the table refuses a row, SQLite undoes that
   * statement whole: `refused` is then true and `ids` those of the rows written before it.
   */
  insertColumns(table: TableName, columns: readonly string[], values: readonly CellValue[], count: number): { ids: number[]; refused: boolean } {
    // Rows without fields: their id alone, which SQLite chooses.
    if (!columns.length) return this.insertColumns(table, ['id'], new Array<CellValue>(count).fill(null), count);
    const width = columns.length;
    const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / width)));
    const ids: number[] = [];
    for (let start = 0; start < count; start += perStatement) {
      const rows = Math.min(perStatement, count - start);
      const stmt = this.statements.get(`insertColumns:${table}:${rows}:${columns.join(',')}`, () => {
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        return `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
      });
      let info: Database.RunResult;
      try {
        info = stmt.run(values.slice(start * width, (start + rows) * width));
      } catch (error) {
        // Other errors (a full disk …) may have ended the transaction: they go to the caller as they are.
        if (!String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) throw error;
        return { ids, refused: true };
      }
      const last = Number(info.lastInsertRowid);
      if (info.changes !== rows) throw new Error(`insertColumns: ${info.changes} of ${rows} rows inserted`);
      for (let id = last - rows + 1; id <= last; id++) ids.push(id);
    }
    return { ids, refused: false };
  }

  update(table: TableName, id: number, values: Record<string, CellValue>): void {
    const keys = Object.keys(values);
    const stmt = this.statements.get(
      `update:${table}:${keys.join(',')}`,
      () => `UPDATE ${quote(table)} SET ${keys.map((k) => `${quote(k)} = ?`).join(', ')} WHERE id = ?`,
    );
    stmt.run(...keys.map((k) => values[k]), id);
  }

  /** The ids of the rows whose `column` holds `value`: the rows that point at a record through a ref column. */
  idsWhere(table: TableName, column: string, value: CellValue): number[] {
    return this.statements.get(`ids:${table}:${column}`, () => `SELECT id FROM ${quote(table)} WHERE ${quote(column)} = ? ORDER BY id`)
      .pluck()
      .all(value) as number[];
  }

  /** [id, householdId, idNumber] of every member of the households `householdIds` (as arrays: a check reads many). */
  membersOf(householdIds: readonly number[]): [number, number, CellValue][] {
    if (!householdIds.length) return [];
    return this.statements.get('membersOf', () => 'SELECT id, householdId, idNumber FROM members WHERE householdId IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(householdIds)) as [number, number, CellValue][];
  }

  delete(table: TableName, id: number): void {
    this.statements.get(`delete:${table}`, () => `DELETE FROM ${quote(table)} WHERE id = ?`).run(id);
  }
}
