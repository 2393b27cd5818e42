// Importing the national system's exports into a real database: the sample files give the expected counts and
// planted problems; bad files give a Chinese message naming file, sheet, row and column, and change nothing.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import { Workbook } from '../../src/main/services/xlsx/sheet';
import type { Store } from '../../src/main/store';
import type { ImportReport } from '../../src/shared/imports';
import { householdFactsById } from '../../src/shared/household';
import { incomeSummary } from '../../src/shared/income';
import { runMain, tempDir, tempStore } from '../helpers';
import { expected, fixturesDir, ruleForPlanted } from '../support/planted';

const exportFile = join(fixturesDir, 'national-export-2022.xlsx');
const incomeFile = join(fixturesDir, 'national-income-2021.xlsx');

/** Writes a small .xlsx: a title row, then the rows given (the first of them is the header). */
async function xlsx(rows: unknown[][], options: { merges?: string[]; title?: string } = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  sheet.addRow([options.title ?? '（自定义）家庭成员信息']);
  for (const row of rows) sheet.addRow(row);
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  const file = join(tempDir(), '导出.xlsx');
  await workbook.xlsx.writeFile(file);
  return file;
}

const header = ['村', '组', '户编号', '姓名', '证件号码', '性别', '与户主关系', '出生日期', '户联系电话'];
const person = (overrides: Partial<Record<(typeof header)[number], unknown>> = {}) => {
  const values: Record<string, unknown> = { 村: '东塬村', 组: '一组', 户编号: '6210251030010001', 姓名: '马海军', 证件号码: '11010519491231002X', 性别: '女', 与户主关系: '户主', 出生日期: '1949-12-31', 户联系电话: '15834703683', ...overrides };
  return header.map((h) => values[h]);
};

/** What must not change when an import is refused. */
function snapshot(store: Store) {
  return JSON.stringify([store.rows('households'), store.rows('members'), store.count('change_sets')]);
}

async function refusal(store: Store, path: string): Promise<string> {
  const before = snapshot(store);
  const error = await importFile(store, { path, displayName: '导出.xlsx' }).then(
    () => null,
    (e: Error) => e,
  );
  expect(error, 'the import should have been refused').not.toBeNull();
  expect(snapshot(store)).toBe(before);
  return error!.message;
}

