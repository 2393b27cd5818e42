// 户籍台账 as a spreadsheet, the way clerks work in Excel/WPS: key a household and two members with the keyboard alone
// at full speed (through a Chinese input method too), paste a 5×20 block as Excel puts it on the clipboard, fill
// down and right, copy a range as TSV and HTML, the right-click menu and the status bar — every bulk operation one
// undo step, the stored values read back through the api.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableSpec, type Row, type TableName } from '../../src/shared/tables';
import { idFor } from '../unit/rules-fixture';
import { openSeededApp, type App } from './harness';

const hhNo = (n: number) => `62102510300100${String(n).padStart(2, '0')}`;

let app: App;
let page: Page;
let cdp: CDPSession;

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows: Array.from({ length: 20 }, (_, i) => ({ id: -2 - i, villageId: -1, hhNo: hhNo(i + 1) })) },
      { op: 'insert', table: 'members', rows: Array.from({ length: 20 }, (_, i) => ({ householdId: -2 - i, name: `户主${i + 1}`, relation: '户主' })) },
    ],
  });
  page = app.page;
  cdp = await page.context().newCDPSession(page);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.served.url).origin });
  await page.goto(`${app.served.url}#/register`);
  await page.getByText('共 20 户').waitFor();
});

afterAll(async () => {
  await app?.close();
});

const households = () => page.getByTestId('households-grid');
const members = () => page.getByTestId('members-grid');
const cell = (grid: ReturnType<typeof households>, row: number, col: string) => grid.locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
const focused = () => page.evaluate(() => document.activeElement?.closest('.ag-cell')?.getAttribute('col-id') ?? null);
/** The households grid scrolled back to its first rows (a new household scrolled it to the last). */
async function toTop() {
  await households().locator('.ag-row .ag-cell[col-id="hhNo"]').first().click();
  await page.keyboard.press('Control+Home');
  await cell(households(), 0, 'hhNo').waitFor();
}
/** The grid and cell that have the keyboard focus (in an editor or not). */
const focusedIn = () =>
  page.evaluate(() => {
    const cell = document.activeElement?.closest('.ag-cell');
    return { grid: cell?.closest('[data-testid]')?.getAttribute('data-testid'), row: cell?.closest('.ag-row')?.getAttribute('row-index'), col: cell?.getAttribute('col-id') };
  });
const undo = () => page.getByRole('button', { name: '撤销', exact: true }).click();
const redo = () => page.getByRole('button', { name: '重做', exact: true }).click();

