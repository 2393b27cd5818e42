// The store: the one place that speaks SQL. It opens (or creates) the database file safely, migrates it, and
// offers reads plus the one write path (ChangeSets).
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { ApplyResult, ChangeSet, HistoryState, HistoryStep, JournalSet } from '../../shared/changes';
import { PaichaError } from '../../shared/errors';
import { columnSpec, settingKeys, tableSpec, type CellValue, type Row, type TableName } from '../../shared/tables';
import { ChangeSets } from './changesets';
import { translateSqliteError } from './errors';
import { latestVersion, migrationStatements } from './migrations';
import { quote } from './schema';

/** PRAGMA application_id of a 排查台账 file: 'PCHA'. */
const APPLICATION_ID = 0x50434841;
const SQLITE_HEADER = 'SQLite format 3\0';
const BUSY_TIMEOUT_MS = 5000;

/** Refuses a non-empty file that does not start with SQLite's header, before SQLite touches it. */
function assertSqliteHeader(path: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) throw new PaichaError('notDatabase', `「${path}」是一个文件夹，不是数据库文件。`);
  if (statSync(path).size === 0) return;
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    if (header.toString('latin1') !== SQLITE_HEADER) {
      throw new PaichaError(
        'notDatabase',
        `「${path}」不是排查台账的数据库文件（不是 SQLite 格式），程序没有改动它。请检查 --db 指定的文件。`,
      );
    }
  } finally {
    closeSync(fd);
  }
}

/** Warnings about where the file sits: WAL needs a local disk. */
export function locationWarnings(path: string): string[] {
  const risky = /^(\\\\|\/\/)|^\/(media|mnt|run\/media)\//.test(path);
  return risky
    ? ['数据库文件位于网络共享或移动存储上。为防止数据损坏，请把它放在本机硬盘上，并定期备份。']
    : [];
}

