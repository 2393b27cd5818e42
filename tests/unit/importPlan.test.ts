// The plan of an import, without SQLite: parsed rows and what is on file in, the change set and a line per row out.
import { describe, expect, it } from 'vitest';
import { plan, planRecords, type OnFile } from '../../src/main/services/import/plan';
import type { ParsedRow, RecordRow } from '../../src/main/services/import/types';
import { defaultProfile } from '../../src/shared/profile';
import type { CellValue, Row, TableName } from '../../src/shared/tables';

const HH = '6210251030010001';
const HEAD_ID = '11010519491231002X';
const SPOUSE_ID = '621025196702197786';

type Values = Partial<Record<TableName, Record<string, CellValue>>>;

/** A row of a person-level export, in 东塬村 一组 unless `values` say otherwise. */
function person(rowNo: number, member: Record<string, CellValue>, values: Values = {}, checks: ParsedRow['checks'] = {}): ParsedRow {
  const all: Values = { villages: { name: '东塬村' }, groups: { name: '一组' }, households: { hhNo: HH }, members: member, ...values };
  const defined = Object.entries(all).filter(([, v]) => v !== undefined) as [TableName, Record<string, CellValue>][];
  return { rowNo, hhNo: String(all.households?.hhNo ?? ''), values: new Map(defined), checks };
}

const head = (extra: Record<string, CellValue> = {}) => ({ name: '马海军', idNumber: HEAD_ID, relation: '户主', ...extra });
const spouse = (extra: Record<string, CellValue> = {}) => ({ name: '冯淑珍', idNumber: SPOUSE_ID, relation: '配偶', ...extra });

const nothingOnFile: OnFile = { households: new Map(), membersByHousehold: new Map(), incomeByHousehold: new Map(), visitByHousehold: new Map(), villages: [], groups: [], villageHouseholds: [] };

/** 东塬村 (id 1), its 一组 (id 2), and household 10 with 马海军 (member 100). */
function onFileWith(household: Partial<Row> = {}, member: Partial<Row> = {}): OnFile {
  const h = { id: 10, hhNo: HH, villageId: 1, groupId: 2, phone: '15834703683', ...household } as Row;
  return {
    ...nothingOnFile,
    households: new Map([[HH, h]]),
    membersByHousehold: new Map([[10, [{ id: 100, householdId: 10, name: '马海军', idNumber: HEAD_ID, relation: '户主', education: '小学', birthDate: '1949-12-31', ...member } as Row]]]),
    villages: [{ id: 1, name: '东塬村' }],
    groups: [{ id: 2, villageId: 1, name: '一组' }],
    villageHouseholds: [h],
  };
}

const run = (rows: ParsedRow[], onFile: OnFile = nothingOnFile) =>
  plan({ kind: 'persons', sheet: { rows, lines: [], rowCount: rows.length }, onFile, year: 2022, profile: defaultProfile(2022) });

const statuses = (result: ReturnType<typeof run>) => result.lines.map((l) => [l.rowNo, l.status, l.reason]);

describe('planning an import', () => {
  it('adds a new household with two members, its village and group under placeholders, parents first', () => {
    const result = run([person(3, head()), person(4, spouse())]);
    expect(result.changes).toEqual([
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'groups', rows: [{ id: -2, villageId: -1, name: '一组' }] },
      { op: 'insert', table: 'households', rows: [{ id: -3, hhNo: HH, villageId: -1, groupId: -2 }] },
      { op: 'insert', table: 'members', rows: [{ householdId: -3, ...head() }, { householdId: -3, ...spouse() }] },
    ]);
    expect(result.counts).toMatchObject({ rows: 2, households: 1, members: 2, newHouseholds: 1, newMembers: 2, refused: 0 });
    expect(statuses(result)).toEqual([
      [3, '新增', ''],
      [4, '新增', ''],
    ]);
  });

  it('updates the member that changed in a household on file, and only that field', () => {
    const result = run([person(3, head({ education: '初中' }))], onFileWith());
    expect(result.changes).toEqual([{ op: 'update', table: 'members', rows: [{ id: 100, education: '初中' }] }]);
    expect(result.counts).toMatchObject({ newHouseholds: 0, updatedHouseholds: 0, updatedMembers: 1, unchanged: 0 });
    expect(statuses(result)).toEqual([[3, '更新', '修改：文化程度']]);
    expect(result.absent).toEqual([]);
  });

  it('never erases a value on file with an empty cell', () => {
    const result = run([person(3, head({ education: null, birthDate: null }), { households: { hhNo: HH, phone: null } })], onFileWith());
    expect(result.changes).toEqual([]);
    expect(result.counts).toMatchObject({ unchanged: 1, updatedHouseholds: 0, updatedMembers: 0 });
    expect(statuses(result)).toEqual([[3, '未变', '']]);
  });

  it('refuses the second row of an ID number that appears twice in one household', () => {
    const result = run([person(3, head()), person(4, head({ name: '马海' }))]);
    expect(statuses(result)).toEqual([
      [3, '新增', ''],
      [4, '拒绝', '同一户中证件号码重复出现，只导入第一行'],
    ]);
    const members = result.changes.find((c) => c.op === 'insert' && c.table === 'members');
    expect(members && 'rows' in members ? members.rows.map((r) => r.name) : []).toEqual(['马海军']);
    expect(result.counts).toMatchObject({ members: 1, newMembers: 1, refused: 1 });
  });

  it('refuses every row of a new household without a village, and writes nothing for it', () => {
    const result = run([person(3, head(), { villages: undefined }), person(4, spouse(), { villages: undefined })]);
    expect(result.changes).toEqual([]);
    expect(statuses(result)).toEqual([
      [3, '拒绝', '新的户缺少「村」，无法确定所属行政村'],
      [4, '拒绝', '新的户缺少「村」，无法确定所属行政村'],
    ]);
    expect(result.counts).toMatchObject({ newHouseholds: 0, refused: 2 });
  });

  it('reports a 家庭人口数 that disagrees with the members, and stores nothing of it', () => {
    const result = run([person(3, head(), {}, { size: '3' }), person(4, spouse(), {}, { size: '3' })]);
    expect(result.verifications).toEqual([{ hhNo: HH, what: '家庭人口数', file: '3', app: '2' }]);
    const household = result.changes.find((c) => c.op === 'insert' && c.table === 'households');
    expect(household && 'rows' in household ? Object.keys(household.rows[0]!) : []).not.toContain('size');
  });

  it('keeps the lines of the sheet (a totals row) in row order with its own', () => {
    const skipped = { rowNo: 4, status: '跳过' as const, hhNo: null, name: null, idNumber: null, reason: '合计行' };
    const result = plan({ kind: 'persons', sheet: { rows: [person(3, head()), person(5, spouse())], lines: [skipped], rowCount: 3 }, onFile: nothingOnFile, year: 2022, profile: defaultProfile(2022) });
    expect(statuses(result)).toEqual([
      [3, '新增', ''],
      [4, '跳过', '合计行'],
      [5, '新增', ''],
    ]);
    expect(result.counts).toMatchObject({ rows: 3, skipped: 1, refused: 0 });
  });
});

