// Village-level records: 脱贫村 indicators, 入户责任分工, 问题台账 (S1 countryside/*; P1; P13).
import { isNo, isYes, text } from './helpers';
import type { Hit, RuleHead, VillageContext, VillageRule } from './types';

const villageRule = (
  head: RuleHead,
  check: (ctx: VillageContext) => Hit[],
): VillageRule => ({ ...head, scope: 'village', check });

export const villageRules: VillageRule[] = [
  villageRule({ id: 'village.totals', severity: 'error', title: '村总户数或总人口为空或为 0' }, (ctx) => {
    const row = ctx.indicators;
    if (!row) return [];
    return (['totalHouseholds', 'totalPopulation'] as const)
      .filter((key) => !(typeof row[key] === 'number' && (row[key] as number) > 0))
      .map((key) => ({ table: 'villageIndicators', row, field: key, message: `${text(ctx.village.name)}的${key === 'totalHouseholds' ? '总户数' : '总人口数'}为空或为 0` }));
  }),
  villageRule({ id: 'village.problemHouseholds', severity: 'error', title: '未饮水安全户与危房户之和超过总户数' }, (ctx) => {
    const row = ctx.indicators;
    const total = typeof row?.totalHouseholds === 'number' ? row.totalHouseholds : null;
    if (!row || total === null) return [];
    const sum = (Number(row.unsafeWaterHouseholds) || 0) + (Number(row.unsafeHousingHouseholds) || 0);
    return sum > total ? [{ table: 'villageIndicators', row, field: 'unsafeWaterHouseholds', message: `未实现饮水安全户数与危房户数之和 ${sum} 超过总户数 ${total}` }] : [];
  }),
  villageRule({ id: 'village.population', severity: 'error', title: '总人口少于总户数' }, (ctx) => {
    const row = ctx.indicators;
    return row && typeof row.totalHouseholds === 'number' && typeof row.totalPopulation === 'number' && row.totalPopulation < row.totalHouseholds
      ? [{ table: 'villageIndicators', row, field: 'totalPopulation', message: `总人口数 ${row.totalPopulation} 少于总户数 ${row.totalHouseholds}` }]
      : [];
  }),
  // S1 countryside/*: a village (出列村) without collective income, or cut off from its 乡镇, is asked about.
  villageRule({ id: 'village.noCollectiveIncome', severity: 'warning', title: '村级集体经济收入为 0' }, (ctx) => {
    const row = ctx.indicators;
    return row && row.collectiveIncome === 0
      ? [{ table: 'villageIndicators', row, field: 'collectiveIncome', message: `${text(ctx.village.name)}的村级集体经济收入为 0，请核实` }]
      : [];
  }),
  villageRule({ id: 'village.noRoadToTown', severity: 'warning', title: '行政村到乡镇未通沥青（水泥）路' }, (ctx) => {
    const row = ctx.indicators;
    return row && isNo(row.pavedRoadToTown)
      ? [{ table: 'villageIndicators', row, field: 'pavedRoadToTown', message: `${text(ctx.village.name)}到乡镇未通沥青（水泥）路，请核实` }]
      : [];
  }),
  villageRule({ id: 'village.unassignedGroup', severity: 'warning', title: '片区没有入户排查责任人', waitsFor: { table: 'assignments', what: '入户责任分工' } }, (ctx) =>
    ctx.groups
      .filter((g) => !ctx.assignments.some((a) => a.groupId === g.id && text(a.person1Id) && text(a.person2Id)))
      .map((g) => ({ table: 'groups' as const, row: g, field: 'name', message: `${text(ctx.village.name)}${text(g.name)}没有两名入户排查责任人` })),
  ),
  villageRule({ id: 'problem.closedWithoutDate', severity: 'error', title: '问题已销号但未填销号日期' }, (ctx) =>
    ctx.problems
      .filter((p) => isYes(p.closed) && !text(p.closedDate))
      .map((p) => ({ table: 'problems' as const, row: p, field: 'closedDate', message: `问题「${text(p.description).slice(0, 20)}」已销号，销号日期未填写` })),
  ),
  villageRule({ id: 'problem.overdue', severity: 'warning', title: '问题超过整改时限仍未销号' }, (ctx) =>
    ctx.problems
      .filter((p) => !isYes(p.closed) && text(p.deadline) && text(p.deadline) < ctx.today)
      .map((p) => ({ table: 'problems' as const, row: p, field: 'deadline', message: `问题「${text(p.description).slice(0, 20)}」整改时限 ${text(p.deadline)} 已过，仍未销号` })),
  ),
];
