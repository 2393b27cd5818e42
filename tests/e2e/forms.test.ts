// 打印 as a clerk uses it: a 户编号 scanned into 查找 (a USB scanner types it and Enter) opens the household; 打印…
// downloads its forms pre-filled, with the 户编号 and its QR code; the dialog then says when they were printed, and
// marking the 入户调查表 returned and signed sets the visit's 双签字. A village's 附件1 prints from the income page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocxParts } from '../../src/main/services/docx/zip';
import { isPng } from '../support/png';
import { openSeededApp, type App } from './harness';
import { tempDirKeep } from './tmp';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await openSeededApp({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }, { key: 'workYear', value: '2023' }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001' }, { id: -3, villageId: -1, hhNo: '6210251030010002' }] },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { householdId: -2, name: '马海军', relation: '户主' },
          { householdId: -3, name: '冯淑珍', relation: '户主' },
        ],
      },
      { op: 'insert', table: 'incomes', rows: [{ householdId: -3, year: 2023, wageMigrant: 24000 }] },
    ],
  });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

/** The body and headers of a downloaded .docx, as text. */
function docxText(path: string): { text: string; pictures: Buffer[] } {
  const parts = readDocxParts(readFileSync(path), 'f.docx');
  const text = [...parts]
    .filter(([name]) => /^word\/(document|header\d+)\.xml$/.test(name))
    .map(([, xml]) => xml.toString('utf8').replace(/<[^>]+>/g, ''))
    .join('\n');
  return { text, pictures: [...parts].filter(([name]) => name.startsWith('word/media/')).map(([, bytes]) => bytes) };
}

async function download(name: string): Promise<string> {
  const file = page.waitForEvent('download');
  await page.getByRole('dialog').getByRole('button', { name: '生成Word' }).click();
  const path = join(tempDirKeep(), name);
  await (await file).saveAs(path);
  return path;
}

const visitOf = (hhNo: string) =>
  page.evaluate(async (wanted) => {
    const post = async (args: unknown[], method: string) => ((await (await fetch(`./api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args }) })).json()) as { result: Record<string, unknown>[] }).result;
    const [household] = await post(['households', { where: { hhNo: wanted } }], 'rows');
    return (await post(['visits', { where: { householdId: household!.id } }], 'rows'))[0] ?? null;
  }, hhNo);

describe('打印 end to end', () => {
  it('opens a household from its scanned 户编号, prints its forms, and marks the survey returned and signed', async () => {
    await page.goto(`${app.served.url}#/register`);
    // What a scanner does with the QR code: the 户编号 typed into 查找, then Enter.
    const find = page.getByLabel('查找');
    await find.fill('6210251030010002');
    await find.press('Enter');
    await page.getByText('家庭成员：冯淑珍户（户编号 6210251030010002），1 人').waitFor();

    await page.getByRole('button', { name: '打印…' }).click();
    const dialog = page.getByRole('dialog', { name: '打印入户签字表' });
    await expect.poll(() => dialog.getByTestId('household-forms').textContent()).toContain('未打印');
    const file = await download('本户.docx');
    const { text, pictures } = docxText(file);
    expect(text).toContain('户编号：6210251030010002');
    expect(text).toContain('冯淑珍');
    expect(text).toContain('24,000.00');
    expect(text).toContain('户主签字（按手印）');
    expect(text).not.toContain('马海军');
    expect(pictures).toHaveLength(2);
    expect(pictures.every(isPng)).toBe(true);
    await page.getByText(/已生成「.*\.docx」：1 户的表。/).waitFor();
    await expect.poll(() => dialog.getByTestId('household-forms').textContent()).toContain('打印');
    await expect.poll(() => dialog.getByTestId('household-forms').textContent()).not.toContain('未打印');

    expect(await visitOf('6210251030010002')).toBeNull();
    await dialog.getByRole('row', { name: /附件2 入户调查表/ }).getByRole('button', { name: '标记为已收回并签字' }).click();
    await expect.poll(() => dialog.getByRole('row', { name: /附件2 入户调查表/ }).textContent()).toContain('已收回并双签字');
    await expect.poll(() => visitOf('6210251030010002')).toMatchObject({ headSigned: '是', collectorSigned: '是', year: 2023 });
    // The signature is not what the paper printed: the 收入信息采集表 printed before stays current.
    expect(await dialog.getByRole('row', { name: /附件1 收入信息采集表/ }).textContent()).not.toContain('已修改');
    await dialog.getByRole('button', { name: '关闭' }).click();
  });

  it('prints a whole village’s 附件1 from the income page, each household with its own 户编号', async () => {
    await page.goto(`${app.served.url}#/income`);
    await page.getByRole('button', { name: '打印…' }).click();
    const dialog = page.getByRole('dialog', { name: '打印入户签字表' });
    // The page may have a household at hand: the village is chosen instead.
    const villageScope = dialog.getByRole('button', { name: '整村或片区' });
    if (await villageScope.count()) await villageScope.click();
    await expect.poll(() => dialog.getByTestId('forms-status').textContent()).toContain('附件1 收入信息采集表：共 2 户');
    const { text, pictures } = docxText(await download('全村.docx'));
    expect(text).toContain('户编号：6210251030010001');
    expect(text).toContain('户编号：6210251030010002');
    expect(text).toContain('收入信息采集表');
    expect(text).not.toContain('入户调查表');
    expect(pictures).toHaveLength(2);
    await expect.poll(() => dialog.getByTestId('forms-status').textContent()).toContain('已打印 2 户');
  });
});
