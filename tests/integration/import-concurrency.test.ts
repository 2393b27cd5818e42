// Two imports of the same export at once, each on its own Store of the same file (the second in a process of its
// own): what is on file is read, planned against and written in ONE write transaction, so the second import waits
// for the first, then finds its rows — it adds no member twice and refuses no village as a duplicate.
//
// How the two truly interleave: import A runs here. When its progress says 写入数据库 — inside its write transaction,
// after it has read what is on file and planned, before it applies — its progress callback (synchronous, so A stands
// still right there) starts import B in a child process and waits until B has read the file and says 比对 (B is then
// at its own write transaction, waiting for A's), plus half a second, or until B is done. Then A writes and commits,
// and B goes on. Before the fix A read outside any transaction: B ran to the end in that pause, and A then wrote its
// stale plan on top — the lost members twice, or a new village refused as 「与已有记录重复」.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/services/import';
import { Store } from '../../src/main/store';
import type { ImportReport } from '../../src/shared/imports';
import { tempDir, thrownByAsync } from '../helpers';
import { expected, fixturesDir } from '../support/planted';

const root = join(__dirname, '..', '..');
const exportFile = join(fixturesDir, 'national-export-2022.xlsx');
const childScript = join(root, 'tests', 'support', 'importProcess.ts');

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

interface Outcome {
  a: ImportReport | { code: string; message: string };
  b: { counts?: ImportReport['counts']; changeSetId?: number | null; code?: string; message?: string };
  /** Whether B reached its write transaction while A held the database. */
  bWaited: boolean;
}

/** Imports `file` into `db` here (A) and, from inside A's write phase, in a child process (B). */
async function twoImportsAtOnce(file: string, db: string): Promise<Outcome> {
  const dir = tempDir();
  const out = join(dir, 'b.out');
  const err = join(dir, 'b.err');
  const store = Store.open(db);
  let child: ChildProcess | undefined;
  let exited: Promise<unknown> | undefined;
  let bWaited = false;
  try {
    const a = await importFile(store, { path: file }, (phase) => {
      if (phase !== '写入数据库' || child) return;
      const [stdout, stderr] = [openSync(out, 'w'), openSync(err, 'w')];
      child = spawn(process.execPath, ['--import', 'tsx', childScript, file, db], { cwd: root, stdio: ['ignore', stdout, stderr] });
      exited = new Promise((resolve) => child!.once('exit', resolve));
      closeSync(stdout);
      closeSync(stderr);
      const deadline = Date.now() + 25_000;
      while (Date.now() < deadline && !readFileSync(out, 'utf8')) {
        if (readFileSync(err, 'utf8').includes('比对')) {
          bWaited = true;
          sleepSync(500);
          break;
        }
        sleepSync(20);
      }
    }).catch((error: { code: string; message: string }) => ({ code: error.code, message: error.message }));
    expect(child, 'import A never reached its write phase').toBeDefined();
    await exited;
    return { a, b: JSON.parse(readFileSync(out, 'utf8') || '{}'), bWaited };
  } finally {
    store.close();
  }
}

/** The ID numbers on file per household, each household's sorted. */
function membersByHousehold(db: string): Map<string, string[]> {
  const file = new Database(db, { readonly: true });
  const rows = file.prepare('SELECT h.hhNo AS hhNo, m.idNumber AS idNumber FROM members m JOIN households h ON h.id = m.householdId ORDER BY h.hhNo, m.idNumber').all() as { hhNo: string; idNumber: string }[];
  file.close();
  const map = new Map<string, string[]>();
  for (const r of rows) (map.get(r.hhNo) ?? map.set(r.hhNo, []).get(r.hhNo)!).push(r.idNumber);
  return map;
}

describe('two imports at once', () => {
  it('of the same export onto households that lost a member: the members come back once', async () => {
    const db = join(tempDir(), 'paicha.sqlite');
    const seed = Store.open(db);
    await importFile(seed, { path: exportFile });
    const complete = membersByHousehold(db);
    // Five households lose a member (not the 户主, so each stays a household with a head).
    const lost = seed.rows('members').filter((m) => m.relation !== '户主').filter((m, i, all) => all.findIndex((o) => o.householdId === m.householdId) === i).slice(0, 5);
    seed.apply({ label: '删除成员', changes: [{ op: 'delete', table: 'members', ids: lost.map((m) => m.id) }] });
    seed.close();
    expect(lost).toHaveLength(5);

    const { a, b, bWaited } = await twoImportsAtOnce(exportFile, db);

    expect(membersByHousehold(db)).toEqual(complete);
    expect([...membersByHousehold(db).values()].flat()).toHaveLength(expected.members);
    expect(a).toMatchObject({ counts: { newMembers: 5, newHouseholds: 0 } });
    expect(b).toMatchObject({ counts: { newMembers: 0, newHouseholds: 0 }, changeSetId: null });
    expect(bWaited, 'B should have reached its write transaction while A held the database').toBe(true);
  });

  it('of an export naming a new village: the second finds it, and says nothing of a duplicate', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['家庭成员信息']);
    sheet.addRow(['村', '组', '户编号', '姓名', '证件号码', '与户主关系']);
    sheet.addRow(['村001', '一组', '6210251030990001', '马海军', '11010519491231002X', '户主']);
    sheet.addRow(['村001', '一组', '6210251030990002', '冯淑珍', '620102198001010011', '户主']);
    const file = join(tempDir(), '村001.xlsx');
    await workbook.xlsx.writeFile(file);
    const db = join(tempDir(), 'paicha.sqlite');
    Store.open(db).close();

    const { a, b, bWaited } = await twoImportsAtOnce(file, db);

    expect(a).toMatchObject({ counts: { newHouseholds: 2, newMembers: 2 } });
    expect(b).toMatchObject({ counts: { newHouseholds: 0, newMembers: 0, unchanged: 2 }, changeSetId: null });
    expect(JSON.stringify(b)).not.toContain('重复');
    const check = Store.open(db);
    expect(check.rows('villages').map((v) => v.name)).toEqual(['村001']);
    expect(check.count('members')).toBe(2);
    check.close();
    expect(bWaited).toBe(true);
  });

  it('an import that waits too long for another program is told the database is busy, and writes nothing', async () => {
    const dir = tempDir();
    const store = Store.open(join(dir, 'paicha.sqlite'), { busyTimeoutMs: 200 });
    const other = new Database(store.path);
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await thrownByAsync(() => importFile(store, { path: exportFile }));
      expect(error.code).toBe('busy');
      expect(error.message).toContain('数据库正被另一个程序使用');
      // A preview writes nothing, and needs no write lock.
      const preview = await importFile(store, { path: exportFile, dryRun: true });
      expect(preview.counts.newHouseholds).toBe(expected.households);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(store.count('households')).toBe(0);
    expect(store.count('change_sets')).toBe(0);
    store.close();
  });
});
