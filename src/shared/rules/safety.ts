// 两不愁三保障及饮水安全 and living conditions, from the 入户调查表 (S1 1_02_001–009, 1_11_005–007, 4_11_006/007, 5_14_*).
import { personName } from '../people';
import type { Row } from '../tables';
import { householdRule, isMonitored, isNo, isYes, risks, text, who } from './helpers';
import { outOfCompulsorySchool } from './school';
import type { Hit, HouseholdContext, HouseholdRule } from './types';

const visitRule = (
  head: { id: string; severity: 'error' | 'warning'; title: string },
  field: string | null,
  test: (ctx: HouseholdContext, visit: NonNullable<HouseholdContext['visit']>) => string | null | false | undefined,
): HouseholdRule => ({
  ...head,
  scope: 'household',
  check(ctx) {
    if (!ctx.visit) return [];
    const message = test(ctx, ctx.visit);
    return message ? [{ table: 'visits', row: ctx.visit, field, message }] : [];
  },
});

const problems = (visit: NonNullable<HouseholdContext['visit']>) =>
  [
    isYes(visit.unsafeHousing) && '住房不安全（危房）',
    isNo(visit.safeWater) && '饮水安全未解决',
    isYes(visit.dropout) && '有义务教育阶段失学辍学',
  ].filter((p): p is string => !!p);

const landLimits: [string, number][] = [
  ['landFarm', 100],
  ['landGrass', 100],
  ['landWater', 100],
  ['landForest', 200],
  ['landOrchard', 200],
  ['landGrainToGreen', 200],
];

