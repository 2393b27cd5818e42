// 打印 of the household forms on the sample data, as `paicha forms` writes them: one .docx for a village, which
// LibreOffice prints (as a clerk's WPS or Word would) with every household starting a new page, its 户主 and its
// incomes on it, its 户编号 and a QR code of it in the header of every page, and the 双签字 block; the QR code read
// back from the picture and from the printed page says the 户编号. A template the clerk edited in Word still fills;
// what was printed is recorded, an edit afterwards makes it stale, a form marked returned is signed. Needs soffice,
// pdftotext and pdftoppm (.ci/run installs them).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { readDocxParts, writeDocxParts } from '../../src/main/services/docx/zip';
import { defaultFormsTemplate } from '../../src/main/services/forms/defaultTemplates';
import { importFile } from '../../src/main/services/import';
import { loadYear } from '../../src/main/services/loadYear';
import { Store } from '../../src/main/store';
import { yuanText } from '../../src/shared/income';
import { runMain } from '../helpers';
import { fixturesDir } from '../support/planted';
import { decodePng, isPng } from '../support/png';

const VILLAGE = '东塬村';
let dir: string;
let store: Store;
let docx: string;
let pages: string[];
let json: { households: number; kind: string; year: number; template: { name: string; unknown: string[] }; problems: string[] };

/** The households of the village as the data say: 户编号, 户主, 年总收入 (2022). */
function villageHouseholds() {
  const village = store.rows('villages', { name: VILLAGE })[0]!;
  const data = loadYear(store, { year: 2022, villageId: village.id });
  return data.households
    .map((h) => ({ id: h.id, hhNo: String(h.hhNo), head: data.derived.get(h.id)!.headName!, total: data.derived.get(h.id)!.income?.total ?? null }))
    .sort((a, b) => a.hhNo.localeCompare(b.hhNo));
}

/** A .docx printed to PDF by LibreOffice, read back page by page. */
function printed(path: string): string[] {
  execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, path], { stdio: 'ignore', timeout: 180_000 });
  const pdf = path.replace(/\.docx$/, '.pdf');
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'paicha-forms-'));
  store = Store.open(join(dir, 'sample.sqlite'));
  store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }] }] });
  await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
  await importFile(store, { path: join(fixturesDir, 'national-income-2021.xlsx') });
  docx = join(dir, 'forms.docx');
  const run = await runMain(['forms', '--db', store.path, '--village', VILLAGE, '--kind', 'both', '--year', '2022', '--out', docx, '--json']);
  expect(run.err.split('\n').filter((l) => l && !l.startsWith('打印：'))).toEqual([]);
  json = JSON.parse(run.out);
  pages = printed(docx);
}, 300_000);

afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('paicha forms for a village', () => {
  it('fills both forms of every household of the village from the default template', () => {
    expect(json).toMatchObject({ households: 14, kind: 'both', year: 2022, template: { name: '默认模板', unknown: [] }, problems: [] });
  });

  it('prints every household on pages of its own, each page headed by its 户编号', () => {
    const households = villageHouseholds();
    const byPage = pages.map((page) => households.find((h) => page.includes(`户编号：${h.hhNo}`))?.hhNo);
    expect(byPage.every(Boolean)).toBe(true);
    // Pages of one household follow each other, the households in 户编号 order, each once.
    const runs = byPage.filter((hhNo, i) => hhNo !== byPage[i - 1]);
    expect(runs).toEqual(households.map((h) => h.hhNo));
    // Each household's run starts with its 附件1 (page 1 of it), and its 附件2 starts a page too.
    for (const h of households) {
      const own = pages.filter((_p, i) => byPage[i] === h.hhNo);
      expect(own[0]).toContain('年度脱贫人口（监测对象）收入信息采集表');
      expect(own[0]).toMatch(/第\s*1\s*页/);
      expect(own.filter((p) => p.includes('防止返贫监测帮扶第二轮排查入户调查表'))).toHaveLength(1);
    }
  });

  it('shows the right 户主 and incomes, and the signature block of both forms', () => {
    for (const h of villageHouseholds()) {
      const own = pages.filter((p) => p.includes(`户编号：${h.hhNo}`)).join('\n');
      expect(own).toContain(`户主：${h.head}`);
      if (h.total !== null) expect(own).toMatch(new RegExp(`年总收入\\s+${yuanText(h.total).replace('.', '\\.')}`));
      expect(own.match(/户主签字（按手印）/g)).toHaveLength(2);
      expect(own.match(/信息采集员签字/g)).toHaveLength(2);
    }
  });

  it('puts a QR code of the 户编号 in the header of every page: a valid PNG that reads back as the 户编号', () => {
    const parts = readDocxParts(readFileSync(docx), 'forms.docx');
    const media = [...parts.keys()].filter((name) => name.startsWith('word/media/'));
    // One picture per header: each household has two (附件1 and 附件2).
    expect(media).toHaveLength(14 * 2);
    expect(media.every((name) => isPng(parts.get(name)!))).toBe(true);
    const [first] = villageHouseholds();
    const headerOfFirst = [...parts].find(([name, xml]) => /^word\/header\d+\.xml$/.test(name) && xml.toString('utf8').includes(first!.hhNo))!;
    const rels = parts.get(headerOfFirst[0].replace('word/', 'word/_rels/') + '.rels')!.toString('utf8');
    const picture = parts.get(`word/${/Target="(media\/[^"]+\.png)"/.exec(rels)![1]}`)!;
    const { width, height, rgba } = decodePng(picture);
    expect(jsQR(rgba, width, height)?.data).toBe(first!.hhNo);
  });

  it('prints a QR code a scanner reads: the rendered page decodes to the household’s 户编号', () => {
    const [first] = villageHouseholds();
    // The top of the first page (the header) at 150 dpi, as a scanner sees the paper.
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-x', '0', '-y', '0', '-W', '1240', '-H', '300', docx.replace(/\.docx$/, '.pdf'), join(dir, 'top')]);
    const { width, height, rgba } = decodePng(readFileSync(join(dir, 'top-01.png')));
    expect(jsQR(rgba, width, height)?.data).toBe(first!.hhNo);
  });
});

