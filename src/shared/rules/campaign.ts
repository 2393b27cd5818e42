// The second round's own discipline (work plan 2023): the 双签字 of the records of a visited household, and the
// visit made by its 片区's planned date, and no more risks than the national record holds.
import { doubleSigned, dueDate, overdue, pairOf, visited } from '../progress';
import { householdRule, isMonitored, isYes, parts, text } from './helpers';
import type { Hit, HouseholdContext, HouseholdRule } from './types';

/** The signatures a record still lacks, by its columns: 户主 and 信息采集员. */
const missingSignatures = (record: NonNullable<HouseholdContext['visit']>): string[] =>
  [!isYes(record.headSigned) && '户主', !isYes(record.collectorSigned) && '信息采集员'].filter((who): who is string => !!who);

/** The risks the national record holds (致贫/返贫风险1–5). */
const MAX_RISKS = 5;

export const campaignRules: HouseholdRule[] = [
  // 脱贫户、监测户的「两不愁三保障」和年度收入须经农户和信息采集员「双签字」. The visit's 户主 signature has its own
  // rule (visit.unsigned): here the visit is asked only for the 信息采集员's, the income record for both.
  {
    id: 'visit.notDoubleSigned',
    severity: 'warning',
    title: '已入户的脱贫户、监测户收入或三保障信息未双签字',
    scope: 'household',
    check(ctx) {
      const visit = ctx.visit;
      if (!visited(visit) || !(text(ctx.household.householdType) === '脱贫户' || isMonitored(ctx))) return [];
      const hits: Hit[] = [];
      if (!isYes(visit!.collectorSigned)) {
        hits.push({ table: 'visits', row: visit!, field: 'collectorSigned', message: '已入户排查，入户调查表（两不愁三保障）信息采集员尚未签字，未完成双签字' });
      }
      if (ctx.income && !doubleSigned(ctx.income)) {
        const missing = missingSignatures(ctx.income);
        hits.push({
          table: 'incomes',
          row: ctx.income,
          field: isYes(ctx.income.headSigned) ? 'collectorSigned' : 'headSigned',
          message: `已入户排查，收入信息采集表${missing.join('和')}尚未签字，未完成双签字`,
        });
      }
      return hits;
    },
  },
  {
    id: 'visit.riskCount',
    severity: 'error',
    title: '研判的致贫/返贫风险超过 5 项',
    scope: 'household',
    check(ctx) {
      const found = parts(ctx.visit?.risks);
      return found.length > MAX_RISKS
        ? [{ table: 'visits', row: ctx.visit!, field: 'risks', message: `研判的致贫/返贫风险有 ${found.length} 项，国家系统只能登记 ${MAX_RISKS} 项（风险1–5）` }]
        : [];
    },
  },
  householdRule(
    { id: 'visit.overdue', severity: 'warning', title: '片区计划完成时间已过仍未入户', waitsFor: { table: 'assignments', what: '入户责任分工' } },
    null,
    (ctx) => {
      const groupId = ctx.household.groupId;
      const due = dueDate(pairOf(typeof groupId === 'number' ? ctx.index.assignmentsByGroup.get(groupId) : undefined), ctx.profile);
      return overdue(ctx.visit, due, ctx.today) ? `本片区应在 ${due} 前完成入户排查，该户至今没有排查日期` : null;
    },
  ),
];