/** What the api reads back: the rows of a table, as stored (the api leaves empty fields out: here they are null). */
async function stored(table: TableName, where: Record<string, unknown> = {}): Promise<Row[]> {
  const rows = await page.evaluate(
    async ([t, w]) => {
      const response = await fetch('./api/rows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args: [t, { where: w }] }) });
      return ((await response.json()) as { result: Row[] }).result;
    },
    [table, where] as const,
  );
  return rows.map((r) => ({ ...Object.fromEntries(tableSpec(table).columns.map((c) => [c.key, null])), ...r }));
}
const seeded = async (field: string) => (await stored('households')).slice(0, 20).map((h) => h[field] ?? null);

/** A Chinese input method: the key it swallows (Process), the composition, then the text it commits. */
async function ime(composing: string, text: string) {
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'KeyM', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
  // The key opens the cell's editor; the input method composes the following keys in it.
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
  await cdp.send('Input.imeSetComposition', { text: composing, selectionStart: composing.length, selectionEnd: composing.length });
  await cdp.send('Input.insertText', { text });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Process', code: 'KeyM', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
}

/** Excel's clipboard for a block: the TSV and the HTML table beside it. */
function excelClipboard(rows: string[][]): { text: string; html: string } {
  const quote = (c: string) => (/[\t\n"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = `${rows.map((r) => r.map(quote).join('\t')).join('\r\n')}\r\n`;
  const td = (c: string) => `<td class=xl65 style='mso-number-format:"\\@"'>${c.replace(/&/g, '&amp;').replace(/\n/g, "<br style='mso-data-placement:same-cell;' />")}</td>`;
  const html = `<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><style><!--.xl65{mso-number-format:"\\@";}--></style></head><body>
<table border=0 cellpadding=0 cellspacing=0>
<!--StartFragment-->
${rows.map((r) => ` <tr height=19>\r\n  ${r.map(td).join('\r\n  ')}\r\n </tr>`).join('\r\n')}
<!--EndFragment-->
</table></body></html>`;
  return { text, html };
}

/** What Ctrl+V delivers: a paste event carrying both types, on the focused element. */
async function paste(data: { text: string; html?: string }) {
  await page.evaluate(({ text, html }) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', text);
    if (html) transfer.setData('text/html', html);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, data);
}

describe('户籍台账 as a spreadsheet', () => {
  it('keys a household and two members with the keyboard alone, at full speed and through an input method', async () => {
    // On a slow PC editors open and close late: no key typed meanwhile may be lost or land in the wrong cell.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 3 });
    await page.getByRole('button', { name: '新增户' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('hhNo');
    await page.keyboard.type(hhNo(99));
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('address');
    await ime('sanzu', '三组5号');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored('households', { hhNo: hhNo(99) }))[0]?.address).toBe('三组5号');
    const [household] = await stored('households', { hhNo: hhNo(99) });

    await page.getByRole('button', { name: '新增成员' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('name');
    await ime('mahaijun', '马海军');
    await page.keyboard.press('Enter');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type(idFor('1978-05-10', '男'));
    await page.keyboard.press('Enter');
    // Ctrl+Enter adds the next member; the keyboard goes to its name.
    await expect.poll(async () => (await stored('members', { householdId: household!.id }))[0]?.idNumber).toBe(idFor('1978-05-10', '男'));
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => members().locator('.ag-row').count()).toBe(2);
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.ag-row')?.getAttribute('row-index'))).toBe('1');
    await ime('fengshuzhen', '冯淑珍');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    // No waiting for the vocabulary editor to close: the arrows and keys typed meanwhile are kept, in order.
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.type('po');
    await page.keyboard.press('Enter');

    await expect
      .poll(async () => (await stored('members', { householdId: household!.id })).map((m) => [m.name, m.sex, m.relation, m.idNumber, m.birthDate]))
      .toEqual([
        ['马海军', '男', '户主', idFor('1978-05-10', '男'), '1978-05-10'],
        ['冯淑珍', '女', '配偶', null, null],
      ]);
    await page.getByText(`家庭成员：马海军户（户编号 ${hhNo(99)}），2 人`).waitFor();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  });

  it('pastes a 5×20 block as Excel puts it on the clipboard, as one change set that one undo takes back', async () => {
    const block = Array.from({ length: 20 }, (_, i) => [
      i === 0 ? '一组\n1号' : `一组${i + 1}号`,
      `1390000${String(i + 1).padStart(4, '0')}`,
      i % 2 ? '2' : 'tph',
      '边缘易致贫户',
      '2023/5',
    ]);
    await toTop();
    await cell(households(), 0, 'address').click();
    await paste(excelClipboard(block));
    await expect.poll(() => seeded('address')).toEqual(block.map((r) => r[0]));
    expect(await seeded('phone')).toEqual(block.map((r) => r[1]));
    // Vocabulary cells take numbers and 拼音 initials, months are read as 202305: as keyed.
    expect(await seeded('householdType')).toEqual(block.map((_, i) => (i % 2 ? '一般农户' : '脱贫户')));
    expect(await seeded('identifiedMonth')).toEqual(block.map(() => '202305'));
    expect(await page.getByRole('button', { name: '撤销', exact: true }).getAttribute('title')).toContain('粘贴 100 个单元格');

    await undo();
    await expect.poll(() => seeded('address')).toEqual(block.map(() => null));
    expect(await seeded('monitoringType')).toEqual(block.map(() => null));
    await redo();
    await expect.poll(() => seeded('monitoringType')).toEqual(block.map(() => '边缘易致贫户'));
  });

  it('fills down and right across a chosen range, each in one step, and lists what it refused', async () => {
    await cell(households(), 0, 'address').click();
    await cell(households(), 3, 'address').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+d');
    await expect.poll(async () => (await seeded('address')).slice(0, 5)).toEqual(['一组\n1号', '一组\n1号', '一组\n1号', '一组\n1号', '一组5号']);
    await undo();
    await expect.poll(async () => (await seeded('address')).slice(0, 2)).toEqual(['一组\n1号', '一组2号']);

    // Ctrl+R on one column takes the column to its left: 户类型 into 监测对象类别 is no value of that vocabulary.
    await cell(households(), 0, 'monitoringType').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+r');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('第 1 行「监测对象类别」没有「脱贫户」这一项');
    expect((await seeded('monitoringType')).slice(0, 2)).toEqual(['边缘易致贫户', '边缘易致贫户']);
    await page.getByRole('button', { name: '关闭提示' }).click();

    // A two-column range fills its first column into the second.
    await cell(households(), 0, 'hhNo').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+r');
    // (A phone number keeps no line break.)
    await expect.poll(async () => (await seeded('phone')).slice(0, 3)).toEqual(['一组1号', '一组2号', '13900000003']);
    expect(await page.getByRole('button', { name: '撤销', exact: true }).getAttribute('title')).toContain('向右填充 2 个单元格');
    await undo();
    await expect.poll(async () => (await seeded('phone')).slice(0, 2)).toEqual(['13900000001', '13900000002']);
  });

  it('copies a range with Ctrl+C as TSV and as HTML that keeps IDs as text, and counts and sums it in the status bar', async () => {
    await cell(households(), 0, 'hhNo').click();
    await cell(households(), 1, 'address').click({ modifiers: ['Shift'] });
    await expect.poll(() => households().locator('.ag-cell.cell-range').count()).toBe(4);
    await page.keyboard.press('Control+c');
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const html = await (await item!.getType('text/html')).text();
      const cells = [...new DOMParser().parseFromString(html, 'text/html').querySelectorAll('td')];
      return { text: await (await item!.getType('text/plain')).text(), cells: cells.map((td) => [td.getAttribute('style'), td.innerHTML]) };
    });
    expect(copied.text).toBe(`${hhNo(1)}\t"一组\n1号"\n${hhNo(2)}\t一组2号`);
    // Each cell marked as text for Excel and WPS, so the 户编号 stays whole; a line break stays within its cell.
    const text = 'mso-number-format:"\\@"';
    expect(copied.cells).toEqual([
      [text, hhNo(1)],
      [text, '一组<br style="mso-data-placement:same-cell;">1号'],
      [text, hhNo(2)],
      [text, '一组2号'],
    ]);

    // Ctrl+A chooses every cell; the status bar counts and sums the number cells (家庭人口数).
    await page.keyboard.press('Control+a');
    const status = page.getByTestId('households-grid-status');
    await expect.poll(() => status.textContent()).toContain('显示 21 / 共 21 行');
    await expect.poll(() => status.textContent()).toContain('数值 21 个，求和 22');
  });

  it('offers the same actions on a right-click, in Chinese', async () => {
    await page.keyboard.press('Escape');
    await cell(households(), 2, 'address').click({ button: 'right' });
    const menu = page.getByRole('menu', { name: '表格操作' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      '复制Ctrl+C',
      '粘贴Ctrl+V',
      '向下填充Ctrl+D',
      '向右填充Ctrl+R',
      '清除内容Delete',
      '在下方插入行Ctrl+Enter',
      '删除行',
    ]);
    await menu.getByRole('menuitem', { name: /清除内容/ }).click();
    await expect.poll(async () => (await seeded('address'))[2]).toBeNull();
    await undo();
    await expect.poll(async () => (await seeded('address'))[2]).toBe('一组3号');
  });

  it('clears a range across 行政村 and 住址, leaving the 行政村 that cannot be empty, in one step', async () => {
    await toTop();
    await cell(households(), 5, 'villageId').click();
    await cell(households(), 6, 'address').click({ modifiers: ['Shift'] });
    const villages = (await seeded('villageId')).slice(5, 7);
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await seeded('address')).slice(5, 7)).toEqual([null, null]);
    expect((await seeded('hhNo')).slice(5, 7)).toEqual([null, null]);
    expect((await seeded('villageId')).slice(5, 7)).toEqual(villages);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('「行政村」不能为空，未清除');
    await undo();
    await expect.poll(async () => (await seeded('address')).slice(5, 7)).toEqual(['一组6号', '一组7号']);
  });

  it('after an undo goes to the cell it changed back, in its household, and says whose value it was', async () => {
    await toTop();
    await cell(households(), 4, 'hhNo').click();
    await page.getByText('家庭成员：户主5户').waitFor();
    const [member] = await stored('members', { name: '户主5' });
    await members().locator(`.ag-row[row-id="${member!.id}"] .ag-cell[col-id="birthDate"]`).click();
    await page.keyboard.type('19800101');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stored('members', { name: '户主5' }))[0]?.birthDate).toBe('1980-01-01');
    // The clerk moves on to another household, then takes the edit back.
    await cell(households(), 7, 'hhNo').click();
    await page.getByText('家庭成员：户主8户').waitFor();
    await undo();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('（家庭成员户主5的「出生日期」）');
    await page.getByText('家庭成员：户主5户').waitFor();
    await expect.poll(focusedIn).toEqual({ grid: 'members-grid', row: '0', col: 'birthDate' });
    expect((await stored('members', { name: '户主5' }))[0]?.birthDate).toBeNull();

    await redo();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已重做：修改家庭成员「户主5」的「出生日期」（家庭成员户主5的「出生日期」）');
    await expect.poll(focusedIn).toEqual({ grid: 'members-grid', row: '0', col: 'birthDate' });
  });
});
