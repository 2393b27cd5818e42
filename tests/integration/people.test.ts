// 工作人员 in what comes in and goes out: the 信息采集人 of a national export become people (by name and phone), and the
// forms that name people — 附件5, 脱贫村指标's sibling 工作人员名单 — print names and read them back to the same people.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import type { Row, TableName } from '../../src/shared/tables';
import { tempDir, tempStore } from '../helpers';

const sample = join(__dirname, '../../../shared/fixtures/national-export-2022.xlsx');

async function imported() {
  const store = tempStore();
  store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }] }] });
  await importFile(store, { path: sample });
  return store;
}

const strip = (r: Row) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'id'));

describe('the 信息采集人 of a national export', () => {
  it('become people of 工作人员, one per name and phone, each household pointing at its own', async () => {
    const store = await imported();
    const people = store.rows('people');
    const household = store.rows('households', { hhNo: '6210251030010001' })[0]!;
    const collector = people.find((p) => p.id === household.collectorId);
    expect(collector).toMatchObject({ name: '李思源', phone: '13506779372', roles: '信息采集员', villageId: household.villageId });
    expect(new Set(people.map((p) => `${p.name}|${p.phone}`)).size).toBe(people.length);
    expect(store.rows('households').every((h) => typeof h.collectorId === 'number')).toBe(true);

    // The same file again: the same people, nothing changed.
    const again = await importFile(store, { path: sample });
    expect(again.changeSetId).toBeNull();
    expect(store.rows('people')).toEqual(people);
  });

  it('match a person keyed before the import by name and phone', async () => {
    const store = tempStore();
    store.apply({ label: '新增工作人员', changes: [{ op: 'insert', table: 'people', rows: [{ name: '李思源', phone: '13506779372', roles: '包村干部', title: '副乡长' }] }] });
    const [keyed] = store.rows('people');
    await importFile(store, { path: sample });
    expect(store.rows('households', { hhNo: '6210251030010001' })[0]!.collectorId).toBe(keyed!.id);
    expect(store.rows('people', { id: keyed!.id })[0]).toMatchObject({ roles: '包村干部', title: '副乡长' });
  });
});

describe('forms that name people', () => {
  async function withPeople() {
    const store = await imported();
    const [household] = store.rows('households', { hhNo: '6210251030010001' });
    const villageId = Number(household!.villageId);
    const ids = store.apply({
      label: '新增',
      changes: [
        { op: 'insert', table: 'people', rows: [{ id: -1, villageId, name: '王建国', roles: '信息采集员,村干部', title: '村委会委员', phone: '13893450021' }, { id: -2, villageId, name: '马兰', roles: '村医' }] },
        { op: 'insert', table: 'villageIndicators', rows: [{ villageId, year: 2022, isExited: '是', totalHouseholds: 310, totalPopulation: 1050, collectiveIncome: 12.5, pavedRoadToTown: '是' }] },
      ],
    }).insertedIds;
    const lee = store.rows('people').find((p) => p.name === '李思源' && p.phone === '13506779372')!;
    store.apply({ label: '新增分工', changes: [{ op: 'insert', table: 'assignments', rows: [{ villageId, groupId: household!.groupId, person1Id: lee.id, person2Id: ids['-1'], villageDoctorId: ids['-2'] }] }] });
    return { store, villageId };
  }

  it.each(['assignments', 'people', 'villageIndicators'] as const)('%s: re-imports unchanged, and restores what was deleted', async (layout) => {
    const { store } = await withPeople();
    const table: TableName = layout;
    const before = store.rows(table);
    const path = join(tempDir(), `${layout}.xlsx`);
    await exportLayout(store, { layout, allowErrors: true, path, year: 2022 });
    const again = await importFile(store, { path });
    expect(again).toMatchObject({ kind: 'records', changeSetId: null });
    expect(again.counts).toMatchObject({ rows: before.length, unchanged: before.length, refused: 0 });
    if (table === 'people') return; // The households and 分工 point at them: they are not deleted while referred to.
    store.apply({ label: '删除', changes: [{ op: 'delete', table, ids: before.map((r) => r.id) }] });
    const restored = await importFile(store, { path });
    expect(restored.counts.newRecords).toBe(before.length);
    expect(store.rows(table).map(strip)).toEqual(before.map(strip));
  });

  it('prints 附件5 with the names, 职务 and phones of its people, and refuses a name that is no one of 工作人员', async () => {
    const { store } = await withPeople();
    const path = join(tempDir(), 'assignments.xlsx');
    await exportLayout(store, { layout: 'assignments', allowErrors: true, path, year: 2022 });
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const sheet = book.worksheets[0]!;
    const texts: string[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
    expect(texts).toEqual(expect.arrayContaining(['李思源', '13506779372', '王建国', '村委会委员', '13893450021', '马兰']));

    // The clerk types a name nobody on file has: the row is refused and nothing changes.
    sheet.eachRow((row) => row.eachCell((cell) => {
      if (cell.text === '王建国') cell.value = '王建军';
    }));
    await book.xlsx.writeFile(path);
    const before = store.rows('assignments');
    const result = await importFile(store, { path });
    expect(result.counts).toMatchObject({ refused: 1 });
    expect(result.lines?.find((l) => l.status === '拒绝')?.reason ?? JSON.stringify(result)).toContain('工作人员中没有「王建军」');
    expect(store.rows('assignments')).toEqual(before);
  });
});
