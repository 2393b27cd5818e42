// The one write path: change sets applied whole or not at all, journalled, undone and redone.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/shared/changes';
import { settingKeys } from '../../src/shared/tables';
import { seedHousehold, tempStore, thrownBy } from '../helpers';

describe('applying change sets', () => {
  it('inserts a household with its members in one set, resolving placeholder ids', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store, [
      { name: '马海军', relation: '户主', idNumber: '６２１０２５１９６３１０１５２１１ｘ' },
      { name: '冯淑珍', relation: '配偶' },
    ]);
    const members = store.rows('members', { householdId });
    expect(members.map((m) => m.name)).toEqual(['马海军', '冯淑珍']);
    expect(members[0]!.idNumber).toBe('62102519631015211X');
    expect(store.rows('households')[0]!.hhNo).toBe('6210251030010001');
  });

  it('records who changed what, field by field', () => {
    const store = tempStore();
    store.apply({ label: '设置操作员', changes: [{ op: 'insert', table: 'settings', rows: [{ key: settingKeys.operator, value: '李思源' }] }] });
    const { householdId } = seedHousehold(store);
    const result = store.apply({
      label: '修改电话',
      changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, phone: '158 3470 3683', address: '一组' }] }],
    });
    const [latest] = store.journal(1);
    expect(latest).toMatchObject({ id: result.changeSetId, label: '修改电话', operator: '李思源', kind: 'edit', entries: 2 });
    expect(store.rows('households')[0]).toMatchObject({ phone: '15834703683', address: '一组' });
  });

  it('does not journal a set that changes nothing', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store);
    const result = store.apply({ label: '修改', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, hhNo: '6210251030010001' }] }] });
    expect(result.changeSetId).toBeNull();
    expect(store.journal(10)).toHaveLength(1);
  });

  it('rejects a set whole when one write violates a constraint: nothing half-written', () => {
    const store = tempStore();
    seedHousehold(store);
    const error = thrownBy(() =>
      store.apply({
        label: '新增两户',
        changes: [
          { op: 'insert', table: 'villages', rows: [{ id: -1, name: '北沟村' }] },
          { op: 'insert', table: 'households', rows: [{ villageId: -1, hhNo: '6210251030030001' }, { villageId: -1, hhNo: '6210251030010001' }] },
        ],
      }),
    );
    expect(error.code).toBe('constraint');
    expect(error.message).toBe('户的「户编号」「6210251030010001」与已有记录重复，本次修改未保存。');
    expect(store.rows('villages').map((v) => v.name)).toEqual(['东塬村']);
    expect(store.rows('households')).toHaveLength(1);
    expect(store.journal(10)).toHaveLength(1);
  });

  it('names the refused row of a long run of new rows written many per statement, and keeps none of the run', () => {
    const store = tempStore();
    seedHousehold(store);
    // 150 households: the duplicate is in the third statement of 64 rows; the two before it were written.
    const rows = Array.from({ length: 150 }, (_, i) => ({ villageId: -1, hhNo: `62102510300300${String(i).padStart(2, '0')}` }));
    rows[140] = { villageId: -1, hhNo: '6210251030010001' };
    const error = thrownBy(() => store.apply({ label: '新增一批户', changes: [{ op: 'insert', table: 'villages', rows: [{ id: -1, name: '北沟村' }] }, { op: 'insert', table: 'households', rows }] }));
    expect(error.message).toBe('户的「户编号」「6210251030010001」与已有记录重复，本次修改未保存。');
    expect(store.rows('households')).toHaveLength(1);
    expect(store.rows('villages').map((v) => v.name)).toEqual(['东塬村']);
    expect(store.journal(10)).toHaveLength(1);
  });

  it('takes new rows as columns as it takes them as rows: checked, placeholders resolved, journalled, undone whole', () => {
    const asRows = tempStore();
    const asColumns = tempStore();
    const villages: Change = { op: 'insert', table: 'villages', rows: [{ id: -1, name: '北沟村' }] };
    asRows.apply({
      label: '新增户',
      changes: [villages, { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030030001' }, { id: -3, villageId: -1, hhNo: '6210251030030002', phone: '13919401234' }] }, { op: 'insert', table: 'members', rows: [{ householdId: -3, name: '马海军', relation: '户主' }] }],
    });
    const result = asColumns.apply({
      label: '新增户',
      changes: [
        villages,
        { op: 'insertColumns', table: 'households', columns: ['villageId', 'hhNo', 'phone'], values: [-1, '6210251030030001', null, -1, '6210251030030002', ' 13919401234 '], ids: [-2, -3] },
        { op: 'insertColumns', table: 'members', columns: ['householdId', 'name', 'relation'], values: [-3, '马海军', '户主'] },
      ],
    });
    for (const table of ['villages', 'households', 'members'] as const) expect(asColumns.rows(table)).toEqual(asRows.rows(table));
    expect(result.insertedIds).toEqual({ '-1': 1, '-2': 1, '-3': 2 });
    expect(asColumns.journal(1)[0]).toMatchObject({ label: '新增户', entries: 4 });
    asColumns.undo();
    expect(asColumns.count('households')).toBe(0);
  });

  it('refuses new rows as columns that are malformed or hold a wrong value, naming the row, and writes nothing', () => {
    const store = tempStore();
    const { villageId } = seedHousehold(store);
    const households = (columns: string[], values: unknown[], ids?: number[]) => () =>
      store.apply({ label: '新增户', changes: [{ op: 'insertColumns', table: 'households', columns, values, ...(ids ? { ids } : {}) }] });
    expect(thrownBy(households(['villageId', 'hhNo'], [villageId, '6210251030030001', villageId])).message).toBe('新增内容不完整。本次修改未保存。');
    expect(thrownBy(households(['villageId', 'hhNo'], [villageId, '6210251030030001'], [-1, -2])).message).toBe('新增内容不完整。本次修改未保存。');
    expect(thrownBy(households(['villageId', 'colour'], [villageId, '红'])).message).toBe('「户」没有「colour」这一栏。本次修改未保存。');
    expect(thrownBy(households(['villageId', 'hhNo'], [villageId, '6210251030030001', -9, '6210251030030002'])).message).toContain('第 2 条户：「行政村」指向的新记录不在本次修改中');
    expect(thrownBy(households(['villageId', 'hhNo'], [villageId, '6210251030030001'], [5])).message).toBe('新增的户不能自带编号。本次修改未保存。');
    // A duplicate 户编号 among 100 rows: the rows after the statement that refused it go one by one and name it.
    const values = Array.from({ length: 100 }, (_, i) => [villageId, `62102510300300${String(i).padStart(2, '0')}`]).flat();
    values[2 * 80 + 1] = '6210251030010001';
    expect(thrownBy(households(['villageId', 'hhNo'], values)).message).toBe('户的「户编号」「6210251030010001」与已有记录重复，本次修改未保存。');
    expect(store.rows('households')).toHaveLength(1);
    expect(store.journal(10)).toHaveLength(1);
  });

  it('refuses to delete a village that still has households, and says why (more in cascade.test.ts)', () => {
    const store = tempStore();
    const { villageId } = seedHousehold(store);
    const error = thrownBy(() => store.apply({ label: '删除行政村', changes: [{ op: 'delete', table: 'villages', ids: [villageId] }] }));
    expect(error.message).toBe('无法删除行政村「东塬村」：还有 1 户属于它。请先把这些户移到其他行政村或删除。本次修改未保存。');
    expect(store.rows('villages')).toHaveLength(1);
  });

  it('checks every value before writing, with the field named in Chinese', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ workMonths: '三个月' }, /「务工时间（月）」应填写整数/],
      [{ idNumber: 621025196310152100 }, /「证件号码」是数字格式，末几位已经丢失/],
      [{ shoeSize: 42 }, /没有「shoeSize」这一栏/],
    ];
    for (const [fields, message] of cases) {
      const error = thrownBy(() => store.apply({ label: '新增成员', changes: [{ op: 'insert', table: 'members', rows: [{ householdId, ...fields }] }] }));
      expect(error.code).toBe('invalid');
      expect(error.message).toMatch(message);
    }
    expect(store.rows('members')).toHaveLength(1);
  });

  it('keeps malformed but storable values for the checks to report', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store);
    store.apply({ label: '新增成员', changes: [{ op: 'insert', table: 'members', rows: [{ householdId, idNumber: '12345', relation: '表哥', health: '残疾，长期慢性病' }] }] });
    expect(store.rows('members')[1]).toMatchObject({ idNumber: '12345', relation: '表哥', health: '残疾,长期慢性病' });
  });

  it('refuses malformed change sets', () => {
    const store = tempStore();
    expect(thrownBy(() => store.apply({ label: '', changes: [] })).code).toBe('invalid');
    expect(thrownBy(() => store.apply({ label: 'x', changes: [{ op: 'insert', table: 'nope' as never, rows: [{}] }] })).message).toContain('不存在的表');
    expect(thrownBy(() => store.apply({ label: 'x', changes: [{ op: 'insert', table: 'villages', rows: [{ id: 7, name: 'a' }] }] })).message).toContain('不能自带编号');
    expect(thrownBy(() => store.apply({ label: 'x', changes: [{ op: 'delete', table: 'villages', ids: [1.5] }] })).message).toContain('编号无效');
    expect(thrownBy(() => store.apply({ label: 'x', changes: [{ op: 'update', table: 'villages', rows: [{ id: 99, name: 'a' }] }] })).code).toBe('notFound');
  });

  it('waits for another connection, then says the database is busy, and writes nothing', () => {
    const store = tempStore({ busyTimeoutMs: 200 });
    const other = new Database(store.path);
    other.exec('BEGIN IMMEDIATE');
    const error = thrownBy(() => store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }] }] }));
    expect(error.code).toBe('busy');
    expect(error.message).toContain('另一个程序');
    other.exec('ROLLBACK');
    other.close();
    expect(store.rows('villages')).toHaveLength(0);
    store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }] }] });
    expect(store.rows('villages')).toHaveLength(1);
  });
});

