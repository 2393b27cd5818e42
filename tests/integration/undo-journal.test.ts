// Undo and redo put back exactly what the journal keeps: every value of a wide row, with its type, however often the
// set is undone and redone, and from the journal of a file written before version 6 (deleted rows kept as JSON) too.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tableSpec, tables, type CellValue, type TableName, type TableSpec } from '../../src/shared/tables';
import { Store } from '../../src/main/store';
import { idRuns } from '../../src/main/store/changesets';
import { latestVersion } from '../../src/main/store/migrations';
import { journalStatements } from '../../src/main/store/schema';
import { seedHousehold, tempStore, thrownBy } from '../helpers';

/** A value for every column of an income record that takes free values: amounts with fen, months, notes. */
function wideIncome(householdId: number): Record<string, CellValue> {
  const row: Record<string, CellValue> = { householdId, year: 2023 };
  tableSpec('incomes').columns.forEach((column, i) => {
    if (column.key in row) return;
    if (column.type === 'money' || column.type === 'decimal') row[column.key] = 1000 + i + 0.25;
    else if (column.type === 'int') row[column.key] = i;
    else if (column.type === 'month') row[column.key] = '202301';
    // A note that looks like a number stays text.
    else if (column.type === 'text') row[column.key] = i % 2 ? `说明${i}` : `00${i}`;
  });
  return row;
}

/** Two members with most of their fields, one with a field emptied, as typed by a clerk. */
const members = (householdId: number) => [
  { householdId, name: '冯淑珍', relation: '配偶', idNumber: '621025196702197786', workMonths: 7, workPlace: '县内', phone: '13919401234', note: '' },
  { householdId, name: '马小宝', relation: '之子', idNumber: '62102520200101001X', birthDate: '2020-01-01', workMonths: 0 },
];

/** Every row of the tables a set wrote, as the store reads them. */
const state = (store: Store, tables: readonly TableName[] = ['households', 'members', 'incomes']) => Object.fromEntries(tables.map((t) => [t, store.rows(t)]));

/** A household, then in a set of its own a wide income record and two more members; the state between the two. */
function seedWide(store: Store) {
  const { householdId } = seedHousehold(store);
  const seeded = state(store);
  const result = store.apply({
    label: '录入收入和成员',
    changes: [
      { op: 'insert', table: 'incomes', rows: [wideIncome(householdId)] },
      { op: 'insert', table: 'members', rows: members(householdId) },
    ],
  });
  return { householdId, seeded, changeSetId: result.changeSetId! };
}