describe('importing the national person export', () => {
  it('gives the expected households, members and villages, in one change set that one undo reverts', async () => {
    const store = tempStore();
    const report = await importFile(store, { path: exportFile });
    expect(report).toMatchObject({ kind: 'persons', headerRow: 3, year: 2022, yearSource: '文件名', unknownColumns: [] });
    expect(report.counts).toMatchObject({ households: expected.households, members: expected.members, newHouseholds: expected.households, newMembers: expected.members, refused: 0 });
    expect(await createApi(store).stats()).toMatchObject({ households: expected.households, members: expected.members, villages: 3, changeSets: 1 });
    const villages = new Map(store.rows('villages').map((v) => [v.id, String(v.name)]));
    const perVillage: Record<string, number> = {};
    for (const h of store.rows('households')) perVillage[villages.get(Number(h.villageId))!] = (perVillage[villages.get(Number(h.villageId))!] ?? 0) + 1;
    expect(perVillage).toEqual(expected.byVillage);
    expect(store.rows('households').filter((h) => h.monitoringType).length).toBe(expected.monitored);

    store.undo();
    expect(await createApi(store).stats()).toMatchObject({ villages: 0, households: 0, members: 0 });
  });

  it('lets 数据核查 find every planted problem', async () => {
    const store = tempStore();
    await importFile(store, { path: exportFile });
    const { findings } = await createApi(store).check({ year: 2022 });
    for (const p of expected.planted) {
      const found = findings.filter((f) => f.ruleId === ruleForPlanted[p.kind] && f.hhNo === p.hhNo && (!p.id || p.kind === 'phone_format' || f.idNumber === p.id));
      expect(found.length, p.kind).toBeGreaterThan(0);
    }
  });

  it('imports the 2021 income file for the same households, and the income figures match the sample', async () => {
    const store = tempStore();
    await importFile(store, { path: exportFile });
    const report = await importFile(store, { path: incomeFile });
    expect(report).toMatchObject({ kind: 'households', year: 2021 });
    expect(report.counts).toMatchObject({ households: 40, newHouseholds: 0, refused: 0 });
    expect(report.verifications).toEqual([]);
    expect(store.count('households')).toBe(40);

    const facts = householdFactsById(store.rows('members') as never);
    const incomes = store.rows('incomes');
    let below = 0;
    let fell = 0;
    for (const h of store.rows('households')) {
      const size = facts.get(h.id)?.size ?? 0;
      const perCapita = (year: number) => {
        const row = incomes.find((i) => i.householdId === h.id && i.year === year);
        return row ? incomeSummary(row, size).perCapita : null;
      };
      const [p22, p21] = [perCapita(2022), perCapita(2021)];
      if (p22 !== null && p22 < 10000) below++;
      if (p22 !== null && p21 !== null && p22 < p21) fell++;
    }
    expect(below).toBe(expected.perCapBelow10000In2022);
    expect(fell).toBe(expected.incomeFellFrom2021);
  });

  it('changes nothing when the same file is imported again', async () => {
    const store = tempStore();
    await importFile(store, { path: exportFile });
    const before = snapshot(store);
    const again = await importFile(store, { path: exportFile });
    expect(again.changeSetId).toBeNull();
    expect(again.counts).toMatchObject({ newHouseholds: 0, updatedHouseholds: 0, newMembers: 0, updatedMembers: 0, unchanged: expected.members });
    expect(snapshot(store)).toBe(before);
  });

  it('previews without writing', async () => {
    const store = tempStore();
    const report = await importFile(store, { path: exportFile, dryRun: true });
    expect(report.counts.newMembers).toBe(expected.members);
    expect(report.changeSetId).toBeNull();
    expect(store.count('members')).toBe(0);
  });
});

describe('merging a newer export', () => {
  it('updates what changed, adds who is new, and reports who is missing without deleting', async () => {
    const store = tempStore();
    await importFile(store, { path: await xlsx([header, person(), person({ 姓名: '冯淑珍', 证件号码: '621025196702197786', 性别: '女', 与户主关系: '配偶', 出生日期: '1967-02-19' })]) });
    const report = await importFile(store, {
      path: await xlsx([header, person({ 户联系电话: '13919401234' }), person({ 姓名: '马小宝', 证件号码: ' 62102520200101001x', 性别: '', 与户主关系: '之子', 出生日期: '2020-01-01' })]),
    });
    expect(report.counts).toMatchObject({ updatedHouseholds: 1, newMembers: 1, unchanged: 1 });
    expect(report.absent).toEqual([{ hhNo: '6210251030010001', name: '冯淑珍', idNumber: '621025196702197786' }]);
    expect(store.rows('households')[0]!.phone).toBe('13919401234');
    expect(store.rows('members').map((m) => m.name)).toEqual(['马海军', '冯淑珍', '马小宝']);
    expect(store.rows('members')[2]!.idNumber).toBe('62102520200101001X');
    store.undo();
    expect(store.rows('households')[0]!.phone).toBe('15834703683');
    expect(store.rows('members').map((m) => m.name)).toEqual(['马海军', '冯淑珍']);
  });

  it('imports a file sorted by name, the members of a household apart, as whole households in one change set', async () => {
    const store = tempStore();
    const [a, b] = ['6210251030010001', '6210251030010002'];
    const file = await xlsx([
      header,
      person({ 户编号: a, 姓名: '马海军', 证件号码: '11010519491231002X', 与户主关系: '户主' }),
      person({ 户编号: b, 姓名: '马建国', 证件号码: '620102195001010013', 与户主关系: '户主' }),
      person({ 户编号: a, 姓名: '马秀兰', 证件号码: '620102197503150022', 与户主关系: '之女', 出生日期: '1975-03-15' }),
      person({ 户编号: b, 姓名: '马思源', 证件号码: '620102198001010019', 与户主关系: '之子', 出生日期: '1980-01-01' }),
    ]);
    const report = await importFile(store, { path: file, year: 2023 });
    expect(report.counts).toMatchObject({ rows: 4, households: 2, newHouseholds: 2, members: 4, newMembers: 4, refused: 0 });
    expect([...report.rowLines].map((l) => [l.rowNo, l.status])).toEqual([[3, '新增'], [4, '新增'], [5, '新增'], [6, '新增']]);
    const households = new Map(store.rows('households').map((h) => [h.id, String(h.hhNo)]));
    const membersOf = (hhNo: string) => store.rows('members').filter((m) => households.get(Number(m.householdId)) === hhNo).map((m) => m.name).sort();
    expect(membersOf(a)).toEqual(['马海军', '马秀兰']);
    expect(membersOf(b)).toEqual(['马建国', '马思源']);
    // The first reading, given up when the first household came back, left nothing: one change set, one undo.
    expect(store.count('change_sets')).toBe(1);
    store.undo();
    expect(store.count('households')).toBe(0);
  });

  it('reports rows of one household that disagree on a household field', async () => {
    const store = tempStore();
    const report = await importFile(store, { path: await xlsx([header, person(), person({ 姓名: '冯淑珍', 证件号码: '621025196702197786', 与户主关系: '配偶', 户联系电话: '13900000000' })]) });
    expect(report.disagreements).toEqual([{ hhNo: '6210251030010001', field: '户联系电话', values: ['15834703683', '13900000000'] }]);
    expect(store.rows('households')[0]!.phone).toBe('15834703683');
  });
});

