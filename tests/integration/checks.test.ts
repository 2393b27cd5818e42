// 数据核查 over a real database: the scoped re-check after an edit agrees with the full check, confirmations and
// the profile come from the database through the one write path.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { findingsIn } from '../../src/main/services/checks';
import { importFile } from '../../src/main/services/import';
import { loadYear } from '../../src/main/services/loadYear';
import { settingKeys } from '../../src/shared/tables';
import { seedHousehold, tempStore } from '../helpers';
import { expected, fixturesDir, ruleForPlanted } from '../support/planted';

const person = { insResidentMedical: '是', insEmployeeMedical: '否', insCriticalIllness: '是', idType: '居民身份证', ethnicity: '回族', health: '健康', laborSkill: '普通劳动力', education: '初中' };

describe('checks over the store', () => {
  it('finds the same problems for a household whether all or only it is checked, including duplicates elsewhere', async () => {
    const store = tempStore();
    seedHousehold(store, [{ name: '王淑珍', relation: '户主', sex: '女', idNumber: '621025196912209976', ...person }]);
    store.apply({
      label: '新增户',
      changes: [
        { op: 'insert', table: 'households', rows: [{ id: -1, villageId: 1, hhNo: '6210251030030006', phone: '15834703683', householdType: '一般农户' }] },
        { op: 'insert', table: 'members', rows: [{ householdId: -1, name: '王淑珍', relation: '户主', sex: '女', idNumber: '621025196912209976', ...person }] },
      ],
    });
    const api = createApi(store);
    const all = (await api.check({ year: 2023 })).findings.filter((f) => f.householdId === 2);
    const scoped = (await api.check({ year: 2023, householdIds: [2] })).findings;
    expect(scoped).toEqual(all);
    expect(scoped.map((f) => f.ruleId)).toContain('member.duplicateId');
  });

  it('uses the profile stored for the year, and the work year from 设置', async () => {
    const store = tempStore();
    const api = createApi(store);
    expect((await api.profile(2023)).profile).toMatchObject({ monitoringLine: null, keyGroupLine: 10000, keyGroupIncomeYear: 2022 });
    store.apply({
      label: '修改政策年度参数',
      changes: [
        { op: 'insert', table: 'profiles', rows: [{ year: 2023, monitoringLine: 7500, keyGroupLine: 9000 }] },
        { op: 'insert', table: 'settings', rows: [{ key: settingKeys.workYear, value: '2023' }] },
      ],
    });
    const info = await api.profile();
    expect(info.workYear).toBe(2023);
    expect(info.profile).toMatchObject({ year: 2023, monitoringLine: 7500, keyGroupLine: 9000 });
    expect((await api.check()).monitoringLineText).toBe('2023年度监测范围：7500 元/人/年');
  });

  it('keeps a confirmed 提醒 confirmed, with the reason and who confirmed it', async () => {
    const store = tempStore();
    store.apply({ label: '设置操作员', changes: [{ op: 'insert', table: 'settings', rows: [{ key: settingKeys.operator, value: '李思源' }] }] });
    seedHousehold(store, [{ name: '马海军', relation: '户主', sex: '男', idNumber: '621025195001010014', ...person, insCriticalIllness: '否' }]);
    const api = createApi(store);
    const warning = (await api.check({ year: 2023 })).findings.find((f) => f.ruleId === 'member.noCriticalIllness')!;
    expect(warning.severity).toBe('warning');
    await api.apply({
      label: '确认提醒',
      changes: [{ op: 'insert', table: 'confirmations', rows: [{ ruleId: warning.ruleId, target: `members:${warning.rowId}:${warning.field}`, reason: '已在外省参保', confirmedBy: '李思源', confirmedAt: '2023-11-20' }] }],
    });
    const again = (await api.check({ year: 2023 })).findings.find((f) => f.ruleId === 'member.noCriticalIllness')!;
    expect(again.confirmation).toEqual({ reason: '已在外省参保', by: '李思源', at: '2023-11-20' });
  });
});

