// 附件3 重点人群 as a clerk meets it: the groups the 2022 income decides (with the figures), records made for them in
// one step, a group only the clerk can know (受灾户) keyed for another household, and the summary following both.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededApp, type App } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }, { key: 'workYear', value: '2023' }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      {
        op: 'insert',
        table: 'households',
        rows: [
          { id: -2, villageId: -1, hhNo: '6210251030010001', householdType: '脱贫户' },
          { id: -3, villageId: -1, hhNo: '6210251030010002', householdType: '一般农户' },
        ],
      },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { householdId: -2, name: '马海军', relation: '户主' },
          { householdId: -2, name: '冯淑珍', relation: '配偶' },
          { householdId: -3, name: '李有才', relation: '户主' },
        ],
      },
      {
        op: 'insert',
        table: 'incomes',
        rows: [
          { householdId: -2, year: 2021, officialPerCapita: 9000 },
          { householdId: -2, year: 2022, officialPerCapita: 8412.5 },
          { householdId: -3, year: 2022, officialPerCapita: 15000 },
        ],
      },
    ],
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const grid = () => page.getByTestId('keygroups-grid');
/** A cell of a household's row: the 户 column is pinned, so the row is found by its index, then the cell. */
const cell = async (hhNo: string, col: string) => {
  const pinned = grid().locator('.ag-row', { hasText: hhNo }).first();
  await pinned.waitFor();
  return grid().locator(`.ag-row[row-index="${await pinned.getAttribute('row-index')}"] .ag-cell[col-id="${col}"]`);
};
const summaryRow = () => page.getByRole('table', { name: '重点人群汇总' }).locator('tbody tr', { hasText: '东塬村' });

describe('附件3 重点人群', () => {
  it('shows the groups the 2022 income decides, with the figures, and counts them by village', async () => {
    await page.goto(`${app.served.url}#/keygroups`);
    await page.getByRole('heading', { name: '五顷塬回族乡第二轮排查重点人群汇总表（2023年度）' }).waitFor();
    await page.getByText('重点人群 1 户。②③按 2022 年人均纯收入（与 2021 年比较）自动识别').waitFor();
    // ② and ③ each 1 household of 2 people; ①④⑤⑥⑦ empty; 合计 1/2.
    await expect.poll(async () => (await summaryRow().locator('td').allTextContents()).join('|')).toBe('|1/2|1/2|||||1/2');
  });

  it('makes the records of the households the data found in one step, each row with its reasons', async () => {
    await page.getByRole('button', { name: '为数据识别的 1 户建立记录' }).click();
    const reasons = await cell('6210251030010001', '_reasons');
    await expect.poll(async () => (await cell('6210251030010001', '_groups')).textContent()).toBe('②③');
    await expect.poll(() => reasons.textContent()).toContain('2022年人均纯收入 8,412.50元，低于10000元');
    await expect.poll(() => reasons.textContent()).toContain('减少 587.50元（下降 6.53%），收入不增反降');
    await expect.poll(() => page.getByRole('button', { name: /为数据识别的/ }).count()).toBe(0);
  });

  it('lets the clerk put another household in ① 受灾户, and the summary follows', async () => {
    await page.getByLabel('选择户').selectOption({ label: '6210251030010002 李有才' });
    await page.getByRole('button', { name: '新增人工认定' }).click();
    await (await cell('6210251030010002', 'categories')).dblclick();
    const input = page.getByLabel('输入编号或拼音首字母，多个用空格分隔');
    await input.fill('1');
    await page.getByText('将保存：受灾户').waitFor();
    await input.press('Enter');
    await expect.poll(async () => (await cell('6210251030010002', '_groups')).textContent()).toBe('①');
    await expect.poll(async () => (await cell('6210251030010002', '_reasons')).textContent()).toBe('人工认定为「受灾户」');
    await expect.poll(async () => (await summaryRow().locator('td').allTextContents()).join('|')).toBe('1/1|1/2|1/2|||||2/3');
  });
});
