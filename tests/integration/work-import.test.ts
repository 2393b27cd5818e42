// 务工 records: the national system's 务工月监测 list (「已外出务工信息」) imports as each member's records of the year,
// matched by 证件号码; they make the household's 务工收入; this app's own 务工 export reads back unchanged.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import { fixturesDir } from '../support/planted';
import { tempDir, tempStore } from '../helpers';

const header = ['县', '乡', '村', '户编号', '姓名', '证件号码', '是否已务工', '开始时间', '结束时间', '务工所在县', '务工企业名称', '所属行业', '就业渠道', '务工月收入', '是否点对点输送', '年度交通费补助'];

async function workList(rows: (string | number)[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('已外出务工信息');
  sheet.addRow(['（务工月监测）已外出务工信息']);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  const path = join(tempDir(), '已外出务工信息.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('务工 records', () => {
  it('imports the 务工月监测 list by 证件号码, and the records make 务工收入', async () => {
    const store = tempStore();
    await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
    const head = store.rows('members', { relation: '户主' })[0]!;
    const household = store.rows('households', { id: Number(head.householdId) })[0]!;
    const path = await workList([
      ['正宁县', '五顷塬回族乡', '东塬村', String(household.hhNo), String(head.name), String(head.idNumber), '是', '2023年03月', '2023年10月', '陕西省西安市雁塔区', '某建筑公司', '建筑业', '劳务输出', 3750, '否', 500],
      ['正宁县', '五顷塬回族乡', '东塬村', '6210251030019999', '查无此人', '621025199001010011', '是', '2023年01月', '', '甘肃省庆阳市西峰区', '某厂', '制造业', '自主就业', 3000, '否', 0],
    ]);
    const report = await importFile(store, { path, year: 2023 });
    expect(report.counts).toMatchObject({ newRecords: 1, refused: 1 });
    expect(report.lines.find((l) => l.status === '拒绝')?.reason).toBe('台账中没有证件号码为「621025199001010011」的家庭成员');
    expect(store.rows('workRecords')).toEqual([expect.objectContaining({ memberId: head.id, year: 2023, startMonth: '202303', endMonth: '202310', monthlyIncome: 3750, channel: '劳务输出' })]);

    // An income record of 2023 for the household: its 务工收入 is 8 months × 3,750 元, whatever was keyed.
    store.apply({ label: '收入', changes: [{ op: 'insert', table: 'incomes', rows: [{ householdId: household.id, year: 2023, wageMigrant: 1000, trPension: 2400 }] }] });
    const sheet = await createApi(store).incomeSheet({ year: 2023 });
    const row = sheet.rows.find((r) => r.householdId === household.id)!;
    expect(row.workFromRecords).toBe(true);
    expect(row.summary?.workIncome).toBe(30000);
    expect(row.summary?.total).toBe(32400);

    // The app's own 务工 export, read back: nothing changes.
    const out = join(tempDir(), '务工.xlsx');
    const written = await exportLayout(store, { layout: 'work', path: out, year: 2023 });
    expect(written.rows).toBe(1);
    const again = await importFile(store, { path: out, year: 2023 });
    expect(again.changeSetId).toBeNull();
    expect(again.counts).toMatchObject({ unchanged: 1, refused: 0 });
  });
});
