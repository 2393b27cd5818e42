// One loader of a year's data: checks, exports and imports all read through loadYear, which gives the same rows,
// indexes and derived facts for the whole database, one village, or some households.
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { check } from '../../src/main/services/checks';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import { loadYear } from '../../src/main/services/loadYear';
import { tempDir, tempStore } from '../helpers';
import { fixturesDir } from '../support/planted';

vi.mock('../../src/main/services/loadYear', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/main/services/loadYear')>();
  return { ...actual, loadYear: vi.fn(actual.loadYear) };
});

const sample = join(fixturesDir, 'national-export-2022.xlsx');
const loaded = () => vi.mocked(loadYear).mock.calls.map(([, scope]) => scope ?? {});

beforeEach(() => {
  vi.mocked(loadYear).mockClear();
});

describe('loadYear', () => {
  // The importer reads only the households of each batch it merges (bounded memory at county scale), not a year; the
  // check of a whole year reads it a village at a time.
  it('is what the checks and the exporter read through', async () => {
    const store = tempStore();
    await importFile(store, { path: sample });

    vi.mocked(loadYear).mockClear();
    check(store, { year: 2022 });
    // A whole year is checked one village at a time (bounded memory at county scale).
    expect(loaded()).toEqual(store.rows('villages').map((v) => expect.objectContaining({ year: 2022, villageId: v.id })));

    vi.mocked(loadYear).mockClear();
    await exportLayout(store, { layout: 'income', path: join(tempDir(), 'income.xlsx'), year: 2022 });
    expect(loaded()).toEqual([expect.objectContaining({ year: 2022 })]);
  });

  it('loads the whole database, one village or some households with the same derived facts', async () => {
    const store = tempStore();
    await importFile(store, { path: sample });
    const all = loadYear(store, { year: 2022 });
    expect(all.households).toHaveLength(40);
    expect(all.members).toHaveLength(129);
    expect(all.incomes.every((r) => r.year === 2022 || r.year === 2021)).toBe(true);

    const [village] = store.rows('villages', { name: '东塬村' });
    const one = loadYear(store, { year: 2022, villageId: village!.id });
    expect(one.villages.map((v) => v.name)).toEqual(['东塬村']);
    expect(one.households.every((h) => h.villageId === village!.id)).toBe(true);
    expect(one.households.length).toBeGreaterThan(0);

    const some = loadYear(store, { year: 2022, householdIds: [one.households[0]!.id] });
    expect(some.households).toHaveLength(1);
    const id = one.households[0]!.id;
    expect(some.derived.get(id)).toEqual(all.derived.get(id));
    expect(one.derived.get(id)).toEqual(all.derived.get(id));
    expect(all.derived.get(id)!.income?.perCapita).toEqual(expect.any(Number));
  });
});
