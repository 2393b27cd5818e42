// Opening a database file: created safely, refused safely. A refused file is never altered.
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { locationWarnings, Store } from '../../src/main/store';
import { latestVersion } from '../../src/main/store/migrations';
import { tempDir, thrownBy } from '../helpers';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const refusal = (file: string) => thrownBy(() => Store.open(file).close());

const mode = (file: string) => statSync(file).mode & 0o777;

const addVillage = (store: Store) => store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '南庄村' }] }] });

/** A database file with one village, closed. */
function fileWithVillage(name: string): string {
  const file = join(tempDir(), name);
  const store = Store.open(file);
  addVillage(store);
  store.close();
  return file;
}

const villageNames = (store: Store) => store.rows('villages').map((v) => v.name);

describe('opening a database file', () => {
  it('creates the file and its folder with WAL, foreign keys and the current schema version', () => {
    const file = join(tempDir(), 'nested', 'folder', 'paicha.sqlite');
    const store = Store.open(file);
    store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion);
    const tableNames = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tableNames).toEqual(expect.arrayContaining(['villages', 'groups', 'households', 'members', 'settings', 'change_sets', 'change_entries']));
    db.close();
  });

  it('keeps what was written across a close and reopen', () => {
    const second = Store.open(fileWithVillage('a.sqlite'));
    expect(villageNames(second)).toEqual(['南庄村']);
    second.close();
  });

  it('turns on foreign keys for every connection', () => {
    const store = Store.open(join(tempDir(), 'fk.sqlite'));
    expect(() =>
      store.apply({ label: '新增户', changes: [{ op: 'insert', table: 'households', rows: [{ villageId: 999 }] }] }),
    ).toThrow(/不存在/);
    store.close();
  });

  it('refuses a file that is not SQLite, and leaves it untouched', () => {
    const file = join(tempDir(), 'notes.sqlite');
    writeFileSync(file, '这不是数据库，是一份名单。'.repeat(200));
    const before = digest(file);
    const error = refusal(file);
    expect(error.code).toBe('notDatabase');
    expect(error.message).toContain('不是排查台账的数据库文件');
    expect(digest(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it("refuses another program's SQLite database, and leaves it untouched", () => {
    const file = join(tempDir(), 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES (\'x\')');
    other.close();
    const before = digest(file);
    expect(refusal(file).message).toContain('其他程序的 SQLite 数据库');
    expect(digest(file)).toBe(before);
  });

  it('refuses a file written by a newer version, and leaves it untouched', () => {
    const file = join(tempDir(), 'newer.sqlite');
    Store.open(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${latestVersion + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = digest(file);
    const error = refusal(file);
    expect(error.code).toBe('newerSchema');
    expect(error.message).toContain('更新版本');
    expect(digest(file)).toBe(before);
  });

  it('refuses a damaged database, and leaves it untouched', () => {
    const file = join(tempDir(), 'damaged.sqlite');
    const store = Store.open(file);
    const rows = Array.from({ length: 300 }, (_, i) => ({ name: `第${i}村`, note: '备注'.repeat(50) }));
    store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows }] });
    store.close();
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = readFileSync(file);
    // Overwrite the middle pages (table b-tree pages) with garbage, keeping the 100-byte header valid.
    for (let i = 4096 * 3; i < bytes.length - 4096; i++) bytes[i] = (i * 31) & 0xff;
    writeFileSync(file, bytes);
    const before = digest(file);
    const error = refusal(file);
    expect(['corrupt', 'notDatabase']).toContain(error.code);
    expect(error.message).toMatch(/损坏|完整性/);
    expect(digest(file)).toBe(before);
  });

  it('refuses a folder given as the database file', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(dir);
    expect(refusal(dir).message).toContain('是一个文件夹');
  });

  it('says so when the folder for a new database cannot be made, because a file stands in the way', () => {
    const blocker = join(tempDir(), 'data');
    writeFileSync(blocker, '一份名单');
    const error = refusal(join(blocker, 'paicha.sqlite'));
    expect(error.message).toContain(`无法创建数据库所在的文件夹「${blocker}」（路径中有同名的文件）`);
    expect(readFileSync(blocker, 'utf8')).toBe('一份名单');
  });

  it('accepts an empty file as a new database', () => {
    const file = join(tempDir(), 'empty.sqlite');
    writeFileSync(file, '');
    const store = Store.open(file);
    expect(store.schemaVersion()).toBe(latestVersion);
    store.close();
  });

  it('warns when the file is on a network share or removable drive', () => {
    expect(locationWarnings('\\\\server\\share\\paicha.sqlite')[0]).toContain('网络共享或移动存储');
    expect(locationWarnings('/media/clerk/U盘/paicha.sqlite')).toHaveLength(1);
    const store = Store.open(join(tempDir(), 'local.sqlite'));
    expect(store.warnings).toEqual([]);
    store.close();
  });
});

// The data are personal: only their owner may read the files. (Windows has no POSIX modes; there the file sits in the
// user's private profile, and the store leaves permissions alone.)
describe.skipIf(process.platform === 'win32')('the permissions of the database files', () => {
  it('creates a new database 0600 (with its -wal and -shm) in a folder of its own made 0700', () => {
    const dir = join(tempDir(), 'paicha');
    const file = join(dir, 'paicha.sqlite');
    const store = Store.open(file);
    addVillage(store);
    expect(mode(dir)).toBe(0o700);
    expect(mode(file)).toBe(0o600);
    expect(mode(`${file}-wal`)).toBe(0o600);
    expect(mode(`${file}-shm`)).toBe(0o600);
    store.close();
  });

  it('tightens an existing 0644 file to 0600 on open, leaving its content as it was', () => {
    const file = fileWithVillage('shared.sqlite');
    chmodSync(file, 0o644);
    const before = digest(file);
    const store = Store.open(file);
    expect(mode(file)).toBe(0o600);
    for (const side of [`${file}-wal`, `${file}-shm`]) if (existsSync(side)) expect(mode(side)).toBe(0o600);
    expect(villageNames(store)).toEqual(['南庄村']);
    store.close();
    expect(digest(file)).toBe(before);
  });

  it('leaves a refused file with the permissions it had', () => {
    const file = join(tempDir(), 'notes.sqlite');
    writeFileSync(file, '这不是数据库。'.repeat(100));
    chmodSync(file, 0o644);
    refusal(file);
    expect(mode(file)).toBe(0o644);
  });
});
