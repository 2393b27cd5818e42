// 进度 and 附件5's counts, derived from a year's rows: phases from the profile's calendar, what counts as visited,
// keyed and double-signed, overdue after the 片区's planned date — and the rules that share those definitions.
import { describe, expect, it } from 'vitest';
import { campaignPhases, keyedVisit, phaseOn, progressReport } from '../../src/shared/progress';
import { runChecks } from '../../src/shared/rules';
import type { Row } from '../../src/shared/tables';
import { buildYearData } from '../../src/shared/yearData';
import { cleanData, idFor, profile2023, rowOf } from './rules-fixture';

const place = { county: '某县', township: '某乡' };
const yearOf = (data = cleanData(), profile = profile2023()) => buildYearData({ ...data, keygroups: [] }, profile, place);

/** The clean village with a second group: 二组, two households (one 一般农户 of 3, one 监测户 of 1), not yet visited. */
function twoGroups() {
  const data = cleanData();
  data.groups.push({ id: 2, villageId: 1, name: '二组' } as Row);
  data.people.push({ id: 6, villageId: 1, name: '赵六' } as Row, { id: 7, villageId: 1, name: '钱七' } as Row);
  data.assignments.push({ id: 2, villageId: 1, groupId: 2, person1Id: 6, person2Id: 7, plannedDate: '2023-11-03' } as Row);
  data.households.push(
    { id: 2, villageId: 1, groupId: 2, hhNo: '6210251030010002', householdType: '一般农户' } as Row,
    { id: 3, villageId: 1, groupId: 2, hhNo: '6210251030010003', householdType: '一般农户', monitoringType: '边缘易致贫户' } as Row,
  );
  for (const [id, householdId] of [[20, 2], [21, 2], [22, 2], [30, 3]] as const) data.members.push({ id, householdId, name: `成员${id}`, relation: id % 10 ? '之子' : '户主' } as Row);
  return data;
}

describe('the campaign calendar', () => {
  const phases = campaignPhases(profile2023());

  it('follows the work plan by default, each phase starting the day after the last ends', () => {
    expect(phases).toEqual([
      { name: '动员部署', start: '2023-10-21', end: '2023-10-27' },
      { name: '入户采集', start: '2023-10-28', end: '2023-11-05' },
      { name: '数据录入', start: '2023-11-06', end: '2023-11-14' },
      { name: '总结报告', start: '2023-11-15', end: '2023-11-20' },
    ]);
  });

  it('tells the phase of a day and the days left, the last day included', () => {
    expect(phaseOn(phases, '2023-11-01')).toEqual({ phase: '入户采集', daysLeft: 5 });
    expect(phaseOn(phases, '2023-11-05')).toEqual({ phase: '入户采集', daysLeft: 1 });
    expect(phaseOn(phases, '2023-11-06')).toEqual({ phase: '数据录入', daysLeft: 9 });
    expect(phaseOn(phases, '2023-10-01')).toEqual({ phase: '未开始', daysLeft: null });
    expect(phaseOn(phases, '2023-12-01')).toEqual({ phase: '已结束', daysLeft: null });
  });

  it('reads the 六必访 and 六必查 lists of 设置, any separator, with the defaults when empty', () => {
    expect(profile2023({ mustVisit: '低保户、残疾户；独居老人户' }).mustVisit).toEqual(['低保户', '残疾户', '独居老人户']);
    expect(profile2023({ mustCheck: ' ' }).mustCheck).toHaveLength(6);
  });

  it('takes the dates the township set', () => {
    expect(phaseOn(campaignPhases(profile2023({ collectEnd: '2023-11-10' })), '2023-11-08')).toEqual({ phase: '入户采集', daysLeft: 3 });
  });
});

describe('a visit keyed', () => {
  it('needs an answer in D and E, the conclusion, and the date and both 排查人', () => {
    const visit = rowOf(cleanData(), 'visits', 1);
    expect(keyedVisit(visit)).toBe(true);
    expect(keyedVisit({ ...visit, conclusion: null })).toBe(false);
    expect(keyedVisit({ ...visit, visitor2Id: null })).toBe(false);
    expect(keyedVisit({ id: 1, householdId: 1, year: 2023, unsafeHousing: '否', safeWater: '是', dropout: '否' })).toBe(false);
    expect(keyedVisit(undefined)).toBe(false);
  });
});

