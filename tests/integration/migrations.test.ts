// Migrations are derived from the dictionary: a column added in version N appears in a file migrated to N, both
// when the file is new and when it was made by an older version.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrationStatements } from '../../src/main/store/migrations';
import { dictionaryStatements } from '../../src/main/store/schema';
import type { TableSpec } from '../../src/shared/tables';

const v1: TableSpec = {
  name: 'villages',
  label: '行政村',
  rowLabel: '行政村',
  since: 1,
  columns: [{ key: 'name', label: '行政村', type: 'text', notNull: true, unique: true, since: 1 }],
};
const v2: TableSpec = {
  ...v1,
  columns: [...v1.columns, { key: 'code', label: '行政区划代码', type: 'text', unique: true, since: 2 }],
};

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('dictionary-derived migrations', () => {
  it('adds a later column to a file made by an older version, keeping its rows and the column unique', () => {
    const db = new Database(':memory:');
    for (const sql of dictionaryStatements(1, [v1])) db.exec(sql);
    db.prepare('INSERT INTO villages (name) VALUES (?)').run('东塬村');
    for (const sql of dictionaryStatements(2, [v2])) db.exec(sql);
    expect(columns(db, 'villages')).toEqual(['id', 'name', 'code']);
    expect(db.prepare('SELECT name, code FROM villages').all()).toEqual([{ name: '东塬村', code: null }]);
    db.prepare('INSERT INTO villages (name, code) VALUES (?, ?)').run('南庄村', '621025103001');
    expect(() => db.prepare('INSERT INTO villages (name, code) VALUES (?, ?)').run('北沟村', '621025103001')).toThrow(/UNIQUE/);
  });

  it('creates the same columns for a new file', () => {
    const db = new Database(':memory:');
    for (const version of [1, 2]) for (const sql of dictionaryStatements(version, [v2])) db.exec(sql);
    expect(columns(db, 'villages')).toEqual(['id', 'name', 'code']);
  });

  it('has statements for every version up to the latest', () => {
    for (let version = 1; version <= latestVersion; version++) expect(migrationStatements(version).length).toBeGreaterThan(0);
  });
});

describe('opening a file of an earlier version', () => {
  it('migrates it to the current version and keeps its rows', async () => {
    const { tempDir } = await import('../helpers');
    const { Store } = await import('../../src/main/store');
    const file = `${tempDir()}/v1.sqlite`;
    const db = new Database(file);
    for (const sql of migrationStatements(1)) db.exec(sql);
    db.pragma('application_id = 0x50434841');
    db.pragma('user_version = 1');
    db.prepare("INSERT INTO villages (name) VALUES ('东塬村')").run();
    db.prepare("INSERT INTO households (villageId, hhNo) VALUES (1, '6210251030010001')").run();
    db.close();

    const store = Store.open(file);
    expect(store.schemaVersion()).toBe(latestVersion);
    expect(store.rows('households')[0]).toMatchObject({ hhNo: '6210251030010001', monitorContact: null });
    store.apply({ label: '新增收入', changes: [{ op: 'insert', table: 'incomes', rows: [{ householdId: 1, year: 2023, wageMigrant: 12000 }] }] });
    expect(store.rows('incomes')).toHaveLength(1);
    store.close();
  });
});

describe('version 3: the thresholds of the checks in 政策年度参数', () => {
  it('adds them to a version-2 file, keeping its profile, and the checks read their defaults until they are set', async () => {
    const { tempDir } = await import('../helpers');
    const { Store } = await import('../../src/main/store');
    const { profileFromRow } = await import('../../src/shared/profile');
    const file = `${tempDir()}/v2.sqlite`;
    const db = new Database(file);
    for (const version of [1, 2]) for (const sql of migrationStatements(version)) db.exec(sql);
    // Version 2 had 收入下降提醒幅度; version 3 no longer reads it (any fall is reported) and leaves it in place.
    db.exec('ALTER TABLE profiles ADD COLUMN incomeDropPercent REAL');
    db.pragma('application_id = 0x50434841');
    db.pragma('user_version = 2');
    db.prepare('INSERT INTO profiles (year, monitoringLine, incomeDropPercent) VALUES (2023, 7500, 20)').run();
    db.close();

    const store = Store.open(file);
    expect(store.schemaVersion()).toBe(latestVersion);
    const [row] = store.rows('profiles');
    expect(row).toMatchObject({ year: 2023, monitoringLine: 7500, slowGrowthPercent: null, veryLowLine: null, lackLaborPercent: null });
    expect(profileFromRow(2023, row)).toMatchObject({ monitoringLine: 7500, slowGrowthPercent: null, veryLowLine: 4000, highAtIdentificationLine: 20000, tinyWageLine: 100, workMonthlyIncomeMin: 400, workMonthlyIncomeMax: 30000, lackLaborPercent: 50 });
    store.apply({ label: '修改政策年度参数', changes: [{ op: 'update', table: 'profiles', rows: [{ id: row!.id, slowGrowthPercent: 5, veryLowLine: 3000 }] }] });
    expect(profileFromRow(2023, store.rows('profiles')[0])).toMatchObject({ slowGrowthPercent: 5, veryLowLine: 3000 });
    store.close();
  });
});