describe('rows and cells the importer must not guess', () => {
  it('refuses an ID number stored as a number, naming the row and column, and imports the rest', async () => {
    const store = tempStore();
    const report = await importFile(store, { path: await xlsx([header, person(), person({ 姓名: '冯淑珍', 证件号码: 621025196702197800, 与户主关系: '配偶' })]) });
    const refused = report.lines.find((l) => l.status === '拒绝');
    expect(refused).toMatchObject({ rowNo: 4, name: '冯淑珍' });
    expect(refused!.reason).toMatch(/^E 列「证件号码」是数字格式.*无法还原/);
    expect(store.rows('members').map((m) => m.name)).toEqual(['马海军']);
  });

  it('reads dates written as Excel dates, text, or serial numbers', async () => {
    const store = tempStore();
    await importFile(store, {
      path: await xlsx([
        header,
        person({ 出生日期: new Date(Date.UTC(1949, 11, 31)) }),
        person({ 姓名: '冯淑珍', 证件号码: '621025196702197786', 与户主关系: '配偶', 出生日期: '1967年2月19日' }),
        person({ 姓名: '马小宝', 证件号码: '62102520200101001X', 与户主关系: '之子', 出生日期: 43831 }),
      ]),
    });
    expect(store.rows('members').map((m) => m.birthDate)).toEqual(['1949-12-31', '1967-02-19', '2020-01-01']);
  });

  it('skips blank and totals rows, and refuses rows without 户编号', async () => {
    const store = tempStore();
    const report = await importFile(store, { path: await xlsx([header, person(), [], ['合计', '', '', '', '', '', '', '', ''], person({ 户编号: '', 姓名: '无户号', 证件号码: '621025196702197786' })]) });
    expect([...report.rowLines].map((l) => [l.rowNo, l.status, l.reason])).toEqual([
      [3, '新增', ''],
      [5, '跳过', '合计行'],
      [6, '拒绝', '缺少户编号'],
    ]);
  });

  // A totals row under the data, with the sum of 工资性收入: its label in a column the importer does not map.
  const numbered = ['序号', ...header, '工资性收入'];
  const totalsFile = (label: string, merges: string[] = []) =>
    xlsx(
      [
        numbered,
        [1, ...person(), 12000],
        [2, ...person({ 姓名: '冯淑珍', 证件号码: '621025196702197786', 与户主关系: '配偶' }), 12000],
        [label, ...header.map(() => ''), 24000],
      ],
      { merges },
    );

  it.each([
    ['合计 in the 序号 column', '合计', []],
    ['合 计 in a cell merged across A:D', '合 计', ['A5:D5']],
  ])('skips a totals row with %s, and refuses nothing', async (_case, label, merges) => {
    const store = tempStore();
    const report = await importFile(store, { path: await totalsFile(label, merges) });
    expect([...report.rowLines].map((l) => [l.rowNo, l.status, l.reason])).toEqual([
      [3, '新增', ''],
      [4, '新增', ''],
      [5, '跳过', '合计行'],
    ]);
    expect(report.counts).toMatchObject({ rows: 3, skipped: 1, refused: 0, newMembers: 2 });
    expect(report.unknownColumns).toEqual(['A 列「序号」']);
    expect(store.rows('incomes').map((i) => i.wageIncome)).toEqual([12000]);
  });
});