describe('undo and redo', () => {
  const names = (store: ReturnType<typeof tempStore>) => store.rows('members').map((m) => m.name);

  it('undoes whole change sets in reverse order and redoes them in order', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store);
    store.apply({ label: '新增成员', changes: [{ op: 'insert', table: 'members', rows: [{ householdId, name: '冯淑珍' }] }] });
    const [spouse] = store.rows('members', { name: '冯淑珍' });
    store.apply({ label: '修改姓名', changes: [{ op: 'update', table: 'members', rows: [{ id: spouse!.id, name: '冯淑贞' }] }] });
    expect(names(store)).toEqual(['马海军', '冯淑贞']);

    expect(store.undo()).toMatchObject({ label: '修改姓名', history: { undoLabel: '新增成员', redoLabel: '修改姓名' } });
    expect(names(store)).toEqual(['马海军', '冯淑珍']);
    expect(store.undo().label).toBe('新增成员');
    expect(names(store)).toEqual(['马海军']);
    expect(store.undo().label).toBe('新增户');
    expect(store.rows('households')).toHaveLength(0);
    expect(store.rows('villages')).toHaveLength(0);
    expect(store.undo()).toMatchObject({ label: null, history: { undoLabel: null, redoLabel: '新增户' } });

    expect(store.redo().label).toBe('新增户');
    expect(store.redo().label).toBe('新增成员');
    expect(store.redo().label).toBe('修改姓名');
    expect(names(store)).toEqual(['马海军', '冯淑贞']);
    expect(store.redo().label).toBeNull();
    // Rows come back with their own ids, so later journal lines still point at them.
    expect(store.rows('members', { name: '冯淑贞' })[0]!.id).toBe(spouse!.id);
  });

  it('restores a deleted household with its members and their ids', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store, [{ name: '马海军' }, { name: '马小龙' }]);
    const before = store.rows('members');
    store.apply({
      label: '删除 1 户',
      changes: [
        { op: 'delete', table: 'members', ids: before.map((m) => m.id) },
        { op: 'delete', table: 'households', ids: [householdId] },
      ],
    });
    expect(store.rows('members')).toHaveLength(0);
    store.undo();
    expect(store.rows('members')).toEqual(before);
    expect(store.rows('households')[0]!.id).toBe(householdId);
  });

  it('forgets the redo stack once something new is edited', () => {
    const store = tempStore();
    seedHousehold(store);
    store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '南庄村' }] }] });
    store.undo();
    expect(store.history().redoLabel).toBe('新增行政村');
    store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '北沟村' }] }] });
    expect(store.history().redoLabel).toBeNull();
    expect(store.redo().label).toBeNull();
    store.undo();
    expect(store.rows('villages').map((v) => v.name)).toEqual(['东塬村']);
    expect(store.history().undoLabel).toBe('新增户');
  });

  it('journals undo and redo as change sets of their own', () => {
    const store = tempStore();
    seedHousehold(store);
    store.undo();
    store.redo();
    expect(store.journal(10).map((j) => [j.kind, j.label, j.undone])).toEqual([
      ['redo', '新增户', false],
      ['undo', '新增户', false],
      ['edit', '新增户', false],
    ]);
  });

  it('refuses to undo over a change made by another program in between, and changes nothing', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store);
    store.apply({ label: '修改电话', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, phone: '15834703683' }] }] });
    const other = new Database(store.path);
    other.prepare('UPDATE households SET phone = ? WHERE id = ?').run('13900000000', householdId);
    other.close();
    const error = thrownBy(() => store.undo());
    expect(error.code).toBe('conflict');
    expect(store.rows('households')[0]!.phone).toBe('13900000000');
    expect(store.history().undoLabel).toBe('修改电话');
  });
});

