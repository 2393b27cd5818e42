// The 总结报告 on the sample data, as `paicha report` writes it: its figures are those of the exports and of the
// sample's known answers, its layout is GB/T 9704 in the XML (A4, margins, 22×28 grid, the offices' font names,
// page numbers at the outer corner), LibreOffice prints it with the Chinese text whole, and a template the clerk
// edited in Word — a paragraph moved, a table deleted, a placeholder split over runs — still fills. Needs soffice and
// pdftotext (.ci/run installs them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import { readDocxParts, writeDocxParts } from '../../src/main/services/docx/zip';
import { Store } from '../../src/main/store';
import { runMain } from '../helpers';
import { expected, fixturesDir } from '../support/planted';

const documentXml = (path: string) => readDocxParts(readFileSync(path), 'r.docx').get('word/document.xml')!.toString('utf8');
/** The text of a document: its paragraphs' text nodes joined, one line per paragraph. */
const textOf = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).join('\n');

/** The sample in a database of its own, kept for all tests of this file (tempStore lasts one test). */
async function sample(dir: string): Promise<Store> {
  const store = Store.open(join(dir, 'sample.sqlite'));
  store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }] }] });
  await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
  await importFile(store, { path: join(fixturesDir, 'national-income-2021.xlsx') });
  return store;
}

let store: Store;
let dir: string;
let report: string;
let xml: string;
let json: { year: number; filled: number; template: { name: string; unknown: string[] } };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paicha-report-'));
  store = await sample(dir);
  report = join(dir, 'r.docx');
  const run = await runMain(['report', '--db', store.path, '--year', '2023', '--out', report, '--json']);
  expect(run.err).toBe('');
  json = JSON.parse(run.out);
  xml = documentXml(report);
});

afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('paicha report on the sample data', () => {
  it('fills every placeholder of the default template', () => {
    expect(json).toMatchObject({ year: 2023, template: { name: '默认模板', unknown: [] } });
    expect(xml).not.toMatch(/\{\{/);
  });

  it('says the counts the exports and the sample say', async () => {
    const text = textOf(xml);
    const exported = join(dir, 'households.xlsx');
    const { rows } = await exportLayout(store, { layout: 'households', path: exported, year: 2023, allowErrors: true });
    expect(rows).toBe(expected.households);
    expect(text).toContain(`农户${expected.households}户${expected.members}人`);
    expect(text).toContain(`现有防止返贫监测户${expected.monitored}户`);
    // 重点人群 of 2023 read the 2022 income: below 10000元, and lower than in 2021.
    expect(text).toContain(`人均纯收入低于10000元${expected.perCapBelow10000In2022}户`);
    expect(text).toContain(`收入不增反降或增速较慢${expected.incomeFellFrom2021}户`);
    // 分村统计表: the households of each village, as in the sample.
    for (const [village, households] of Object.entries(expected.byVillage)) expect(text).toMatch(new RegExp(`\\n${village}\\n${households}\\n`));
  });

  it('carries 附件3 and 附件5 as the exports write them', async () => {
    store.apply({
      label: '分工',
      changes: [
        { op: 'insert', table: 'people', rows: [{ id: -1, name: '李思源', roles: '信息采集员' }, { id: -2, name: '王建国', roles: '信息采集员' }] },
        { op: 'insert', table: 'assignments', rows: [{ villageId: store.rows('villages')[0]!.id, groupId: store.rows('groups')[0]!.id, person1Id: -1, person2Id: -2 }] },
      ],
    });
    const path = join(dir, 'r2.docx');
    await runMain(['report', '--db', store.path, '--year', '2023', '--out', path]);
    const text = textOf(documentXml(path));
    const workbook = new ExcelJS.Workbook();
    await exportLayout(store, { layout: 'assignments', path: join(dir, 'a.xlsx'), year: 2023 });
    await workbook.xlsx.readFile(join(dir, 'a.xlsx'));
    expect(text).toContain(String(workbook.worksheets[0]!.getCell('A1').value));
    expect(text).toContain('李思源\n');
    expect(text).toContain('全乡划分排查片区1个，落实排查责任人2名');
  });

  it('is laid out as a 公文 (GB/T 9704-2012) in the XML', () => {
    const body = xml.slice(0, xml.indexOf('</w:sectPr>'));
    expect(body).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // 37 / 35 / 28 / 26 mm in twips.
    expect(body).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // 22 lines of 28 characters: 12756 ÷ 22 twips a line; 3号 less 0.2 pt a character (8844 ÷ 28 twips).
    expect(body).toMatch(/<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-84\d"\/>/);
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>[^]*?防止返贫动态监测帮扶工作情况报告暨/);
    expect(xml).toMatch(/w:eastAsia="黑体"[^]*?<w:sz w:val="32"\/>[^]*?一、基本情况/);
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[^]*?<w:sz w:val="32"\/>[^]*?（一）动员部署/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"[^]*?<w:sz w:val="32"\/>[^]*?全乡共有行政村/);
    const parts = readDocxParts(readFileSync(report), 'r.docx');
    expect(parts.get('word/settings.xml')!.toString()).toContain('<w:evenAndOddHeaders/>');
    const footers = [...parts].filter(([name]) => name.startsWith('word/footer')).map(([, data]) => data.toString());
    expect(footers).toEqual(expect.arrayContaining([expect.stringMatching(/<w:jc w:val="right"\/>[^]*宋体[^]*<w:sz w:val="28"\/>[^]*— [^]*PAGE[^]* —/), expect.stringMatching(/<w:jc w:val="left"\/>[^]*— [^]*PAGE[^]* —/)]));
  });

  it('prints in LibreOffice on A4 with its Chinese text and figures whole', () => {
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, report], { stdio: 'ignore', timeout: 180_000 });
    const pdf = join(dir, 'r.pdf');
    const info = execFileSync('pdfinfo', [pdf]).toString();
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(3);
    // LibreOffice spaces the characters out on the grid: read the text without spaces.
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, '');
    expect(text).toContain('五顷塬回族乡2023年度防止返贫动态监测帮扶工作情况报告暨第二轮集中排查工作总结报告');
    expect(text).toContain(`农户${expected.households}户${expected.members}人`);
    expect(text).toContain(`人均纯收入低于10000元${expected.perCapBelow10000In2022}户`);
    expect(text).toContain('—1—');
    expect(text).toContain('五顷塬回族乡第二轮排查问题台账（2023年度）');
  }, 240_000);
});