describe('planning the re-import of an own form', () => {
  it('matches by the natural key one to one, and refuses a village not on file', () => {
    const record = (rowNo: number, village: string, description: string): RecordRow => ({ rowNo, leads: { village, hhNo: '' }, values: { category: '住房安全', description } });
    const result = planRecords({
      table: 'problems',
      key: ['village', 'hhNo', 'description'],
      sheet: { rows: [record(5, '东塬村', '墙体裂缝'), record(6, '东塬村', '墙体裂缝'), record(7, '西塬村', '漏雨'), record(8, '东塬村', '漏雨')], lines: [], rowCount: 4 },
      onFile: { villages: [{ id: 1, name: '东塬村' }], groups: [], households: [], members: [], records: [{ id: 50, villageId: 1, householdId: null, category: '住房安全', description: '墙体裂缝' }] },
      year: 2022,
    });
    expect(result.lines.map((l) => [l.rowNo, l.status, l.reason])).toEqual([
      [5, '未变', ''],
      // Two problems may share village, household and description: the second row is a second record.
      [6, '新增', ''],
      [7, '拒绝', '没有名为「西塬村」的行政村'],
      [8, '新增', ''],
    ]);
    expect(result.changes).toEqual([
      {
        op: 'insert',
        table: 'problems',
        rows: [
          { villageId: 1, category: '住房安全', description: '墙体裂缝' },
          { villageId: 1, category: '住房安全', description: '漏雨' },
        ],
      },
    ]);
    expect(result.counts).toMatchObject({ rows: 4, unchanged: 1, refused: 1, newRecords: 2 });
  });

  it('takes a record listed twice once where the table holds its key once (重点人群: one per household and year)', () => {
    const row = (rowNo: number): RecordRow => ({ rowNo, leads: { hhNo: '6210251030010001' }, values: { riskPoints: '冰雹' } });
    const result = planRecords({
      table: 'keygroups',
      key: ['hhNo', 'year'],
      sheet: { rows: [row(5), row(6)], lines: [], rowCount: 2 },
      onFile: { villages: [], groups: [], households: [{ id: 3, hhNo: '6210251030010001' }], members: [], records: [] },
      year: 2023,
    });
    expect(result.lines.map((l) => [l.rowNo, l.status, l.reason])).toEqual([
      [5, '新增', ''],
      [6, '拒绝', '与第 5 行是同一条记录，只导入第一行'],
    ]);
  });

  it('matches 务工 records to members by 证件号码 and 开始时间, and refuses a person not on file', () => {
    const row = (rowNo: number, idNumber: string, startMonth: string, monthlyIncome: number): RecordRow => ({ rowNo, leads: { idNumber }, values: { isWorking: '是', startMonth, monthlyIncome } });
    const result = planRecords({
      table: 'workRecords',
      key: ['idNumber', 'year', 'startMonth'],
      sheet: { rows: [row(4, '62102519700101001x', '202303', 3500), row(5, '621025197001010017', '202308', 4000), row(6, '621025199001010011', '202301', 3000)], lines: [], rowCount: 3 },
      onFile: {
        villages: [],
        groups: [],
        households: [],
        members: [{ id: 7, idNumber: '62102519700101001X' }, { id: 8, idNumber: '621025197001010017' }],
        records: [{ id: 70, memberId: 7, year: 2023, isWorking: '是', startMonth: '202303', monthlyIncome: 3000 }],
      },
      year: 2023,
    });
    expect(result.lines.map((l) => [l.rowNo, l.status, l.reason])).toEqual([
      [4, '更新', ''],
      [5, '新增', ''],
      [6, '拒绝', '台账中没有证件号码为「621025199001010011」的家庭成员'],
    ]);
    expect(result.changes).toEqual([
      { op: 'insert', table: 'workRecords', rows: [{ memberId: 8, year: 2023, isWorking: '是', startMonth: '202308', monthlyIncome: 4000 }] },
      { op: 'update', table: 'workRecords', rows: [{ id: 70, monthlyIncome: 3500 }] },
    ]);
  });
});
