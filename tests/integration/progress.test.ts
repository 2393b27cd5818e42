// `paicha progress` and 附件5 on real database files: the counts per village and 片区 as the township head reads
// them, households moved between 片区 in one change set, and the 附件5 export with its computed columns.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import type { Store } from '../../src/main/store';
import { moveHouseholds } from '../../src/shared/commands';
import type { ProgressReport } from '../../src/shared/progress';
import { runMain, tempDir, tempStore } from '../helpers';

const sample = join(__dirname, '../../../shared/fixtures/national-export-2022.xlsx');

/** 东塬村 with 一组 (two households, its pair assigned, one visited and keyed) and 二组 (one household, nobody assigned). */
function seeded(): { store: Store; ids: Record<string, number> } {
  const store = tempStore();
  const result = store.apply({
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'settings', rows: [{ key: 'workYear', value: '2023' }, { key: 'township', value: '某乡' }] },
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'groups', rows: [{ id: -2, villageId: -1, name: '一组' }, { id: -3, villageId: -1, name: '二组' }] },
      {
        op: 'insert',
        table: 'households',
        rows: [
          { id: -4, villageId: -1, groupId: -2, hhNo: '6210251030010001', householdType: '脱贫户' },
          { id: -5, villageId: -1, groupId: -2, hhNo: '6210251030010002', householdType: '一般农户', monitoringType: '边缘易致贫户' },
          { id: -6, villageId: -1, groupId: -3, hhNo: '6210251030010003', householdType: '一般农户' },
        ],
      },
      {
        op: 'insert',
        table: 'members',
        rows: [
          { householdId: -4, name: '马海军', relation: '户主' },
          { householdId: -4, name: '冯淑珍', relation: '配偶' },
          { householdId: -4, name: '马秀兰', relation: '之母', changeType: '自然减少', changeReason: '死亡', changeDate: '2023-06-01' },
          { householdId: -5, name: '李红', relation: '户主' },
          { householdId: -6, name: '王强', relation: '户主' },
        ],
      },
      { op: 'insert', table: 'people', rows: [{ id: -7, villageId: -1, name: '李思源', phone: '13506779372', roles: '信息采集员' }, { id: -8, villageId: -1, name: '王建国', roles: '信息采集员' }] },
      { op: 'insert', table: 'assignments', rows: [{ villageId: -1, groupId: -2, person1Id: -7, person2Id: -8, plannedDate: '2023-11-03' }] },
      {
        op: 'insert',
        table: 'visits',
        rows: [
          { householdId: -4, year: 2023, safeWater: '是', roadType: '水泥路', conclusion: '无风险', visitDate: '2023-11-01', collectMethod: '电话访谈', visitor1Id: -7, visitor2Id: -8, headSigned: '是', collectorSigned: '是' },
        ],
      },
    ],
  });
  const id = (placeholder: string) => result.insertedIds[placeholder]!;
  return { store, ids: { village: id('-1'), group1: id('-2'), group2: id('-3'), h1: id('-4'), h2: id('-5'), h3: id('-6') } };
}

async function progressJson(store: Store, ...extra: string[]): Promise<ProgressReport> {
  const { status, out, err } = await runMain(['progress', '--db', store.path, '--json', ...extra]);
  expect(err).toBe('');
  expect(status).toBe(0);
  return JSON.parse(out) as ProgressReport;
}

