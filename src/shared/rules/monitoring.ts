// The monitoring lifecycle: identification, risks, measures, elimination (S1 1_11_*, 2_11_*, 4_11_*, 5_11_*, 5_18_*).
import { hasLabour, householdHit, householdRule, isMonitored, isYes, measureCategories, parts, receivesWelfare, risks, text, who } from './helpers';
import type { Hit, HouseholdContext, HouseholdRule, RuleHead } from './types';
import { procedureState } from '../monitoring';

const monthsBetween = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(4, 6)) - Number(from.slice(4, 6)));
const referenceMonth = (ctx: HouseholdContext) => ctx.profile.referenceDate.slice(0, 7).replace('-', '');
const isMonth = (v: string) => /^\d{6}$/.test(v);

/** For each risk, the measure categories that answer it (REFERENCE.md b, "Risk ↔ measure consistency"). */
const answers: Record<string, string[]> = {
  因病: ['健康帮扶', '社会帮扶', '综合保障'],
  因学: ['义务教育保障', '教育帮扶', '社会帮扶'],
  因残: ['综合保障', '社会帮扶'],
  因安全住房: ['住房安全保障', '搬迁'],
  因安全饮水: ['饮水安全保障'],
};
const developmental = ['产业帮扶', '就业帮扶', '金融帮扶', '公益岗位帮扶'];

const monitored = (
  head: RuleHead,
  field: string | null,
  test: (ctx: HouseholdContext) => string | null | false | undefined,
) => householdRule(head, field, (ctx) => (isMonitored(ctx) ? test(ctx) : null));

/** 帮扶措施 are keyed in this app (the national export does not list them). */
const measuresKeyed = { table: 'measures', what: '帮扶措施' } as const;

