// Exports in the official layout: what comes out re-imports unchanged, IDs stay text, nothing becomes a formula,
// and the national list can be limited to what changed since the last national export.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { createApi } from '../../src/main/api';
import { exportLayout } from '../../src/main/services/exporter';
import * as loadYearModule from '../../src/main/services/loadYear';
import { layouts, nationalColumns } from '../../src/shared/layouts';
import { importFile } from '../../src/main/services/import';
import { Workbook } from '../../src/main/services/xlsx/sheet';
import { ZipFile } from '../../src/main/services/xlsx/zip';
import * as tasks from '../../src/main/tasks';
import { tempDir, tempStore, thrownByAsync } from '../helpers';

const sample = join(__dirname, '../../../shared/fixtures/national-export-2022.xlsx');

async function imported() {
  const store = tempStore();
  store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }] }] });
  await importFile(store, { path: sample });
  return store;
}

describe('exporting tables', () => {
  it.each(['households', 'members', 'income', 'visits', 'national', 'nationalIncome'] as const)('%s re-imports without changing anything', async (table) => {
    const store = await imported();
    const path = join(tempDir(), `${table}.xlsx`);
    // The sample's income is 2022's; its 入户调查 answers belong to the round it was exported in (2023-10-30).
    const year = table === 'visits' ? 2023 : 2022;
    const result = await exportLayout(store, { layout: table, allowErrors: true, path, year });
    expect(result.rows).toBe(table === 'members' || table === 'national' ? 129 : 40);
    const again = await importFile(store, { path, year });
    expect(again.changeSetId).toBeNull();
    expect(again.counts.refused).toBe(0);
  });

  it('writes the official layout: title, 填报单位, grouped headers, A4 landscape with repeated header rows, IDs as text', async () => {
    const store = await imported();
    const path = join(tempDir(), 'income.xlsx');
    await exportLayout(store, { layout: 'income', path, year: 2022 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('正宁县2022年度脱贫人口（监测对象）收入信息采集表');
    expect(String(sheet.getCell('A2').value)).toBe('填报单位：五顷塬回族乡人民政府');
    expect(sheet.getRow(3).values).toContain('工资性收入');
    expect(sheet.getRow(4).values).toContain('务工收入');
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '1:4' });
    const idCell = sheet.getCell('E5');
    expect(typeof idCell.value).toBe('string');
    expect(String(idCell.value)).toMatch(/^\d{17}[\dX]/);
  });

  it('writes 附件1 with the paper\'s computed 合计 and 小计, and the national income block under the national names', async () => {
    const store = await imported();
    store.apply({ label: '明细', changes: [{ op: 'update', table: 'incomes', rows: [{ id: 1, trEcoForest: 100.1, trEcoGrass: 0.2, trSoil: 50, wageSectorJob: 600 }] }] });
    const paperPath = join(tempDir(), 'income.xlsx');
    await exportLayout(store, { layout: 'income', path: paperPath, year: 2022 });
    const paper = new ExcelJS.Workbook();
    await paper.xlsx.readFile(paperPath);
    const sheet = paper.worksheets[0]!;
    const header = (sheet.getRow(4).values as unknown[]).map(String);
    const at = (name: string) => header.indexOf(name);
    expect(at('工资性收入合计')).toBeLessThan(at('务工收入'));
    expect(at('生态补偿金小计')).toBeLessThan(at('退耕还林补贴'));
    expect(header).toContain('其他转移性收入小计');
    const first = sheet.getRow(5);
    expect(first.getCell(at('生态补偿金小计')).value).toBe(100.3);
    expect(first.getCell(at('其他转移性收入小计')).value).toBe(50);
    expect(first.getCell(at('工资性收入合计')).value).toBe(600);

    const blockPath = join(tempDir(), 'block.xlsx');
    const block = await exportLayout(store, { layout: 'nationalIncome', path: blockPath, year: 2022 });
    expect(block.rows).toBe(40);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(blockPath);
    const rows = workbook.worksheets[0]!;
    const names = (rows.getRow(3).values as unknown[]).slice(1);
    // The first 14 columns as the national system's own household-level income export has them.
    const national = new ExcelJS.Workbook();
    await national.xlsx.readFile(join(__dirname, '../../../shared/fixtures/national-income-2021.xlsx'));
    expect(names.slice(0, 14)).toEqual((national.worksheets[0]!.getRow(2).values as unknown[]).slice(1));
    expect(names.slice(14)).toEqual(['理赔收入', '合规自付支出', '纳入监测对象的收入参考范围', '纳入监测对象的人均收入参考范围']);
    const other = (rows.getRow(5).values as unknown[]).slice(1);
    expect(other.slice(0, 7)).toEqual(['正宁县', '五顷塬回族乡', '南庄村', '6210251030020002', expect.any(String), expect.stringMatching(/^\d{17}[\dX]$/), 4]);
  });

  it('never writes a value as a formula', async () => {
    const store = tempStore();
    store.apply({
      label: '新增',
      changes: [
        { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
        { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001', address: '+1-1' }] },
        { op: 'insert', table: 'members', rows: ['=1+1', '@SUM(A1)', '-2+3', '+cmd'].map((name) => ({ householdId: -2, name })) },
      ],
    });
    const path = join(tempDir(), 'members.xlsx');
    await exportLayout(store, { layout: 'members', path });
    const sheetXml = await ZipFile.open(path).text('xl/worksheets/sheet1.xml');
    expect(sheetXml).not.toContain('<f>');
    const workbook = await Workbook.open(path, path);
    const names: string[] = [];
    for await (const row of workbook.rows(workbook.sheets[0]!)) if (row.rowNo > 3) names.push(row.cells.get(4)!.text);
    expect(names).toEqual(['=1+1', '@SUM(A1)', '-2+3', '+cmd']);
  });

  it('lists for the national system only the households changed since the last national export', async () => {
    const store = await imported();
    const dir = tempDir();
    expect((await exportLayout(store, { layout: 'national', allowErrors: true, path: join(dir, 'all.xlsx'), year: 2022 })).rows).toBe(129);
    expect((await exportLayout(store, { layout: 'national', allowErrors: true, path: join(dir, 'none.xlsx'), year: 2022, changedOnly: true })).rows).toBe(0);
    const [member] = store.rows('members', { name: '罗晓东' });
    store.apply({ label: '修改电话', changes: [{ op: 'update', table: 'members', rows: [{ id: member!.id, phone: '13900000000' }] }] });
    const householdId = member!.householdId ?? null;
    const changed = await exportLayout(store, { layout: 'national', allowErrors: true, path: join(dir, 'changed.xlsx'), year: 2022, changedOnly: true });
    expect(changed.rows).toBe(store.rows('members', { householdId }).length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'changed.xlsx'));
    expect((workbook.worksheets[0]!.getRow(3).values as unknown[]).slice(1)).toEqual(nationalColumns);

    // A member moved to another household marks both households as changed.
    const [mover] = store.rows('members', { name: '何文斌' });
    const target = store.rows('households').find((h) => h.id !== mover!.householdId)!;
    store.apply({ label: '迁移成员', changes: [{ op: 'update', table: 'members', rows: [{ id: mover!.id, householdId: target.id }] }] });
    const afterMove = await exportLayout(store, { layout: 'national', allowErrors: true, path: join(dir, 'after-move.xlsx'), year: 2022, changedOnly: true });
    const inBoth = store.rows('members').filter((m) => m.householdId === mover!.householdId || m.householdId === target.id).length;
    expect(afterMove.rows).toBe(inBoth);

    // A member taken off a household marks that household as changed too.
    const [other] = store.rows('members', { name: '冯淑珍' });
    store.apply({ label: '删除成员', changes: [{ op: 'delete', table: 'members', ids: [other!.id] }] });
    const afterDelete = await exportLayout(store, { layout: 'national', allowErrors: true, path: join(dir, 'after-delete.xlsx'), year: 2022, changedOnly: true });
    expect(afterDelete.rows).toBe(store.rows('members', { householdId: other!.householdId ?? null }).length);

    // A member added and taken off again by 撤销 (deleted in bulk, kept in the journal table) marks its household too.
    const [third] = store.rows('members', { name: '罗晓东' });
    store.apply({ label: '新增成员', changes: [{ op: 'insert', table: 'members', rows: [{ householdId: third!.householdId, name: '罗小北', relation: '之子' }, { householdId: third!.householdId, name: '罗小南', relation: '之女' }] }] });
    expect((await exportLayout(store, { layout: 'national', allowErrors: true, path: join(dir, 'added.xlsx'), year: 2022, changedOnly: true })).rows).toBeGreaterThan(2);
    store.undo();
    const afterUndo = await exportLayout(store, { layout: 'national', allowErrors: true, path: join(dir, 'after-undo.xlsx'), year: 2022, changedOnly: true });
    expect(afterUndo.rows).toBe(store.rows('members', { householdId: third!.householdId ?? null }).length);
  });

  it('exports every table, also empty ones, and one village only', async () => {
    const store = await imported();
    for (const table of layouts.map((l) => l.id)) {
      const result = await exportLayout(store, { layout: table, allowErrors: true, path: join(tempDir(), `${table}.xlsx`), year: 2022, village: '东塬村' });
      expect(result.rows, table).toBeGreaterThanOrEqual(0);
    }
    expect((await exportLayout(store, { layout: 'households', path: join(tempDir(), 'h.xlsx'), village: '东塬村' })).rows).toBe(14);
    await expect(exportLayout(store, { layout: 'households', path: join(tempDir(), 'x.xlsx'), village: '西山村' })).rejects.toThrow('没有名为「西山村」的行政村');
  });

  it('checks a county in a worker while it writes: the same gate, and a refused export leaves no file', async () => {
    const store = await imported();
    const offloaded: unknown[] = [];
    const real = tasks.workerTasks;
    vi.spyOn(tasks, 'workerTasks').mockImplementation((...args) => {
      const made = real(...args);
      return { ...made, offload: async (...call) => offloaded[offloaded.push(await made.offload(...call)) - 1] };
    });
    const dir = tempDir();
    const request = { layout: 'national', allowErrors: true, year: 2022 };
    const here = await exportLayout(store, { ...request, path: join(dir, 'here.xlsx') }, { checkApart: false });
    expect(offloaded).toHaveLength(0);
    // Checked apart, the national list is read a few households at a time (a county: 2,000): the same file.
    const apart = await exportLayout(store, { ...request, path: join(dir, 'apart.xlsx') }, { checkApart: true, householdsPerSlice: 3 });
    expect(offloaded).toHaveLength(1);
    expect(await ZipFile.open(join(dir, 'apart.xlsx')).text('xl/worksheets/sheet1.xml')).toBe(await ZipFile.open(join(dir, 'here.xlsx')).text('xl/worksheets/sheet1.xml'));
    expect(apart.gate.errors).toBeGreaterThan(0);
    expect(apart.gate).toEqual(here.gate);
    expect(apart.rows).toBe(here.rows);

    const refused = await thrownByAsync(() => exportLayout(store, { ...request, allowErrors: false, path: join(dir, 'refused.xlsx') }, { checkApart: true, householdsPerSlice: 3 }));
    expect(refused.code).toBe('blocked');
    expect(refused.message).toContain(`还有 ${here.gate.errors} 条错误`);
    expect(offloaded).toHaveLength(2);
    expect(readdirSync(dir).sort()).toEqual(['apart.xlsx', 'here.xlsx']);
  });

  it.each(layouts.filter((l) => l.householdOrder).map((l) => l.id))('%s read a slice of households at a time is the file read whole', async (layout) => {
    const store = await imported();
    const dir = tempDir();
    const request = { layout, allowErrors: true, year: layout === 'visits' ? 2023 : 2022 };
    const whole = await exportLayout(store, { ...request, path: join(dir, 'whole.xlsx') }, { checkApart: false });
    const sliced = await exportLayout(store, { ...request, path: join(dir, 'sliced.xlsx') }, { checkApart: true, householdsPerSlice: 2 });
    expect(whole.rows).toBeGreaterThan(5);
    expect(sliced).toMatchObject({ rows: whole.rows, gate: whole.gate });
    const sheet = (name: string) => ZipFile.open(join(dir, name)).text('xl/worksheets/sheet1.xml');
    expect(await sheet('sliced.xlsx')).toBe(await sheet('whole.xlsx'));
  });

  it('refuses a county export read in slices when the data change while it is written, and leaves no file', async () => {
    const store = await imported();
    const dir = tempDir();
    const [member] = store.rows('members', {}, 1);
    let slices = 0;
    const real = loadYearModule.loadYear;
    vi.spyOn(loadYearModule, 'loadYear').mockImplementation((...args) => {
      // A clerk's edit lands between the second and the third slice.
      if (++slices === 3) store.apply({ label: '修改姓名', changes: [{ op: 'update', table: 'members', rows: [{ id: member!.id, name: '马海君' }] }] });
      return real(...args);
    });
    const error = await thrownByAsync(() => exportLayout(store, { layout: 'national', allowErrors: true, year: 2022, path: join(dir, 'national.xlsx') }, { checkApart: true, householdsPerSlice: 2 }));
    vi.restoreAllMocks();
    expect(slices).toBeGreaterThan(3);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('导出「国家系统名单（全国系统的列名和顺序）」期间数据有修改，文件可能前后不一致，未导出。请重新导出。');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes into the download folder when no path is given (browser mode)', async () => {
    const store = await imported();
    const dir = tempDir();
    const result = await createApi(store, { downloadDir: dir }).exportLayout({ layout: 'households' });
    expect(result.path.startsWith(dir)).toBe(true);
    expect(result.name).toMatch(/^户籍台账-户-\d{14}\.xlsx$/);
    expect(readFileSync(result.path).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('the record tables this app exports come back in', () => {
  it.each(['problems', 'assignments', 'keygroups'] as const)('%s: re-imports unchanged, and restores what was deleted', async (table) => {
    const store = await imported();
    const [household] = store.rows('households', { hhNo: '6210251030010001' });
    const villageId = Number(household!.villageId);
    const groupId = Number(household!.groupId);
    const rows = {
      problems: [{ villageId, householdId: household!.id, category: '住房安全', description: '厨房墙体裂缝', measure: '危房改造', responsiblePerson: '李思源', deadline: '2023-12-15', closed: '否' }],
      // 李思源 (13506779372) is the sample's 信息采集人 of this household: a person of 工作人员 since the import.
      assignments: [{ villageId, groupId, person1Id: store.rows('people', { phone: '13506779372' })[0]!.id, person2Id: -1 }],
      keygroups: [{ householdId: household!.id, year: 2022, categories: '受灾户,务工不稳定或返乡', riskPoints: '冰雹致玉米减产', conclusion: '建议纳入监测' }],
    }[table];
    const people = [{ id: -1, villageId, name: '王建国', roles: '信息采集员' }];
    store.apply({ label: '新增', changes: [...(table === 'assignments' ? [{ op: 'insert' as const, table: 'people' as const, rows: people }] : []), { op: 'insert', table, rows }] });
    const before = store.rows(table);
    const path = join(tempDir(), `${table}.xlsx`);
    await exportLayout(store, { layout: table, allowErrors: true, path, year: 2022 });

    const again = await importFile(store, { path });
    expect(again).toMatchObject({ kind: 'records', changeSetId: null });
    // 附件3 also lists, as blank rows, the households the data put in a group (e.g. ⑤, identified in 2022): read past.
    expect(again.counts).toMatchObject({ rows: 1 + again.counts.skipped, unchanged: 1, refused: 0, newRecords: 0, updatedRecords: 0 });

    store.apply({ label: '删除', changes: [{ op: 'delete', table, ids: before.map((r) => r.id) }] });
    const restored = await importFile(store, { path });
    expect(restored.counts.newRecords).toBe(1);
    const strip = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'id'));
    expect(store.rows(table).map(strip)).toEqual(before.map(strip));
  });
});

describe('two problems of one household with the same description', () => {
  it('come back one to one: a 问题台账 export re-imported changes nothing', async () => {
    const store = await imported();
    const [household] = store.rows('households', { hhNo: '6210251030010001' });
    const base = { villageId: household!.villageId, householdId: household!.id, category: '住房安全', description: '厨房墙体裂缝' };
    store.apply({
      label: '新增',
      changes: [{ op: 'insert', table: 'problems', rows: [{ ...base, measure: '危房改造', responsiblePerson: '张三', deadline: '2023-12-31' }, { ...base, measure: '搬迁安置', responsiblePerson: '李四', deadline: '2024-06-30' }] }],
    });
    const before = store.rows('problems');
    const path = join(tempDir(), 'problems.xlsx');
    await exportLayout(store, { layout: 'problems', path, year: 2022 });
    const again = await importFile(store, { path });
    expect(again.changeSetId).toBeNull();
    expect(again.counts).toMatchObject({ rows: 2, unchanged: 2, refused: 0 });
    expect(store.rows('problems')).toEqual(before);
  });
});
