// 设置 › 备份与恢复 as a clerk uses it: a backup made now, a change, then the backup restored after seeing what it
// holds — and the change is gone, kept in a backup of its own.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneHousehold, openSeededApp, type App } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await openSeededApp(oneHousehold());
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('备份与恢复', () => {
  it('backs up, and restores a backup after showing what it holds', async () => {
    await page.goto(`${app.served.url}#/settings`);
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/^已备份：paicha-/).waitFor();
    const backups = page.getByTestId('backups');
    await expect.poll(() => backups.getByText('手动备份').count()).toBe(1);

    await page.getByLabel('新行政村名称').fill('西塬村');
    await page.getByRole('button', { name: '添加' }).first().click();
    await page.getByTestId('villages-grid').locator('.ag-cell[col-id="name"]', { hasText: '西塬村' }).waitFor();

    await backups.locator('tr', { hasText: '手动备份' }).getByRole('button', { name: '恢复…' }).click();
    const dialog = page.getByRole('dialog', { name: '恢复备份' });
    await dialog.getByText('中有：1 个行政村、1 户、1 名家庭成员').waitFor();
    await dialog.getByText('现在的数据：2 个行政村、1 户、1 名家庭成员').waitFor();
    await dialog.getByRole('button', { name: '恢复', exact: true }).click();
    await page.getByText(/已恢复到 .+ 的备份。恢复前的数据已另存为备份「paicha-.+-restore\.sqlite」/).waitFor();
    await expect.poll(() => page.getByTestId('villages-grid').locator('.ag-cell[col-id="name"]', { hasText: '西塬村' }).count()).toBe(0);
    await expect.poll(() => backups.getByText('恢复前的原数据').count()).toBe(1);
  });
});