describe('a template the clerk edited in Word', () => {
  it('starts from the built-in one `paicha template forms` writes: the 户编号 and its QR code in the header, the members repeated', async () => {
    const path = join(dir, '入户调查表模板.docx');
    const run = await runMain(['template', 'forms', '--kind', 'visit', '--out', path, '--json']);
    expect(JSON.parse(run.out)).toEqual({ path, name: '入户调查表模板.docx' });
    const parts = readDocxParts(readFileSync(path), 'T.docx');
    const header = [...parts].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, xml]) => xml.toString('utf8').replace(/<[^>]+>/g, '')).join('');
    expect(header).toContain('户编号：{{户编号}}');
    expect(header).toContain('{{二维码}}');
    const body = parts.get('word/document.xml')!.toString('utf8').replace(/<[^>]+>/g, '');
    expect(body).toContain('{{#家庭成员}}');
    expect(body).toContain('户主签字（按手印）');
    expect(body).not.toContain('{{#收入明细}}');
  });

  it('still fills after a field was moved, the wording changed and a placeholder was split over runs', async () => {
    const parts = readDocxParts(await defaultFormsTemplate('income'), 'T.docx');
    let xml = parts.get('word/document.xml')!.toString('utf8');
    // Moved: the title paragraph goes below the statement at the end.
    const title = /<w:p>(?:(?!<w:p>)[\s\S])*?收入信息采集表<\/w:t>[\s\S]*?<\/w:p>/.exec(xml)![0];
    xml = xml.replace(title, '');
    xml = xml.replace('本户对以上收入信息已核实无误。', '以上收入情况属实，由{{户主姓名}}确认。');
    xml = xml.replace(/(<w:p>(?:(?!<w:p>)[\s\S])*?以上收入情况属实[\s\S]*?<\/w:p>)/, `$1${title}`);
    // Split as Word leaves it: a spelling mark and a bookmark inside {{家庭纯收入}}.
    xml = xml.replace('{{家庭纯收入}}', '{{家庭</w:t></w:r><w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="9" w:name="_GoBack"/><w:bookmarkEnd w:id="9"/><w:r><w:t>纯收入}}');
    parts.set('word/document.xml', Buffer.from(xml));
    const template = join(dir, '我们乡的收入表.docx');
    writeFileSync(template, writeDocxParts(parts));
    const [first] = villageHouseholds();
    const out = join(dir, 'edited.docx');
    const run = await runMain(['forms', '--db', store.path, '--household', first!.hhNo, '--year', '2022', '--template', template, '--out', out, '--json']);
    const result = JSON.parse(run.out);
    expect(result).toMatchObject({ households: 1, kind: 'income', template: { name: '我们乡的收入表.docx', unknown: [] }, problems: [] });
    const text = printed(out).join('\n');
    expect(text).toContain(`以上收入情况属实，由${first!.head}确认。`);
    expect(text.indexOf('以上收入情况属实')).toBeLessThan(text.indexOf('年度脱贫人口（监测对象）收入信息采集表'));
    expect(text).toMatch(/家庭纯收入\s+[\d,]+\.\d\d/);
    expect(text).not.toContain('{{');
  }, 120_000);
});

