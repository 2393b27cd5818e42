// Automatic and manual backups of the database, and restoring one. Backups sit in a `backups` folder beside the
// database (private, like the database), named by time and reason; each is a complete SQLite copy made with
// SQLite's online backup, so a backup taken while the app runs is consistent. They are kept for a settable
// number of days (设置 › 备份保留天数), the newest few always.
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { BackupInfo, BackupReason, DatabaseSummary } from '../../shared/api';
import { PaichaError } from '../../shared/errors';
import { settingKeys } from '../../shared/tables';
import { Store } from '../store';

const DEFAULT_KEEP_DAYS = 30;
/** However old, the newest backups stay (a clerk back from a long leave still has something to go back to). */
const ALWAYS_KEEP = 5;
const NAME = /^paicha-(\d{8})-(\d{9})-(daily|import|manual|restore)\.sqlite$/;

export const reasonText: Record<BackupReason, string> = { daily: '每日自动备份', import: '导入前自动备份', manual: '手动备份', restore: '恢复前的原数据' };

export function backupDir(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'backups');
}

/** 20231101-080000123: to the millisecond, so two backups never share a name. */
const stamp = (date: Date) => date.toISOString().slice(0, 23).replace(/[-:.]/g, '').replace('T', '-');

function describe(file: string): BackupInfo {
  const [, day, time, reason] = NAME.exec(basename(file))!;
  const at = `${day!.slice(0, 4)}-${day!.slice(4, 6)}-${day!.slice(6)}T${time!.slice(0, 2)}:${time!.slice(2, 4)}:${time!.slice(4, 6)}.${time!.slice(6)}Z`;
  return { name: basename(file), at, reason: reason as BackupReason, reasonText: reasonText[reason as BackupReason], bytes: statSync(file).size };
}

/** The backups of a database, newest first. */
export function listBackups(databasePath: string): BackupInfo[] {
  const dir = backupDir(databasePath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => NAME.test(name))
    .map((name) => describe(join(dir, name)))
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** A backup's file from its name, only inside the backups folder (a name from a page can never point elsewhere). */
export function backupFile(databasePath: string, name: string): string {
  const dir = backupDir(databasePath);
  const file = resolve(dir, String(name));
  if (!file.startsWith(dir + sep) || !NAME.test(basename(file)) || !existsSync(file)) {
    throw new PaichaError('notFound', `没有名为「${String(name)}」的备份。`);
  }
  return file;
}

function keepDays(store: Store): number {
  const days = Number(store.setting(settingKeys.backupDays));
  return Number.isInteger(days) && days > 0 ? days : DEFAULT_KEEP_DAYS;
}

/** Removes backups older than the days to keep, always keeping the newest few and the one named in `keep`. */
function prune(store: Store, now: Date, keep?: string): void {
  const limit = now.getTime() - keepDays(store) * 86_400_000;
  for (const old of listBackups(store.path).slice(ALWAYS_KEEP)) {
    if (Date.parse(old.at) >= limit || old.name === keep) continue;
    // Reading a backup (what it holds) may leave SQLite's -wal/-shm beside it: they go with it.
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(backupDir(store.path), old.name + suffix), { force: true });
  }
}

/** Writes a backup of the open database now; older ones past the days to keep go, but for `keep`. */
export async function backupDatabase(store: Store, reason: BackupReason, now = new Date(), keep?: string): Promise<BackupInfo> {
  const dir = backupDir(store.path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `paicha-${stamp(now)}-${reason}.sqlite`);
  try {
    await store.backupTo(file);
    if (process.platform !== 'win32') chmodSync(file, 0o600);
  } catch (error) {
    rmSync(file, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    throw new PaichaError('internal', `无法写入备份「${file}」${code === 'ENOSPC' ? '：磁盘已满' : ''}。数据没有改动；请检查磁盘空间后重试。`);
  }
  prune(store, now, keep);
  return describe(file);
}

/** A new, empty database has nothing worth a backup. */
const isEmpty = (store: Store) => store.count('households') === 0 && store.count('villages') === 0;

/** The day of a moment on this PC's calendar (a day in 正宁 begins at midnight, not at 08:00 UTC). */
const localDay = (date: Date) => `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;

/** The first start of a day backs the database up (nothing to do when today's backup exists or the file is new). */
export async function dailyBackup(store: Store, now = new Date()): Promise<BackupInfo | null> {
  const today = localDay(now);
  if (isEmpty(store) || listBackups(store.path).some((b) => localDay(new Date(b.at)) === today)) return null;
  return backupDatabase(store, 'daily', now);
}

/** Before an import writes, the data as they were (an import can be undone, but a backup survives anything). */
export async function backupBeforeImport(store: Store): Promise<BackupInfo | null> {
  return isEmpty(store) ? null : backupDatabase(store, 'import');
}

/** What a backup holds, read without changing it; a damaged one is refused in words about the backup. */
export function backupContent(databasePath: string, name: string): DatabaseSummary {
  const file = backupFile(databasePath, name);
  try {
    return Store.summarize(file);
  } catch (error) {
    if (!(error instanceof PaichaError) || !['corrupt', 'notDatabase', 'newerSchema'].includes(error.code)) throw error;
    const why = error.code === 'newerSchema' ? '由更新版本的排查台账写入，请升级程序后再恢复' : '已损坏或不是排查台账的备份，不能用于恢复';
    throw new PaichaError(error.code, `备份「${basename(file)}」${why}。现在的数据没有改动。`);
  }
}

/**
 * Replaces the open database with a backup: the current data are first kept as a backup of their own ('restore'),
 * then the backup's content takes their place in the same file. Returns that safety backup.
 */
export async function restoreBackup(store: Store, name: string): Promise<BackupInfo> {
  const file = backupFile(store.path, name);
  backupContent(store.path, name); // refuses a damaged or foreign file before anything is replaced
  // The backup being restored stays, however old: the safety backup's clean-up must not take it.
  const kept = await backupDatabase(store, 'restore', new Date(), basename(file));
  await store.restoreFrom(file);
  return kept;
}
