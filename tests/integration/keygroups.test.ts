// 重点人群 on the sample export with its 2021 income (../shared/fixtures): `paicha keygroups --year 2023 --json` puts
// in ③ exactly the households whose 2022 人均纯收入 is below 10000元 and in ② exactly those whose income fell from
// 2021 — the counts of national-export-2022.expected.json — each with its reason; 附件3 lists them.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { exportLayout } from '../../src/main/services/exporter';
import { Workbook } from '../../src/main/services/xlsx/sheet';
import { Store } from '../../src/main/store';
import { expected, fixturesDir } from '../support/planted';
import { runMain, seedHousehold, tempDir, tempStore } from '../helpers';

interface KeyGroupsJson {
  year: number;
  households: { hhNo: string; village: string; groups: number[]; reasons: string[] }[];
  summary: { village: string; group: number; households: number; people: number }[];
}

let json: KeyGroupsJson;
/** 附件3 as exported, cell texts by row (the files live in a folder removed after the first test). */
const exportedRows: string[][] = [];
let exportedCount = 0;
/** 2022 and 2021 official 人均纯收入 by 户编号, read from the stored records (not through the code under test). */
const perCapita = new Map<string, { y2022?: number; y2021?: number }>();

beforeAll(async () => {
  const db = join(tempDir(), 'sample.sqlite');
  const store = Store.open(db);
  try {
    const api = createApi(store);
    await api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    await api.importFile({ path: join(fixturesDir, 'national-income-2021.xlsx') });
    const hhNo = new Map(store.rows('households').map((h) => [h.id, String(h.hhNo)]));
    for (const income of store.rows('incomes')) {
      const entry = perCapita.get(hhNo.get(Number(income.householdId))!) ?? {};
      entry[income.year === 2022 ? 'y2022' : 'y2021'] = Number(income.officialPerCapita);
      perCapita.set(hhNo.get(Number(income.householdId))!, entry);
    }
  } finally {
    store.close();
  }
  const result = await runMain(['keygroups', '--db', db, '--year', '2023', '--json']);
  expect(result.status).toBe(0);
  json = JSON.parse(result.out) as KeyGroupsJson;

  const path = join(tempDir(), 'keygroups.xlsx');
  const again = Store.open(db);
  try {
    exportedCount = (await exportLayout(again, { layout: 'keygroups', path, year: 2023 })).rows;
  } finally {
    again.close();
  }
  const workbook = await Workbook.open(path, path);
  for await (const row of workbook.rows(workbook.sheets[0]!)) exportedRows.push([...Array(24).keys()].map((i) => row.cells.get(i + 1)?.text ?? ''));
});

const inGroup = (group: number) => json.households.filter((h) => h.groups.includes(group));
const reasonOf = (h: KeyGroupsJson['households'][number], group: number) => h.reasons[h.groups.indexOf(group)]!;

describe('paicha keygroups on the sample', () => {
  it('puts in ③ exactly the households whose 2022 人均纯收入 is below 10000元, each with the figure', () => {
    const below = [...perCapita].filter(([, p]) => p.y2022! < 10000).map(([hhNo]) => hhNo);
    expect(below).toHaveLength(expected.perCapBelow10000In2022);
    expect(inGroup(3).map((h) => h.hhNo).sort()).toEqual(below.sort());
    for (const h of inGroup(3)) {
      expect(reasonOf(h, 3)).toBe(`2022年人均纯收入 ${perCapita.get(h.hhNo)!.y2022!.toLocaleString('zh-CN', { minimumFractionDigits: 2 })}元，低于10000元`);
    }
  });

  it('puts in ② exactly the households whose 2022 income fell from 2021, saying by how much', () => {
    const fell = [...perCapita].filter(([, p]) => p.y2022! < p.y2021!).map(([hhNo]) => hhNo);
    expect(fell).toHaveLength(expected.incomeFellFrom2021);
    expect(inGroup(2).map((h) => h.hhNo).sort()).toEqual(fell.sort());
    for (const h of inGroup(2)) expect(reasonOf(h, 2)).toMatch(/^2022年人均纯收入 [\d,]+\.\d\d元，2021年 [\d,]+\.\d\d元，减少 [\d,]+\.\d\d元（下降 \d+\.\d\d%），收入不增反降$/);
  });

  it('sums the summary by village and group to the same households', () => {
    expect(json.year).toBe(2023);
    const total = (group: number) => json.summary.filter((r) => r.group === group).reduce((n, r) => n + r.households, 0);
    expect(total(3)).toBe(expected.perCapBelow10000In2022);
    expect(total(2)).toBe(expected.incomeFellFrom2021);
    expect(new Set(json.summary.map((r) => r.village))).toEqual(new Set(Object.keys(expected.byVillage)));
  });

  it('lists the same households in 附件3, with groups, reasons and both years of income', () => {
    expect(exportedCount).toBe(json.households.length);
    const rows = exportedRows;
    const header = rows.findIndex((r) => r.includes('所属重点人群'));
    const col = (name: string) => rows[header]!.indexOf(name);
    const first = json.households[0]!;
    const line = rows.find((r) => r[col('户编号')] === first.hhNo)!;
    expect(line[col('所属重点人群')]).toBe(first.groups.map((g) => '①②③④⑤⑥⑦'[g - 1]).join(''));
    expect(line[col('认定依据')]).toBe(first.reasons.join('；'));
    expect(Number(line[col('人均纯收入（元）')])).toBe(perCapita.get(first.hhNo)!.y2022);
    expect(Number(line[col('上年人均纯收入（元）')])).toBe(perCapita.get(first.hhNo)!.y2021);
    expect(line[col('收入年度')]).toBe('2022');
  });
});

describe('⑤ from the journal', () => {
  it('puts in ⑤ a household whose member was granted 低保 by an edit of the year, and takes it out when the edit is undone', async () => {
    const store = tempStore();
    // Edits are dated today: the work year is this year.
    const year = new Date().getFullYear();
    store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'workYear', value: String(year) }] }] });
    seedHousehold(store, [{ name: '马海军', relation: '户主', dibao: '未享受' }]);
    const [member] = store.rows('members');
    const api = createApi(store);
    expect((await api.keyGroups()).households).toEqual([]);
    store.apply({ label: '低保', changes: [{ op: 'update', table: 'members', rows: [{ id: member!.id, dibao: '农村低保' }] }] });
    const [entry] = (await api.keyGroups()).households;
    expect(entry).toMatchObject({ groups: [5], reasons: [expect.stringMatching(/^马海军于 \d{4}-\d{2}-\d{2} 起享受农村低保$/)] });
    store.undo();
    expect((await api.keyGroups()).households).toEqual([]);
  });
});