export const monitoringRules: HouseholdRule[] = [
  monitored({ id: 'monitor.noRisk', severity: 'error', title: '监测对象未填致贫/返贫风险' }, 'risk1', (ctx) =>
    !text(ctx.household.risk1) ? '该户为监测对象，致贫/返贫风险1未填写' : null,
  ),
  monitored({ id: 'monitor.identifiedMonth', severity: 'error', title: '监测对象未填识别监测时间' }, 'identifiedMonth', (ctx) =>
    !text(ctx.household.identifiedMonth) ? '该户为监测对象，识别监测时间未填写' : null,
  ),
  // 脱贫不稳定户 are 脱贫户 (S2 100A03001); 边缘易致贫户 and 突发严重困难户 are 一般农户, a 脱贫户 being monitored as
  // 脱贫不稳定户 [I]. 提醒, like every disagreement between two official fields.
  monitored({ id: 'monitor.categoryHouseholdType', severity: 'warning', title: '监测对象类别与户类型不符' }, 'monitoringType', (ctx) => {
    const category = text(ctx.household.monitoringType);
    const type = text(ctx.household.householdType);
    if (!type) return null;
    if (category === '脱贫不稳定户' && type !== '脱贫户') return `监测对象类别为「脱贫不稳定户」，户类型却为「${type}」（脱贫不稳定户应为脱贫户）`;
    if (category !== '脱贫不稳定户' && type === '脱贫户') return `户类型为「脱贫户」，监测对象类别却为「${category}」（脱贫户纳入监测应为脱贫不稳定户）`;
    return null;
  }),
  {
    id: 'monitor.monthAfterCheckDay',
    severity: 'warning',
    title: '识别或消除监测时间晚于核查日',
    scope: 'household',
    check(ctx) {
      const now = ctx.today.slice(0, 7).replace('-', '');
      return (['identifiedMonth', 'eliminatedMonth'] as const).flatMap((field): Hit[] => {
        const month = text(ctx.household[field]);
        return isMonth(month) && month > now
          ? [householdHit(ctx, field, `${field === 'identifiedMonth' ? '识别监测时间' : '消除监测时间'} ${month} 晚于核查日 ${ctx.today}，尚未到来`)]
          : [];
      });
    },
  },
  // 提醒, not 错误: the national system holds these notes, but its exports leave them out.
  householdRule({ id: 'monitor.riskOtherNote', severity: 'warning', title: '风险为「其他」或「因自然灾害」但未说明', waitsFor: { table: 'households', column: 'riskNote', what: '风险备注' } }, 'riskNote', (ctx) =>
    (risks(ctx.household).includes('其他') || risks(ctx.household).includes('因自然灾害')) && !text(ctx.household.riskNote)
      ? '致贫/返贫风险含「其他」或「因自然灾害」，风险备注未填写'
      : null,
  ),
  householdRule({ id: 'monitor.disasterSub', severity: 'warning', title: '因自然灾害但未填子项', waitsFor: { table: 'households', column: 'naturalDisasterSub', what: '因自然灾害子项' } }, 'naturalDisasterSub', (ctx) =>
    risks(ctx.household).includes('因自然灾害') && !text(ctx.household.naturalDisasterSub) ? '致贫/返贫风险为「因自然灾害」，因自然灾害子项未填写' : null,
  ),
  householdRule({ id: 'monitor.duplicateRisk', severity: 'error', title: '致贫/返贫风险重复填写' }, 'risk2', (ctx) => {
    const list = risks(ctx.household);
    return new Set(list).size < list.length ? `致贫/返贫风险有重复：${list.join('、')}` : null;
  }),
  householdRule({ id: 'monitor.disabilityRiskWithoutDisabled', severity: 'error', title: '风险为因残但家中无残疾人' }, 'risk1', (ctx) =>
    risks(ctx.household).includes('因残') && !ctx.active.some((m) => parts(m.row.health).includes('残疾')) ? '致贫/返贫风险为「因残」，家庭成员中却没有残疾人' : null,
  ),
  householdRule({ id: 'monitor.illnessRiskWithoutPatient', severity: 'warning', title: '风险为因病但家中无患病成员' }, 'risk1', (ctx) =>
    risks(ctx.household).includes('因病') && !ctx.active.some((m) => parts(m.row.health).some((h) => ['长期慢性病', '患有大病'].includes(h)))
      ? '致贫/返贫风险为「因病」，家庭成员中却没有患病的人'
      : null,
  ),
  householdRule({ id: 'monitor.lackLaborWithLabor', severity: 'warning', title: '风险为缺劳动力但劳动力较多' }, 'risk1', (ctx) => {
    if (!risks(ctx.household).includes('缺劳动力') || !ctx.active.length) return null;
    const able = ctx.active.filter(hasLabour).length;
    // S1 4_11_009 / 5_11_029 doubt it from a quarter of the members in small households, which flags one worker
    // supporting two; the share is the profile's (by default half, S1's figure for 4 or more persons).
    const share = (able / ctx.active.length) * 100;
    return able > 0 && share >= ctx.profile.lackLaborPercent
      ? `致贫/返贫风险为「缺劳动力」，${ctx.active.length} 口人中却有 ${able} 个普通或技能劳动力（占 ${Math.round(share)}%，核实比例 ${ctx.profile.lackLaborPercent}%）`
      : null;
  }),
  householdRule({ id: 'monitor.workRiskWithoutWorker', severity: 'warning', title: '风险为务工就业不稳但无人有劳动能力或务工' }, 'risk1', (ctx) => {
    if (!risks(ctx.household).includes('因务工就业不稳')) return null;
    if (!ctx.active.some(hasLabour)) return '致贫/返贫风险为「因务工就业不稳」，家中却没有劳动力';
    if (!ctx.active.some((m) => text(m.row.workPlace) || m.work.length)) return '致贫/返贫风险为「因务工就业不稳」，却没有任何人的务工信息';
    return null;
  }),
  monitored({ id: 'monitor.noMeasures', severity: 'warning', title: '识别满 1 个月仍无帮扶措施', waitsFor: measuresKeyed }, null, (ctx) => {
    const month = text(ctx.household.identifiedMonth);
    return isMonth(month) && !ctx.measures.length && monthsBetween(month, referenceMonth(ctx)) >= 1 ? `该户 ${month} 识别为监测对象，至今没有帮扶措施` : null;
  }),
  householdRule({ id: 'monitor.riskMeasureMismatch', severity: 'warning', title: '帮扶措施与风险类型不对应' }, null, (ctx) => {
    if (!isMonitored(ctx) || !ctx.measures.length) return null;
    const have = measureCategories(ctx);
    const unanswered = risks(ctx.household).filter((r) => answers[r] && !answers[r]!.some((c) => have.has(c)));
    return unanswered.length ? unanswered.map((r) => `风险「${r}」没有对应的帮扶措施（${answers[r]!.join('、')}）`).join('；') : null;
  }),
  monitored({ id: 'monitor.noDevelopmentalMeasure', severity: 'warning', title: '有劳动力但无开发式帮扶措施' }, 'developmentalMeasure', (ctx) => {
    if (!ctx.active.some(hasLabour)) return null;
    const have = measureCategories(ctx);
    if (text(ctx.household.developmentalMeasure) === '尚未实施') return '家中有劳动力，实施开发式帮扶措施情况为「尚未实施」';
    return ctx.measures.length && !developmental.some((c) => have.has(c)) ? '家中有劳动力，却没有产业、就业、金融或公益岗位等开发式帮扶措施' : null;
  }),
  householdRule({ id: 'monitor.welfareWithoutMeasure', severity: 'warning', title: '享受低保特困但无综合保障措施' }, null, (ctx) => {
    const receiving = ctx.active.filter(receivesWelfare);
    return isMonitored(ctx) && receiving.length && ctx.measures.length && !measureCategories(ctx).has('综合保障') ? `${receiving.map(who).join('、')}享受低保或特困供养，帮扶措施中却没有综合保障` : null;
  }),
  householdRule({ id: 'monitor.eliminationFields', severity: 'error', title: '风险消除信息不完整' }, 'eliminationMethod', (ctx) => {
    const eliminated = isYes(ctx.household.riskEliminated);
    const method = text(ctx.household.eliminationMethod);
    const month = text(ctx.household.eliminatedMonth);
    if (eliminated && (!method || !month)) return '风险已消除，但风险消除方式或消除监测时间未填写';
    if (!eliminated && (method || month)) return '填了风险消除方式或消除监测时间，「风险是否已消除」却不是「是」';
    return null;
  }),
  householdRule({ id: 'monitor.eliminationOnOrdinary', severity: 'warning', title: '非监测对象填了风险信息' }, 'monitoringType', (ctx) =>
    !isMonitored(ctx) && (text(ctx.household.riskEliminated) || text(ctx.household.risk1) || text(ctx.household.identifiedMonth))
      ? '该户不是监测对象（监测对象类别为空），却填了识别时间、风险类型或风险消除信息'
      : null,
  ),
  monitored({ id: 'monitor.eliminatedTooSoon', severity: 'warning', title: '识别不满 6 个月即消除风险' }, 'eliminatedMonth', (ctx) => {
    const from = text(ctx.household.identifiedMonth);
    const to = text(ctx.household.eliminatedMonth);
    if (!isMonth(from) || !isMonth(to)) return null;
    const months = monthsBetween(from, to);
    if (months < 0) return `消除监测时间 ${to} 早于识别监测时间 ${from}`;
    return months < 6 ? `${from} 识别，${to} 即消除风险，不满 6 个月` : null;
  }),
  // 提醒: measures live in the national system too and are not in its person export.
  monitored({ id: 'monitor.eliminatedWithoutMeasures', severity: 'warning', title: '帮扶消除但无帮扶措施', waitsFor: measuresKeyed }, 'eliminationMethod', (ctx) =>
    text(ctx.household.eliminationMethod) === '帮扶消除' && !ctx.measures.length ? '以「帮扶消除」方式消除风险，却没有任何帮扶措施' : null,
  ),
  monitored({ id: 'monitor.contact', severity: 'warning', title: '已消除风险但无监测联系人', waitsFor: { table: 'households', column: 'monitorContact', what: '监测联系人' } }, 'monitorContact', (ctx) =>
    isYes(ctx.household.riskEliminated) && (!text(ctx.household.monitorContact) || !text(ctx.household.monitorContactPhone)) ? '风险已消除，监测联系人或其电话未填写' : null,
  ),
  // 绿色通道: helped first, the 识别纳入 chain completed afterwards (P2) — flagged until it is.
  householdRule({ id: 'monitor.greenChannelOpen', severity: 'warning', title: '绿色通道先行帮扶后识别程序未补齐' }, 'monitoringType', (ctx) => {
    const round = procedureState(ctx.household, ctx.steps).round;
    return round?.green ? `${round.startedOn} 经绿色通道先行帮扶，识别程序尚缺：${round.missing.join('、')}` : null;
  }),
  householdRule({ id: 'monitor.noLaborNotFlagged', severity: 'warning', title: '整户无劳动力但未标注兜底保障户' }, 'noLaborSupport', (ctx) =>
    isMonitored(ctx) && ctx.active.length > 0 && !ctx.active.some(hasLabour) && !isYes(ctx.household.noLaborSupport)
      ? '家庭成员都没有劳动能力，「整户无劳动能力兜底保障户」却不是「是」'
      : null,
  ),
  monitored({ id: 'monitor.noLaborEliminated', severity: 'warning', title: '整户无劳动力的监测对象已标注风险消除' }, 'riskEliminated', (ctx) =>
    isYes(ctx.household.riskEliminated) && ctx.active.length > 0 && !ctx.active.some(hasLabour) ? '整户无劳动力的监测对象暂不标注风险消除' : null,
  ),
];