describe('what was printed, and what became of it', () => {
  it('records the print; an edit afterwards makes the form stale; a form marked returned is signed', async () => {
    const api = createApi(store);
    const village = store.rows('villages', { name: VILLAGE })[0]!;
    const status = async () => (await api.formsStatus({ villageId: village.id, year: 2022 })).households;
    const before = await status();
    expect(before.every((h) => h.income.printedAt && h.visit.printedAt && !h.income.stale && !h.visit.stale)).toBe(true);

    const [first, second] = villageHouseholds();
    store.apply({ label: '修改电话', changes: [{ op: 'update', table: 'households', rows: [{ id: first!.id, phone: '13900000000' }] }] });
    const after = await status();
    expect(after.filter((h) => h.income.stale).map((h) => h.householdId)).toEqual([first!.id]);
    expect(after.filter((h) => h.visit.stale).map((h) => h.householdId)).toEqual([first!.id]);

    // Only what is outdated: the edited household, nobody else.
    const again = await api.writeForms({ village: VILLAGE, kind: 'income', year: 2022, onlyOutdated: true, path: join(dir, 'again.docx') });
    expect(again.households).toBe(1);
    expect((await status()).find((h) => h.householdId === first!.id)!.income.stale).toBe(false);

    // The scanned household's 入户调查表 came back signed: its visit record says so; its 附件1 is as current as before.
    const marked = await runMain(['forms', '--db', store.path, '--household', second!.hhNo, '--returned', '--kind', 'visit', '--date', '2023-11-20', '--year', '2022']);
    expect(marked.out).toBe(`已记录：户编号 ${second!.hhNo} 的附件2 入户调查表已收回，户主和信息采集员已签字。`);
    const [visit] = store.rows('visits', { householdId: second!.id, year: 2022 });
    expect(visit).toMatchObject({ headSigned: '是', collectorSigned: '是', signedReturnDate: '2023-11-20' });
    expect((await status()).find((h) => h.householdId === second!.id)).toMatchObject({ visit: { signed: true, stale: false }, income: { signed: false, stale: false } });
    // The marking is the clerk's edit: undo takes it back.
    expect(store.undo().label).toBe('入户调查表已收回并双签字（1 户）');
    expect(store.rows('visits', { householdId: second!.id, year: 2022 })[0]?.headSigned ?? null).not.toBe('是');
  });

  it('says in Chinese what cannot be printed', async () => {
    expect((await runMain(['forms', '--db', store.path, '--village', '没有这个村', '--out', join(dir, 'x.docx')])).err).toContain('没有名为「没有这个村」的行政村');
    expect((await runMain(['forms', '--db', store.path, '--village', VILLAGE, '--kind', 'letter', '--out', join(dir, 'x.docx')])).err).toContain('没有「letter」这种表');
    expect((await runMain(['forms', '--db', store.path, '--village', VILLAGE, '--group', '九组', '--out', join(dir, 'x.docx')])).err).toContain('没有名为「九组」的村民小组');
  });
});

describe('the 公示 of newly identified 监测户', () => {
  it('lists them with the head’s ID number masked, as .docx and as .xlsx', async () => {
    const [first] = villageHouseholds();
    store.apply({ label: '识别监测', changes: [{ op: 'update', table: 'households', rows: [{ id: first!.id, monitoringType: '突发严重困难户', identifiedMonth: '202206' }] }] });
    const data = loadYear(store, { year: 2022 });
    const id = data.derived.get(first!.id)!.headIdNumber!;
    const masked = `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
    const out = join(dir, 'publicity.docx');
    const run = await runMain(['publicity', '--db', store.path, '--year', '2022', '--out', out, '--json']);
    const result = JSON.parse(run.out);
    expect(result.households).toBeGreaterThanOrEqual(1);
    const text = printed(out).join('\n');
    expect(text).toContain('新识别防止返贫监测对象公示');
    expect(text).toContain(masked);
    expect(text).not.toContain(id);
    expect(text).toContain(first!.head);
    const xlsx = await runMain(['export', 'publicity', '--db', store.path, '--year', '2022', '--out', join(dir, 'publicity.xlsx'), '--json']);
    expect(JSON.parse(xlsx.out).rows).toBe(result.households);
  }, 120_000);
});
