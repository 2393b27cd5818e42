// 附件2 入户调查表 keyed by keyboard in the form that follows the paper: a newborn and a member who married out change
// 家庭人口数 and 人均纯收入 as they are keyed; a visit by phone, double-signed, its answers that changed since last
// year named; a second household visited by the wrong 排查人, flagged; and `paicha progress` counting both visits
// as visited and keyed.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/store';
import type { Row } from '../../src/shared/tables';
import { idFor } from '../unit/rules-fixture';
import { openApp, runCli, type App } from './harness';
import { tempDirKeep } from './tmp';

let app: App;
let page: Page;
const dbFile = join(tempDirKeep(), 'paicha.sqlite');

beforeAll(async () => {
  const store = Store.open(dbFile);
  store.apply({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'township', value: '某乡' }, { key: 'workYear', value: '2023' }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'groups', rows: [{ id: -2, villageId: -1, name: '一组' }] },
      {
        op: 'insert',
        table: 'people',
        rows: [
          { id: -10, villageId: -1, name: '李思源', roles: '信息采集员' },
          { id: -11, villageId: -1, name: '王建国', roles: '信息采集员' },
          { villageId: -1, name: '张丽', roles: '信息采集员' },
          { villageId: -1, name: '张三', roles: '村干部' },
        ],
      },
      { op: 'insert', table: 'assignments', rows: [{ villageId: -1, groupId: -2, person1Id: -10, person2Id: -11, plannedDate: '2023-11-03' }] },
      {
        op: 'insert',
        table: 'households',
        rows: [
          { id: -3, villageId: -1, groupId: -2, hhNo: '6210251030010001', householdType: '脱贫户' },
          { id: -4, villageId: -1, groupId: -2, hhNo: '6210251030010002', householdType: '一般农户' },
        ],
      },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { householdId: -3, name: '马海军', relation: '户主', idNumber: idFor('1978-05-10', '男') },
          { householdId: -3, name: '冯淑珍', relation: '配偶', idNumber: idFor('1980-02-19', '女') },
          { householdId: -3, name: '马小红', relation: '之女', idNumber: idFor('2000-03-01', '女', 3) },
          { householdId: -4, name: '王强', relation: '户主', idNumber: idFor('1970-01-01', '男', 4) },
        ],
      },
      { op: 'insert', table: 'incomes', rows: [{ householdId: -3, year: 2023, wageIncome: 30000 }] },
      { op: 'insert', table: 'visits', rows: [{ householdId: -3, year: 2022, unsafeHousing: '是', housingLevel: 'C级', safeWater: '是' }] },
    ],
  });
  store.close();
  app = await openApp(dbFile);
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const form = () => page.getByTestId('visit-form');
/** The 2023 visits as saved, read from the file by a second connection. */
function savedVisits(): Row[] {
  const store = Store.open(dbFile);
  try {
    const households = new Map(store.rows('households').map((h) => [h.id, h.hhNo]));
    return store.rows('visits', { year: 2023 }).map((v) => ({ ...v, hhNo: households.get(Number(v.householdId)) ?? null }));
  } finally {
    store.close();
  }
}
const shown = (label: string) => form().getByLabel(label, { exact: true }).first().textContent();
/** Keys a line as a clerk does: on the line, the text, Enter (which saves it and goes to the next line). */
async function key(label: string, text: string) {
  await form().getByLabel(label, { exact: true }).focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('附件2 keyed in the form that follows the paper', () => {
  it('shows the first household with 家庭人口数 and 人均纯收入 from the register and 附件1', async () => {
    await page.goto(`${app.served.url}#/visits`);
    await page.getByRole('button', { name: '逐户录入（按纸质表）' }).click();
    await form().waitFor();
    await expect.poll(() => shown('家庭人口数')).toBe('3 人');
    await expect.poll(() => shown('人均纯收入')).toBe('10,000.00 元');
    await page.getByText(/^六必访：/).waitFor();
  });

  it('takes a newborn (Ctrl+Enter, then the lines of the new member), and 家庭人口数 and 人均纯收入 follow', async () => {
    await form().getByLabel('第1人 人员变动', { exact: true }).focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('第4人 姓名');
    for (const text of ['马小宝', '之孙子', idFor('2023-09-01', '男', 6), '1', '1', '2023-09-10']) {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => shown('家庭人口数')).toBe('4 人');
    await expect.poll(() => shown('人均纯收入')).toBe('7,500.00 元');
    expect(await form().getByLabel('第4人 变动原因', { exact: true }).inputValue()).toBe('新生儿');
  });

  it('takes a member who married out: she stays on file, and leaves 家庭人口数', async () => {
    await key('第3人 人员变动', '2');
    // The work plan's word for it: 嫁出 is 婚出.
    await page.keyboard.type('嫁出');
    await page.keyboard.press('Enter');
    await page.keyboard.type('2023-10-01');
    await page.keyboard.press('Enter');
    await expect.poll(() => shown('家庭人口数')).toBe('3 人');
    await expect.poll(() => shown('人均纯收入')).toBe('10,000.00 元');
    expect(await form().getByLabel('第3人 姓名', { exact: true }).inputValue()).toBe('马小红');
    expect(await form().getByLabel('第3人 人员变动', { exact: true }).inputValue()).toBe('自然减少');
    expect(await form().getByLabel('第3人 变动原因', { exact: true }).inputValue()).toBe('婚出');
  });

  it('keys sections D–G of a visit by phone, double-signed', async () => {
    await key('是否存在吃穿困难', '2');
    // Enter goes on down the paper: 失学辍学, 危房户, 危房等级, 饮水.
    for (const text of ['2', '2', '', '1']) {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    }
    // Last year's visit found the house unsafe: the answer that changed is named under the section.
    await expect.poll(() => shown('与上年不同')).toBe('1 项');
    await form().getByText('是否危房户：上年「是」').waitFor();
    await key('耕地面积（亩）', '8');
    await key('入户路类型', '3');
    await key('是否存在返贫致贫风险', '2');
    await key('排查结论', '1');
    // A 排查人 is a person of 工作人员: a name nobody has is refused, a name on file is taken.
    await key('排查人1', '李四源');
    await form().getByText('「李四源」不是工作人员中的人员').waitFor();
    await page.keyboard.press('Escape');
    await key('排查人1', '李思源');
    await key('排查人2', '王建国');
    await key('排查日期', '2023-11-01');
    await key('采集方式', '2');
    await key('信息采集员', '张丽');
    await key('户主（农户）已签字', '1');
    await key('信息采集员已签字', '1');
    await key('签字表收回日期', '2023-11-08');
    await expect.poll(() => shown('入户调查表签字')).toBe('已双签字');
    expect(await form().getByLabel('信息采集员', { exact: true }).inputValue()).toBe('张丽');
    expect(await form().getByLabel('采集方式', { exact: true }).inputValue()).toBe('电话访谈');
  });

  it('goes to the next household with PageDown, and keys its visit by the wrong 排查人', async () => {
    // A value whose save still waits its turn (a slow machine) when the clerk presses PageDown goes to the household
    // it was typed for, not to the next one.
    await page.route('**/api/apply', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    await key('住房面积（㎡）', '96');
    await page.keyboard.press('PageDown');
    await expect.poll(() => shown('户主姓名')).toBe('王强');
    await expect.poll(() => savedVisits().map((v) => [v.hhNo, v.housingArea])).toEqual([['6210251030010001', 96]]);
    await page.unrouteAll({ behavior: 'wait' });
    await key('是否义务教育阶段适龄儿童少年失学辍学', '2');
    await key('是否危房户', '2');
    await key('是否解决安全饮用水', '1');
    await key('耕地面积（亩）', '5');
    await key('排查结论', '1');
    await key('排查人1', '李思源');
    await key('排查人2', '张三');
    await key('排查日期', '2023-11-02');
    await expect.poll(() => form().getByLabel('排查日期', { exact: true }).inputValue()).toBe('2023-11-02');
  });

  it('flags the visit with the wrong 排查人 in the grid', async () => {
    await page.getByRole('button', { name: '表格', exact: true }).click();
    const grid = page.getByTestId('visits-grid');
    const rowOf = (hhNo: string) => grid.locator('.ag-row', { has: page.locator('.ag-cell[col-id="householdId"]', { hasText: hhNo }) }).first().getAttribute('row-index');
    const wrong = await rowOf('6210251030010002');
    const cell = (row: string | null, col: string) => grid.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
    await expect.poll(() => cell(wrong, 'check').getAttribute('class')).toContain('check-error');
    expect(await cell(await rowOf('6210251030010001'), 'check').getAttribute('class')).not.toContain('check-error');
    // By keyboard along the row to 排查人1: the cell is marked.
    await cell(wrong, 'householdId').click();
    for (let i = 0; i < 60 && (await page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))) !== 'visitor1Id'; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => cell(wrong, 'visitor1Id').getAttribute('class')).toContain('cell-error');
    expect(await cell(wrong, 'visitor2Id').textContent()).toBe('张三');
  });
});

describe('paicha progress after the keying', () => {
  it('counts both visits as visited and keyed, one double-signed', async () => {
    const { status, stdout } = await runCli(['progress', '--db', dbFile, '--today', '2023-11-04', '--json']);
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.total).toMatchObject({ households: 2, people: 4, assigned: 2, visited: 2, keyed: 2, signed: 1, overdue: 0 });
    expect(report.villages[0].groups[0]).toMatchObject({ group: '一组', visited: 2, keyed: 2 });
  });

  it('and `paicha check` names the wrong 排查人', async () => {
    const { stdout } = await runCli(['check', '--db', dbFile, '--json']);
    const found = JSON.parse(stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'visit.visitorsNotAssigned');
    expect(found).toEqual([expect.objectContaining({ hhNo: '6210251030010002', message: expect.stringContaining('张三') })]);
  });
});
