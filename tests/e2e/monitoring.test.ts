// 监测程序 as a clerk meets it: a household taken through 识别纳入 step by step (each step on the timeline with who
// recorded it, the household a 监测对象 from 县级审定), then refused 风险消除 while 七不消 blockers hold, each named;
// the numbers of the year follow.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identificationChain } from '../../src/shared/monitoring';
import { idFor } from '../unit/rules-fixture';
import { openSeededApp, type App } from './harness';

let app: App;
let page: Page;
const thisMonth = new Date().toISOString().slice(0, 7).replace('-', '');
const year = new Date().getFullYear();

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'operator', value: '李思源' }, { key: 'workYear', value: String(year) }] },
      { op: 'insert', table: 'profiles', rows: [{ year, monitoringLine: 7000 }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001', householdType: '一般农户' }] },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { householdId: -2, name: '马海军', relation: '户主', idNumber: idFor('1978-05-10', '男'), laborSkill: '普通劳动力', insResidentMedical: '是' },
          { householdId: -2, name: '冯淑珍', relation: '配偶', idNumber: idFor('1980-02-19', '女'), laborSkill: '普通劳动力', insResidentMedical: '是' },
        ],
      },
      { op: 'insert', table: 'incomes', rows: [{ householdId: -2, year, bizCrop: 9000, costCrop: 1000 }] },
    ],
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const status = () => page.getByTestId('monitoring-status').textContent();
const timeline = () => page.getByRole('table', { name: '监测程序' }).locator('tbody tr');
const record = () => page.getByRole('button', { name: '记录', exact: true }).click();

describe('监测程序', () => {
  it('takes a household through 识别纳入, each step on the timeline with who recorded it', async () => {
    await page.goto(`${app.served.url}#/monitoring`);
    await page.getByLabel('选择户').selectOption({ label: '6210251030010001 马海军' });
    await expect.poll(status).toBe('非监测对象');
    await expect(page.getByLabel('步骤').inputValue()).resolves.toBe('申请或风险研判');
    await page.getByLabel('监测对象类别').selectOption('边缘易致贫户');
    await page.getByRole('group', { name: '致贫/返贫风险' }).getByLabel('因病').check();
    await record();
    for (const [i, step] of identificationChain.slice(1).entries()) {
      await expect.poll(() => timeline().count()).toBe(i + 1);
      await expect(page.getByLabel('步骤').inputValue()).resolves.toBe(step);
      await record();
    }
    await expect.poll(() => timeline().count()).toBe(8);
    await expect.poll(status).toBe(`监测对象类别：边缘易致贫户；识别监测时间：${thisMonth}；风险是否已消除：否`);
    const first = await timeline().first().locator('td').allTextContents();
    expect([first[1], first[2], first[3], first[6]]).toEqual(['申请或风险研判', '边缘易致贫户', '因病', '李思源']);
    await expect.poll(() => page.getByTestId('monitoring-numbers').textContent()).toContain('新识别监测1 户 2 人');
  });

  it('refuses 风险消除 while blockers hold, naming each, and leaves the household as it was', async () => {
    await expect(page.getByLabel('步骤').inputValue()).resolves.toBe('风险消除');
    const blockers = page.getByTestId('blockers');
    await expect.poll(() => blockers.textContent()).toContain(`识别未满半年：${thisMonth} 识别，至 ${thisMonth} 仅 0 个月`);
    await expect.poll(() => blockers.textContent()).toContain('未落实帮扶措施：没有任何帮扶措施记录');
    await expect.poll(() => blockers.textContent()).toContain(`收入不稳定：${year}年人均纯收入 4,000.00元，未稳定超过监测范围 7,000.00元`);
    await expect.poll(() => blockers.textContent()).toContain('三保障或饮水安全未解决：已排除');
    await page.getByLabel('已核实排除「存在新风险或群众不认可」').check();
    await record();
    const alert = await page.getByRole('alert').textContent();
    expect(alert).toContain('不能标注风险消除（帮扶消除），下列情形仍未排除：');
    expect(alert).toContain(`「识别未满半年」：${thisMonth} 识别，至 ${thisMonth} 仅 0 个月`);
    expect(alert).toContain('「未落实帮扶措施」：没有任何帮扶措施记录');
    expect(alert).toContain(`「收入不稳定」：${year}年人均纯收入 4,000.00元`);
    expect(alert).not.toContain('三保障');
    await expect.poll(status).toBe(`监测对象类别：边缘易致贫户；识别监测时间：${thisMonth}；风险是否已消除：否`);
    await expect.poll(() => timeline().count()).toBe(8);
  });
});
