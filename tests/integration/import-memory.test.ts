// A county's import does not hold the county: the planning thread reads the rows and plans them a batch of
// households at a time, and the importing thread writes each batch as it comes — still one change set, one undo.
// What either thread keeps alive grows with the file only by what is packed outside the JS heap (the report's lines,
// ~40 bytes a row; the file's shared strings, as their UTF-8); the process's peak RSS settles as the file grows.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/services/import';
import { HOUSEHOLDS_PER_BATCH } from '../../src/main/services/import/national';
import type { Change } from '../../src/shared/changes';
import { tempDir, tempStore } from '../helpers';
import { writeNationalExport } from '../support/nationalExport';

const root = join(__dirname, '..', '..');

/**
 * `import` (the importing thread, writing) or `plan` (the planning thread's work, run in the process's own thread)
 * of `file` into a new database in a process of its own: what it kept alive at most (JS heap and buffers), in MB.
 */
function liveMemory(mode: 'import' | 'plan', file: string): number {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'tests', 'support', 'countyWork.ts'), mode, file, join(tempDir(), 'paicha.sqlite')], { cwd: root, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { peakLiveMb: number }).peakLiveMb;
}

/**
 * The built `paicha import` of `file` into a new database, saving its report of every row, in a process of its own:
 * its peak RSS (all threads), in MB.
 */
function peakRssOfImport(file: string): number {
  const result = join(tempDir(), 'result.json');
  const report = join(tempDir(), '导入报告.xlsx');
  const run = spawnSync(process.execPath, [join(root, 'tests', 'support', 'cliWork.cjs'), result, '--db', join(tempDir(), 'paicha.sqlite'), 'import', file, '--year', '2023', '--report', report], { cwd: root, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(readFileSync(result, 'utf8')) as { peakRssMb: number }).peakRssMb;
}

describe('importing in bounded memory', () => {
  it('keeps no more alive in either thread for 10,000 households than for 2,000, but what it packs', async () => {
    const dir = tempDir();
    const small = join(dir, '2000.xlsx');
    const large = join(dir, '10000.xlsx');
    await writeNationalExport(small, 2_000);
    const rows = (await writeNationalExport(large, 10_000)) - 6_400;
    expect(rows).toBe(25_600);
    // 25,600 more rows: measured 3 MB more in each thread — the report's lines packed (with the room they grow into)
    // and the ids of the rows placed; the shared strings of 8,000 more households and their 户编号. Holding the rows
    // took over 2 KB each (50 MB).
    // (That the lines take ~40 bytes each, not the ~200 of objects, is report-lines.test.ts's.)
    expect(liveMemory('import', large) - liveMemory('import', small)).toBeLessThan(6);
    expect(liveMemory('plan', large) - liveMemory('plan', small)).toBeLessThan(6);
  }, 120_000);

  it('peaks for 100,000 households within 200 MB of its peak for 20,000, its report of every row saved', async () => {
    const dir = tempDir();
    const small = join(dir, '20000.xlsx');
    const large = join(dir, '100000.xlsx');
    await writeNationalExport(small, 20_000);
    await writeNationalExport(large, 100_000);
    const [smallRss, largeRss] = [peakRssOfImport(small), peakRssOfImport(large)];
    // Measured 305–330 MB and 405–445 MB: five times the file adds SQLite's page cache filling up to its 32 MB, the
    // threads' heaps settling, and the packed lines and strings (~0.4 KB a household). Holding the file took 25 KB
    // a household (2.6 GB for 100,000); the report's 320,000 rows written without pauses, 730 MB.
    expect(largeRss - smallRss).toBeLessThan(200);
    expect(largeRss).toBeLessThan(600);
  }, 300_000);

  it('writes the change set in parts of at most one batch of households, as one change set', async () => {
    const file = join(tempDir(), '450.xlsx');
    await writeNationalExport(file, 450);
    const store = tempStore();
    const parts: number[] = [];
    const writer = store.changeSetWriter.bind(store);
    store.changeSetWriter = (label) => {
      const inner = writer(label);
      // New rows come from the planning thread as columns.
      const households = (changes: Change[]) => changes.reduce((n, c) => n + (c.table === 'households' && c.op === 'insertColumns' ? c.ids!.length : 0), 0);
      return { ...inner, apply: (changes: Change[]) => (parts.push(households(changes)), inner.apply(changes)) };
    };
    const report = await importFile(store, { path: file, year: 2023 });
    // Households by the batch, then the export's date noted in 设置 (no household).
    expect(parts).toEqual([100, 100, 100, 100, 50, 0]);
    expect(Math.max(...parts)).toBe(HOUSEHOLDS_PER_BATCH);
    expect(report.counts).toMatchObject({ households: 450, newHouseholds: 450 });
    expect(store.count('change_sets')).toBe(1);
    expect(store.journal(1)[0]).toMatchObject({ label: '导入「450.xlsx」', entries: expect.any(Number) });
    store.undo();
    expect(store.count('households')).toBe(0);
    expect(store.count('members')).toBe(0);
  });
});
