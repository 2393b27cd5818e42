// 数据核查 as a clerk meets it: marked cells while keying, codes and 拼音 for vocabulary cells, an ID that fills
// 性别 and 出生日期, the findings list with its jump to the cell, a 提醒 confirmed with a reason, the 监测范围 shown.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idFor } from '../unit/rules-fixture';
import { openSeededApp, type App } from './harness';

let app: App;
let page: Page;

const insured = { insResidentMedical: '是', insEmployeeMedical: '否', insCriticalIllness: '是', insResidentPension: '是', idType: '居民身份证', ethnicity: '回族', health: '健康' };

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'operator', value: '李思源' }, { key: 'workYear', value: '2023' }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001', phone: '15834703683', householdType: '一般农户' }] },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { householdId: -2, name: '马海军', sex: '男', idNumber: idFor('1978-05-10', '男'), relation: '户主', education: '初中', laborSkill: '普通劳动力', ...insured, insCriticalIllness: '否' },
          { householdId: -2, name: '冯淑珍', sex: '女', idNumber: idFor('1980-02-19', '女'), relation: '之子', education: '小学', laborSkill: '普通劳动力', ...insured },
          { householdId: -2, name: '马秀兰', sex: '女', idNumber: idFor('1950-03-03', '女'), relation: '之母', education: '小学', laborSkill: '普通劳动力', ...insured },
        ],
      },
    ],
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const members = () => page.getByTestId('members-grid');
const memberCell = (row: number, col: string) => members().locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);

describe('数据核查 end to end', () => {
  it('marks the offending cell while keying and says why', async () => {
    await page.goto(`${app.served.url}#/register`);
    await page.getByTestId('households-grid').locator('.ag-cell[col-id="check"]').first().click();
    await expect.poll(() => memberCell(1, 'check').textContent()).toBe('✕ 1');
    await expect.poll(() => memberCell(1, 'relation').getAttribute('class')).toContain('cell-error');
    await memberCell(1, 'relation').hover();
    await expect.poll(() => page.locator('.ag-tooltip').textContent()).toContain('冯淑珍为女性，与户主关系却为「之子」');
  });

  it('takes a vocabulary value by its number, and the mark goes once it is right', async () => {
    await memberCell(1, 'relation').dblclick();
    const editor = page.getByLabel('输入编号或拼音首字母');
    await editor.fill('2');
    await expect.poll(() => page.locator('.vocab-editor [role="option"][aria-selected="true"]').textContent()).toBe('2配偶');
    await editor.press('Enter');
    await expect.poll(() => memberCell(1, 'relation').textContent()).toBe('配偶');
    await expect.poll(() => memberCell(1, 'check').textContent()).toBe('✓');
  });

  it('takes a vocabulary value by its 拼音 initials', async () => {
    await memberCell(2, 'ethnicity').dblclick();
    await page.getByLabel('输入编号或拼音首字母').fill('mgz');
    await page.getByLabel('输入编号或拼音首字母').press('Enter');
    await expect.poll(() => memberCell(2, 'ethnicity').textContent()).toBe('蒙古族');
  });

  it('fills 性别 and 出生日期 from a typed ID number', async () => {
    await page.getByRole('button', { name: '新增成员' }).click();
    await expect.poll(() => memberCell(3, 'idType').textContent()).toBe('居民身份证');
    await memberCell(3, 'idNumber').dblclick();
    await page.keyboard.type(idFor('2015-06-01', '女', 7).toLowerCase());
    await page.keyboard.press('Enter');
    await expect.poll(() => memberCell(3, 'sex').textContent()).toBe('女');
    await expect.poll(() => memberCell(3, 'birthDate').textContent()).toBe('2015-06-01');
  });

  it('lists the findings with the 监测范围 shown, and leads from a finding to its cell', async () => {
    await page.getByRole('link', { name: '数据核查' }).click();
    await expect.poll(() => page.getByTestId('monitoring-line').textContent()).toBe('2023年度监测范围：未填写（请在「设置」中按县乡文件填写）');
    await expect.poll(() => page.getByTestId('check-summary').textContent()).toMatch(/^错误 \d+ 条，提醒 \d+ 条，已确认 0 条$/);
    const row = page.getByTestId('findings-grid').locator('.ag-row', { hasText: '义务教育阶段' }).first();
    await row.dblclick();
    await expect.poll(() => page.url()).toContain('#/register?household=');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).toBe('schoolStatus');
  });

  it('confirms a 提醒 with a reason, and it stays confirmed', async () => {
    await page.getByRole('link', { name: '数据核查' }).click();
    await page.getByLabel('按类别筛选').selectOption('warning');
    await page.getByLabel('按规则筛选').selectOption('member.noCriticalIllness');
    const grid = page.getByTestId('findings-grid');
    await grid.locator('.ag-cell[col-id="message"]', { hasText: '马海军未参加大病保险' }).click();
    await page.getByRole('button', { name: '确认提醒无误…' }).click();
    await page.getByLabel('确认理由').fill('已入户核实，情况属实');
    await page.getByRole('button', { name: '确认无误' }).click();
    await expect.poll(() => page.getByTestId('check-summary').textContent()).toContain('已确认 1 条');
    await page.reload();
    await expect.poll(() => page.getByTestId('check-summary').textContent()).toContain('已确认 1 条');
    await page.getByLabel('显示已确认的提醒').check();
    await expect.poll(() => grid.locator('.ag-cell[col-id="status"]', { hasText: '已确认：已入户核实，情况属实（李思源）' }).count()).toBe(1);
  });

  it('shows the 监测范围 once it is entered in 设置', async () => {
    await page.getByRole('link', { name: '设置' }).click();
    await page.getByLabel('监测范围（元/人/年）').fill('7000');
    await page.getByRole('button', { name: '保存年度参数' }).click();
    await page.getByText('政策年度参数已保存。').waitFor();
    await page.getByRole('link', { name: '数据核查' }).click();
    await expect.poll(() => page.getByTestId('monitoring-line').textContent()).toBe('2023年度监测范围：7000 元/人/年');
  });
});
