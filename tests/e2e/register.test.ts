// What a clerk does on the first screen: set up, add a household with two members, see them survive a reload and a
// restart, count them from the command line, and undo them away.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirKeep } from './tmp';
import { openApp, runCli, startServe, type App } from './harness';

let app: App;
let page: Page;
let dbFile: string;

beforeAll(async () => {
  dbFile = join(tempDirKeep(), 'paicha.sqlite');
  app = await openApp(dbFile);
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const households = () => page.getByTestId('households-grid');
const members = () => page.getByTestId('members-grid');

/** Double-clicks a cell, types a value and confirms it with Enter, as a clerk would. */
async function typeInto(grid: ReturnType<typeof households>, rowIndex: number, colId: string, text: string) {
  const cell = grid.locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`);
  await cell.dblclick();
  const input = cell.locator('input');
  await input.fill(text);
  await input.press('Enter');
  await expect.poll(() => cell.textContent()).toBe(text);
}

/** The column of the cell that has the keyboard focus. */
const focusedColumn = () => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? null);

/** Keys a value into the focused cell the way a clerk with a Chinese input method does: Enter, text, Enter. */
async function keyIntoFocusedCell(text: string) {
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
}

async function memberNames(): Promise<string[]> {
  return members().locator('.ag-cell[col-id="name"]').allTextContents();
}

describe('户籍台账 end to end', () => {
  it('shows the Chinese shell with the household grid', async () => {
    await page.goto(app.served.url);
    await expect(page.title()).resolves.toBe('防返贫排查台账');
    const nav = page.getByRole('navigation', { name: '导航' });
    for (const label of ['户籍台账', '1 收入信息采集表', '2 入户调查表', '3 重点人群汇总表', '4 问题台账', '5 入户责任分工表', '进度', '监测程序', '帮扶措施', '务工信息', '脱贫村指标', '工作人员', '数据核查', '报告', '设置']) {
      await nav.getByText(label, { exact: true }).waitFor();
    }
    await households().locator('.ag-header-cell-text', { hasText: '户编号' }).waitFor();
    await page.getByText('共 0 户').waitFor();
  });

  it('records the operator and adds a village in 设置, and explains a duplicate', async () => {
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByLabel('操作员姓名').fill('李思源');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('操作员：李思源').waitFor();

    await page.getByLabel('新行政村名称').fill('东塬村');
    await page.getByRole('button', { name: '添加' }).first().click();
    await page.getByTestId('villages-grid').locator('.ag-cell[col-id="name"]', { hasText: '东塬村' }).waitFor();

    await page.getByLabel('新行政村名称').fill('东塬村');
    await page.getByRole('button', { name: '添加' }).first().click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('行政村「东塬村」与已有记录重复');
    await page.getByRole('button', { name: '关闭提示' }).click();
  });

  it('adds a household and two members through the grids', async () => {
    await page.getByRole('link', { name: '户籍台账' }).click();
    await page.getByRole('button', { name: '新增户' }).click();
    await page.getByText('共 1 户').waitFor();
    // The new row has the keyboard: the 户编号 can be typed straight away.
    await expect.poll(focusedColumn).toBe('hhNo');
    await page.keyboard.type('6210251030010001');
    await page.keyboard.press('Enter');
    await expect.poll(() => households().locator('.ag-cell[col-id="hhNo"]').first().textContent()).toBe('6210251030010001');
    // 家庭住址 sits right of 户编号, always in view (columns further right are rendered only when scrolled to).
    await typeInto(households(), 0, 'address', '一组12号');

    await page.getByRole('button', { name: '新增成员' }).click();
    await expect.poll(focusedColumn).toBe('name');
    await keyIntoFocusedCell('马海军');
    await page.getByRole('button', { name: '新增成员' }).click();
    await expect.poll(async () => (await memberNames()).length).toBe(2);
    await expect.poll(focusedColumn).toBe('name');
    await keyIntoFocusedCell('冯淑珍');

    await page.getByText('家庭成员：马海军户（户编号 6210251030010001），2 人').waitFor();
    expect(await memberNames()).toEqual(['马海军', '冯淑珍']);
  });

  it('shows them again after a reload of the page', async () => {
    await page.reload();
    const head = households().locator('.ag-cell[col-id="headName"]', { hasText: '马海军' });
    await head.waitFor();
    await head.click();
    await expect.poll(memberNames).toEqual(['马海军', '冯淑珍']);
  });

  it('keeps them across a restart of serve, and the CLI counts them while serve runs', async () => {
    await app.served.stop();
    app.served = await startServe(dbFile);
    const stats = await runCli(['stats', '--db', dbFile, '--json']);
    expect(stats.status).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ villages: 1, households: 1, members: 2 });

    await page.goto(app.served.url);
    await households().locator('.ag-cell[col-id="headName"]', { hasText: '马海军' }).click();
    await expect.poll(memberNames).toEqual(['马海军', '冯淑珍']);
    await expect(households().locator('.ag-cell[col-id="size"]').first().textContent()).resolves.toBe('2');
  });

  it('undoes the members and the household, change set by change set, and redoes', async () => {
    const undo = page.getByRole('button', { name: '撤销', exact: true });
    // Each member: inserted, then named. Undo the second member's two steps, then the first's.
    for (let i = 0; i < 4; i++) await undo.click();
    await expect.poll(memberNames).toEqual([]);
    await page.getByText('共 1 户').waitFor();
    for (let i = 0; i < 3; i++) await undo.click(); // 家庭住址, 户编号, the household itself
    await page.getByText('共 0 户').waitFor();
    await expect(page.getByRole('status').textContent()).resolves.toContain('已撤销：新增户');

    await page.getByRole('button', { name: '重做', exact: true }).click();
    await page.getByText('共 1 户').waitFor();
    const stats = await runCli(['stats', '--db', dbFile, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ households: 1, members: 0 });
  });
});