describe('files the importer refuses, leaving the database as it was', () => {
  it('a file that is not an .xlsx', async () => {
    const store = tempStore();
    const file = join(tempDir(), '名单.xlsx');
    writeFileSync(file, '姓名,证件号码\n马海军,621025196310152110\n');
    expect(await refusal(store, file)).toContain('不是 .xlsx 文件');
  });

  it('an encrypted workbook (an OLE container)', async () => {
    const store = tempStore();
    const file = join(tempDir(), '加密.xlsx');
    writeFileSync(file, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
    expect(await refusal(store, file)).toContain('已加密');
  });

  it('a truncated file', async () => {
    const store = tempStore();
    const file = join(tempDir(), '半截.xlsx');
    const bytes = readFileSync(exportFile);
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(await refusal(store, file)).toMatch(/不完整|已损坏/);
  });

  it('an empty sheet, and a sheet with no recognisable header', async () => {
    const store = tempStore();
    expect(await refusal(store, await xlsx([]))).toContain('没有找到可识别的表头');
    expect(await refusal(store, await xlsx([['甲', '乙', '丙'], [1, 2, 3]]))).toContain('没有找到可识别的表头');
  });

  it('a header without 户编号 or 证件号码', async () => {
    const store = tempStore();
    expect(await refusal(store, await xlsx([['村', '组', '姓名', '性别'], ['东塬村', '一组', '马海军', '男']]))).toContain('缺少必需的列：户编号、证件号码');
  });

  it('duplicate column names', async () => {
    const store = tempStore();
    expect(await refusal(store, await xlsx([[...header, '姓名'], [...person(), '马海']]))).toContain('「姓名」出现了两次（D 列和 J 列）');
  });

  it('10,000 columns', async () => {
    const store = tempStore();
    const wide = [...header, ...Array.from({ length: 10_000 }, (_, i) => `其他${i}`)];
    expect(await refusal(store, await xlsx([wide, person()]))).toContain('超过 1000 列');
  });

  it('a cell of 1 MB of text', async () => {
    const store = tempStore();
    const message = await refusal(store, await xlsx([header, person({ 姓名: '长'.repeat(1_000_000) })]));
    expect(message).toContain('第 3 行 D 列的内容过长');
  });

  it('merged cells in the data area', async () => {
    const store = tempStore();
    const message = await refusal(store, await xlsx([header, person(), person({ 姓名: '冯淑珍', 证件号码: '621025196702197786', 与户主关系: '配偶' })], { merges: ['A3:A4'] }));
    expect(message).toContain('第 3–4 行有合并单元格');
  });

  it('a file that is not there', async () => {
    const store = tempStore();
    expect(await refusal(store, join(tempDir(), '没有这个文件.xlsx'))).toContain('找不到文件');
  });

  it('a folder', async () => {
    const store = tempStore();
    const folder = join(tempDir(), '导出');
    mkdirSync(folder);
    expect(await refusal(store, folder)).toMatch(/^「导出\.xlsx」是一个文件夹/);
  });

  it('a copy of a real export with its zip directory cut off', async () => {
    const store = tempStore();
    const file = join(tempDir(), 'copy.xlsx');
    copyFileSync(exportFile, file);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length - 30));
    expect(await refusal(store, file)).toMatch(/不完整|已损坏/);
  });
});

