// 附件4 问题台账 as a clerk meets it: an overdue entry standing out (and 「只看逾期」), the county's 疑似问题 list
// imported through the import dialog into the ledger with its source, a 核实结果 keyed in the grid and the list sent
// back in its own layout with it filled in; and findings of 数据核查 taken onto the ledger in one step, once.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { Store } from '../../src/main/store';
import { fixturesDir } from '../support/planted';
import { openApp, type App } from './harness';
import { tempDirKeep } from './tmp';

const yisi = join(fixturesDir, 'yisi-wenti-2023.xlsx');
let app: App;
let page: Page;

beforeAll(async () => {
  const db = join(tempDirKeep(), 'paicha.sqlite');
  const store = Store.open(db);
  try {
    await createApi(store).importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    const [village] = store.rows('villages', { name: '东塬村' });
    store.apply({
      label: '准备数据',
      changes: [
        { op: 'insert', table: 'settings', rows: [{ key: 'operator', value: '李思源' }] },
        { op: 'insert', table: 'problems', rows: [{ villageId: village!.id, category: '其他', description: '村部公示栏未更新', source: '入户排查', measure: '更新公示栏', responsiblePerson: '李思源', deadline: '2023-01-31', closed: '否' }] },
      ],
    });
  } finally {
    store.close();
  }
  app = await openApp(db);
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const grid = () => page.getByTestId('problems-grid');
const counts = () => page.getByTestId('ledger-counts').textContent();
/** A cell of the row whose text holds `text` (the row is found by its index: the state column is pinned). */
const cell = async (text: string, col: string) => {
  const part = grid().locator('.ag-row', { hasText: text }).first();
  await part.waitFor();
  return grid().locator(`.ag-row[row-index="${await part.getAttribute('row-index')}"] .ag-cell[col-id="${col}"]`);
};

async function choose(button: string, path: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(path);
}

describe('附件4 问题台账', () => {
  it('makes an overdue entry stand out, and shows only those on 「只看逾期」', async () => {
    await page.goto(`${app.served.url}#/problems`);
    await expect.poll(counts).toBe('问题 1 条：已销号 0，整改中 0，逾期 1');
    const state = await cell('村部公示栏未更新', '_state');
    await expect.poll(() => state.textContent()).toBe('逾期未销号');
    await expect.poll(() => state.getAttribute('class')).toContain('cell-overdue');
    await page.getByLabel('只看逾期').check();
    await page.getByText('共 1 条，其中逾期 1 条').waitFor();
    await page.getByLabel('只看逾期').uncheck();
  });

  it('imports the county’s 疑似问题 list into the ledger, each entry with its source and household', async () => {
    await page.getByRole('button', { name: '导入名单…' }).click();
    await choose('选择文件…', yisi);
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toContain('新增 12');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByRole('button', { name: '完成' }).click();
    await expect.poll(counts).toBe('问题 13 条：已销号 0，整改中 12，逾期 1');
    const summary = page.getByRole('table', { name: '问题台账汇总' });
    await expect.poll(() => summary.locator('tr', { hasText: '系统疑似问题数据反馈' }).locator('td').allTextContents()).toEqual(['问题来源', '12', '0', '12', '0']);
    await expect.poll(async () => (await cell('罗小红', 'source')).textContent()).toBe('系统疑似问题数据反馈');
    await expect.poll(async () => (await cell('罗小红', 'householdId')).textContent()).toContain('6210251030010001');
  });

  it('sends the list back in its own layout with the 核实结果 keyed in the grid', async () => {
    const verification = await cell('罗小红', 'verification');
    await verification.dblclick();
    await verification.locator('input').fill('属实');
    await verification.locator('input').press('Enter');
    await expect.poll(() => verification.textContent()).toBe('属实');

    await expect(page.getByLabel('来源名单').inputValue()).resolves.toBe('yisi-wenti-2023.xlsx');
    const download = page.waitForEvent('download');
    await choose('导出核实结果…', yisi);
    const file = join(tempDirKeep(), '反馈.xlsx');
    await (await download).saveAs(file);
    await page.getByText('已导出「yisi-wenti-2023.xlsx」的核实结果：名单 13 行，1 行已填核实结果；第 16 行不在问题台账中，未填写。').waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('正宁县2023年防止返贫监测数据清洗疑似问题数据反馈表');
    expect([4, 5].map((n) => [sheet.getRow(n).getCell(7).text, sheet.getRow(n).getCell(11).text])).toEqual([
      ['罗小红', '属实'],
      ['赵志强', ''],
    ]);
  });

  it('takes findings of 数据核查 onto the ledger in one step, and not twice', async () => {
    await page.goto(`${app.served.url}#/checks`);
    const findings = page.getByTestId('findings-grid');
    const first = findings.locator('.ag-cell[col-id="message"]', { hasText: '性别' }).first();
    const message = (await first.textContent())!;
    await first.click();
    await page.getByRole('button', { name: '加入问题台账' }).click();
    await expect.poll(() => page.getByRole('status').locator('span').textContent()).toBe('已加入问题台账 1 条。');
    // The findings are read again after the write: the same finding, chosen again, is not added twice.
    await expect.poll(() => page.getByTestId('check-summary').textContent()).toMatch(/^错误/);
    await first.click();
    await page.getByRole('button', { name: '加入问题台账' }).click();
    await expect.poll(() => page.getByRole('status').locator('span').textContent()).toBe('1 条已在问题台账中（或不属于任何行政村），未重复加入。');
    await page.goto(`${app.served.url}#/problems`);
    await expect.poll(counts).toBe('问题 14 条：已销号 0，整改中 13，逾期 1');
    await expect.poll(async () => (await cell(message, 'source')).textContent()).toBe('数据核查');
  });
});
