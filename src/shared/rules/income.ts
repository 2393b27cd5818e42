// Income (REFERENCE.md c and e "Income"): lines from the policy-year profile, never constants.
import { incomeCategoryColumns, type IncomeCategory } from '../tables';
import { householdRule, isMonitored, measureCategories, receivesWelfare, risks, text, who } from './helpers';
import type { Hit, HouseholdContext, HouseholdRule } from './types';

const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
const isPoorOrMonitored = (ctx: HouseholdContext) => text(ctx.household.householdType) === '脱贫户' || isMonitored(ctx);
const incomeHit = (ctx: HouseholdContext, field: string | null, message: string): Hit[] =>
  ctx.income ? [{ table: 'incomes', row: ctx.income, field, message }] : [];

const incomeRule = (
  head: { id: string; severity: 'error' | 'warning'; title: string },
  field: string | null,
  test: (ctx: HouseholdContext) => string | null | false | undefined,
): HouseholdRule => ({
  ...head,
  scope: 'household',
  check(ctx) {
    if (!ctx.income || !ctx.summary) return [];
    const message = test(ctx);
    return message ? incomeHit(ctx, field, message) : [];
  },
});

export const incomeRules: HouseholdRule[] = [
  householdRule({ id: 'income.missing', severity: 'warning', title: '脱贫户或监测户缺少本年度收入' }, null, (ctx) =>
    isPoorOrMonitored(ctx) && !ctx.income ? `该户为${text(ctx.household.monitoringType) || '脱贫户'}，没有 ${ctx.profile.year} 年度收入信息` : null,
  ),
  incomeRule({ id: 'income.noSize', severity: 'error', title: '有收入但家庭人口数为 0' }, null, (ctx) =>
    ctx.active.length === 0 ? '该户有收入记录，但没有在册家庭成员，无法计算人均纯收入' : null,
  ),
  incomeRule({ id: 'income.belowMonitoringLine', severity: 'warning', title: '脱贫户人均纯收入低于监测范围但未纳入监测' }, null, (ctx) => {
    const line = ctx.profile.monitoringLine;
    const perCapita = ctx.summary!.perCapita;
    return line !== null && perCapita !== null && text(ctx.household.householdType) === '脱贫户' && !isMonitored(ctx) && perCapita < line
      ? `人均纯收入 ${yuan(perCapita)}，低于${ctx.profile.year}年度监测范围 ${yuan(line)}，但未纳入监测`
      : null;
  }),
  incomeRule({ id: 'income.nearMonitoringLine', severity: 'warning', title: '人均纯收入接近监测范围' }, null, (ctx) => {
    const line = ctx.profile.monitoringLine;
    const perCapita = ctx.summary!.perCapita;
    const band = line === null ? null : line * ctx.profile.warningBand;
    return line !== null && band !== null && perCapita !== null && !isMonitored(ctx) && perCapita >= line && perCapita < band
      ? `人均纯收入 ${yuan(perCapita)}，低于监测范围的 ${ctx.profile.warningBand} 倍（${yuan(band)}），请关注`
      : null;
  }),
  incomeRule({ id: 'income.veryLow', severity: 'warning', title: '人均纯收入低于 4000 元' }, null, (ctx) => {
    const perCapita = ctx.summary!.perCapita;
    return perCapita !== null && perCapita < 4000 ? `人均纯收入只有 ${yuan(perCapita)}，请核实收入是否漏填` : null;
  }),
  incomeRule({ id: 'income.drop', severity: 'warning', title: '人均纯收入比上年明显下降' }, null, (ctx) => {
    const now = ctx.summary!.perCapita;
    const before = ctx.previousSummary?.perCapita ?? null;
    if (now === null || before === null || before <= 0) return null;
    const drop = ((before - now) / before) * 100;
    return drop > ctx.profile.incomeDropPercent
      ? `人均纯收入由 ${ctx.profile.year - 1} 年的 ${yuan(before)} 降至 ${yuan(now)}，下降 ${drop.toFixed(1)}%（提醒幅度 ${ctx.profile.incomeDropPercent}%）`
      : null;
  }),
  incomeRule({ id: 'income.highAtIdentification', severity: 'warning', title: '本年识别的监测户人均纯收入超过 20000 元' }, null, (ctx) => {
    const perCapita = ctx.summary!.perCapita;
    return isMonitored(ctx) && text(ctx.household.identifiedMonth).startsWith(String(ctx.profile.year)) && perCapita !== null && perCapita > 20000
      ? `该户 ${text(ctx.household.identifiedMonth)} 识别为监测对象，人均纯收入却有 ${yuan(perCapita)}`
      : null;
  }),
  incomeRule({ id: 'income.tinyWage', severity: 'warning', title: '工资性收入不足 100 元' }, 'wageIncome', (ctx) => {
    const wage = ctx.summary!.categories.wage.amount;
    return wage > 0 && wage < 100 ? `工资性收入只有 ${yuan(wage)}，请核实是否少填了位数` : null;
  }),
  incomeRule({ id: 'income.illnessWithoutSelfPaid', severity: 'warning', title: '因病致贫返贫但合规自付支出为 0' }, 'selfPaid', (ctx) =>
    risks(ctx.household).includes('因病') && ctx.summary!.selfPaid <= 0 ? '风险类型为「因病」，合规自付支出却为 0' : null,
  ),
  {
    id: 'income.blockMismatch',
    severity: 'warning',
    title: '收入汇总数与明细合计不一致',
    scope: 'household',
    check(ctx) {
      if (!ctx.summary) return [];
      return (Object.keys(incomeCategoryColumns) as IncomeCategory[]).flatMap((category) => {
        const { amount, fromDetails, blockValue } = ctx.summary!.categories[category];
        const column = incomeCategoryColumns[category];
        return fromDetails && blockValue !== null && Math.abs(blockValue - amount) >= 0.01
          ? incomeHit(ctx, column.key, `「${column.label}」填为 ${yuan(blockValue)}，明细合计为 ${yuan(amount)}`)
          : [];
      });
    },
  },
  incomeRule({ id: 'income.eliminatedBelowLine', severity: 'error', title: '帮扶消除但人均纯收入低于监测范围' }, null, (ctx) => {
    const line = ctx.profile.monitoringLine;
    const perCapita = ctx.summary!.perCapita;
    return line !== null && perCapita !== null && text(ctx.household.eliminationMethod) === '帮扶消除' && perCapita < line
      ? `该户以「帮扶消除」方式消除风险，人均纯收入 ${yuan(perCapita)} 却低于监测范围 ${yuan(line)}`
      : null;
  }),
  incomeRule({ id: 'income.welfareWithoutTransfer', severity: 'warning', title: '享受低保或特困但转移性收入为 0' }, 'transferIncome', (ctx) => {
    const receiving = ctx.active.filter(receivesWelfare);
    return receiving.length && ctx.summary!.categories.transfer.amount <= 0 ? `${receiving.map(who).join('、')}享受低保或特困供养，转移性收入却为 0` : null;
  }),
  incomeRule({ id: 'income.workerWithoutWage', severity: 'warning', title: '有务工人员但工资性收入为 0' }, 'wageIncome', (ctx) => {
    const workers = ctx.active.filter((m) => text(m.row.workPlace) || text(m.row.welfareJob));
    return workers.length && ctx.summary!.categories.wage.amount <= 0 ? `${workers.map(who).join('、')}有务工或公益性岗位，工资性收入却为 0` : null;
  }),
  incomeRule({ id: 'income.industryWithoutBusiness', severity: 'warning', title: '有产业帮扶但生产经营性收入为 0' }, 'businessIncome', (ctx) =>
    measureCategories(ctx).has('产业帮扶') && ctx.summary!.categories.business.amount <= 0 ? '该户有产业帮扶措施，生产经营性收入却为 0' : null,
  ),
];
