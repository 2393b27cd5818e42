// Backups: made before every import and on the first start of a day, kept for the days set, private like the
// database; a restore shows what the backup holds, keeps the data it replaces as a backup, and brings the backup
// back exactly.
import { createHash } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { backupDatabase, backupDir, dailyBackup, listBackups } from '../../src/main/services/backup';
import { Store } from '../../src/main/store';
import { tables } from '../../src/shared/tables';
import { runMain, seedHousehold, tempStore, thrownByAsync } from '../helpers';
import { fixturesDir } from '../support/planted';

type TestStore = ReturnType<typeof tempStore>;

/** A hash of every row of every table: what "exactly the same data" compares. */
const dumpHash = (store: TestStore) => createHash('sha256').update(JSON.stringify(tables.map((t) => store.rows(t.name)))).digest('hex');

describe('backups', () => {
  it('makes an import back the database up first, and a restore brings that state back exactly', async () => {
    const store = tempStore();
    seedHousehold(store);
    const before = dumpHash(store);
    const api = createApi(store);
    await api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    const after = dumpHash(store);
    expect(after).not.toBe(before);

    const [backup] = await api.backups();
    expect(backup).toMatchObject({ reason: 'import', reasonText: '导入前自动备份' });
    const content = await api.backupContent(backup!.name);
    expect(content.backup).toMatchObject({ villages: 1, households: 1, members: 1 });
    expect(content.current).toMatchObject({ households: 40 });

    const kept = await api.restoreBackup(backup!.name);
    expect(dumpHash(store)).toBe(before);
    expect(kept.reason).toBe('restore');
    // The data replaced were kept: restoring them undoes the restore.
    await api.restoreBackup(kept.name);
    expect(dumpHash(store)).toBe(after);
  });

  it('keeps backups private, beside the database', async () => {
    const store = tempStore();
    seedHousehold(store);
    const backup = await backupDatabase(store, 'manual');
    const file = join(backupDir(store.path), backup.name);
    expect(existsSync(file)).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(statSync(backupDir(store.path)).mode & 0o777).toBe(0o700);
    }
  });

  it('backs up once on the first start of a day, and keeps them for the days set (the newest five always)', async () => {
    const store = tempStore();
    seedHousehold(store);
    store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'backupDays', value: '10' }] }] });
    const day = (n: number) => new Date(Date.UTC(2023, 10, n, 8));
    expect(await dailyBackup(store, day(1))).not.toBeNull();
    expect(await dailyBackup(store, day(1))).toBeNull();
    for (let n = 2; n <= 20; n++) await dailyBackup(store, day(n));
    const kept = listBackups(store.path).map((b) => b.at.slice(0, 10));
    expect(kept[0]).toBe('2023-11-20');
    expect(kept.at(-1)).toBe('2023-11-10');
    expect(kept).toHaveLength(11);
  });

  it('restores a backup older than the days kept, and keeps it', async () => {
    const store = tempStore();
    seedHousehold(store);
    store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'backupDays', value: '1' }] }] });
    const old = await backupDatabase(store, 'manual', new Date(Date.UTC(2020, 0, 1)));
    // Five in all: the safety backup of the restore makes the old one the sixth, past the days kept.
    for (let i = 0; i < 4; i++) await backupDatabase(store, 'manual', new Date(Date.UTC(2020, 0, 2 + i)));
    await createApi(store).restoreBackup(old.name);
    expect(listBackups(store.path).map((b) => b.name)).toContain(old.name);
  });

  it('refuses a damaged backup in words about the backup, the data untouched', async () => {
    const store = tempStore();
    seedHousehold(store);
    const before = dumpHash(store);
    const { name } = await backupDatabase(store, 'manual');
    writeFileSync(join(backupDir(store.path), name), 'SQLite format 3\0' + 'x'.repeat(5000));
    const refused = await thrownByAsync(() => createApi(store).restoreBackup(name));
    expect(refused.message).toContain(`备份「${name}」已损坏或不是排查台账的备份，不能用于恢复。现在的数据没有改动。`);
    expect(dumpHash(store)).toBe(before);
  });

  it('refuses a name that is not a backup of this database', async () => {
    const store = tempStore();
    seedHousehold(store);
    const api = createApi(store);
    for (const name of ['../test.sqlite', 'paicha-20231101-000000000-manual.sqlite', '/etc/passwd']) {
      expect((await thrownByAsync(() => api.restoreBackup(name))).code).toBe('notFound');
    }
  });

  it('paicha backup and paicha restore: the backup is shown before anything is replaced, and --yes restores', async () => {
    const store = tempStore();
    seedHousehold(store);
    const db = store.path;
    const before = dumpHash(store);
    const made = await runMain(['backup', '--db', db, '--json']);
    expect(made.status).toBe(0);
    const { name } = JSON.parse(made.out) as { name: string };
    store.apply({ label: '新增村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '西塬村' }] }] });
    const changed = dumpHash(store);
    store.close();

    const asked = await runMain(['restore', name, '--db', db]);
    expect(asked.status).toBe(2);
    expect(asked.out).toContain('1 个行政村、1 户、1 名家庭成员');
    expect(asked.err).toContain('--yes');
    const reopened = Store.open(db);
    expect(dumpHash(reopened)).toBe(changed);
    reopened.close();

    const restored = await runMain(['restore', name, '--db', db, '--yes']);
    expect(restored.status).toBe(0);
    expect(restored.out).toContain('恢复前的数据已另存为备份');
    const again = Store.open(db);
    expect(dumpHash(again)).toBe(before);
    again.close();
  });
});

