// The store: the one place that speaks SQL. It opens (or creates) the database file safely, migrates it, and
// offers reads plus the one write path (ChangeSets).
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { DatabaseSummary } from '../../shared/api';
import type { ApplyResult, ChangeSet, HistoryState, HistoryStep, JournalSet } from '../../shared/changes';
import { PaichaError } from '../../shared/errors';
import { columnSpec, settingKeys, tableSpec, type CellValue, type Row, type TableName } from '../../shared/tables';
import { ChangeSets, deletedRowKey, type ChangeSetWriter } from './changesets';
import { StatementCache } from './statements';
import { translateSqliteError } from './errors';
import { latestVersion, migrationStatements } from './migrations';
import { quote } from './schema';

/** PRAGMA application_id of a 排查台账 file: 'PCHA'. */
const APPLICATION_ID = 0x50434841;
const SQLITE_HEADER = 'SQLite format 3\0';
const BUSY_TIMEOUT_MS = 5000;

/** Whether a file-system error is a refused permission. */
const denied = (error: unknown) => ['EACCES', 'EPERM'].includes(String((error as NodeJS.ErrnoException).code));

/** Refuses a non-empty file that does not start with SQLite's header, before SQLite touches it. */
function assertSqliteHeader(path: string): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) throw new PaichaError('notDatabase', `「${path}」是一个文件夹，不是数据库文件。请用 --db 指定文件夹中的数据库文件。`);
  if (statSync(path).size === 0) return;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const why = denied(error) ? '没有权限读取' : '无法读取';
    throw new PaichaError('notDatabase', `${why}数据库文件「${path}」。请检查文件和它的权限，程序没有改动它。`);
  }
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

/*
 * The data are personal (ID numbers, health, income), so the files are the user's alone: a folder the store creates
 * is 0700, the database 0600, and SQLite gives its -wal and -shm the database's mode. On Windows none of this
 * applies (no POSIX modes): the file lives in the user's profile (%APPDATA%), which is private to the user by default.
 */
const PRIVATE_POSIX = process.platform !== 'win32';

/** Creates the database's folder (0700 for every folder created) and an empty 0600 file for SQLite to fill. */
function createPrivately(path: string): void {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = denied(error) ? '没有权限' : code === 'ENOTDIR' || code === 'EEXIST' ? '路径中有同名的文件' : '无法创建';
    throw new PaichaError('notDatabase', `无法创建数据库所在的文件夹「${dir}」（${why}）。请用 --db 指定另一个位置。`);
  }
  if (!PRIVATE_POSIX || existsSync(path)) return;
  try {
    closeSync(openSync(path, 'wx', 0o600));
  } catch (error) {
    // Another program created it in between: it is opened (and tightened) like any existing file.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

/**
 * Takes group and other permissions off the database and its -wal/-shm (0644 becomes 0600), for files the current
 * user owns; the content is not touched. Done after the file was found to be ours: a refused file is left as it is.
 */
function tightenPermissions(path: string): void {
  if (!PRIVATE_POSIX) return;
  const uid = process.getuid?.();
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      continue;
    }
    if (!stat.isFile() || stat.uid !== uid || (stat.mode & 0o077) === 0) continue;
    chmodSync(file, stat.mode & 0o700);
  }
}

/** How many cells or rows a set's entries stand for, in SQL: an entry of a run of rows counts each row. */
const entryRows = 'coalesce(sum(coalesce(last_row_id - row_id + 1, 1)), 0)';

/** Warnings about where the file sits: WAL needs a local disk. */
export function locationWarnings(path: string): string[] {
  const risky = /^(\\\\|\/\/)|^\/(media|mnt|run\/media)\//.test(path);
  return risky
    ? ['数据库文件位于网络共享或移动存储上。为防止数据损坏，请把它放在本机硬盘上，并定期备份。']
    : [];
}

