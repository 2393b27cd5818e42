// The official forms as they print: each export rendered to PDF by LibreOffice (as a clerk's WPS or Excel would
// print it), then read back as text. Title, 填报单位 from 设置 and the date must be whole; ID numbers and 户编号 must
// not be cut; 附件5 prints on one page across. Needs soffice and pdftotext (.ci/run installs them); without them
// the test fails and says so.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/services/import';
import { exportLayout } from '../../src/main/services/exporter';
import { tempDir, tempStore } from '../helpers';
import { fixturesDir } from '../support/planted';

function tool(name: string): string {
  try {
    execFileSync('which', [name]);
    return name;
  } catch {
    throw new Error(`${name} not found: apt-get install -y libreoffice-calc poppler-utils (see .ci/run).`);
  }
}

const texts = new Map<string, string>();
const pages = new Map<string, number>();
const today = new Date().toISOString().slice(0, 10);
let idNumber = '';
let hhNo = '';

beforeAll(async () => {
  const soffice = tool('soffice');
  const pdftotext = tool('pdftotext');
  const store = tempStore();
  store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'county', value: '正宁县' }, { key: 'township', value: '五顷塬回族乡' }] }] });
  await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
  const [household] = store.rows('households');
  const [member] = store.rows('members', { householdId: household!.id });
  [idNumber, hhNo] = [String(member!.idNumber), String(household!.hhNo)];
  store.apply({
    label: '分工',
    changes: [
      {
        op: 'insert',
        table: 'people',
        rows: [
          { id: -1, name: '张明', roles: '包村领导' },
          { id: -2, name: '李思源', title: '包村干部', phone: '13506779372', roles: '信息采集员' },
          { id: -3, name: '王建国', title: '村医', phone: '13893450021', roles: '信息采集员,村医' },
        ],
      },
      { op: 'insert', table: 'assignments', rows: [{ villageId: household!.villageId, groupId: household!.groupId, townLeaderId: -1, person1Id: -2, person2Id: -3, plannedDate: '2023-11-05' }] },
    ],
  });
  const dir = tempDir();
  const files = ['income', 'members', 'national', 'assignments'];
  for (const layout of files) await exportLayout(store, { layout, path: join(dir, `${layout}.xlsx`), year: 2022, allowErrors: true });
  execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files.map((f) => join(dir, `${f}.xlsx`))], { stdio: 'ignore', timeout: 180_000 });
  for (const f of files) {
    texts.set(f, execFileSync(pdftotext, ['-layout', join(dir, `${f}.pdf`), '-']).toString());
    pages.set(f, Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, `${f}.pdf`)]).toString())?.[1]));
  }
}, 240_000);

describe('the official forms as printed', () => {
  it.each([
    ['income', '正宁县2022年度脱贫人口（监测对象）收入信息采集表'],
    ['national', '正宁县五顷塬回族乡2022年度家庭成员信息'],
    ['assignments', '五顷塬回族乡第二轮排查入户责任分工表（2022年度）'],
  ])('%s: title, 填报单位 from 设置 and the date whole', (layout, title) => {
    const text = texts.get(layout)!.replace(/[ \t]+/g, ' ');
    expect(text).toContain(title);
    expect(text).toContain('填报单位：五顷塬回族乡人民政府');
    expect(text).toContain(`填报日期：${today}`);
  });

  it('prints ID numbers and 户编号 whole', () => {
    for (const layout of ['members', 'national', 'income']) {
      expect(texts.get(layout), layout).toContain(hhNo);
    }
    for (const layout of ['members', 'national']) expect(texts.get(layout), layout).toContain(idNumber);
  });

  it('prints 附件5 on one page across, with each responsible pair under its heading', () => {
    expect(pages.get('assignments')).toBe(1);
    const text = texts.get('assignments')!;
    for (const heading of ['排查责任人1', '排查责任人2', '13506779372', '13893450021']) expect(text).toContain(heading);
  });
});
