// `npm run bench`: how long the store takes for what a clerk does, at township and county scale.
// Timings vary between machines and runs: compare the rows of one run with each other, not with other runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../src/main/api';
import { exportLayout } from '../../src/main/services/exporter';
import { writeForms } from '../../src/main/services/forms';
import { importFile } from '../../src/main/services/import';
import { Workbook } from '../../src/main/services/xlsx/sheet';
import { ZipFile } from '../../src/main/services/xlsx/zip';
import { Store } from '../../src/main/store';
import { writeNationalExport } from '../support/nationalExport';
import type { ChangeSet } from '../../src/shared/changes';
import { checkCharacter } from '../../src/shared/idcard';

/** A valid ID number: a birth date and a running number that also sets the sex. */
function idNumber(birth: string, serial: number): string {
  const first17 = `621025${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** A village with `households` households of 3 or 4 members (≈3.2 on average, as in the national export). */
function villageSet(households: number): ChangeSet {
  const rows = Array.from({ length: households }, (_, i) => ({
    id: -(i + 2),
    villageId: -1,
    hhNo: `6210251030${String(i).padStart(6, '0')}`,
    householdType: i % 3 ? '一般农户' : '脱贫户',
    phone: `1${String(3800000000 + i)}`,
  }));
  const people = [
    { relation: '户主', year: 1970, sex: '男', education: '初中', laborSkill: '普通劳动力' },
    { relation: '配偶', year: 1972, sex: '女', education: '小学', laborSkill: '普通劳动力' },
    { relation: '之子', year: 1996, sex: '男', education: '高中', laborSkill: '技能劳动力' },
    { relation: '之女', year: 1999, sex: '女', education: '大专', laborSkill: '普通劳动力' },
  ];
  const given = '海军淑珍小龙秀兰建国思源文斌桂芳成林有才';
  const members = rows.flatMap((h, i) =>
    people.slice(0, i % 5 === 0 ? 4 : 3).map((p, j) => {
      // Distinct members get distinct ID numbers: the running number k sets day, month, year and serial.
      const k = i * 4 + j;
      const birth = `${p.year + Math.floor(k / 168_000)}${String((Math.floor(k / 28) % 12) + 1).padStart(2, '0')}${String((k % 28) + 1).padStart(2, '0')}`;
      return {
        householdId: h.id,
        name: `马${given[k % given.length]}${given[Math.floor(k / given.length) % given.length]}`,
        idNumber: idNumber(birth, (Math.floor(k / 336) % 500) * 2 + (p.sex === '男' ? 1 : 0)),
        birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
        relation: p.relation,
        sex: p.sex,
        idType: '居民身份证',
        ethnicity: i % 4 ? '汉族' : '回族',
        education: p.education,
        health: '健康',
        laborSkill: p.laborSkill,
        insResidentMedical: '是',
        insEmployeeMedical: '否',
        insCriticalIllness: '是',
        insResidentPension: '是',
      };
    }),
  );
  return {
    label: '批量新增',
    changes: [
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows },
      { op: 'insert', table: 'members', rows: members },
    ],
  };
}

async function time<T>(work: () => T | Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'paicha-bench-'));
  const lines: string[] = [
    '| 规模 | 户 / 成员 | 一个修改集写入（含日志） | 撤销 | 重做 | 读取户籍台账（含户主、人口数） | 单元格修改（100 次平均） | 全部数据核查 | 修改后复查一户 | 文件大小 |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  try {
    for (const [scale, households] of [['乡镇', 2_000], ['县', 100_000]] as const) {
      const set = villageSet(households);
      const memberCount = (set.changes[2] as { rows: unknown[] }).rows.length;
      const file = join(dir, `${households}.sqlite`);
      const store = Store.open(file);
      const api = createApi(store);
      const write = await time(() => store.apply(set));
      const undo = await time(() => store.undo());
      const redo = await time(() => store.redo());
      const read = await time(() => api.households());
      const edits = await time(() => {
        for (let i = 1; i <= 100; i++) store.apply({ label: '修改姓名', changes: [{ op: 'update', table: 'members', rows: [{ id: i, name: `改${i}` }] }] });
      });
      let findings = 0;
      const checkAll = await time(async () => {
        findings = (await api.check({ year: 2023 })).findings.length;
      });
      const recheckOne = await time(() => api.check({ year: 2023, householdIds: [Math.ceil(households / 2)] }));
      store.close();
      const { size } = statSync(file);
      lines.push(`| ${scale} | ${households.toLocaleString('en')} / ${memberCount.toLocaleString('en')} | ${seconds(write)} | ${seconds(undo)} | ${seconds(redo)} | ${seconds(read)} | ${(edits / 100).toFixed(1)} ms | ${seconds(checkAll)}（${findings.toLocaleString('en')} 条） | ${recheckOne.toFixed(0)} ms | ${(size / 1e6).toFixed(0)} MB |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`排查台账 benchmark — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(lines.join('\n'));
  console.log(`\n${await importBench()}`);
  console.log(`\n${await formsBench()}`);
}

/**
 * 打印 of a 500-household village's pre-filled forms (one .docx, each household on new pages with its QR code):
 * 附件1 alone and both forms, the households with members and an income record of the year.
 */
async function formsBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'paicha-bench-forms-'));
  const lines = ['| 打印一个村的入户签字表（500 户） | 用时 | 页数（每户） | 文件大小 |', '|---|---|---|---|'];
  try {
    const store = Store.open(join(dir, 'forms.sqlite'));
    const set = villageSet(500);
    set.changes.push({ op: 'insert', table: 'settings', rows: [{ key: 'workYear', value: '2023' }] });
    const { insertedIds } = store.apply(set);
    const households = Array.from({ length: 500 }, (_, i) => insertedIds[String(-(i + 2))]!);
    store.apply({ label: '收入', changes: [{ op: 'insert', table: 'incomes', rows: households.map((householdId, i) => ({ householdId, year: 2023, wageMigrant: 20000 + i, bizCrop: 3000, trPension: 1200, costCrop: 800 })) }] });
    for (const [label, kind, pages] of [['附件1 收入信息采集表', 'income', 2], ['附件1 和附件2（每户两表）', 'both', 4]] as const) {
      const path = join(dir, `${kind}.docx`);
      const ms = await time(() => writeForms(store, { village: '东塬村', kind, path }));
      lines.push(`| ${label} | ${seconds(ms)} | ${pages} | ${(statSync(path).size / 1e6).toFixed(1)} MB |`);
    }
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

/** Runs a command; its time in ms, or null when the program is not installed. */
function timeCommand(command: string, args: string[]): number | null {
  const start = performance.now();
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error || result.status !== 0) return null;
  return performance.now() - start;
}

/**
 * Importing a county-size export (100,000 households) beside what a clerk would otherwise wait for: LibreOffice
 * converting the same file to CSV, exceljs alone stream-reading it, and unzipping its sheet.
 */
async function importBench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'paicha-import-bench-'));
  try {
    const file = join(dir, 'county.xlsx');
    let rows = 0;
    const exceljsWrite = await time(async () => {
      rows = await writeNationalExport(file, 100_000);
    });
    const megabytes = (statSync(file).size / 1e6).toFixed(0);
    const results: [string, number | null, string][] = [];

    const store = Store.open(join(dir, 'import.sqlite'));
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
    const ours = await time(() => importFile(store, { path: file, year: 2023 }));
    clearInterval(sample);
    results.push(['排查台账导入（读取、比对、写入数据库，一个修改集）', ours, `进程内存峰值约 ${(peak / 1e9).toFixed(1)} GB`]);
    const exported = await time(() => exportLayout(store, { layout: 'national', path: join(dir, 'national.xlsx'), year: 2023, allowErrors: true }));
    store.close();
    results.push(['排查台账导出国家系统名单（同样的行和列，正式格式，含导出前的数据核查）', exported, '']);
    results.push(['exceljs 流式写入同样的行（生成测试文件）', exceljsWrite, '']);

    const reader = await time(async () => {
      const workbook = await Workbook.open(file, file);
      for await (const row of workbook.rows(workbook.sheets[0]!)) void row;
    });
    results.push(['其中：本程序的 xlsx 读取（全部列）', reader, '']);

    const exceljs = await time(async () => {
      const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
      for await (const sheet of workbook) for await (const row of sheet) void row;
    });
    results.push(['exceljs 流式读取（仅读取）', exceljs, '']);

    const unzip = await time(async () => {
      for await (const chunk of ZipFile.open(file).stream('xl/worksheets/sheet1.xml')) void chunk;
    });
    results.push(['仅解压工作表 XML', unzip, '']);

    const libreoffice = timeCommand('soffice', ['--headless', '--convert-to', 'csv', '--outdir', dir, file]);
    results.push(['LibreOffice 转换为 CSV（soffice --headless --convert-to csv）', libreoffice, libreoffice === null ? '本机未安装 LibreOffice' : '']);

    const header = `县级规模导出文件：100,000 户、${rows.toLocaleString('en')} 行 × 51 列，${megabytes} MB\n\n| 操作 | 用时 | 与 LibreOffice 之比 | 说明 |\n|---|---|---|---|`;
    const body = results.map(([what, ms, note]) => `| ${what} | ${ms === null ? '—' : seconds(ms)} | ${ms !== null && libreoffice ? (ms / libreoffice).toFixed(2) : '—'} | ${note} |`);
    return [header, ...body].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