/** Counts of what a database holds, and when it last changed. */
function summaryOf(db: Database.Database): DatabaseSummary {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
  const last = db.prepare('SELECT max(at) AS at FROM change_sets').get() as { at: string | null };
  return {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    villages: count('villages'),
    households: count('households'),
    members: count('members'),
    changeSets: count('change_sets'),
    lastChangeAt: last.at,
  };
}

export class Store {
  readonly path: string;
  readonly warnings: string[];
  /** Replaced only by restoreFrom, which reopens the file. */
  private db: Database.Database;
  private changeSets: ChangeSets;
  /** Statements of the reads asked again and again (an import's planning asks rowsIn 4,000 times), of this connection. */
  private statements: StatementCache;

  private constructor(
    path: string,
    db: Database.Database,
    private readonly busyTimeoutMs: number,
  ) {
    this.path = path;
    this.db = db;
    this.changeSets = new ChangeSets(db);
    this.statements = new StatementCache(db);
    this.warnings = locationWarnings(path);
  }

  /**
   * Opens the file, creating it (and its folder) if absent. Everything that could refuse the file — not SQLite,
   * another program's database, a newer version's file, damage — is checked before the first write.
   */
  static open(file: string, options: { busyTimeoutMs?: number; alreadyChecked?: boolean } = {}): Store {
    const path = resolve(file);
    const busyTimeoutMs = options.busyTimeoutMs ?? BUSY_TIMEOUT_MS;
    assertSqliteHeader(path);
    createPrivately(path);
    return new Store(path, Store.connect(path, busyTimeoutMs, options.alreadyChecked), busyTimeoutMs);
  }

  /**
   * A checked, migrated connection to a file that exists. `alreadyChecked`: a second connection of this process (a
   * worker's) skips the integrity check the first one made, which reads the whole file.
   */
  private static connect(path: string, busyTimeoutMs: number, alreadyChecked = false): Database.Database {
    let db: Database.Database;
    try {
      db = new Database(path);
    } catch (error) {
      throw new PaichaError('notDatabase', `无法打开数据库文件「${path}」：${(error as Error).message}`);
    }
    try {
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      Store.probe(db, path, alreadyChecked);
      tightenPermissions(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // 32 MB of page cache (SQLite's default is 2 MB): a county's import or undo writes 400,000 rows into indexes in
      // no order (证件号码, 电话), and with a small cache each insert rereads and rewrites pages of the WAL — 16 MB made
      // the import 15 % slower. 64 MB was no faster (import, undo, export of a county) and held 30–80 MB more.
      db.pragma('cache_size = -32768');
      Store.migrate(db);
      return db;
    } catch (error) {
      db.close();
      const translated = translateSqliteError(error);
      if (translated instanceof PaichaError && translated.code !== 'busy') {
        throw new PaichaError(translated.code, `「${path}」：${translated.message}`);
      }
      throw translated;
    }
  }

  /** What a database file holds, read without changing it; a file that is not a sound 排查台账 database is refused. */
  static summarize(file: string): DatabaseSummary {
    const path = resolve(file);
    assertSqliteHeader(path);
    if (!existsSync(path)) throw new PaichaError('notFound', `找不到文件「${path}」。`);
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      Store.probe(db, path);
      return summaryOf(db);
    } catch (error) {
      throw translateSqliteError(error);
    } finally {
      db.close();
    }
  }

  /** What the open database holds. */
  summary(): DatabaseSummary {
    return summaryOf(this.db);
  }

  /** A consistent copy of the database in another file, by SQLite's online backup: the app keeps running meanwhile. */
  async backupTo(file: string): Promise<void> {
    await this.db.backup(file);
  }

  /**
   * Replaces the database's content with a backup's: the connection closes, SQLite's backup copies the backup's
   * pages over the file in one transaction, and the store reopens it (migrating a backup of an older version).
   */
  async restoreFrom(file: string): Promise<void> {
    Store.summarize(file);
    const source = new Database(resolve(file), { readonly: true, fileMustExist: true });
    try {
      this.db.close();
      await source.backup(this.path);
    } finally {
      source.close();
      this.db = Store.connect(this.path, this.busyTimeoutMs);
      this.changeSets = new ChangeSets(this.db);
      this.statements = new StatementCache(this.db);
    }
  }