describe('a template the clerk edited in Word', () => {
  it('still fills after a paragraph moved, a table deleted and a placeholder split over runs; unknown ones are reported', async () => {
    const template = join(dir, 'T.docx');
    const written = await runMain(['template', 'report', '--out', template]);
    expect(written.status).toBe(0);
    const parts = readDocxParts(readFileSync(template), 'T.docx');
    let doc = parts.get('word/document.xml')!.toString('utf8');
    const paragraphAround = (needle: string) => {
      const at = doc.indexOf(needle);
      const start = doc.lastIndexOf('<w:p>', at);
      return doc.slice(start, doc.indexOf('</w:p>', at) + 6);
    };
    // The 下一步打算 heading moves to the top; 表1 (its title and its placeholder) is deleted.
    const heading = paragraphAround('七、下一步打算');
    doc = doc.replace(heading, '');
    doc = doc.replace(paragraphAround('一、基本情况'), (p) => heading + p);
    doc = doc.replace(paragraphAround('表1'), '').replace(paragraphAround('{{分村统计表}}'), '');
    // Word splits {{总户数}} over runs with a spelling mark between them, and the clerk adds a figure of its own.
    doc = doc.replace('{{总户数}}', '{{总</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>户数}}').replace('{{脱贫户数}}', '{{脱贫户数}}{{我们自己的数}}');
    parts.set('word/document.xml', Buffer.from(doc));
    writeFileSync(template, writeDocxParts(parts));

    const out = join(dir, 'edited.docx');
    const run = await runMain(['report', '--db', store.path, '--year', '2023', '--template', template, '--out', out]);
    expect(run.status).toBe(0);
    expect(run.err).toContain('{{我们自己的数}}');
    const text = textOf(documentXml(out));
    expect(text).toContain(`农户${expected.households}户${expected.members}人`);
    expect(text.indexOf('七、下一步打算')).toBeLessThan(text.indexOf('一、基本情况'));
    expect(text).not.toContain('分村户数人数统计表');
    expect(text).toContain('{{我们自己的数}}');
  });

  it('refuses a template that is not a Word document, saying so', async () => {
    const fake = join(dir, '模板.docx');
    writeFileSync(fake, 'not a document');
    const run = await runMain(['report', '--db', store.path, '--template', fake, '--out', join(dir, 'x.docx')]);
    expect(run.status).toBe(2);
    expect(run.err).toContain('「模板.docx」不是 Word 文档（.docx），不能用作模板');
  });
});