describe('paicha progress', () => {
  it('gives the year, the phase and days left, the total, and each village with its 片区', async () => {
    const { store } = seeded();
    const report = await progressJson(store, '--today', '2023-11-04');
    expect(report).toMatchObject({ year: 2023, today: '2023-11-04', phase: '入户采集', daysLeft: 2 });
    expect(report.total).toMatchObject({ households: 3, assigned: 2, visited: 1, keyed: 1, signed: 1, overdue: 1 });
    const [village] = report.villages;
    expect(village).toMatchObject({ village: '东塬村', households: 3, people: 4, assigned: 2, visited: 1, keyed: 1, signed: 1 });
    expect(village!.groups.map((g) => [g.group, g.households, g.people, g.assigned, g.visited, g.overdue, g.dueDate])).toEqual([
      ['一组', 2, 3, 2, 1, 1, '2023-11-03'],
      ['二组', 1, 1, 0, 0, 0, '2023-11-05'],
    ]);
  });

  it('prints a table for people, with the phase', async () => {
    const { store } = seeded();
    const { status, out } = await runMain(['progress', '--db', store.path, '--today', '2023-11-07']);
    expect(status).toBe(0);
    expect(out).toContain('2023年度第二轮排查进度（2023-11-07）：当前阶段「数据录入」（2023-11-06 至 2023-11-14），剩余 8 天');
    expect(out).toContain('行政村/片区\t户数\t人数\t已分工\t已入户\t已录入\t已双签字\t有错误\t逾期未入户');
    expect(out).toContain('  一组\t2\t3\t2\t1\t1\t1\t2\t1');
    expect(out).toContain('  二组\t1\t1\t0\t0\t0\t0\t1\t1');
  });

  it('writes the table as .xlsx in the official layout with --out: a line per 片区, a 小计 per village, the 合计', async () => {
    const { store } = seeded();
    const path = join(tempDir(), '进度.xlsx');
    const { status, out } = await runMain(['progress', '--db', store.path, '--today', '2023-11-04', '--out', path]);
    expect(status).toBe(0);
    expect(out).toContain(`进度表已导出到 ${path}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('某乡2023年度第二轮排查进度（截至 2023-11-04）');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['行政村', '片区（村民小组）', '户数', '人数', '已分工', '已入户', '已录入', '已双签字', '有错误', '逾期未入户', '计划完成时间']);
    const lines = [4, 5, 6, 7].map((n) => (sheet.getRow(n).values as unknown[]).slice(1, 6));
    expect(lines).toEqual([
      ['东塬村', '一组', 2, 3, 2],
      ['东塬村', '二组', 1, 1, 0],
      ['东塬村', '小计', 3, 4, 2],
      ['合计', undefined, 3, 4, 2],
    ]);
  });

  it('refuses a day that is no date, in Chinese', async () => {
    const { store } = seeded();
    const { status, err } = await runMain(['progress', '--db', store.path, '--today', '11月4日']);
    expect(status).toBe(2);
    expect(err).toContain('日期「11月4日」无效');
  });

  it('on the imported sample: each village with its households and nothing visited yet', async () => {
    const store = tempStore();
    await importFile(store, { path: sample });
    store.close();
    const report = await progressJson(store, '--year', '2023', '--today', '2023-10-30');
    expect(report.villages.length).toBeGreaterThan(0);
    expect(report.total.households).toBe(40);
    for (const village of report.villages) {
      expect(village.households).toBeGreaterThan(0);
      expect(village).toMatchObject({ assigned: 0, visited: 0, keyed: 0, signed: 0 });
    }
  });
});

describe('moving households to another 片区', () => {
  it('is one change set: the counts follow, and one undo moves them back', async () => {
    const { store, ids } = seeded();
    store.apply(moveHouseholds([ids.h1!, ids.h2!], { id: ids.group2!, villageId: ids.village! }));
    const moved = await progressJson(store, '--today', '2023-11-04');
    expect(moved.villages[0]!.groups.map((g) => [g.group, g.households, g.assigned])).toEqual([
      ['一组', 0, 0],
      ['二组', 3, 0],
    ]);
    store.undo();
    const back = await progressJson(store, '--today', '2023-11-04');
    expect(back.villages[0]!.groups.map((g) => g.households)).toEqual([2, 1]);
  });
});

describe('附件5 exported', () => {
  it('carries each 片区\'s households and people, of them 脱贫户 and 监测户, computed, on one page across', async () => {
    const { store } = seeded();
    const path = join(tempDir(), 'assignments.xlsx');
    await exportLayout(store, { layout: 'assignments', path, year: 2023 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('某乡第二轮排查入户责任分工表（2023年度）');
    const top = sheet.getRow(3).values as unknown[];
    expect(top).toEqual(expect.arrayContaining(['片区合计（自动计算）', '其中脱贫户', '其中监测户', '村医', '网格员']));
    // 序号, 行政村, 片区, then 户/人 of all, of 脱贫户 and of 监测户.
    expect((sheet.getRow(5).values as unknown[]).slice(1, 10)).toEqual([1, '东塬村', '一组', 2, 3, 1, 2, 1, 1]);
    expect(sheet.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, orientation: 'landscape' });
  });
});