  /** Read-only checks of an opened file. */
  private static probe(db: Database.Database, path: string, alreadyChecked = false): void {
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
    if (alreadyChecked) return;
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

  /**
   * Runs a read-plan-write unit in ONE write transaction (BEGIN IMMEDIATE): `work` reads through the store, decides,
   * and calls apply (nested as a savepoint), and no other program writes in between — a second one waits up to the
   * busy timeout and then sees this one's rows, or is told the database is busy. `work` must be synchronous (parse
   * files before); whatever it throws rolls everything back.
   */
  writeTransaction<T>(work: () => T): T {
    return this.transaction(work, 'immediate');
  }

  /** Runs reads in one transaction: they all see the same state of the file, whatever others write meanwhile. */
  readTransaction<T>(work: () => T): T {
    return this.transaction(work, 'deferred');
  }

  /**
   * Begins a read transaction that stays open across awaits, until the returned function ends it: reads in between
   * all see the file as it was at this call. Only on a connection nothing else uses meanwhile (the thread that plans
   * an import reads while the importing thread writes, and must not see that thread's rows).
   */
  holdSnapshot(): () => void {
    this.db.exec('BEGIN DEFERRED');
    // A snapshot begins at the transaction's first read.
    this.db.prepare('SELECT count(*) FROM change_sets').get();
    return () => {
      if (this.db.inTransaction) this.db.exec('COMMIT');
    };
  }

  private transaction<T>(work: () => T, mode: 'immediate' | 'deferred'): T {
    const guarded = () => {
      const result = work();
      if (result instanceof Promise) throw new Error('a store transaction must be synchronous');
      return result;
    };
    try {
      return this.db.transaction(guarded)[mode]();
    } catch (error) {
      throw translateSqliteError(error);
    }
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** The rows of `table` that have the values `where` gives, by id; the first `limit` of them when given (none below 1). */
  rows(table: TableName, where: Record<string, CellValue> = {}, limit?: number | null): Row[] {
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
    if (limit != null) params.push(Math.max(0, limit));
    return this.db.prepare(`SELECT * FROM ${quote(table)}${filter} ORDER BY id${limit != null ? ' LIMIT ?' : ''}`).all(...params) as Row[];
  }

  /** Rows whose `column` is one of `values` (any number of them, passed as one JSON parameter). */
  rowsIn(table: TableName, column: string, values: readonly CellValue[]): Row[] {
    if (column !== 'id' && !columnSpec(table, column)) {
      throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${column}」这一栏。`);
    }
    if (!values.length) return [];
    return this.statements.get(`SELECT * FROM ${quote(table)} WHERE ${quote(column)} IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(values)) as Row[];
  }

  /** The latest change set id (0 for a new database): where an export point stands. */
  lastChangeSetId(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) AS n FROM change_sets').get() as { n: number }).n;
  }

  /**
   * The rows of `tables` that change sets after `setId` wrote (inserted, changed or deleted). A row deleted last comes
   * with its last values (`deleted`), since it can no longer be read; a row moved to another household, with the
   * household it left (`formerHouseholdId`). `deletedFields`: the values of a deleted row to give (all by default).
   */
  rowsTouchedSince(setId: number, tables: readonly TableName[], deletedFields?: readonly string[]): { table: TableName; rowId: number; deleted?: Record<string, CellValue>; formerHouseholdId?: CellValue }[] {
    const rows = this.db
      .prepare(
        `WITH RECURSIVE
           entries AS (SELECT * FROM change_entries WHERE set_id > ? AND tbl IN (SELECT value FROM json_each(?))),
           -- The ids after the first of each run of rows journalled as one entry (row_id to last_row_id).
           runs(set_id, seq, tbl, row_id, op, last_row_id) AS (
             SELECT set_id, seq, tbl, row_id + 1, op, last_row_id FROM entries WHERE last_row_id > row_id
             UNION ALL SELECT set_id, seq, tbl, row_id + 1, op, last_row_id FROM runs WHERE row_id < last_row_id),
           rows AS (SELECT set_id, seq, tbl, row_id, op, field, old FROM entries
                    UNION ALL SELECT set_id, seq, tbl, row_id, op, NULL, NULL FROM runs)
         SELECT tbl, row_id,
                max(CASE WHEN op = 'delete' THEN set_id * 4294967296 + seq END) = max(set_id * 4294967296 + seq) AS gone,
                max(CASE WHEN op = 'delete' THEN old END) AS old,
                max(CASE WHEN op = 'delete' THEN set_id END) AS deletedIn,
                min(CASE WHEN op = 'update' AND field = 'householdId' THEN old END) AS former
         FROM rows GROUP BY tbl, row_id`,
      )
      .all(setId, JSON.stringify(tables)) as { tbl: TableName; row_id: number; gone: number | null; old: string | null; deletedIn: number | null; former: CellValue }[];
    // A row whose last entry deletes it comes with the values it had: from its entry's JSON, or (a bulk delete of an
    // undo or redo) from the table's journal table, read a table at a time when a row needs it. A row deleted and put
    // back since (an undo, then a redo) can be read as it is.
    const inBulk = new Map<TableName, Map<string, Record<string, CellValue>>>();
    const bulkDeleted = (table: TableName) => inBulk.get(table) ?? inBulk.set(table, this.changeSets.rowsDeletedInBulkSince(table, setId, deletedFields)).get(table)!;
    const deleted = (r: (typeof rows)[number]) =>
      !r.gone ? undefined : r.old ? (JSON.parse(r.old) as Record<string, CellValue>) : r.deletedIn ? bulkDeleted(r.tbl).get(deletedRowKey(r.deletedIn, r.row_id)) : undefined;
    return rows.map((r) => {
      const values = deleted(r);
      return {
        table: r.tbl,
        rowId: r.row_id,
        ...(values ? { deleted: values } : {}),
        ...(r.former != null ? { formerHouseholdId: r.former } : {}),
      };
    });
  }

  /** The largest value of a column, or null for an empty table. */
  max(table: TableName, column: string): CellValue {
    if (!columnSpec(table, column)) throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${column}」这一栏。`);
    return (this.db.prepare(`SELECT max(${quote(column)}) AS v FROM ${quote(table)}`).get() as { v: CellValue }).v;
  }

  /** Selected columns of every row of a table, for derivations over large tables. */
  columns(table: TableName, keys: readonly string[]): Record<string, CellValue>[] {
    for (const key of keys) {
      if (key !== 'id' && !columnSpec(table, key)) throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${key}」这一栏。`);
    }
    return this.db.prepare(`SELECT ${keys.map(quote).join(', ')} FROM ${quote(table)}`).all() as Record<string, CellValue>[];
  }

  /** Selected columns of the rows whose `column` is one of `values` (passed as one JSON parameter). */
  columnsIn(table: TableName, keys: readonly string[], column: string, values: readonly CellValue[]): Record<string, CellValue>[] {
    for (const key of [...keys, column]) {
      if (key !== 'id' && !columnSpec(table, key)) throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${key}」这一栏。`);
    }
    if (!values.length) return [];
    return this.db
      .prepare(`SELECT id, ${keys.map(quote).join(', ')} FROM ${quote(table)} WHERE ${quote(column)} IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(values)) as Record<string, CellValue>[];
  }

  /** Whether any row matches `where` and, with `column`, has a non-empty value there (one indexed probe, LIMIT 1). */
  hasValue(table: TableName, column?: string, where: Record<string, CellValue> = {}): boolean {
    for (const key of [...(column ? [column] : []), ...Object.keys(where)]) {
      if (!columnSpec(table, key)) throw new PaichaError('invalid', `「${tableSpec(table).label}」没有「${key}」这一栏。`);
    }
    const conditions = Object.keys(where).map((key) => `${quote(key)} = ?`);
    if (column) conditions.push(`${quote(column)} IS NOT NULL AND ${quote(column)} != ''`);
    const filter = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    return !!this.db.prepare(`SELECT 1 FROM ${quote(table)}${filter} LIMIT 1`).get(...Object.values(where));
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

  /**
   * A change set written in parts (a county's import): each part checked and applied as it comes, all one set in
   * the journal, one undo. Only inside writeTransaction, which keeps the parts one transaction.
   */
  changeSetWriter(label: string): ChangeSetWriter {
    return this.changeSets.writer(label, this.operator());
  }

  history(): HistoryState {
    return this.changeSets.history();
  }

  undo(): HistoryStep {
    const step = this.changeSets.undo(this.operator());
    return { label: step?.label ?? null, touched: step?.touched ?? {}, history: this.changeSets.history() };
  }

  redo(): HistoryStep {
    const step = this.changeSets.redo(this.operator());
    return { label: step?.label ?? null, touched: step?.touched ?? {}, history: this.changeSets.history() };
  }

  /**
   * The first cell the latest change set (an undo or redo just made) changed — for an undo, the last of the edit it
   * reverted, i.e. the edit's first — preferring a changed field to a whole row; and how many entries it has.
   */
  latestStepCell(reversed: boolean): { table: TableName; rowId: number; field: string | null; cells: number } | null {
    const row = this.db
      .prepare(
        `SELECT tbl, CASE WHEN ? THEN coalesce(last_row_id, row_id) ELSE row_id END AS row_id, field,
                (SELECT ${entryRows} FROM change_entries WHERE set_id = e.set_id) AS cells
         FROM change_entries e WHERE set_id = (SELECT max(id) FROM change_sets)
         ORDER BY (op = 'update') DESC, CASE WHEN ? THEN -seq ELSE seq END LIMIT 1`,
      )
      .get(reversed ? 1 : 0, reversed ? 1 : 0) as { tbl: TableName; row_id: number; field: string | null; cells: number } | undefined;
    return row ? { table: row.tbl, rowId: row.row_id, field: row.field, cells: row.cells } : null;
  }

  /**
   * Values the clerk's edits (and imports) gave one field of a table between two days, as the journal has them, in
   * order — only change sets still in effect; `rowIds` limits it to some rows.
   */
  fieldChanges(table: TableName, field: string, from: string, to: string, rowIds?: readonly number[]): { rowId: number; old: CellValue; new: CellValue; at: string }[] {
    const only = rowIds ? ` AND e.row_id IN (SELECT value FROM json_each(?))` : '';
    const rows = this.db
      .prepare(
        `SELECT e.row_id AS rowId, e.old AS old, e.new AS new, s.at AS at FROM change_entries e JOIN change_sets s ON s.id = e.set_id
         WHERE e.tbl = ? AND e.field = ? AND e.op = 'update' AND s.kind IN ('edit', 'redo') AND s.undone = 0 AND s.at >= ? AND s.at < ?${only}
         ORDER BY s.id, e.seq`,
      )
      .all(table, field, from, to, ...(rowIds ? [JSON.stringify(rowIds)] : [])) as { rowId: number; old: CellValue; new: CellValue; at: string }[];
    return rows;
  }

  journal(limit: number): JournalSet[] {
    const rows = this.db
      .prepare(
        `SELECT s.id, s.at, s.operator, s.label, s.kind, s.target, s.undone,
                (SELECT ${entryRows} FROM change_entries e WHERE e.set_id = s.id) AS entries
         FROM change_sets s ORDER BY s.id DESC LIMIT ?`,
      )
      .all(limit) as (Omit<JournalSet, 'undone'> & { undone: number })[];
    return rows.map((r) => ({ ...r, undone: r.undone === 1 }));
  }
}
