// The pages of the page registry served by the generic table page, as a clerk meets them: 问题台账 titled from
// 设置, a finding about a 问题台账 row leading to its cell, the export dialog offering every form of the layouts
// registry, and a household deleted with its records and brought back by one undo.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layouts } from '../../src/shared/layouts';
import { openSeededApp, type App } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }, { key: 'workYear', value: '2023' }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }, { id: -9, name: '西塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001', householdType: '脱贫户' }] },
      { op: 'insert', table: 'members', rows: [{ id: -3, householdId: -2, name: '马海军', relation: '户主' }, { householdId: -2, name: '冯淑珍', relation: '配偶' }] },
      { op: 'insert', table: 'workRecords', rows: [{ memberId: -3, year: 2023, isWorking: '是', startMonth: '202303', employer: '某建筑公司', monthlyIncome: 3500 }] },
      { op: 'insert', table: 'incomes', rows: [{ householdId: -2, year: 2023, wageIncome: 12000 }] },
      { op: 'insert', table: 'problems', rows: [{ villageId: -1, householdId: -2, category: '住房安全', description: '厨房墙体裂缝', responsiblePerson: '李思源', deadline: '2099-12-15' }] },
    ],
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('the generic table pages', () => {
  it('shows 问题台账 titled from 设置, with its rows', async () => {
    await page.goto(`${app.served.url}#/problems`);
    await page.getByRole('heading', { name: '五顷塬回族乡第二轮排查问题台账（2023年度）' }).waitFor();
    await page.getByTestId('problems-grid').locator('.ag-cell[col-id="description"]', { hasText: '厨房墙体裂缝' }).waitFor();
    await page.getByText('共 1 条').waitFor();
  });

  it('lists the 务工 records of every household in 务工信息, by village and year', async () => {
    await page.getByRole('link', { name: '务工信息' }).click();
    await page.getByTestId('workRecords-grid').locator('.ag-cell[col-id="employer"]', { hasText: '某建筑公司' }).waitFor();
    await page.getByText('共 1 条').waitFor();
  });

  it('leads from a finding about a 问题台账 row to its cell', async () => {
    await page.getByRole('link', { name: '数据核查' }).click();
    const row = page.getByTestId('findings-grid').locator('.ag-row', { hasText: '「整改措施」未填写' }).first();
    await row.dblclick();
    await expect.poll(() => page.url()).toContain('#/problems?');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).toBe('measure');
    await expect.poll(() => page.getByTestId('problems-grid').locator('.ag-cell[col-id="measure"]').first().getAttribute('class')).toContain('cell-error');
  });

  it('offers every form of the layouts registry in the export dialog, with the 错误 it would carry', async () => {
    await page.getByRole('button', { name: '导出…' }).click();
    const options = await page.getByLabel('导出的表格').locator('option').allTextContents();
    expect(options).toEqual(layouts.map((l) => l.label));
    await expect.poll(() => page.getByLabel('导出的表格').inputValue()).toBe('problems');
    await expect.poll(() => page.getByTestId('export-gate').textContent()).toContain('还有 1 条「错误」：东塬村 1 条');
    await page.getByLabel('导出的表格').selectOption('national');
    await expect.poll(() => page.getByTestId('export-gate').textContent()).toContain('国家系统名单须改正全部错误后再导出');
    await expect.poll(() => page.getByRole('button', { name: '导出', exact: true }).isDisabled()).toBe(true);
    await page.getByLabel(/仍然导出/).check();
    await expect.poll(() => page.getByRole('button', { name: '导出', exact: true }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: '取消' }).click();
  });

  it('deletes a household with its members, income and problem, and one undo brings them back', async () => {
    await page.getByRole('link', { name: '户籍台账' }).click();
    const households = page.getByTestId('households-grid');
    await households.locator('.ag-row').first().locator('.ag-selection-checkbox input, input[type="checkbox"]').first().check();
    await page.getByRole('button', { name: '删除选中的户' }).click();
    await page.getByText('其 2 名家庭成员和收入、入户调查等记录一并删除').waitFor();
    await page.getByRole('button', { name: '确定' }).click();
    await page.getByText('共 0 户').waitFor();
    await page.getByRole('link', { name: '4 问题台账' }).click();
    await page.getByText('共 0 条').waitFor();
    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await page.getByText('共 1 条').waitFor();
    await page.getByRole('link', { name: '1 收入信息采集表' }).click();
    // The income record is back: its household's row, 人均纯收入 computed — its 务工 record (3,500 元 × 10 months of
    // 2023) makes 务工收入, which stands for the 工资性收入 of the block: 35,000 元 for 2.
    await page.getByText('共 1 户，其中 1 户有 2023 年度收入记录').waitFor();
    await page.getByTestId('incomes-grid').locator('.ag-cell[col-id="perCapita"]', { hasText: '17,500.00' }).waitFor();
  });
});
