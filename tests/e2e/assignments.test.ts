// 附件5 and 进度 as a clerk meets them: a row per 片区 made at once, the counts computed beside it, the two
// responsible persons keyed, households moved to another 片区 in one step, and the 进度 page following, exported.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared/rules/types';
import { hashForFinding } from '../../src/renderer/navigation';
import { openSeededApp, type App } from './harness';
import { tempDirKeep } from './tmp';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'township', value: '某乡' }, { key: 'workYear', value: '2023' }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'groups', rows: [{ id: -2, villageId: -1, name: '一组' }, { id: -3, villageId: -1, name: '二组' }] },
      {
        op: 'insert',
        table: 'people',
        rows: [
          { villageId: -1, name: '李思源', roles: '信息采集员,包村干部', title: '包村干部', phone: '13506779372' },
          { villageId: -1, name: '王建国', roles: '信息采集员,村干部', title: '村委会委员', phone: '13893450021' },
        ],
      },
      {
        op: 'insert',
        table: 'households',
        rows: [
          { id: -4, villageId: -1, groupId: -2, hhNo: '6210251030010001', householdType: '脱贫户' },
          { id: -5, villageId: -1, groupId: -2, hhNo: '6210251030010002', householdType: '一般农户' },
          { id: -6, villageId: -1, groupId: -3, hhNo: '6210251030010003', householdType: '一般农户', monitoringType: '边缘易致贫户' },
        ],
      },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { householdId: -4, name: '马海军', relation: '户主' },
          { householdId: -4, name: '冯淑珍', relation: '配偶' },
          { householdId: -5, name: '李红', relation: '户主' },
          { householdId: -6, name: '王强', relation: '户主' },
          { householdId: -6, name: '王小强', relation: '之子' },
        ],
      },
    ],
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const grid = () => page.getByTestId('assignments-grid');
/** The row index of the row whose cell in `col` shows `text`. */
const rowIndexOf = (box: ReturnType<typeof grid>, col: string, text: string) =>
  box.locator('.ag-row', { has: page.locator(`.ag-cell[col-id="${col}"]`, { hasText: text }) }).first().getAttribute('row-index');
/** The row of each 片区 in the grid, as found when the rows were made (they keep their order). */
const rowOfGroup: Record<string, string | null> = {};
/** The shown value of a column in the row of a 片区. */
const valueIn = (group: string, col: string) => grid().locator(`.ag-row[row-index="${rowOfGroup[group]}"] .ag-cell[col-id="${col}"]`).textContent();
/** Back to the first columns (the counts), by keyboard: from the pinned 核查 cell one step right. */
const home = async () => {
  await grid().locator('.ag-row[row-index="0"] .ag-cell[col-id="check"]').click();
  await page.keyboard.press('ArrowRight');
};
/** The column of the focused cell. */
const focusedColumn = () => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'));

describe('附件5 入户责任分工表', () => {
  it('makes a row for each 片区 at once, with its households and people computed', async () => {
    await page.goto(`${app.served.url}#/assignments`);
    await page.getByRole('heading', { name: '某乡第二轮排查入户责任分工表（2023年度）' }).waitFor();
    await page.getByLabel('行政村').first().selectOption({ label: '东塬村' });
    await page.getByRole('button', { name: '为尚无分工的片区新增（2 个）' }).click();
    await page.getByText('共 2 个片区有分工').waitFor();
    for (const group of ['一组', '二组']) rowOfGroup[group] = await rowIndexOf(grid(), 'groupId', group);
    await expect.poll(() => valueIn('一组', 'households')).toBe('2');
    expect(await valueIn('一组', 'people')).toBe('3');
    expect(await valueIn('一组', 'povertyHouseholds')).toBe('1');
    expect(await valueIn('二组', 'monitoredPeople')).toBe('2');
  });

  it('takes the two 排查责任人 chosen from the list of 工作人员 in the grid, by keyboard', async () => {
    /** Opens the cell's list of people (Enter), goes down it to one of them (↓) and takes that one (Enter). */
    const choose = async (col: string, name: string) => {
      await grid().locator(`.ag-row[row-index="${rowOfGroup['一组']}"] .ag-cell[col-id="groupId"]`).click();
      for (let i = 0; i < 20 && (await focusedColumn()) !== col; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      const active = page.locator('.ag-select-list .ag-active-item');
      for (let i = 0; i < 10 && (await active.textContent())?.trim() !== name; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await valueIn('一组', col))?.trim()).toBe(name);
    };
    await choose('person1Id', '李思源');
    await choose('person2Id', '王建国');
    await expect.poll(() => valueIn('一组', 'person2Id')).toBe('王建国');
    expect(await valueIn('一组', 'person1Id')).toBe('李思源');
  });

  it('moves two households to another 片区 in one step; the counts follow, and one 撤销 moves them back', async () => {
    const households = page.getByTestId('assignment-households-grid');
    for (const hhNo of ['6210251030010001', '6210251030010002']) {
      await households.locator(`.ag-row[row-index="${await rowIndexOf(households, 'hhNo', hhNo)}"] input[type="checkbox"]`).first().check();
    }
    await page.getByText('已选 2 户').waitFor();
    await page.getByLabel('移到片区').selectOption({ label: '二组' });
    await page.getByRole('button', { name: '移动选中的户' }).click();
    await page.getByText('已把 2 户移到二组').waitFor();
    await home();
    await expect.poll(() => valueIn('二组', 'households')).toBe('3');
    expect(await valueIn('一组', 'households')).toBe('0');
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect.poll(() => valueIn('一组', 'households')).toBe('2');
  });
});

describe('a finding about a 片区', () => {
  it('leads to its cell in 附件5 (the address 数据核查 goes to)', async () => {
    const finding = { table: 'assignments', rowId: 2, field: 'person1Id', villageId: 1, householdId: null } as Finding;
    await page.goto(`${app.served.url}${hashForFinding(finding)}`);
    await expect.poll(() => focusedColumn()).toBe('person1Id');
    const focusedRow = await page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-index'));
    expect(focusedRow).toBe(rowOfGroup['二组']);
  });
});

describe('进度', () => {
  it('shows each 片区 with its households assigned and none visited, and the phase of the campaign', async () => {
    await page.getByRole('link', { name: '进度' }).click();
    await page.getByRole('heading', { name: '2023年度第二轮排查进度' }).waitFor();
    const table = page.getByTestId('progress-table');
    const row = table.locator('tr.group', { hasText: '一组' });
    // 户数, 人数, 已分工, 已入户, 已录入, 已双签字.
    await expect.poll(async () => (await row.locator('td').allTextContents()).slice(0, 6)).toEqual(['2', '3', '2', '0', '0', '0']);
    expect(await table.locator('tfoot td').first().textContent()).toBe('3');
    expect(await page.getByTestId('phase').textContent()).toMatch(/当前阶段「(未开始|已结束|动员部署|入户采集|数据录入|总结报告)」/);
    await page.getByLabel('各村进度图').getByText('东塬村').waitFor();
  });

  it('exports the table as .xlsx', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出进度表…' }).click();
    const file = join(tempDirKeep(), '进度.xlsx');
    await (await download).saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(String(workbook.worksheets[0]!.getCell('A1').value)).toMatch(/^某乡2023年度第二轮排查进度（截至 \d{4}-\d{2}-\d{2}）$/);
    await page.getByText('进度表已导出').waitFor();
  });
});