describe('checks over the sample export and last year\'s income', () => {
  it('find every planted problem for 2022 and 2023, every fall of income, and say once that the line is missing', async () => {
    const store = tempStore();
    await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
    await importFile(store, { path: join(fixturesDir, 'national-income-2021.xlsx') });
    const api = createApi(store);
    for (const year of [2022, 2023]) {
      const { findings } = await api.check({ year });
      for (const p of expected.planted) {
        const found = findings.filter((f) => f.ruleId === ruleForPlanted[p.kind] && f.hhNo === p.hhNo && (!p.id || p.kind === 'phone_format' || f.idNumber === p.id));
        expect(found.length, `${year} ${p.kind}`).toBeGreaterThan(0);
      }
      expect(findings.filter((f) => f.ruleId === 'income.monitoringLineMissing')).toHaveLength(1);
      expect(findings.filter((f) => f.ruleId === 'income.drop')).toHaveLength(year === 2022 ? expected.incomeFellFrom2021 : 0);
    }
  });
});

describe('a whole year checked village by village', () => {
  it('finds exactly what a check in one piece finds, in the same order: duplicates and phones across villages, the profile once', async () => {
    const store = tempStore();
    await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
    const [first] = store.rows('members', { relation: '户主' });
    const [household] = store.rows('households', { id: first!.householdId ?? null });
    // A household of a new village, with the ID number of a member of the sample and the phone of its household.
    store.apply({
      label: '新增村和户',
      changes: [
        { op: 'insert', table: 'villages', rows: [{ id: -1, name: '西山村' }] },
        { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030099001', phone: household!.phone, householdType: '一般农户' }] },
        { op: 'insert', table: 'members', rows: [{ householdId: -2, name: '王淑珍', relation: '户主', sex: first!.sex, idNumber: first!.idNumber, ...person }] },
      ],
    });
    const { findings } = await createApi(store).check({ year: 2022 });
    const inOnePiece = findingsIn(store, loadYear(store, { year: 2022 }), { partial: false, villageRules: true });
    expect(new Set(findings.map((f) => f.villageId)).size).toBeGreaterThan(1);
    expect(findings).toEqual(inOnePiece);
    const [newcomer] = store.rows('households', { hhNo: '6210251030099001' });
    const across = findings.filter((f) => f.ruleId === 'member.duplicateId' && f.message.includes('其他户'));
    expect(across.map((f) => f.householdId)).toEqual(expect.arrayContaining([household!.id, newcomer!.id]));
    expect(findings.filter((f) => f.ruleId === 'household.sharedPhone').length).toBeGreaterThanOrEqual(2);
    expect(findings.filter((f) => f.ruleId === 'income.monitoringLineMissing')).toHaveLength(1);
  });
});

describe('rules waiting for data nobody has entered yet', () => {
  it('do not run until some of their data is on file, and say what they wait for', async () => {
    const store = tempStore();
    const api = createApi(store);
    await api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    const before = await api.check();
    const waiting = before.waiting.map((w) => w.ruleId);
    expect(waiting).toEqual(expect.arrayContaining(['monitor.noMeasures', 'monitor.contact', 'village.unassignedGroup', 'income.missing']));
    expect(before.waiting.find((w) => w.ruleId === 'monitor.noMeasures')).toMatchObject({ what: '帮扶措施' });
    expect(before.findings.filter((f) => waiting.includes(f.ruleId))).toEqual([]);

    // One 帮扶措施 keyed anywhere: the rules on 帮扶措施 now apply to every household.
    const [household] = store.rows('households');
    await api.apply({ label: '新增帮扶措施', changes: [{ op: 'insert', table: 'measures', rows: [{ householdId: household!.id, category: '产业帮扶' }] }] });
    const after = await api.check();
    expect(after.waiting.map((w) => w.ruleId)).not.toContain('monitor.noMeasures');
    expect(after.findings.some((f) => f.ruleId === 'monitor.noMeasures')).toBe(true);
  });
});