describe('bookkeeping change sets', () => {
  it('are journalled but skipped by undo and redo, and do not clear the redo stack', () => {
    const store = tempStore();
    seedHousehold(store);
    store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '南庄村' }] }] });
    store.undo();
    store.apply({ label: '导出国家系统名单', bookkeeping: true, changes: [{ op: 'insert', table: 'exportPoints', rows: [{ kind: 'national', lastChangeSetId: 3 }] }] });
    expect(store.history()).toEqual({ undoLabel: '新增户', redoLabel: '新增行政村' });
    expect(store.redo().label).toBe('新增行政村');
    expect(store.rows('exportPoints')).toHaveLength(1);
    expect(store.journal(1)[0]!.label).toBe('新增行政村');
  });
});

describe('the same person twice in one household', () => {
  const person = { name: '马海军', relation: '户主', idNumber: '11010519491231002X' };
  const snapshot = (store: ReturnType<typeof tempStore>) => JSON.stringify([store.rows('households'), store.rows('members'), store.count('change_sets')]);

  it('refuses a set that adds a member with an ID the household already has, naming the ID and the 户编号', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store, [person]);
    const before = snapshot(store);
    const error = thrownBy(() =>
      store.apply({
        label: '新增成员',
        changes: [{ op: 'insert', table: 'members', rows: [{ householdId, name: '冯淑珍', relation: '配偶' }, { householdId, name: '马海军', idNumber: '11010519491231002x' }] }],
      }),
    );
    expect(error.code).toBe('constraint');
    expect(error.message).toContain('户编号「6210251030010001」');
    expect(error.message).toContain('「11010519491231002X」');
    expect(error.message).toContain('本次修改未保存');
    expect(snapshot(store)).toBe(before);
  });

  it('refuses two new members with the same ID in one new household, and moving a member into a household that has them', () => {
    const store = tempStore();
    const { villageId, householdId } = seedHousehold(store, [person]);
    const twice = thrownBy(() =>
      store.apply({
        label: '新增户',
        changes: [
          { op: 'insert', table: 'households', rows: [{ id: -1, villageId, hhNo: '6210251030010002' }] },
          { op: 'insert', table: 'members', rows: [{ householdId: -1, name: '李强', idNumber: '620102198001010011' }, { householdId: -1, name: '李强', idNumber: '620102198001010011' }] },
        ],
      }),
    );
    expect(twice.message).toContain('户编号「6210251030010002」');
    expect(store.rows('households')).toHaveLength(1);

    const other = store.apply({
      label: '新增户',
      changes: [
        { op: 'insert', table: 'households', rows: [{ id: -1, villageId, hhNo: '6210251030010003' }] },
        { op: 'insert', table: 'members', rows: [{ id: -2, householdId: -1, name: '马海军', idNumber: person.idNumber }] },
      ],
    });
    // The same ID in another household is for 数据核查 (member.duplicateId) to report, not for the store to refuse.
    expect(store.rows('members')).toHaveLength(2);
    const moved = thrownBy(() => store.apply({ label: '迁入', changes: [{ op: 'update', table: 'members', rows: [{ id: other.insertedIds['-2']!, householdId }] }] }));
    expect(moved.message).toContain('户编号「6210251030010001」');
    expect(store.rows('members', { householdId })).toHaveLength(1);
  });

  it('counts, in a household the set makes, the members it moves there and not those it takes away again', () => {
    const store = tempStore();
    const { villageId, householdId } = seedHousehold(store, [person]);
    const [existing] = store.rows('members', { householdId });
    const moved = thrownBy(() =>
      store.apply({
        label: '分户',
        changes: [
          { op: 'insert', table: 'households', rows: [{ id: -1, villageId, hhNo: '6210251030010002' }] },
          { op: 'insert', table: 'members', rows: [{ householdId: -1, name: '马海军', idNumber: person.idNumber }] },
          { op: 'update', table: 'members', rows: [{ id: existing!.id, householdId: -1 }] },
        ],
      }),
    );
    expect(moved.message).toContain('户编号「6210251030010002」的户中有 2 名家庭成员');
    // A member keyed again and the old record deleted in the same set: no one is twice.
    store.apply({
      label: '重新登记',
      changes: [
        { op: 'insert', table: 'members', rows: [{ householdId, name: '马海军', relation: '户主', idNumber: person.idNumber }] },
        { op: 'delete', table: 'members', ids: [existing!.id] },
      ],
    });
    expect(store.rows('members', { householdId }).map((m) => m.id)).not.toContain(existing!.id);
    expect(store.rows('members', { householdId })).toHaveLength(1);
  });

  it('refuses, in a set written in parts, a person a later part adds again to a household of an earlier part', () => {
    const store = tempStore();
    const { villageId } = seedHousehold(store, [person]);
    const before = snapshot(store);
    const error = thrownBy(() =>
      store.writeTransaction(() => {
        const writer = store.changeSetWriter('导入');
        const ids = writer.apply([
          { op: 'insert', table: 'households', rows: [{ id: -1, villageId, hhNo: '6210251030010002' }] },
          { op: 'insert', table: 'members', rows: [{ householdId: -1, name: '李强', idNumber: '620102198001010011' }] },
        ]);
        writer.apply([{ op: 'insert', table: 'members', rows: [{ householdId: ids['-1']!, name: '李强', idNumber: '620102198001010011' }] }]);
        return writer.finish();
      }),
    );
    expect(error.message).toContain('户编号「6210251030010002」的户中有 2 名家庭成员的证件号码都是「620102198001010011」');
    expect(snapshot(store)).toBe(before);
  });

  it('opens a file that already holds such a pair, takes other edits to that household, and refuses a third copy', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store, [person]);
    const db = new Database(store.path);
    db.prepare('INSERT INTO members (householdId, name, idNumber) VALUES (?, ?, ?)').run(householdId, '马海军', ' 11010519491231002x ');
    db.close();
    const members = store.rows('members', { householdId });
    expect(members).toHaveLength(2);
    store.apply({
      label: '修改',
      changes: [
        // Writing the old pair's number in its normal form makes no new duplicate.
        { op: 'update', table: 'members', rows: [{ id: members[1]!.id, name: '马海军（重复）', idNumber: person.idNumber }] },
        { op: 'insert', table: 'members', rows: [{ householdId, name: '冯淑珍', idNumber: '620102198001010011' }] },
      ],
    });
    expect(store.rows('members', { householdId })).toHaveLength(3);
    const third = thrownBy(() => store.apply({ label: '新增成员', changes: [{ op: 'insert', table: 'members', rows: [{ householdId, name: '马海军', idNumber: person.idNumber }] }] }));
    expect(third.message).toContain('有 3 名家庭成员的证件号码都是「11010519491231002X」');
  });

  it('undoes and redoes the delete of a household that holds such a pair', () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store, [person]);
    const db = new Database(store.path);
    db.prepare('INSERT INTO members (householdId, name, idNumber) VALUES (?, ?, ?)').run(householdId, '马海军', person.idNumber);
    db.close();
    store.apply({ label: '删除户', changes: [{ op: 'delete', table: 'households', ids: [householdId] }] });
    expect(store.undo().label).toBe('删除户');
    expect(store.rows('members', { householdId })).toHaveLength(2);
    expect(store.redo().label).toBe('删除户');
    expect(store.rows('households')).toHaveLength(0);
    expect(store.undo().label).toBe('删除户');
  });
});

describe('a read-plan-write unit in one write transaction', () => {
  it('reads, applies and is journalled as one set; a failure after the apply takes it back', () => {
    const store = tempStore();
    const result = store.writeTransaction(() => {
      if (store.rows('villages', { name: '东塬村' }).length) return null;
      return store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }] }] }).changeSetId;
    });
    expect(result).toBe(1);
    expect(() =>
      store.writeTransaction(() => {
        store.apply({ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '北沟村' }] }] });
        throw new Error('the plan went wrong');
      }),
    ).toThrow('the plan went wrong');
    expect(store.rows('villages').map((v) => v.name)).toEqual(['东塬村']);
    expect(store.count('change_sets')).toBe(1);
  });

  it('waits while another program writes, then says the database is busy', () => {
    const store = tempStore({ busyTimeoutMs: 200 });
    const other = new Database(store.path);
    other.exec('BEGIN IMMEDIATE');
    let ran = false;
    const error = thrownBy(() => store.writeTransaction(() => (ran = true)));
    expect(error.code).toBe('busy');
    expect(ran).toBe(false);
    // Reading needs no write lock.
    expect(store.readTransaction(() => store.rows('villages'))).toEqual([]);
    other.exec('ROLLBACK');
    other.close();
  });
});
