// Lists from outside into the 问题台账 (../shared/fixtures): the county's 疑似问题数据 and the 医保 预警 list, told
// by their headers by `paicha import`, each row a ledger entry of its household, the unmatched row reported; and the
// 疑似问题 list sent back by `paicha feedback` in its own layout with the clerk's 核实结果 filled in.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { Store } from '../../src/main/store';
import type { ImportReport } from '../../src/shared/imports';
import type { Row } from '../../src/shared/tables';
import { fixturesDir } from '../support/planted';
import { runMain, tempDir } from '../helpers';

const yisi = join(fixturesDir, 'yisi-wenti-2023.xlsx');
const yibao = join(fixturesDir, 'yibao-yujing-2023.xlsx');

let db: string;
let first: ImportReport;
let again: ImportReport;
let warnings: ImportReport;
let problems: Row[];
/** The list sent back, cell texts by row number (files live in a folder removed after the first test). */
const sentBack = new Map<number, string[]>();
const warningsBack = new Map<number, string[]>();
let feedbackOut: string;

const rowsOf = async (path: string, into: Map<number, string[]>) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  workbook.worksheets[0]!.eachRow((row, n) => into.set(n, Array.from({ length: 14 }, (_, i) => row.getCell(i + 1).text)));
};

beforeAll(async () => {
  db = join(tempDir(), 'lists.sqlite');
  const store = Store.open(db);
  try {
    const api = createApi(store);
    await api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    first = await api.importFile({ path: yisi });
    again = await api.importFile({ path: yisi });
    warnings = await api.importFile({ path: yibao });
    problems = store.rows('problems');
    const [entry] = store.rows('problems', { listFile: 'yisi-wenti-2023.xlsx', listRow: 4 });
    store.apply({ label: '核实', changes: [{ op: 'update', table: 'problems', rows: [{ id: entry!.id, verification: '属实', verificationNote: '已更正性别' }] }] });
  } finally {
    store.close();
  }
  const dir = tempDir();
  const out = await runMain(['feedback', yisi, '--out', join(dir, '反馈.xlsx'), '--db', db]);
  feedbackOut = out.out;
  expect(out.status).toBe(0);
  await rowsOf(join(dir, '反馈.xlsx'), sentBack);
  expect((await runMain(['feedback', yibao, '--out', join(dir, '预警反馈.xlsx'), '--db', db, '--json'])).status).toBe(0);
  await rowsOf(join(dir, '预警反馈.xlsx'), warningsBack);
});

describe('the county’s 疑似问题数据', () => {
  it('becomes one ledger entry per row, linked to its household, with the person, the problem and the date of the list', () => {
    expect(first).toMatchObject({ kind: 'records', table: '问题台账', headerRow: 3 });
    expect(first.counts).toMatchObject({ rows: 13, newRecords: 12, refused: 1 });
    const entry = problems.find((p) => p.listFile === 'yisi-wenti-2023.xlsx' && p.listRow === 5)!;
    expect(entry).toMatchObject({
      category: '应纳未纳',
      description: '收入信息：人均纯收入低于监测范围且未纳入监测',
      source: '系统疑似问题数据反馈',
      personName: '赵志强',
      idNumber: '621025201310242959',
      foundDate: '2023-11-08',
    });
    expect(entry.householdId).not.toBeNull();
  });

  it('reports the row whose household is not on file, and takes the list only once', () => {
    const refused = first.lines.filter((l) => l.status === '拒绝');
    expect(refused).toEqual([expect.objectContaining({ rowNo: 16, hhNo: '6210251030019999', reason: expect.stringContaining('户编号为「6210251030019999」的户') })]);
    expect(again.counts).toMatchObject({ newRecords: 0, unchanged: 12, refused: 1 });
    expect(again.changeSetId).toBeNull();
  });

  it('goes back in its own layout, with the 核实结果 the clerk entered', () => {
    expect(sentBack.get(1)![0]).toBe('正宁县2023年防止返贫监测数据清洗疑似问题数据反馈表');
    expect(sentBack.get(3)!.slice(0, 12)).toEqual(['序号', '县', '乡镇', '行政村', '户编号', '户主姓名', '问题人员姓名', '证件号码', '疑似问题类型', '疑似问题描述', '核实结果', '核实情况说明']);
    expect(sentBack.get(4)!.slice(10, 12)).toEqual(['属实', '已更正性别']);
    expect(sentBack.get(5)!.slice(10, 12)).toEqual(['', '']);
    expect(sentBack.get(16)![4]).toBe('6210251030019999');
    expect(feedbackOut).toContain('名单 13 行，1 行已填核实结果');
    expect(feedbackOut).toContain('第 16 行');
  });
});

describe('a department’s 预警 list', () => {
  it('comes in as clues of its department, each linked to the member’s household', () => {
    expect(warnings.counts).toMatchObject({ rows: 6, newRecords: 6, refused: 0 });
    const clues = problems.filter((p) => p.listFile === 'yibao-yujing-2023.xlsx');
    expect(clues).toHaveLength(6);
    expect(clues.every((p) => p.source === '部门预警或比对' && p.category === '基本医疗' && p.householdId != null)).toBe(true);
    expect(clues.find((p) => p.listRow === 4)!.description).toBe('医保部门预警：个人自付费用超过5000元（就诊次数 3；医疗总费用（元） 25300；个人自付费用（元） 6325）');
  });

  it('goes back with 核实结果 columns added after its own', () => {
    expect(warningsBack.get(2)!.slice(0, 11)).toEqual(['序号', '姓名', '身份证号', '所属乡镇', '所属村', '就诊次数', '医疗总费用（元）', '个人自付费用（元）', '预警原因', '核实结果', '核实情况说明']);
  });
});
