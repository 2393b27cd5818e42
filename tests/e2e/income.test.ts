// 附件1 as a clerk uses it: on the imported sample (2022 export + 2021 income), each household's 2022 per-capita
// income beside 2021's with the change; then a paper form keyed in the form view by keyboard only, at full typing
// speed, and the stored lines and computed totals read back through the API.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomeSheet } from '../../src/shared/incomeSheet';
import type { Row } from '../../src/shared/tables';
import { fixturesDir } from '../support/planted';
import { openApp, runCli, type App } from './harness';
import { tempDirKeep } from './tmp';

let app: App;
let page: Page;

/** Calls the API from the page, as the UI does (the token cookie is the page's). */
async function call<T>(method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    async ({ method, args }) => {
      const response = await fetch(`./api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args }) });
      return ((await response.json()) as { result: unknown }).result;
    },
    { method, args },
  ) as Promise<T>;
}

beforeAll(async () => {
  const db = join(tempDirKeep(), 'paicha.sqlite');
  for (const file of ['national-export-2022.xlsx', 'national-income-2021.xlsx']) {
    expect((await runCli(['import', join(fixturesDir, file), '--db', db])).status).toBe(0);
  }
  app = await openApp(db);
  page = app.page;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

const cell = (hhNo: string, col: string) => page.getByTestId('incomes-grid').locator(`.ag-row:has(.ag-cell[col-id="hhNo"]:text-is("${hhNo}")) .ag-cell[col-id="${col}"]`).first();

describe('附件1 收入信息采集表', () => {
  it('shows 2022 per-capita income beside 2021, with the change', async () => {
    await page.goto(`${app.served.url}#/income`);
    await page.getByLabel('收入年度').fill('2022');
    await page.getByText('共 40 户，其中 40 户有 2022 年度收入记录').waitFor();
    await expect.poll(() => cell('6210251030010001', 'perCapita').textContent()).toBe('4,144.50');
    expect(await cell('6210251030010001', 'previousPerCapita').textContent()).toBe('4,155.00');
    expect(await cell('6210251030010001', 'changeAmount').textContent()).toBe('-10.50');
    expect(await cell('6210251030010001', 'changePercent').textContent()).toBe('-0.25%');
    // The lines stand under their block's heading, as on the paper (scrolled to: columns out of view are not drawn).
    await page.getByTestId('incomes-grid').locator('.ag-body-horizontal-scroll-viewport').evaluate((v) => (v.scrollLeft = 1800));
    await page.getByTestId('incomes-grid').locator('.ag-header-group-cell', { hasText: '工资性收入' }).first().waitFor();
    await page.getByTestId('incomes-grid').locator('.ag-body-horizontal-scroll-viewport').evaluate((v) => (v.scrollLeft = 0));
    // The same figures the API gives the export and the checks.
    const sheet = await call<IncomeSheet>('incomeSheet', { year: 2022 });
    const first = sheet.rows.find((r) => r.hhNo === '6210251030010001')!;
    expect(first.summary?.perCapita).toBe(4144.5);
    expect(first.previousSummary?.perCapita).toBe(4155);
    expect(sheet.rows.filter((r) => r.change && r.change.amount < 0)).toHaveLength(16);
  });

  it('keys a paper form by keyboard only, at full speed, and stores the lines with the totals computed', async () => {
    await page.getByLabel('收入年度').fill('2023');
    await page.getByText('共 40 户，其中 0 户有 2023 年度收入记录').waitFor();
    await page.getByRole('button', { name: '逐户录入' }).click();
    const form = page.getByTestId('income-form');
    await form.getByText('尚无 2023 年度收入记录：填写任一行即新建').waitFor();
    // The form opens with the keyboard on its first line (收入起始年月).
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)).toBe('periodStart');

    // Enter goes down the amounts; Tab to a line's 说明. No delay between keys.
    await page.keyboard.type('202211');
    await page.keyboard.press('Enter');
    await page.keyboard.type('202310');
    await page.keyboard.press('Enter');
    await page.keyboard.type('30000.5'); // 1.1 务工收入
    await page.keyboard.press('Tab');
    await page.keyboard.type('西安建筑工地');
    await page.keyboard.press('Enter'); // from a 说明, Enter goes to the next 说明 — back to the amounts with Shift+Tab
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('1200'); // 1.2 行业部门公益岗收入
    for (const amount of ['', '', '0.1', '3000.2']) {
      // 1.3, 1.4 left empty; 1.5 其他工资性 0.1; 2.1 种植业 3,000.20
      await page.keyboard.press('Enter');
      if (amount) await page.keyboard.type(amount);
    }
    await page.keyboard.press('Enter');

    const head = page.getByTestId('income-form-head');
    const household = (await head.locator('b').first().textContent())!;
    // 年总收入 30,000.50 + 1,200 + 0.10 + 3,000.20 = 34,200.80; 4 persons: 8,550.20 per head.
    await expect.poll(() => form.getByLabel('年总收入', { exact: true }).textContent()).toBe('34,200.80 元');
    await expect.poll(() => form.getByLabel('人均纯收入', { exact: true }).textContent()).toBe('8,550.20 元');

    const sheet = await call<IncomeSheet>('incomeSheet', { year: 2023 });
    const row = sheet.rows.find((r) => r.hhNo === household)!;
    expect(row.record).toMatchObject({ periodStart: '202211', periodEnd: '202310', wageMigrant: 30000.5, wageMigrantNote: '西安建筑工地', wageSectorJob: 1200, wageOther: 0.1, bizCrop: 3000.2 });
    expect(row.summary).toMatchObject({ total: 34200.8, computedNet: 34200.8, perCapita: 8550.2 });

    // PageDown: the next household's form, first line in focus; what is typed goes into that household's record.
    await page.keyboard.press('PageDown');
    await expect.poll(async () => (await head.locator('b').first().textContent()) !== household).toBe(true);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)).toBe('periodStart');
    await page.keyboard.type('202211');
    await page.keyboard.press('Enter');
    const second = (await head.locator('b').first().textContent())!;
    await expect
      .poll(async () => (await call<Row[]>('rows', 'incomes', { where: { year: 2023 } })).map((r) => r.periodStart))
      .toEqual(['202211', '202211']);
    const stored = await call<IncomeSheet>('incomeSheet', { year: 2023 });
    expect(stored.rows.find((r) => r.hhNo === second)?.record?.periodStart).toBe('202211');
    expect(stored.rows.find((r) => r.hhNo === household)?.record?.periodEnd).toBe('202310');
  });

  it('refuses a value that is not an amount, in its line, and stores nothing', async () => {
    const form = page.getByTestId('income-form');
    const line = form.getByLabel('种植业收入', { exact: true });
    await line.fill('三千');
    await line.press('Enter');
    await form.getByRole('alert').getByText(/应填写金额数字/).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.field)).toBe('bizCrop');
    const records = await call<Row[]>('rows', 'incomes', { where: { year: 2023 } });
    // The API leaves empty fields out of the rows it returns.
    expect(records.map((r) => r.bizCrop ?? null)).toEqual([3000.2, null]);
  });

  it('in the grid, a household without a record has its row: the first value typed there makes the record', async () => {
    await page.getByRole('button', { name: '表格' }).click();
    const before = await call<IncomeSheet>('incomeSheet', { year: 2023 });
    const without = before.rows.find((r) => !r.record)!;
    // 人均纯收入 of that row is empty; Tab walks right through the computed columns to 收入起始年月.
    await cell(without.hhNo!, 'perCapita').click();
    for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
    await page.keyboard.type('202212');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await call<IncomeSheet>('incomeSheet', { year: 2023 })).rows.find((r) => r.householdId === without.householdId)?.record?.periodStart).toBe('202212');
    const after = await call<Row[]>('rows', 'incomes', { where: { year: 2023, householdId: without.householdId } });
    expect(after).toHaveLength(1);
    // One undo takes the record away again.
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await expect.poll(async () => (await call<Row[]>('rows', 'incomes', { where: { year: 2023, householdId: without.householdId } })).length).toBe(0);
  });
});
