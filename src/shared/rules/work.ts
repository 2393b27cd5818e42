// 务工 records (S1 5_16_001/002, 5_12_001–006, 1111_16/17, 5_01_003/004).
import { text, who } from './helpers';
import type { Hit, HouseholdContext, HouseholdRule, MemberView } from './types';

const workRule = (
  head: { id: string; severity: 'error' | 'warning'; title: string },
  field: string | null,
  test: (record: MemberView['work'][number], m: MemberView, ctx: HouseholdContext) => string | null | false | undefined,
): HouseholdRule => ({
  ...head,
  scope: 'household',
  check(ctx) {
    const hits: Hit[] = [];
    for (const m of ctx.active) {
      for (const record of m.work) {
        const message = test(record, m, ctx);
        if (message) hits.push({ table: 'workRecords', row: record, field, message });
      }
    }
    return hits;
  },
});

const working = (record: MemberView['work'][number]) => text(record.isWorking) === '是';
const outOfCounty = (record: MemberView['work'][number], ctx: HouseholdContext) => {
  const county = text(record.county);
  return !!county && !!ctx.index.homeCounty && !county.includes(ctx.index.homeCounty);
};

export const workRules: HouseholdRule[] = [
  workRule({ id: 'work.monthlyIncome', severity: 'warning', title: '务工月收入异常' }, 'monthlyIncome', (r, m, ctx) => {
    const income = typeof r.monthlyIncome === 'number' ? r.monthlyIncome : null;
    const { workMonthlyIncomeMin: min, workMonthlyIncomeMax: max } = ctx.profile;
    return working(r) && income !== null && (income < min || income > max) ? `${who(m)}的务工月收入 ${income} 元，不在 ${min}–${max} 元的常见范围` : null;
  }),
  workRule({ id: 'work.period', severity: 'error', title: '务工结束时间早于开始时间' }, 'endMonth', (r, m) => {
    const start = text(r.startMonth);
    const end = text(r.endMonth);
    return start && end && end < start ? `${who(m)}的务工结束时间 ${end} 早于开始时间 ${start}` : null;
  }),
  workRule({ id: 'work.notWorkingOpen', severity: 'warning', title: '未务工但结束时间为空或在将来' }, 'endMonth', (r, m, ctx) => {
    if (text(r.isWorking) !== '否') return null;
    const end = text(r.endMonth);
    const now = ctx.profile.referenceDate.slice(0, 7).replace('-', '');
    return !end || end > now ? `${who(m)}的务工记录为「未务工」，结束时间却${end ? `在将来（${end}）` : '为空'}` : null;
  }),
  workRule({ id: 'work.details', severity: 'warning', title: '务工信息不完整' }, 'employer', (r, m) => {
    if (!working(r)) return null;
    const missing = [
      ['county', '务工所在县'],
      ['employer', '务工企业名称'],
      ['industry', '所属行业'],
      ['channel', '就业渠道'],
      ['monthlyIncome', '务工月收入'],
      ['pointToPoint', '是否点对点输送'],
    ]
      .filter(([key]) => !text(r[key!]))
      .map(([, name]) => name);
    return missing.length ? `${who(m)}已务工，${missing.join('、')}未填写` : null;
  }),
  workRule({ id: 'work.tekunWorking', severity: 'warning', title: '特困供养人员有务工' }, 'isWorking', (r, m) =>
    working(r) && ['农村特困', '城市特困'].includes(text(m.row.tekun)) ? `${who(m)}享受特困供养，却登记已务工` : null,
  ),
  workRule({ id: 'work.outOfCountyLocalChannel', severity: 'error', title: '县外务工但就业渠道为公益性岗位或帮扶车间' }, 'channel', (r, m, ctx) =>
    working(r) && outOfCounty(r, ctx) && ['公益性岗位', '帮扶车间'].includes(text(r.channel))
      ? `${who(m)}在县外（${text(r.county)}）务工，就业渠道却为「${text(r.channel)}」`
      : null,
  ),
  {
    id: 'work.overlap',
    severity: 'warning',
    title: '同一人的务工时间段重叠',
    scope: 'household',
    check(ctx) {
      const hits: Hit[] = [];
      for (const m of ctx.active) {
        const periods = m.work
          .filter((r) => /^\d{6}$/.test(text(r.startMonth)))
          .map((r) => ({ r, start: text(r.startMonth), end: text(r.endMonth) || '999999' }))
          .sort((a, b) => a.start.localeCompare(b.start));
        for (let i = 1; i < periods.length; i++) {
          if (periods[i]!.start <= periods[i - 1]!.end) {
            hits.push({ table: 'workRecords', row: periods[i]!.r, field: 'startMonth', message: `${who(m)}的务工时间 ${periods[i]!.start} 起与上一段务工重叠` });
          }
        }
      }
      return hits;
    },
  },
];
