// What the grids read besides rows: where an undo or redo leaves the clerk and whose value it was, and a village's
// households with their 户主 and size (read from that village's members alone); rows without their empty fields.
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { tempStore } from '../helpers';

function twoVillages() {
  const store = tempStore();
  const { insertedIds } = store.apply({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }, { id: -2, name: '西塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -3, villageId: -1, hhNo: '6210251030010001' }, { id: -4, villageId: -2, hhNo: '6210251030020001' }] },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { id: -5, householdId: -3, name: '马海军', relation: '户主' },
          { id: -6, householdId: -3, name: '冯淑珍', relation: '配偶' },
          { id: -7, householdId: -4, name: '李建国', relation: '户主' },
        ],
      },
    ],
  });
  return { store, api: createApi(store), ids: insertedIds };
}

describe('what the grids read', () => {
  it('says where an undo and a redo leave the clerk: the first cell changed, its household, whose value it was', async () => {
    const { api, ids } = twoVillages();
    const member = ids['-6']!;
    await api.apply({ label: '粘贴 2 个单元格', changes: [{ op: 'update', table: 'members', rows: [{ id: member, workMonths: 6, education: '初中' }] }] });
    const undone = await api.undo();
    expect(undone.cell).toEqual({ table: 'members', rowId: member, field: 'workMonths', householdId: ids['-3'], whose: '家庭成员冯淑珍', cells: 2 });
    const redone = await api.redo();
    expect(redone.cell).toMatchObject({ field: 'workMonths', whose: '家庭成员冯淑珍' });

    await api.apply({ label: '修改住址', changes: [{ op: 'update', table: 'households', rows: [{ id: ids['-4']!, address: '二组3号' }] }] });
    expect((await api.undo()).cell).toMatchObject({ table: 'households', field: 'address', whose: '李建国户', cells: 1 });
    // A household added and taken back leaves no cell to go to, and says nobody's.
    await api.apply({ label: '新增户', changes: [{ op: 'insert', table: 'households', rows: [{ villageId: ids['-1'] }] }] });
    expect((await api.undo()).cell).toMatchObject({ table: 'households', field: null, whose: null });
  });

  it("reads a village's households with their 户主 and size, and only that village's", async () => {
    const { api, ids } = twoVillages();
    const rows = await api.households({ where: { villageId: ids['-1']! } });
    expect(rows.map((h) => [h.hhNo, h.headName, h.size])).toEqual([['6210251030010001', '马海军', 2]]);
    expect((await api.households()).map((h) => h.headName)).toEqual(['马海军', '李建国']);
  });

  it('reads the first households by id, with their 户主, for a page to draw while it reads the whole list', async () => {
    const { api, ids } = twoVillages();
    expect((await api.households({ limit: 1 })).map((h) => [h.hhNo, h.headName, h.size])).toEqual([['6210251030010001', '马海军', 2]]);
    expect((await api.households({ limit: 5 })).map((h) => h.headName)).toEqual(['马海军', '李建国']);
    expect(await api.households({ where: { villageId: ids['-2']! }, limit: 1 })).toEqual([expect.objectContaining({ headName: '李建国' })]);
    expect((await api.rows('members', { limit: 2 })).map((m) => m.name)).toEqual(['马海军', '冯淑珍']);
  });

  it('sends rows without their empty fields, keeping zero', async () => {
    const { api, ids } = twoVillages();
    await api.apply({ label: '新增户', changes: [{ op: 'insert', table: 'households', rows: [{ villageId: ids['-1'], address: '', phone: null }] }] });
    const [, , added] = await api.households();
    expect(added).toEqual({ id: expect.any(Number), villageId: ids['-1'], size: 0, memberCount: 0 });
    const [member] = await api.rows('members', { where: { name: '马海军' } });
    expect(member).toEqual({ id: ids['-5'], householdId: ids['-3'], name: '马海军', relation: '户主' });
  });
});