describe('the progress report', () => {
  it('counts each 片区 and village: households, people, 脱贫户 and 监测户, and the state of the round', () => {
    const report = progressReport(yearOf(twoGroups()), '2023-11-04', new Set([3]));
    expect(report).toMatchObject({ year: 2023, phase: '入户采集', daysLeft: 2 });
    const [village] = report.villages;
    expect(village!.groups.map((g) => [g.group, g.households, g.people, g.povertyHouseholds, g.povertyPeople, g.monitoredHouseholds, g.monitoredPeople])).toEqual([
      ['一组', 1, 4, 1, 4, 1, 4],
      ['二组', 2, 4, 0, 0, 1, 1],
    ]);
    expect(village!.groups.map((g) => [g.assigned, g.visited, g.keyed, g.signed, g.errors, g.overdue, g.dueDate])).toEqual([
      [1, 1, 1, 1, 0, 0, '2023-11-05'],
      [2, 0, 0, 0, 1, 2, '2023-11-03'],
    ]);
    expect(village).toMatchObject({ village: '东塬村', households: 3, people: 8, assigned: 3, visited: 1, errors: 1, overdue: 2 });
    expect(report.total).toEqual(expect.objectContaining({ households: 3, visited: 1, keyed: 1, signed: 1 }));
  });

  it('counts a 片区 without two 排查责任人 as not assigned, and households in no group apart', () => {
    const data = twoGroups();
    rowOf(data, 'assignments', 2).person2Id = null;
    rowOf(data, 'households', 3).groupId = null;
    const [village] = progressReport(yearOf(data), '2023-11-01', new Set()).villages;
    expect(village!.groups.map((g) => [g.group, g.households, g.assigned, g.overdue])).toEqual([
      ['一组', 1, 1, 0],
      ['二组', 1, 0, 0],
      ['（未分组）', 1, 0, 0],
    ]);
  });

  it('leaves 家庭人口数 to the members: one who married out is no longer counted', () => {
    const data = cleanData();
    Object.assign(rowOf(data, 'members', 4), { changeType: '自然减少', changeReason: '婚出', changeDate: '2023-08-01' });
    expect(progressReport(yearOf(data), '2023-11-01', new Set()).total.people).toBe(3);
  });

  it('…and a newborn of this year is', () => {
    const data = cleanData();
    data.members.push({ id: 9, householdId: 1, name: '马小宝', sex: '男', idNumber: idFor('2023-09-01', '男', 6), relation: '之孙子', changeType: '自然增加', changeReason: '新生儿', changeDate: '2023-09-10' } as Row);
    expect(progressReport(yearOf(data), '2023-11-01', new Set()).total.people).toBe(5);
  });
});

describe('the rules of the round', () => {
  const findings = (data: ReturnType<typeof cleanData>, today = '2023-11-04') => runChecks(data, profile2023(), { today });
  const of = (id: string) => (f: { ruleId: string }) => f.ruleId === id;

  it('remind while a visited 脱贫户 lacks the 信息采集员 signature on its visit, or a signature on its income', () => {
    const data = cleanData();
    rowOf(data, 'visits', 1).collectorSigned = '否';
    rowOf(data, 'incomes', 1).headSigned = null;
    expect(findings(data).filter(of('visit.notDoubleSigned')).map((f) => [f.table, f.field, f.severity, f.message])).toEqual([
      ['visits', 'collectorSigned', 'warning', '已入户排查，入户调查表（两不愁三保障）信息采集员尚未签字，未完成双签字'],
      ['incomes', 'headSigned', 'warning', '已入户排查，收入信息采集表户主尚未签字，未完成双签字'],
    ]);
  });

  it('say nothing of signatures before the visit, nor for a 一般农户 that is not monitored', () => {
    const unvisited = cleanData();
    rowOf(unvisited, 'visits', 1).visitDate = null;
    rowOf(unvisited, 'incomes', 1).collectorSigned = null;
    expect(findings(unvisited).filter(of('visit.notDoubleSigned'))).toEqual([]);
    const ordinary = cleanData();
    Object.assign(rowOf(ordinary, 'households', 1), { householdType: '一般农户', monitoringType: null, identifiedMonth: null, risk1: null, riskEliminated: null });
    rowOf(ordinary, 'incomes', 1).collectorSigned = null;
    expect(findings(ordinary).filter(of('visit.notDoubleSigned'))).toEqual([]);
  });

  it('find a household not visited after its 片区\'s planned date, and not before', () => {
    const data = twoGroups();
    expect(findings(data, '2023-11-03').filter(of('visit.overdue'))).toEqual([]);
    const late = findings(data, '2023-11-04').filter(of('visit.overdue'));
    expect(late.map((f) => f.householdId)).toEqual([2, 3]);
    expect(late[0]!.message).toBe('本片区应在 2023-11-03 前完成入户排查，该户至今没有排查日期');
  });

  it('find 排查人 who are not the pair of the household\'s 片区', () => {
    const data = twoGroups();
    data.visits.push({ id: 2, householdId: 2, year: 2023, visitDate: '2023-11-02', visitor1Id: 6, visitor2Id: 2 } as Row);
    const found = findings(data).filter(of('visit.visitorsNotAssigned'));
    expect(found.map((f) => [f.householdId, f.message])).toEqual([[2, '排查人「李思源」不是本片区入户责任分工表中的排查责任人（赵六、钱七）']]);
  });
});