describe('reading what real files contain', () => {
  it('finds merged cells in the data area also after manual page breaks', async () => {
    const store = tempStore();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['（自定义）家庭成员信息']);
    sheet.addRow(header);
    sheet.addRow(person()).addPageBreak();
    sheet.addRow(person({ 姓名: '冯淑珍', 证件号码: '621025196702197786', 与户主关系: '配偶' }));
    sheet.mergeCells('A3:A4');
    const file = join(tempDir(), '分页.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await refusal(store, file)).toContain('有合并单元格');
  });

  it('closes the file when it stops reading early', async () => {
    const count = () => readdirSync('/proc/self/fd').length;
    const before = count();
    for (let i = 0; i < 20; i++) {
      const workbook = await Workbook.open(exportFile, exportFile);
      for await (const row of workbook.rows(workbook.sheets[0]!)) if (row.rowNo > 3) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(count() - before).toBeLessThan(3);
  });

  it('explains a file too short to be anything', async () => {
    const store = tempStore();
    const file = join(tempDir(), '短.xlsx');
    writeFileSync(file, 'PK');
    expect(await refusal(store, file)).toContain('不是 .xlsx 文件');
  });

  it('takes a record listed twice in a record table once', async () => {
    const store = tempStore();
    await importFile(store, { path: exportFile });
    const [household] = store.rows('households', { hhNo: '6210251030010001' });
    store.apply({ label: '新增', changes: [{ op: 'insert', table: 'keygroups', rows: [{ householdId: household!.id, year: 2022, categories: '受灾户' }] }] });
    const path = join(tempDir(), 'keygroups.xlsx');
    await exportLayout(store, { layout: 'keygroups', path, year: 2022 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    sheet.addRow((sheet.getRow(4).values as unknown[]).slice(1));
    const twice = join(tempDir(), 'twice.xlsx');
    await workbook.xlsx.writeFile(twice);
    store.apply({ label: '删除', changes: [{ op: 'delete', table: 'keygroups', ids: store.rows('keygroups').map((r) => r.id) }] });
    const report = await importFile(store, { path: twice });
    // Rows of households the data put in a group without a record of their own are blank: skipped.
    const taken = [...report.rowLines].filter((l) => l.status !== '跳过');
    expect(taken.map((l) => l.status)).toEqual(['新增', '拒绝']);
    expect(taken[1]!.reason).toContain('与第 4 行是同一条记录');
    expect(store.rows('keygroups')).toHaveLength(1);
  });
});

describe('what the command line says of an import', () => {
  it('says the import was written when only its report could not be saved, and exits 1', async () => {
    const store = tempStore();
    const db = store.path;
    store.close();
    const report = join(tempDir(), 'no-such-folder', '报告.xlsx');
    const result = await runMain(['import', join(fixturesDir, 'national-export-2022.xlsx'), '--db', db, '--report', report]);
    expect(result.status).toBe(1);
    expect(result.err).toMatch(/导入已完成并已写入数据库，但详细报告未能保存：无法写入文件「报告\.xlsx」：目录「.+」不存在/);
    expect(result.err).not.toContain('数据未改动');
    expect(JSON.parse((await runMain(['stats', '--db', db, '--json'])).out)).toMatchObject({ households: 40 });
  });

  it('lists the first 1,000 rows not imported and says how many more; the saved report lists every row', async () => {
    const unnumbered = Array.from({ length: 1_003 }, (_, i) => person({ 户编号: '', 姓名: `无户号${i}` }));
    const file = await xlsx([header, person(), ...unnumbered]);
    const db = tempStore().path;
    const saved = join(tempDir(), '报告.xlsx');
    const json = JSON.parse((await runMain(['import', file, '--db', db, '--dry-run', '--json'])).out) as ImportReport;
    expect(json.counts).toMatchObject({ rows: 1_004, refused: 1_003, newMembers: 1 });
    expect(json.lines).toHaveLength(1_000);
    expect(json.lines[0]).toMatchObject({ rowNo: 4, status: '拒绝', name: '无户号0', reason: '缺少户编号' });
    const text = await runMain(['import', file, '--db', db, '--report', saved]);
    expect(text.out).toContain('第 1003 行 拒绝：缺少户编号');
    expect(text.out).not.toContain('第 1004 行');
    expect(text.out).toContain('另有 3 行未导入，未在此列出，见详细报告。');
    const workbook = await Workbook.open(saved, saved);
    const lines: unknown[][] = [];
    for await (const row of workbook.rows(workbook.sheets[0]!)) lines.push([0, 1, 2, 3].map((col) => row.cells.get(col)?.text ?? ''));
    expect(lines).toHaveLength(1 + 1_004);
    expect(lines[1]).toEqual(['3', '新增', '6210251030010001', '马海军']);
    expect(lines[1_004]).toEqual(['1006', '拒绝', '', '无户号1002']);
  });
});

describe('the years of a national export', () => {
  it('files income under its year, the 入户调查 answers under the round it was exported in, and proposes that round as 工作年度', async () => {
    const store = tempStore();
    const report = await createApi(store).importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    expect(report).toMatchObject({ year: 2022, roundYear: 2023, exportDate: '2023-10-30' });
    expect(new Set(store.rows('incomes').map((r) => r.year))).toEqual(new Set([2022]));
    expect(new Set(store.rows('visits').map((r) => r.year))).toEqual(new Set([2023]));
    expect(await createApi(store).profile()).toMatchObject({ workYear: 2023, workYearSource: 'import' });
    // The day the round's imported data stand on: rules about what the file could hold read it; other years have none.
    expect((await createApi(store).profile(2023)).profile.dataDate).toBe('2023-10-30');
    expect((await createApi(store).profile(2022)).profile.dataDate).toBeNull();
    // Set in 设置, the 工作年度 is the clerk's: a later import proposes nothing.
    store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'workYear', value: '2024' }] }] });
    await createApi(store).importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    expect(await createApi(store).profile()).toMatchObject({ workYear: 2024, workYearSource: 'setting' });
  });

  it('finds every planted problem with the proposed 工作年度, and no 2023 newborn is an 错误', async () => {
    const store = tempStore();
    const api = createApi(store);
    await api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    await api.importFile({ path: join(fixturesDir, 'national-income-2021.xlsx') });
    const { findings, profile } = await api.check();
    expect(profile.year).toBe(2023);
    for (const planted of expected.planted) {
      const rule = ruleForPlanted[planted.kind];
      expect(findings.some((f) => f.ruleId === rule && f.hhNo === planted.hhNo), `${planted.kind} ${planted.hhNo}`).toBe(true);
    }
    expect(findings.filter((f) => f.ruleId === 'member.idBirthDate' && f.severity === 'error')).toEqual([]);
    // 错误 outside the planted problems come only from real disagreements in the file.
    const plantedRules = new Set(expected.planted.map((p) => ruleForPlanted[p.kind]));
    const realDisagreements = new Set(['member.sexMismatch', 'member.duplicateId', 'household.headSpouseSameSex', 'member.certificateWithoutDisability']);
    const otherErrors = findings.filter((f) => f.severity === 'error' && !plantedRules.has(f.ruleId) && !realDisagreements.has(f.ruleId));
    expect(otherErrors.map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
    // Half of the 47 提醒 the sample gave before the year model at most.
    expect(findings.filter((f) => f.severity === 'warning').length).toBeLessThanOrEqual(23);
  });
});