export const safetyRules: HouseholdRule[] = [
  visitRule({ id: 'safety.problemNotMonitored', severity: 'warning', title: '三保障或饮水有问题但未纳入监测' }, null, (ctx, visit) => {
    const found = problems(visit);
    return found.length && !isMonitored(ctx) ? `该户${found.join('、')}，但未纳入监测` : null;
  }),
  visitRule({ id: 'safety.eliminatedWithProblem', severity: 'error', title: '已消除风险但三保障或饮水仍有问题' }, null, (ctx, visit) => {
    const found = problems(visit);
    return found.length && isYes(ctx.household.riskEliminated) ? `该户已标注风险消除，但${found.join('、')}` : null;
  }),
  visitRule({ id: 'safety.riskTypeMissing', severity: 'warning', title: '住房或饮水有问题但风险类型未体现' }, null, (ctx, visit) => {
    if (!isMonitored(ctx)) return null;
    const types = risks(ctx.household);
    if (isYes(visit.unsafeHousing) && !types.includes('因安全住房')) return '该户住房不安全，致贫/返贫风险中却没有「因安全住房」';
    if (isNo(visit.safeWater) && !types.includes('因安全饮水')) return '该户饮水安全未解决，致贫/返贫风险中却没有「因安全饮水」';
    return null;
  }),
  visitRule({ id: 'safety.dropoutInconsistent', severity: 'warning', title: '失学辍学与家庭成员信息不一致' }, 'dropout', (ctx, visit) => {
    const outOfSchool = ctx.active.filter((m) => outOfCompulsorySchool(m) && text(m.row.outOfSchoolReason));
    if (isNo(visit.dropout) && outOfSchool.length) return `${outOfSchool.map(who).join('、')}处于义务教育阶段未上学，调查表却填「无失学辍学」`;
    if (isYes(visit.dropout) && !ctx.active.some(outOfCompulsorySchool)) return '调查表填有失学辍学，家庭成员中却没有未上学的义务教育阶段儿童';
    return null;
  }),
  visitRule({ id: 'safety.housingLevel', severity: 'warning', title: '危房与危房等级不一致' }, 'housingLevel', (_ctx, visit) => {
    const level = text(visit.housingLevel);
    if (isYes(visit.unsafeHousing) && !['C级', 'D级'].includes(level)) return `填为危房户，危房等级却为「${level || '未填'}」（C 级、D 级为危房）`;
    if (isNo(visit.unsafeHousing) && ['C级', 'D级'].includes(level)) return `危房等级为「${level}」，却填为非危房户`;
    return null;
  }),
  {
    id: 'visit.landRange',
    severity: 'warning',
    title: '土地面积超出常见范围',
    scope: 'household',
    check(ctx) {
      const visit = ctx.visit;
      if (!visit) return [];
      return landLimits.flatMap(([field, max]): Hit[] => {
        const value = visit[field];
        return typeof value === 'number' && value > max
          ? [{ table: 'visits', row: visit, field, message: `土地面积 ${value} 亩超过 ${max} 亩，请核实单位是否为亩` }]
          : [];
      });
    },
  },
  visitRule({ id: 'visit.roadDistance', severity: 'warning', title: '与村主干路距离超过 5 公里' }, 'roadDistance', (_ctx, visit) =>
    typeof visit.roadDistance === 'number' && visit.roadDistance > 5 ? `与村主干路距离 ${visit.roadDistance} 公里，请核实` : null,
  ),
  visitRule({ id: 'visit.toiletUsable', severity: 'error', title: '无卫生厕所却填写厕所能正常使用' }, 'toiletUsable', (_ctx, visit) =>
    isNo(visit.toilet) && isYes(visit.toiletUsable) ? '没有卫生厕所，「卫生厕所是否能正常使用」却为「是」' : null,
  ),
  visitRule({ id: 'visit.noElectricity', severity: 'warning', title: '脱贫户未通生活用电' }, 'electricity', (ctx, visit) =>
    text(ctx.household.householdType) === '脱贫户' && isNo(visit.electricity) ? '脱贫户未通生活用电，请核实' : null,
  ),
  // Only for a visit that took place: an import fills the 三保障 answers of the national system without one.
  visitRule({ id: 'visit.visitors', severity: 'error', title: '排查人不足两人' }, 'visitor2Id', (_ctx, visit) =>
    (text(visit.visitor1Id) || text(visit.visitor2Id) || text(visit.visitDate) || text(visit.conclusion)) && (!text(visit.visitor1Id) || !text(visit.visitor2Id))
      ? '入户调查表须由两名排查人签字'
      : null,
  ),
  // By person, not by name: two people of one name are told apart, and a renamed person stays assigned.
  visitRule({ id: 'visit.visitorsNotAssigned', severity: 'error', title: '排查人与入户责任分工表不一致' }, 'visitor1Id', (ctx, visit) => {
    const groupId = ctx.household.groupId;
    const assigned = typeof groupId === 'number' ? (ctx.index.assignmentsByGroup.get(groupId) ?? []) : [];
    if (!assigned.length) return null;
    const allowed = new Set(assigned.flatMap((a) => [a.person1Id, a.person2Id]).filter((id) => typeof id === 'number'));
    const strangers = [visit.visitor1Id, visit.visitor2Id].filter((id) => typeof id === 'number' && !allowed.has(id));
    const names = (ids: Iterable<Row[string] | undefined>) => [...ids].map((id) => personName(ctx.index.personById, id) || '（已删除的人员）').join('、');
    return strangers.length ? `排查人「${names(strangers)}」不是本片区入户责任分工表中的排查责任人（${names(allowed)}）` : null;
  }),
  visitRule({ id: 'visit.unsigned', severity: 'warning', title: '入户调查表户主未签字' }, 'headSigned', (_ctx, visit) =>
    text(visit.conclusion) && !isYes(visit.headSigned) ? '已填排查结论，但户主（农户）尚未签字' : null,
  ),
  householdRule({ id: 'safety.conclusionMonitoring', severity: 'warning', title: '排查结论与监测状态不一致' }, null, (ctx) => {
    const conclusion = text(ctx.visit?.conclusion);
    if (conclusion === '建议纳入监测' && isMonitored(ctx) && !isYes(ctx.household.riskEliminated)) return '排查结论为「建议纳入监测」，该户已是监测对象';
    if (conclusion === '建议风险消除' && !isMonitored(ctx)) return '排查结论为「建议风险消除」，该户却不是监测对象';
    return null;
  }),
];