describe('the journal of undo and redo', () => {
  it('puts back every value of a wide income record and of members on redo after undo, and again after undo after redo', () => {
    const store = tempStore();
    const { seeded } = seedWide(store);
    const after = state(store);
    const income = after.incomes![0]!;
    expect(Object.values(income).filter((v) => v !== null).length).toBeGreaterThan(100);
    expect(income).toMatchObject({ wageIncome: 1004.25, wageNote: expect.stringMatching(/^(说明|00)\d+$/) });

    for (let round = 0; round < 2; round++) {
      expect(store.undo().label).toBe('录入收入和成员');
      expect(state(store)).toEqual(seeded);
      expect(store.redo().label).toBe('录入收入和成员');
      expect(state(store)).toEqual(after);
    }
    // Each undo journals a delete per row, each redo an insert per row.
    expect(store.journal(10).map((j) => [j.kind, j.entries])).toEqual([
      ['redo', 3],
      ['undo', 3],
      ['redo', 3],
      ['undo', 3],
      ['edit', 3],
      ['edit', 3],
    ]);
  });

  it('undoes and redoes a delete and an update together: the deleted rows come back whole, the field its old value', () => {
    const store = tempStore();
    const { householdId } = seedWide(store);
    const spouse = store.rows('members', { name: '冯淑珍' })[0]!;
    const before = state(store);
    store.apply({
      label: '删除户',
      changes: [
        { op: 'update', table: 'members', rows: [{ id: spouse.id, phone: '13800000000' }] },
        { op: 'delete', table: 'households', ids: [householdId] },
      ],
    });
    const deleted = state(store);
    expect(deleted).toMatchObject({ households: [], members: [], incomes: [] });
    for (let round = 0; round < 2; round++) {
      store.undo();
      expect(state(store)).toEqual(before);
      store.redo();
      expect(state(store)).toEqual(deleted);
    }
  });

  it('tells an export which household a member deleted by an undo belonged to', () => {
    const store = tempStore();
    const { householdId, changeSetId } = seedWide(store);
    store.undo();
    const touched = store.rowsTouchedSince(changeSetId, ['members', 'incomes']);
    expect(touched).toHaveLength(3);
    for (const row of touched) expect(row.deleted?.householdId).toBe(householdId);
    expect(touched.find((t) => t.table === 'members' && t.deleted?.name === '冯淑珍')?.deleted).toMatchObject({ workMonths: 7, phone: '13919401234' });
  });

  it('migrates a version-5 file whose undo keeps the deleted rows as JSON, and redoes and undoes it whole', () => {
    const first = tempStore();
    seedWide(first);
    const after = state(first);
    first.undo();
    const path = first.path;
    first.close();
    // The file as version 5 wrote it: each deleted row's filled fields as JSON in its entry (json_patch drops the
    // empty ones), no journal tables, the one index over every entry.
    const db = new Database(path);
    // An entry per row inserted or deleted, not per run of ids (version 7).
    db.exec(`CREATE TEMP TABLE perRow AS
               WITH RECURSIVE r AS (SELECT * FROM change_entries
                                    UNION ALL SELECT set_id, seq, tbl, row_id + 1, op, field, old, new, last_row_id FROM r WHERE row_id < last_row_id)
               SELECT set_id, row_number() OVER (PARTITION BY set_id ORDER BY seq, row_id) - 1 AS seq, tbl, row_id, op, field, old, new FROM r;
             DELETE FROM change_entries;
             ALTER TABLE change_entries DROP COLUMN last_row_id;
             INSERT INTO change_entries SELECT * FROM temp.perRow;`);
    expect(db.prepare("SELECT count(*) FROM change_entries WHERE op = 'delete'").pluck().get()).toBeGreaterThan(2);
    for (const table of ['members', 'incomes'] as const) {
      const pairs = tableSpec(table).columns.map((c) => `'${c.key}', s."${c.key}"`).join(', ');
      const moved = db
        .prepare(
          `UPDATE change_entries SET old = (SELECT json_patch('{}', json_object(${pairs})) FROM journal_${table} s WHERE s.set_id = change_entries.set_id AND s.id = change_entries.row_id)
           WHERE op = 'delete' AND tbl = ?`,
        )
        .run(table).changes;
      expect(moved).toBeGreaterThan(0);
    }
    for (const { name } of tables) db.exec(`DROP TABLE journal_${name}`);
    db.exec('DROP INDEX change_entries_snapshot; DROP INDEX change_entries_update; CREATE INDEX change_entries_row ON change_entries(tbl, row_id)');
    db.pragma('user_version = 5');
    db.close();

    const store = Store.open(path);
    expect(store.schemaVersion()).toBe(latestVersion);
    expect(store.redo().label).toBe('录入收入和成员');
    expect(state(store)).toEqual(after);
    store.undo();
    store.redo();
    expect(state(store)).toEqual(after);
    store.close();
  });

  it('refuses a redo that another program made impossible in between, and changes nothing', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store);
    store.apply({ label: '新增户', changes: [{ op: 'insert', table: 'households', rows: [{ villageId: store.rows('villages')[0]!.id, hhNo: '6210251030010002' }] }] });
    store.undo();
    const other = new Database(store.path);
    other.prepare('INSERT INTO households (villageId, hhNo) VALUES (?, ?)').run(store.rows('households', { id: householdId })[0]!.villageId, '6210251030010002');
    other.close();
    const before = state(store);
    const error = thrownBy(() => store.redo());
    expect(error.code).toBe('constraint');
    expect(error.message).toBe('户的「户编号」与已有记录重复，本次修改未保存。');
    expect(state(store)).toEqual(before);
    expect(store.history().redoLabel).toBe('新增户');
  });

  it('journals rows inserted in bulk as runs of ids, and counts, undoes, redoes and reports every row of a run', () => {
    const store = tempStore();
    const { householdId, changeSetId } = seedHousehold(store);
    const people = Array.from({ length: 40 }, (_, i) => ({ householdId, name: `成员${i}`, relation: '其他' }));
    store.apply({ label: '录入成员', changes: [{ op: 'insert', table: 'members', rows: people }] });
    const db = new Database(store.path, { readonly: true });
    const entries = () => db.prepare("SELECT op, row_id, last_row_id FROM change_entries WHERE set_id = (SELECT max(id) FROM change_sets) AND tbl = 'members'").all();
    const ids = store.rows('members', { householdId }).map((m) => m.id).slice(1);
    expect(entries()).toEqual([{ op: 'insert', row_id: ids[0], last_row_id: ids[39] }]);
    expect(store.journal(1)[0]).toMatchObject({ label: '录入成员', entries: 40 });
    expect(store.rowsTouchedSince(changeSetId!, ['members']).map((r) => r.rowId).sort((a, b) => a - b)).toEqual(ids);

    const withAll = state(store);
    // A member deleted from the middle: the undo then puts back two runs around it.
    store.apply({ label: '删除成员', changes: [{ op: 'delete', table: 'members', ids: [ids[10]!] }] });
    store.undo();
    expect(state(store)).toEqual(withAll);
    store.apply({ label: '删除成员', changes: [{ op: 'delete', table: 'members', ids: [ids[10]!] }] });
    const without = state(store);
    expect(store.undo().label).toBe('删除成员');
    expect(store.undo().label).toBe('录入成员');
    expect(entries()).toEqual([{ op: 'delete', row_id: ids[0], last_row_id: ids[39] }]);
    expect(store.journal(1)[0]).toMatchObject({ kind: 'undo', entries: 40 });
    expect(store.rows('members', { householdId })).toHaveLength(1);
    const removed = store.rowsTouchedSince(changeSetId!, ['members']).filter((r) => r.deleted);
    expect(removed.map((r) => r.deleted!.name).sort()).toEqual(people.map((p) => p.name).sort());
    store.redo();
    expect(state(store)).toEqual(withAll);
    // Put back, the rows can be read: none is reported with the values it had when deleted.
    const deletedNow = () => store.rowsTouchedSince(changeSetId!, ['members']).filter((r) => r.deleted).map((r) => r.rowId);
    expect(deletedNow()).toEqual([]);
    store.redo();
    expect(state(store)).toEqual(without);
    expect(deletedNow()).toEqual([ids[10]]);
    store.close();
    db.close();
  });

  it('finds the runs of consecutive ids in any order, a lone id a run of one', () => {
    expect(idRuns([12, 3, 4, 10, 5, 11, 1])).toEqual([[1, 1], [3, 5], [10, 12]]);
    expect(idRuns([])).toEqual([]);
  });
});

