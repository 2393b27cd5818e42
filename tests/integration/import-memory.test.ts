// A county's import does not hold the county: the planning thread reads the rows and plans them a batch of
// households at a time, and the importing thread writes each batch as it comes — still one change set, one undo.
// What the importing thread keeps alive grows with the file only by the report's line per row (the planning thread
// holds a few batches and, while it reads, the file's shared strings).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/services/import';
import { HOUSEHOLDS_PER_BATCH } from '../../src/main/services/import/national';
import type { Change } from '../../src/shared/changes';
import { tempDir, tempStore } from '../helpers';
import { writeNationalExport } from '../support/nationalExport';

const root = join(__dirname, '..', '..');

/** Imports `file` into a new database in a process of its own; what it kept alive at most, in MB. */
function liveMemoryOfImport(file: string): number {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'tests', 'support', 'countyWork.ts'), 'import', file, join(tempDir(), 'paicha.sqlite')], { cwd: root, encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { peakLiveMb: number }).peakLiveMb;
}

describe('importing in bounded memory', () => {
  it('keeps no more alive for 10,000 households than for 2,000, but for the report of its rows', async () => {
    const dir = tempDir();
    const small = join(dir, '2000.xlsx');
    const large = join(dir, '10000.xlsx');
    await writeNationalExport(small, 2_000);
    const rows = (await writeNationalExport(large, 10_000)) - 6_400;
    const growth = liveMemoryOfImport(large) - liveMemoryOfImport(small);
    // 25,600 more rows: the report's lines take about 200 bytes each (5 MB); holding the rows took over 2 KB each.
    expect(rows).toBe(25_600);
    expect(growth).toBeLessThan(20);
  }, 120_000);

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
