// Deleting a record takes its dependants with it (ColumnSpec.onDelete 'cascade') in the same change set, so one undo
// brings every row back; a record others must not lose silently ('restrict') is refused with the reason.
import { createApi } from '../../src/main/api';
import type { Change } from '../../src/shared/changes';
import { deleteRows } from '../../src/shared/commands';
import { describe, expect, it } from 'vitest';
import { tables } from '../../src/shared/tables';
import { seedHousehold, tempStore, thrownBy } from '../helpers';

type TestStore = ReturnType<typeof tempStore>;

/** Every row of every dictionary table, ids included: what "the database is unchanged" compares. */
const dump = (store: TestStore) => Object.fromEntries(tables.map((t) => [t.name, store.rows(t.name)]));

/** A household of two with an income, a visit, a key-group row, a measure, a member's work record and a problem. */
function seedFullHousehold(store: TestStore) {
  const { villageId, householdId } = seedHousehold(store, [
    { name: '马海军', relation: '户主', idNumber: '62102519631015211X' },
    { name: '冯淑珍', relation: '配偶' },
  ]);
  const [head] = store.rows('members', { householdId });
  store.apply({
    label: '录入户的记录',
    changes: [
      { op: 'insert', table: 'incomes', rows: [{ householdId, year: 2022, wageMigrant: 18000.5, wageIncome: 18000.5 }] },
      { op: 'insert', table: 'visits', rows: [{ householdId, year: 2023, unsafeHousing: '否', safeWater: '是' }] },
      { op: 'insert', table: 'keygroups', rows: [{ householdId, year: 2023, categories: '受灾户', riskPoints: '冰雹' }] },
      { op: 'insert', table: 'measures', rows: [{ householdId, category: '就业帮扶', item: '外出务工补贴' }] },
      { op: 'insert', table: 'workRecords', rows: [{ memberId: head!.id, year: 2023, isWorking: '是', employer: '宁县建筑公司' }] },
      { op: 'insert', table: 'problems', rows: [{ villageId, householdId, category: '住房安全', description: '屋顶漏雨' }] },
    ],
  });
  return { villageId, householdId, headId: head!.id };
}

describe('deleting a household', () => {
  it('through the API, with the command a page calls: one change set, one undo', async () => {
    const store = tempStore();
    const { householdId } = seedFullHousehold(store);
    const before = dump(store);
    const api = createApi(store);
    const result = await api.apply(deleteRows('households', [householdId]));
    expect(result.history.undoLabel).toBe('删除 1 户');
    expect(await api.stats()).toMatchObject({ households: 0, members: 0 });
    expect(await api.rows('incomes')).toHaveLength(0);
    expect(await api.rows('workRecords')).toHaveLength(0);
    expect((await api.undo()).label).toBe('删除 1 户');
    expect(dump(store)).toEqual(before);
  });

  it('takes its members, their work records and every record of the household in one change set; one undo restores all', () => {
    const store = tempStore();
    const { householdId } = seedFullHousehold(store);
    const before = dump(store);
    const setsBefore = store.journal(100).length;

    const result = store.apply({ label: '删除户', changes: [{ op: 'delete', table: 'households', ids: [householdId] }] });

    for (const table of ['households', 'members', 'workRecords', 'incomes', 'visits', 'keygroups', 'measures', 'problems'] as const) {
      expect(store.rows(table), table).toHaveLength(0);
    }
    expect(store.rows('villages')).toHaveLength(1);
    const journal = store.journal(100);
    expect(journal).toHaveLength(setsBefore + 1);
    // The household, 2 members, 1 work record, income, visit, key-group row, measure and problem.
    expect(journal[0]).toMatchObject({ id: result.changeSetId, label: '删除户', kind: 'edit', entries: 9 });

    expect(store.undo().label).toBe('删除户');
    expect(dump(store)).toEqual(before);

    expect(store.redo().label).toBe('删除户');
    expect(store.rows('households')).toHaveLength(0);
    expect(store.rows('members')).toHaveLength(0);
    expect(store.rows('workRecords')).toHaveLength(0);
    expect(store.rows('problems')).toHaveLength(0);

    store.undo();
    expect(dump(store)).toEqual(before);
  });

  it.each(['after', 'before'] as const)('accepts its members listed explicitly %s the household in the same set', (order) => {
    const store = tempStore();
    const { householdId } = seedFullHousehold(store);
    const before = dump(store);
    const members: Change = { op: 'delete', table: 'members', ids: store.rows('members').map((m) => m.id) };
    const household: Change = { op: 'delete', table: 'households', ids: [householdId] };
    store.apply({ label: '删除户', changes: order === 'after' ? [household, members] : [members, household] });
    expect(store.rows('households')).toHaveLength(0);
    expect(store.rows('members')).toHaveLength(0);
    expect(store.rows('workRecords')).toHaveLength(0);
    store.undo();
    expect(dump(store)).toEqual(before);
  });

  it('still refuses a row that was never there', () => {
    const store = tempStore();
    const { householdId } = seedFullHousehold(store);
    const error = thrownBy(() =>
      store.apply({
        label: '删除户',
        changes: [
          { op: 'delete', table: 'households', ids: [householdId] },
          { op: 'delete', table: 'members', ids: [999] },
        ],
      }),
    );
    expect(error.code).toBe('notFound');
    expect(store.rows('households')).toHaveLength(1);
  });
});

