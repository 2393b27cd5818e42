// Income (REFERENCE.md c and e "Income"): lines from the policy-year profile, never constants.
import { incomeCategoryColumns, type IncomeCategory } from '../tables';
import { amountOf, type IncomeSummary } from '../income';
import { monitoringLineText } from '../profile';
import { householdRule, isMonitored, measureCategories, receivesWelfare, risks, text, who } from './helpers';
import type { Hit, HouseholdContext, HouseholdRule, RuleHead, VillageRule } from './types';

const yuan = (n: number) => `${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
const isPoor = (ctx: HouseholdContext) => text(ctx.household.householdType) === '脱贫户';
const isPoorOrMonitored = (ctx: HouseholdContext) => isPoor(ctx) || isMonitored(ctx);
const incomeHit = (ctx: HouseholdContext, field: string | null, message: string): Hit[] =>
  ctx.income ? [{ table: 'incomes', row: ctx.income, field, message }] : [];

/**
 * 收入参考范围 per head (家庭纯收入 + 理赔收入 − 合规自付支出, ÷ 家庭人口数) against the monitoring line, for a household
 * not monitored: the words of a finding when it is below, else null. Nothing while the line is not entered
 * (income.monitoringLineMissing says so once).
 */
function belowLine(ctx: HouseholdContext): string | null {
  // A 监测对象, also one whose risk is 消除, is not 应纳未纳: income.eliminatedBelowLine is about those.
  const line = ctx.profile.monitoringLine;
  const reference = ctx.summary?.referencePerCapita ?? null;
  if (line === null || reference === null || isMonitored(ctx) || reference >= line) return null;
  return `${referenceText(ctx.summary!)}，低于${ctx.profile.year}年度监测范围 ${yuan(line)}，但未纳入监测`;
}

/** 收入参考范围 per head, with 人均纯收入 when 理赔收入 or 合规自付支出 make them differ. */
const referenceText = (summary: IncomeSummary) =>
  summary.referencePerCapita === summary.perCapita
    ? `人均纯收入 ${yuan(summary.perCapita!)}`
    : `收入参考范围人均 ${yuan(summary.referencePerCapita!)}（人均纯收入 ${yuan(summary.perCapita!)}，理赔收入 ${yuan(summary.claims)}，合规自付支出 ${yuan(summary.selfPaid)}）`;

/** 人均纯收入 of this year and last (on last year's 家庭人口数), and the change in percent; null when not comparable. */
function change(ctx: HouseholdContext): { now: number; before: number; percent: number } | null {
  const now = ctx.summary?.perCapita ?? null;
  const before = ctx.previousSummary?.perCapita ?? null;
  if (now === null || before === null || before <= 0) return null;
  return { now, before, percent: ((now - before) / before) * 100 };
}

/** The mismatches of the national block with the detail lines of one year's income record. */
function blockMismatches(row: Hit['row'], summary: IncomeSummary, prefix: string): Hit[] {
  return (Object.keys(incomeCategoryColumns) as IncomeCategory[]).flatMap((category): Hit[] => {
    const { amount, fromDetails, blockValue } = summary.categories[category];
    const column = incomeCategoryColumns[category];
    return fromDetails && blockValue !== null && Math.abs(blockValue - amount) >= 0.01
      ? [{ table: 'incomes', row, field: column.key, message: `${prefix}「${column.label}」填为 ${yuan(blockValue)}，明细合计为 ${yuan(amount)}` }]
      : [];
  });
}

const incomeRule = (
  head: RuleHead,
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
  householdRule({ id: 'income.missing', severity: 'warning', title: '脱贫户或监测户缺少本年度收入', waitsFor: { table: 'incomes', ofYear: true, what: '本年度收入' } }, null, (ctx) =>
    isPoorOrMonitored(ctx) && !ctx.income ? `该户为${text(ctx.household.monitoringType) || '脱贫户'}，没有 ${ctx.profile.year} 年度收入信息` : null,
  ),
  incomeRule({ id: 'income.noSize', severity: 'error', title: '有收入但家庭人口数为 0' }, null, (ctx) =>
    ctx.active.length === 0 ? '该户有收入记录，但没有在册家庭成员，无法计算人均纯收入' : null,
  ),
  incomeRule({ id: 'income.belowMonitoringLine', severity: 'warning', title: '脱贫户收入低于监测范围但未纳入监测' }, null, (ctx) =>
    isPoor(ctx) && belowLine(ctx),
  ),
  // 应纳未纳: the 2023 排查 covers every rural household, not only 脱贫户 (REFERENCE.md a).
  incomeRule({ id: 'income.ordinaryBelowLine', severity: 'warning', title: '一般农户收入低于监测范围但未纳入监测（应纳未纳）' }, null, (ctx) => {
    const below = !isPoor(ctx) && belowLine(ctx);
    return below ? `该户为${text(ctx.household.householdType) || '户类型未填的农户'}，${below}（疑似应纳未纳）` : null;
  }),
  incomeRule({ id: 'income.nearMonitoringLine', severity: 'warning', title: '收入接近监测范围' }, null, (ctx) => {
    const line = ctx.profile.monitoringLine;
    const reference = ctx.summary!.referencePerCapita;
    const band = line === null ? null : line * ctx.profile.warningBand;
    return line !== null && band !== null && reference !== null && !isMonitored(ctx) && reference >= line && reference < band
      ? `${referenceText(ctx.summary!)}，低于监测范围的 ${ctx.profile.warningBand} 倍（${yuan(band)}），请关注`
      : null;
  }),
  incomeRule({ id: 'income.veryLow', severity: 'warning', title: '人均纯收入过低，疑似漏填' }, null, (ctx) => {
    const perCapita = ctx.summary!.perCapita;
    const line = ctx.profile.veryLowLine;
    return perCapita !== null && perCapita < line ? `人均纯收入只有 ${yuan(perCapita)}（低于 ${yuan(line)}），请核实收入是否漏填` : null;
  }),
  // 不增反降: any fall. The work plan's 增速较慢 is income.slowGrowth, with its own line.
  incomeRule({ id: 'income.drop', severity: 'warning', title: '人均纯收入比上年下降（不增反降）' }, null, (ctx) => {
    const c = change(ctx);
    return c && c.now < c.before
      ? `人均纯收入由 ${ctx.profile.year - 1} 年的 ${yuan(c.before)} 降至 ${yuan(c.now)}，下降 ${(-c.percent).toFixed(1)}%（不增反降）`
      : null;
  }),
  incomeRule({ id: 'income.slowGrowth', severity: 'warning', title: '人均纯收入增速较慢' }, null, (ctx) => {
    const c = change(ctx);
    const line = ctx.profile.slowGrowthPercent;
    return c && line !== null && c.now >= c.before && c.percent < line
      ? `人均纯收入由 ${ctx.profile.year - 1} 年的 ${yuan(c.before)} 增至 ${yuan(c.now)}，只增长 ${c.percent.toFixed(1)}%（增速较慢提醒线 ${line}%）`
      : null;
  }),
  incomeRule({ id: 'income.highAtIdentification', severity: 'warning', title: '本年识别的监测户人均纯收入过高' }, null, (ctx) => {
    const perCapita = ctx.summary!.perCapita;
    const line = ctx.profile.highAtIdentificationLine;
    return isMonitored(ctx) && text(ctx.household.identifiedMonth).startsWith(String(ctx.profile.year)) && perCapita !== null && perCapita > line
      ? `该户 ${text(ctx.household.identifiedMonth)} 识别为监测对象，人均纯收入却有 ${yuan(perCapita)}（超过 ${yuan(line)}）`
      : null;
  }),
  incomeRule({ id: 'income.tinyWage', severity: 'warning', title: '工资性收入过小' }, 'wageIncome', (ctx) => {
    const wage = ctx.summary!.categories.wage.amount;
    const line = ctx.profile.tinyWageLine;
    return wage > 0 && wage < line ? `工资性收入只有 ${yuan(wage)}（不足 ${yuan(line)}），请核实是否少填了位数` : null;
  }),
  incomeRule({ id: 'income.illnessWithoutSelfPaid', severity: 'warning', title: '因病致贫返贫但合规自付支出为 0' }, 'selfPaid', (ctx) =>
    risks(ctx.household).includes('因病') && ctx.summary!.selfPaid <= 0 ? '风险类型为「因病」，合规自付支出却为 0' : null,
  ),
  // This year's record, and last year's, which the comparisons with last year read.
  {
    id: 'income.blockMismatch',
    severity: 'warning',
    title: '收入汇总数与明细合计不一致',
    scope: 'household',
    check(ctx) {
      return [
        ...(ctx.income && ctx.summary ? blockMismatches(ctx.income, ctx.summary, '') : []),
        ...(ctx.previousIncome && ctx.previousSummary ? blockMismatches(ctx.previousIncome, ctx.previousSummary, `${ctx.profile.year - 1} 年收入的`) : []),
      ];
    },
  },
  incomeRule({ id: 'income.officialMismatch', severity: 'warning', title: '国家系统的纯收入与按明细计算的不一致' }, 'officialPerCapita', (ctx) => {
    const summary = ctx.summary!;
    if (!summary.official) return null;
    const off = (a: number | null, b: number | null) => a !== null && b !== null && Math.abs(a - b) > 1;
    const parts = [
      off(amountOf(ctx.income!.officialNet), summary.computedNet) && `家庭纯收入 ${yuan(amountOf(ctx.income!.officialNet)!)}，按明细计算为 ${yuan(summary.computedNet)}`,
      off(amountOf(ctx.income!.officialPerCapita), summary.computedPerCapita) &&
        `人均纯收入 ${yuan(amountOf(ctx.income!.officialPerCapita)!)}，按明细和家庭人口数 ${ctx.active.length} 人计算为 ${yuan(summary.computedPerCapita!)}`,
    ].filter(Boolean);
    return parts.length ? `国家系统的${parts.join('；')}（核查和重点人群使用国家系统的数）` : null;
  }),
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

/**
 * While the year's 监测范围 is not entered, the rules that compare with it stay silent: this says so ONCE per check,
 * on the first village checked, instead of silence (or one finding per household).
 */
export const monitoringLineRule: VillageRule = {
  id: 'income.monitoringLineMissing',
  severity: 'warning',
  title: '本年度监测范围未填写，收入与监测范围的核查未进行',
  scope: 'village',
  check(ctx) {
    return ctx.first && ctx.profile.monitoringLine === null
      ? [{ table: 'villages', row: ctx.village, field: null, message: `${monitoringLineText(ctx.profile)}。低于监测范围（含应纳未纳）、接近监测范围、帮扶消除低于监测范围的核查都未进行` }]
      : [];
  },
};
