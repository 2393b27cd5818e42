// The spreadsheet behaviours clerks bring from Excel/WPS, in the members grid of 户籍台账: paste a block (also into a
// cell being edited), undo it in one step, copy a column range, fill down, and a multi-valued 健康状况 keyed by 拼音.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../src/shared/changes';
import { openSeededApp, type App } from './harness';

/** A village with one household of three. */
const threeMembers: ChangeSet = {
  label: '准备数据',
  changes: [
    { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
    { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001' }] },
    {
      op: 'insert',
      table: 'members',
      rows: [
        { householdId: -2, name: '马海军', sex: '男', relation: '户主', ethnicity: '回族' },
        { householdId: -2, name: '冯淑珍', sex: '女', relation: '配偶' },
        { householdId: -2, name: '马小龙', sex: '男', relation: '之子' },
      ],
    },
  ],
};

let app: App;
let page: Page;

beforeAll(async () => {
  app = await openSeededApp(threeMembers);
  page = app.page;
  await page.goto(`${app.served.url}#/register`);
  await page.getByTestId('households-grid').locator('.ag-cell[col-id="headName"]', { hasText: '马海军' }).click();
  await cell(2, 'name').waitFor();
});

afterAll(async () => {
  await app?.close();
});

const members = () => page.getByTestId('members-grid');
const cell = (row: number, col: string) => members().locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
/** The shown values of a column, in row order. */
const column = async (col: string) => {
  const texts: string[] = [];
  for (let row = 0; row < 3; row++) texts.push((await cell(row, col).textContent()) ?? '');
  return texts;
};

/** What Ctrl+V delivers: a paste event carrying the text, on the focused element (no clipboard permission needed). */
async function paste(text: string) {
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** What Ctrl+C puts on the clipboard. */
async function copy(): Promise<string> {
  return page.evaluate(() => {
    const data = new DataTransfer();
    document.activeElement!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  });
}

const undo = () => page.getByRole('button', { name: '撤销', exact: true }).click();

describe('the grid as a spreadsheet', () => {
  it('pastes a 2×3 block from Excel as one change set, and one 撤销 takes it all back', async () => {
    await cell(0, 'name').click();
    await paste('张三\t女\r\n李四\t1\r\n王五\t2\r\n');
    await expect.poll(() => column('name')).toEqual(['张三', '李四', '王五']);
    // A vocabulary cell takes a value's number or 拼音 initials, as typing does.
    expect(await column('sex')).toEqual(['女', '男', '女']);
    expect(await page.getByRole('button', { name: '撤销', exact: true }).getAttribute('title')).toContain('粘贴 6 个单元格');

    await undo();
    await expect.poll(() => column('name')).toEqual(['马海军', '冯淑珍', '马小龙']);
    expect(await column('sex')).toEqual(['男', '女', '男']);
  });

  it('says so when a block runs past the last row', async () => {
    await cell(2, 'name').click();
    await paste('王五\n赵六');
    await expect.poll(() => cell(2, 'name').textContent()).toBe('王五');
    await page.getByText('超出最后一行的 1 行未粘贴').waitFor();
    await undo();
    await expect.poll(() => cell(2, 'name').textContent()).toBe('马小龙');
  });

  it('pastes the cells it can store and lists those it cannot, with the reason', async () => {
    await cell(0, 'idType').click();
    await paste('居民身份证\t62102519780510001X\n居民身份证\t6210251978051000101234567');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('第 2 行「证件号码」最多 22 位，现为 25 位，这些单元格未改动');
    await expect.poll(() => column('idNumber')).toEqual(['62102519780510001X', '', '']);
    await page.getByRole('button', { name: '关闭提示' }).click();
    await undo();
    await expect.poll(() => column('idNumber')).toEqual(['', '', '']);
  });

  it('pastes a block into a cell being edited as cells, not as one value', async () => {
    await cell(0, 'name').dblclick();
    await cell(0, 'name').locator('input').waitFor();
    await paste('甲\n乙');
    await expect.poll(() => column('name')).toEqual(['甲', '乙', '马小龙']);
    expect(await cell(0, 'name').locator('input').count()).toBe(0);
    await undo();
    await expect.poll(() => column('name')).toEqual(['马海军', '冯淑珍', '马小龙']);

    // The same in a vocabulary cell, whose editor opens over the grid.
    await cell(0, 'sex').dblclick();
    await page.getByLabel('输入编号或拼音首字母', { exact: true }).waitFor();
    await paste('女\n男');
    await expect.poll(() => column('sex')).toEqual(['女', '男', '男']);
    await undo();
    await expect.poll(() => column('sex')).toEqual(['男', '女', '男']);
  });

  it('copies a column range chosen with Shift+↓, and fills it down with Ctrl+D in one step', async () => {
    await cell(0, 'ethnicity').click();
    expect(await copy()).toBe('回族');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(() => members().locator('.ag-cell.cell-range[col-id="ethnicity"]').count()).toBe(3);
    expect(await copy()).toBe('回族\n\n');

    await page.keyboard.press('Control+d');
    await expect.poll(() => column('ethnicity')).toEqual(['回族', '回族', '回族']);
    expect(await copy()).toBe('回族\n回族\n回族');
    await undo();
    await expect.poll(() => column('ethnicity')).toEqual(['回族', '', '']);
  });

  it('fills the cell above into the focused cell with Ctrl+D, and Shift+Click chooses a range', async () => {
    await cell(1, 'ethnicity').click();
    await page.keyboard.press('Control+d');
    await expect.poll(() => column('ethnicity')).toEqual(['回族', '回族', '']);
    await undo();
    await expect.poll(() => column('ethnicity')).toEqual(['回族', '', '']);

    await cell(0, 'relation').click();
    await cell(2, 'relation').click({ modifiers: ['Shift'] });
    await expect.poll(() => members().locator('.ag-cell.cell-range[col-id="relation"]').count()).toBe(3);
    expect(await copy()).toBe('户主\n配偶\n之子');
    // Moving on leaves the range.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => members().locator('.ag-cell.cell-range').count()).toBe(0);
  });

  it('refuses in a vocabulary cell what is not a value of the vocabulary', async () => {
    await cell(1, 'relation').dblclick();
    const editor = page.getByLabel('输入编号或拼音首字母');
    await editor.fill('zzz');
    await page.getByText('「zzz」不是可选的值：请改正，或按 Esc 取消').waitFor();
    await editor.press('Enter');
    await expect.poll(() => editor.isVisible()).toBe(true);
    await editor.press('Escape');
    await expect.poll(() => cell(1, 'relation').textContent()).toBe('配偶');
  });

  it('keeps every key typed at full speed into a vocabulary cell', async () => {
    await cell(2, 'ethnicity').click();
    await page.keyboard.type('mgz');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(2, 'ethnicity').textContent()).toBe('蒙古族');
    await undo();
    await expect.poll(() => cell(2, 'ethnicity').textContent()).toBe('');
  });

  it('clears a column range with Delete in one step', async () => {
    await cell(0, 'sex').click();
    await cell(2, 'sex').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Delete');
    await expect.poll(() => column('sex')).toEqual(['', '', '']);
    await undo();
    await expect.poll(() => column('sex')).toEqual(['男', '女', '男']);
  });

  it('keys 健康状况 by 拼音 initials or numbers, several values at once', async () => {
    await cell(0, 'name').click();
    // 健康状况 is off to the right: move there by keyboard, as the grid scrolls along.
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id'))).toBe('health');
    await page.keyboard.press('Enter');
    const input = page.getByLabel('输入编号或拼音首字母，多个用空格分隔');
    await input.fill('jk');
    await page.getByText('将保存：健康').waitFor();
    await input.press('Enter');
    await expect.poll(() => cell(0, 'health').textContent()).toBe('健康');

    await cell(1, 'health').dblclick();
    await input.fill('2 cj');
    await input.press('Enter');
    await expect.poll(() => cell(1, 'health').textContent()).toBe('长期慢性病,残疾');

    // Pasted, too.
    await cell(2, 'health').click();
    await paste('1');
    await expect.poll(() => cell(2, 'health').textContent()).toBe('健康');
  });
});