describe('deleting a village', () => {
  it('is refused while households belong to it, naming the village and how many, and changes nothing', () => {
    const store = tempStore();
    const { villageId } = seedFullHousehold(store);
    store.apply({ label: '新增户', changes: [{ op: 'insert', table: 'households', rows: [{ villageId, hhNo: '6210251030010002' }] }] });
    const before = dump(store);
    const setsBefore = store.journal(100).length;

    const error = thrownBy(() => store.apply({ label: '删除行政村', changes: [{ op: 'delete', table: 'villages', ids: [villageId] }] }));

    expect(error.code).toBe('constraint');
    expect(error.message).toBe('无法删除行政村「东塬村」：还有 2 户属于它。请先把这些户移到其他行政村或删除。本次修改未保存。');
    expect(dump(store)).toEqual(before);
    expect(store.journal(100)).toHaveLength(setsBefore);
  });

  it('is refused while its 问题台账 has problems', () => {
    const store = tempStore();
    store.apply({
      label: '新增',
      changes: [
        { op: 'insert', table: 'villages', rows: [{ id: -1, name: '南庄村' }] },
        { op: 'insert', table: 'problems', rows: [{ villageId: -1, category: '饮水安全', description: '水压不足' }] },
      ],
    });
    const error = thrownBy(() => store.apply({ label: '删除行政村', changes: [{ op: 'delete', table: 'villages', ids: [store.rows('villages')[0]!.id] }] }));
    expect(error.message).toBe('无法删除行政村「南庄村」：还有 1 条问题属于它。请先把这些问题移到其他行政村或删除。本次修改未保存。');
    expect(store.rows('problems')).toHaveLength(1);
  });

  it('takes its groups, assignments, indicators and people with it; undo restores them', () => {
    const store = tempStore();
    store.apply({
      label: '新增行政村',
      changes: [
        { op: 'insert', table: 'villages', rows: [{ id: -1, name: '南庄村' }, { id: -2, name: '北沟村' }] },
        { op: 'insert', table: 'groups', rows: [{ id: -3, villageId: -1, name: '一组' }, { id: -4, villageId: -1, name: '二组' }, { id: -5, villageId: -2, name: '一组' }] },
        {
          op: 'insert',
          table: 'people',
          rows: [
            { id: -6, villageId: -1, name: '李思源' },
            { id: -7, villageId: -1, name: '王建国' },
            { id: -8, villageId: -2, name: '张卫东' },
          ],
        },
        {
          op: 'insert',
          table: 'assignments',
          rows: [
            { villageId: -1, groupId: -3, person1Id: -6, person2Id: -7 },
            { villageId: -2, groupId: -5, person1Id: -8 },
          ],
        },
        { op: 'insert', table: 'villageIndicators', rows: [{ villageId: -1, year: 2023, totalHouseholds: 0 }] },
      ],
    });
    const before = dump(store);
    const [south] = store.rows('villages', { name: '南庄村' });

    store.apply({ label: '删除行政村', changes: [{ op: 'delete', table: 'villages', ids: [south!.id] }] });

    expect(store.rows('villages').map((v) => v.name)).toEqual(['北沟村']);
    expect(store.rows('groups').map((g) => g.villageId)).toEqual([store.rows('villages')[0]!.id]);
    expect(store.rows('assignments').map((a) => store.rows('people', { id: Number(a.person1Id) })[0]?.name)).toEqual(['张卫东']);
    expect(store.rows('villageIndicators')).toHaveLength(0);
    expect(store.rows('people').map((p) => p.name)).toEqual(['张卫东']);
    // The village, 2 groups, 1 assignment (reached through both its village and its group, deleted once), 1 indicator row, 2 people.
    expect(store.journal(1)[0]).toMatchObject({ label: '删除行政村', entries: 7 });

    store.undo();
    expect(dump(store)).toEqual(before);
    store.redo();
    expect(store.rows('villages').map((v) => v.name)).toEqual(['北沟村']);
    expect(store.rows('assignments')).toHaveLength(1);
  });

  it('is refused while households belong to one of its groups, naming the group', () => {
    const store = tempStore();
    const { villageId, householdId } = seedHousehold(store);
    store.apply({ label: '新增村民小组', changes: [{ op: 'insert', table: 'groups', rows: [{ villageId, name: '三组' }] }] });
    const [group] = store.rows('groups');
    store.apply({ label: '分组', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, groupId: group!.id }] }] });
    const error = thrownBy(() => store.apply({ label: '删除村民小组', changes: [{ op: 'delete', table: 'groups', ids: [group!.id] }] }));
    expect(error.message).toBe('无法删除村民小组「三组」：还有 1 户属于它。请先把这些户移到其他村民小组或删除。本次修改未保存。');
    expect(store.rows('groups')).toHaveLength(1);
  });
});
