// 报告 as a clerk uses it in the browser: the figures the report will use with their sources, the template in use,
// 生成Word downloading the report filled from the data; a template of the clerk's own with an unknown placeholder
// is named and its placeholder listed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocxParts, writeDocxParts } from '../../src/main/services/docx/zip';
import { defaultReportTemplate } from '../../src/main/services/report/defaultTemplate';
import { oneHousehold, openSeededApp, type App } from './harness';
import { tempDirKeep } from './tmp';

let app: App;
let page: Page;

beforeAll(async () => {
  const seed = oneHousehold();
  seed.changes.push({ op: 'insert', table: 'settings', rows: [{ key: 'township', value: '五顷塬回族乡' }, { key: 'workYear', value: '2023' }] });
  app = await openSeededApp(seed);
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const documentText = (path: string) => readDocxParts(readFileSync(path), 'r.docx').get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');

describe('报告 end to end', () => {
  it('lists the figures with their sources and downloads the report filled from the data', async () => {
    await page.goto(`${app.served.url}#/report`);
    await page.getByRole('heading', { name: '总结报告（2023年度）' }).waitFor();
    await expect(page.getByTestId('report-template').textContent()).resolves.toBe('默认模板（公文格式）');
    const row = page.getByTestId('report-figures').locator('tr', { hasText: '{{总户数}}' });
    await expect(row.locator('td').nth(2).textContent()).resolves.toBe('1');
    await expect(row.locator('td').nth(3).textContent()).resolves.toBe('户籍台账：全部户');
    await page.getByTestId('report-tables').getByText('{{分村统计表}}').waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '生成Word' }).click();
    const file = join(tempDirKeep(), '报告.docx');
    await (await download).saveAs(file);
    const text = documentText(file);
    expect(text).toContain('五顷塬回族乡2023年度');
    expect(text).toContain('农户1户1人');
    await page.getByText(/已生成「.*\.docx」，填入 \d+ 项。/).waitFor();
  });

  it('uses a template of the clerk’s own and names the placeholders it does not know', async () => {
    const parts = readDocxParts(await defaultReportTemplate(), 'T.docx');
    parts.set('word/document.xml', Buffer.from(parts.get('word/document.xml')!.toString('utf8').replace('{{总户数}}', '{{总户数}}{{村里自己的数}}')));
    const template = join(tempDirKeep(), '我的模板.docx');
    writeFileSync(template, writeDocxParts(parts));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: '选择模板…' }).click();
    await (await chooser).setFiles(template);
    await expect.poll(() => page.getByTestId('report-template').textContent()).toBe('我的模板.docx');
    await expect.poll(() => page.getByTestId('report-unknown').textContent()).toContain('{{村里自己的数}}');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '生成Word' }).click();
    const file = join(tempDirKeep(), '报告2.docx');
    await (await download).saveAs(file);
    expect(documentText(file)).toContain('农户1{{村里自己的数}}户1人');
  });
});
