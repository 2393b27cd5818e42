// The register as the clerk arranges it: the count follows the grid's filter, and a column widened or pinned stays
// so after a reload.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSeededApp, type App } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'groups', rows: [{ id: -20, villageId: -1, name: '一组' }] },
      { op: 'insert', table: 'households', rows: ['6210251030010001', '6210251030010002', '6210251030010003'].map((hhNo, i) => ({ id: -2 - i, villageId: -1, groupId: i === 0 ? -20 : null, hhNo, address: `一组${hhNo.slice(-1)}号` })) },
      { op: 'insert', table: 'members', rows: [-2, -3, -4].map((householdId, i) => ({ householdId, name: `户主${i + 1}`, relation: '户主' })) },
      { op: 'insert', table: 'villages', rows: [{ id: -9, name: '西塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -10, villageId: -9, hhNo: '6210251030020001' }] },
      { op: 'insert', table: 'members', rows: [{ householdId: -10, name: '户主4', relation: '户主' }] },
    ],
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const households = () => page.getByTestId('households-grid');

describe('the register as arranged', () => {
  it('counts the households the filter shows', async () => {
    await page.goto(`${app.served.url}#/register`);
    await page.getByLabel('行政村', { exact: true }).selectOption({ label: '东塬村' });
    await expect.poll(() => page.getByTestId('households-count').textContent()).toBe('共 3 户');
    await households().locator('.ag-header-cell[col-id="hhNo"] .ag-header-cell-filter-button').click();
    await page.locator('.ag-filter-body input').first().fill('0002');
    await expect.poll(() => page.getByTestId('households-count').textContent()).toBe('共 3 户，筛选后显示 1 户');
  });

  it('shows the columns as the clerk last arranged them after a reload', async () => {
    await page.keyboard.press('Escape');
    // A widened 家庭住址 and a pinned 户联系电话, as the grid stores the clerk's arrangement on this PC.
    await page.evaluate(() => {
      localStorage.setItem('paicha.columns.households-grid', JSON.stringify([{ colId: 'address', width: 333 }, { colId: 'phone', pinned: 'left' }]));
    });
    await page.reload();
    await expect.poll(async () => Math.round((await households().locator('.ag-header-cell[col-id="address"]').boundingBox())?.width ?? 0)).toBe(333);
    // Pinned left: 户联系电话 now sits before 户编号, in the columns that stay in view.
    const x = async (col: string) => (await households().locator(`.ag-header-cell[col-id="${col}"]`).boundingBox())?.x ?? Infinity;
    await expect.poll(async () => (await x('phone')) < (await x('hhNo'))).toBe(true);
  });

  it('checks again only the household an edit touched', async () => {
    await page.getByTestId('households-grid').locator('.ag-cell[col-id="hhNo"]', { hasText: '6210251030010002' }).click();
    const members = page.getByTestId('members-grid');
    await members.locator('.ag-cell[col-id="name"]', { hasText: '户主2' }).waitFor();
    const checks: unknown[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/check')) checks.push(JSON.parse(request.postData() ?? '{}'));
    });
    await members.locator('.ag-cell[col-id="name"]').first().dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('马海军');
    await page.keyboard.press('Enter');
    await members.locator('.ag-cell[col-id="name"]', { hasText: '马海军' }).waitFor();
    await expect.poll(() => checks.length).toBeGreaterThan(0);
    const [household] = await page.evaluate(async () => {
      const response = await fetch('./api/rows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args: ['households', { where: { hhNo: '6210251030010002' } }] }) });
      return ((await response.json()) as { result: { id: number }[] }).result;
    });
    expect(checks).toEqual([{ args: [{ householdIds: [household!.id] }] }]);
  });

  it('finds a household by 户编号 (as a scanner types it) and a person by name, with Ctrl+F', async () => {
    await page.goto(`${app.served.url}#/register`);
    const find = page.getByLabel('查找');
    await find.fill('6210251030010003');
    await find.press('Enter');
    await page.getByText('家庭成员：户主3户（户编号 6210251030010003），1 人').waitFor();
    await page.getByTestId('households-grid').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('查找');
    await page.keyboard.type('户主1');
    await page.keyboard.press('Enter');
    await page.getByText('家庭成员：户主1户（户编号 6210251030010001），1 人').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.textContent)).toBe('户主1');
    // In another village: the grid switches to it and goes to that household, not to a row of the list before.
    await find.fill('6210251030020001');
    await find.press('Enter');
    await page.getByText('家庭成员：户主4户（户编号 6210251030020001），1 人').waitFor();
    await expect.poll(() => page.getByTestId('households-count').textContent()).toBe('共 1 户');
    await find.fill('没有这个人');
    await find.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('没有找到户编号、证件号码或姓名为「没有这个人」的户或家庭成员');
  });

  it('opens the 监测程序 of the household in hand', async () => {
    await page.goto(`${app.served.url}#/register`);
    await page.getByTestId('households-grid').locator('.ag-cell[col-id="hhNo"]', { hasText: '6210251030010003' }).click();
    await page.getByText('家庭成员：户主3户（户编号 6210251030010003），1 人').waitFor();
    await page.locator('.register .split').getByRole('link', { name: '监测程序' }).click();
    await page.getByRole('heading', { name: /^监测程序：东塬村 6210251030010003 户主3/ }).waitFor();
    expect(new URL(page.url()).hash).toMatch(/^#\/monitoring\?household=\d+$/);
  });
  it('says the rows are being checked, not that they have no problems, until the check is in', async () => {
    // The check held back, as a county's takes seconds.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/check', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('about:blank');
    await page.goto(`${app.served.url}#/register`);
    await page.getByLabel('行政村', { exact: true }).selectOption({ label: '东塬村' });
    const status = page.getByTestId('households-grid-status');
    const firstCheck = page.getByTestId('households-grid').locator('.ag-row[row-index="0"] .ag-cell[col-id="check"]');
    await expect.poll(() => status.textContent()).toContain('正在核查…');
    expect(await firstCheck.textContent()).toBe('…');
    release();
    await expect.poll(() => status.textContent()).not.toContain('正在核查');
    await expect.poll(() => firstCheck.textContent()).not.toBe('…');
    await page.unroute('**/api/check');
  });
  it('shows the 村民小组 of a household empty while the groups are read, not as deleted', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/rows', async (route) => {
      if ((JSON.parse(route.request().postData() ?? '{}') as { args?: unknown[] }).args?.[0] === 'groups') await held;
      await route.continue();
    });
    await page.goto('about:blank');
    await page.goto(`${app.served.url}#/register`);
    const group = page.getByTestId('households-grid').locator('.ag-row', { hasText: '6210251030010001' }).locator('.ag-cell[col-id="groupId"]');
    await group.waitFor();
    expect(await group.textContent()).toBe('');
    release();
    await expect.poll(() => group.textContent()).toBe('一组');
    await page.unroute('**/api/rows');
  });
});