export class Store {
  readonly path: string;
  readonly warnings: string[];
  private readonly db: Database.Database;
  private readonly changeSets: ChangeSets;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
    this.changeSets = new ChangeSets(db);
    this.warnings = locationWarnings(path);
  }

  /**
   * Opens the file, creating it (and its folder) if absent. Everything that could refuse the file — not SQLite,
   * another program's database, a newer version's file, damage — is checked before the first write.
   */
  static open(file: string, options: { busyTimeoutMs?: number } = {}): Store {
    const path = resolve(file);
    assertSqliteHeader(path);
    mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (error) {
      throw new PaichaError('notDatabase', `无法打开数据库文件「${path}」：${(error as Error).message}`);
    }
    try {
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? BUSY_TIMEOUT_MS}`);
      Store.probe(db, path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      Store.migrate(db);
      return new Store(path, db);
    } catch (error) {
      db.close();
      const translated = translateSqliteError(error);
      if (translated instanceof PaichaError && translated.code !== 'busy') {
        throw new PaichaError(translated.code, `「${path}」：${translated.message}`);
      }
      throw translated;
    }
  }

  /** Read-only checks of an opened file. */
  private static probe(db: Database.Database, path: string): void {
    const version = db.pragma('user_version', { simple: true }) as number;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const objects = (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n;
    if (applicationId !== APPLICATION_ID && objects > 0) {
      throw new PaichaError('notDatabase', '这是其他程序的 SQLite 数据库，不是排查台账的数据文件，程序没有改动它。');
    }
    if (version > latestVersion) {
      throw new PaichaError(
        'newerSchema',
        `该文件由更新版本的排查台账写入（数据版本 ${version}，本程序只支持到 ${latestVersion}）。请升级程序后再打开；文件没有被改动。`,
      );
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new PaichaError('corrupt', `数据库文件「${path}」完整性检查未通过，可能已损坏。请从备份恢复；程序没有改动它。`);
    }
  }

  private static migrate(db: Database.Database): void {
    if ((db.pragma('user_version', { simple: true }) as number) === latestVersion) return;
    db.transaction(() => {
      // Read again inside the write lock: another program may have migrated the file in between.
      const current = db.pragma('user_version', { simple: true }) as number;
      for (let version = current + 1; version <= latestVersion; version++) {
        for (const statement of migrationStatements(version)) db.exec(statement);
      }
      if (current === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
      if (current < latestVersion) db.pragma(`user_version = ${latestVersion}`);
    }).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  rows(table: TableName, where: Record<string, CellValue> = {}): Row[] {
    const spec = tableSpec(table);
    const conditions: string[] = [];
    const params: CellValue[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (key !== 'id' && !columnSpec(table, key)) {
        throw new PaichaError('invalid', `「${spec.label}」没有「${key}」这一栏。`);
      }
      if (value === null) conditions.push(`${quote(key)} IS NULL`);
      else {
        conditions.push(`${quote(key)} = ?`);
        params.push(value);
      }
    }
    const filter = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    return this.db.prepare(`SELECT * FROM ${quote(table)}${filter} ORDER BY id`).all(...params) as Row[];
  }

  /** Rows whose `column` is one of `values` (any number of them, passed as one JSON parameter). */
  rowsIn(table: TableName, column: string, values: readonly CellValue[]): Row[] {
    if (column !== 'id' && !columnSpec(table, column)) {
      throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${column}」这一栏。`);
    }
    if (!values.length) return [];
    return this.db
      .prepare(`SELECT * FROM ${quote(table)} WHERE ${quote(column)} IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(values)) as Row[];
  }

  /** The latest change set id (0 for a new database): where an export point stands. */
  lastChangeSetId(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) AS n FROM change_sets').get() as { n: number }).n;
  }

  /**
   * The rows of `tables` that change sets after `setId` wrote (inserted, changed or deleted). A deleted row comes
   * with its last values (`deleted`), since it can no longer be read; a row moved to another household, with the
   * household it left (`formerHouseholdId`).
   */
  rowsTouchedSince(setId: number, tables: readonly TableName[]): { table: TableName; rowId: number; deleted?: Record<string, CellValue>; formerHouseholdId?: CellValue }[] {
    const rows = this.db
      .prepare(
        `SELECT tbl, row_id,
                max(CASE WHEN op = 'delete' THEN old END) AS old,
                min(CASE WHEN op = 'update' AND field = 'householdId' THEN old END) AS former
         FROM change_entries
         WHERE set_id > ? AND tbl IN (SELECT value FROM json_each(?)) GROUP BY tbl, row_id`,
      )
      .all(setId, JSON.stringify(tables)) as { tbl: TableName; row_id: number; old: string | null; former: CellValue }[];
    return rows.map((r) => ({
      table: r.tbl,
      rowId: r.row_id,
      ...(r.old ? { deleted: JSON.parse(r.old) as Record<string, CellValue> } : {}),
      ...(r.former != null ? { formerHouseholdId: r.former } : {}),
    }));
  }

  /** The largest value of a column, or null for an empty table. */
  max(table: TableName, column: string): CellValue {
    if (!columnSpec(table, column)) throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${column}」这一栏。`);
    return (this.db.prepare(`SELECT max(${quote(column)}) AS v FROM ${quote(table)}`).get() as { v: CellValue }).v;
  }

  /** Selected columns of every row of a table, for derivations over large tables. */
  columns(table: TableName, keys: readonly string[]): Record<string, CellValue>[] {
    for (const key of keys) {
      if (!columnSpec(table, key)) throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${key}」这一栏。`);
    }
    return this.db.prepare(`SELECT ${keys.map(quote).join(', ')} FROM ${quote(table)}`).all() as Record<string, CellValue>[];
  }

  count(table: TableName | 'change_sets'): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
  }

  setting(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string | null } | undefined;
    return row?.value ?? null;
  }

  operator(): string | null {
    return this.setting(settingKeys.operator);
  }

  apply(set: ChangeSet): ApplyResult {
    const result = this.changeSets.apply(set, this.operator());
    return { ...result, history: this.changeSets.history() };
  }

  history(): HistoryState {
    return this.changeSets.history();
  }

  undo(): HistoryStep {
    const label = this.changeSets.undo(this.operator());
    return { label, history: this.changeSets.history() };
  }

  redo(): HistoryStep {
    const label = this.changeSets.redo(this.operator());
    return { label, history: this.changeSets.history() };
  }

  journal(limit: number): JournalSet[] {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.at, s.operator, s.label, s.kind, s.target, s.undone,
                (SELECT count(*) FROM change_entries e WHERE e.set_id = s.id) AS entries
         FROM change_sets s ORDER BY s.id DESC LIMIT ?`,
      )
      .all(limit) as (Omit<JournalSet, 'undone'> & { undone: number })[];
    return rows.map((r) => ({ ...r, undone: r.undone === 1 }));
  }
}