describe('the journal tables', () => {
  const columns = (db: Database.Database, table: string) => (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);

  it('hold every column of their data table, in a new file', () => {
    const store = tempStore();
    const db = new Database(store.path, { readonly: true });
    // In the dictionary's order; a data table has those a later version added at its end (the statements name them).
    for (const { name } of tables) expect(columns(db, `journal_${name}`).sort()).toEqual(['set_id', ...columns(db, name)].sort());
    db.close();
  });

  it('get a column a later version adds to their table, and a later table its own journal table', () => {
    const village: TableSpec = { name: 'villages', label: '行政村', rowLabel: '行政村', since: 1, columns: [{ key: 'name', label: '行政村', type: 'text', since: 1 }] };
    const later: TableSpec[] = [
      { ...village, columns: [...village.columns, { key: 'code', label: '行政区划代码', type: 'text', since: 7 }] },
      { ...village, name: 'groups', since: 7 },
    ];
    const db = new Database(':memory:');
    for (const version of [5, 6, 7]) for (const sql of journalStatements(version, version < 7 ? [village] : later)) db.exec(sql);
    expect(columns(db, 'journal_villages')).toEqual(['set_id', 'id', 'name', 'code']);
    expect(columns(db, 'journal_groups')).toEqual(['set_id', 'id', 'name']);
  });
});
