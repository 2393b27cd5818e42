// The one computation of the monitoring numbers (issue 12 point 5): 新识别 by 类别 and risk, 风险消除 by way, 回退,
// 再标注, 绿色通道, and the 问题台账 by category and state. The 监测程序 page, the 问题台账 page, the CLI and the
// 总结报告 (src/main/services/report/figures.ts) all read them from here.
import { GREEN_CHANNEL, procedureState, RELABEL, REVERT } from './monitoring';
import { isYes, risks, text } from './rules/helpers';
import type { Row } from './tables';
import { vocabularies } from './vocab';
import { derivedOf, type YearData } from './yearData';

/** 户 and 人 (家庭人口数 summed). */
export interface Count {
  households: number;
  people: number;
}

/** A 问题台账 entry's state on a day: 销号, past its 整改时限 and not 销号, or open within its time. */
export type ProblemState = 'closed' | 'overdue' | 'open';
export const problemStateText: Record<ProblemState, string> = { closed: '已销号', overdue: '逾期未销号', open: '整改中' };

export function problemState(problem: Readonly<Row>, today: string): ProblemState {
  if (isYes(problem.closed)) return 'closed';
  const deadline = text(problem.deadline);
  return deadline && deadline < today ? 'overdue' : 'open';
}

export interface LedgerCounts {
  total: number;
  closed: number;
  open: number;
  overdue: number;
}

export interface LedgerNumbers extends LedgerCounts {
  /** By 问题类别 (in the vocabulary's order, then any other), and by 问题来源: only those with entries. */
  byCategory: ({ category: string } & LedgerCounts)[];
  bySource: ({ source: string } & LedgerCounts)[];
}

export interface MonitoringNumbers {
  year: number;
  /** 识别监测时间 in the year. */
  newlyIdentified: Count & { byType: ({ type: string } & Count)[]; byRisk: ({ risk: string } & Count)[] };
  /** 风险已消除 with 消除监测时间 in the year. */
  eliminated: Count & { byMethod: ({ method: string } & Count)[] };
  /** Households with a 回退, a 再标注 or a 绿色通道 step dated in the year; the 绿色通道 whose chain is still open. */
  reverted: Count;
  relabelled: Count;
  greenChannel: Count & { open: Count };
  ledger: LedgerNumbers;
}

const inYear = (value: unknown, year: number) => text(value as string).replace('-', '').startsWith(String(year));

function ledgerCounts(problems: readonly Row[], today: string): LedgerCounts {
  const counts: LedgerCounts = { total: problems.length, closed: 0, open: 0, overdue: 0 };
  for (const p of problems) counts[problemState(p, today)]++;
  return counts;
}

/** The ledger's entries by state, category and source on `today`. */
export function ledgerNumbers(problems: readonly Row[], today: string): LedgerNumbers {
  const by = (key: 'category' | 'source', order: readonly string[]) => {
    const names = [...new Set([...order, ...problems.map((p) => text(p[key]) || '未填')])];
    return names.flatMap((name) => {
      const list = problems.filter((p) => (text(p[key]) || '未填') === name);
      return list.length ? [{ name, ...ledgerCounts(list, today) }] : [];
    });
  };
  return {
    ...ledgerCounts(problems, today),
    byCategory: by('category', vocabularies.problemCategory.values).map(({ name, ...c }) => ({ category: name, ...c })),
    bySource: by('source', vocabularies.problemSource.values).map(({ name, ...c }) => ({ source: name, ...c })),
  };
}

/** The numbers of the year's data (loadYear: households, 家庭人口数, steps, ledger), on `today` for what is overdue. */
export function monitoringNumbers(data: YearData, today: string): MonitoringNumbers {
  const { year } = data;
  const count = (households: readonly Row[]): Count => ({ households: households.length, people: households.reduce((n, h) => n + derivedOf(data, h.id).size, 0) });
  const steps = data.monitoringSteps ?? [];
  const stepsOf = new Map<number, Row[]>();
  for (const s of steps) stepsOf.set(Number(s.householdId), [...(stepsOf.get(Number(s.householdId)) ?? []), s]);
  const withStep = (step: string) => data.households.filter((h) => (stepsOf.get(h.id) ?? []).some((s) => s.step === step && inYear(s.date, year)));

  const monitored = data.households.filter((h) => text(h.monitoringType));
  const identified = monitored.filter((h) => inYear(h.identifiedMonth, year));
  const eliminated = monitored.filter((h) => isYes(h.riskEliminated) && inYear(h.eliminatedMonth, year));
  const green = withStep(GREEN_CHANNEL);
  return {
    year,
    newlyIdentified: {
      ...count(identified),
      byType: vocabularies.monitoringType.values.map((type) => ({ type, ...count(identified.filter((h) => text(h.monitoringType) === type)) })),
      byRisk: vocabularies.risk.values.map((risk) => ({ risk, ...count(identified.filter((h) => risks(h).includes(risk))) })).filter((r) => r.households > 0),
    },
    eliminated: {
      ...count(eliminated),
      byMethod: vocabularies.eliminationMethod.values.map((method) => ({ method, ...count(eliminated.filter((h) => text(h.eliminationMethod) === method)) })),
    },
    reverted: count(withStep(REVERT)),
    relabelled: count(withStep(RELABEL)),
    greenChannel: { ...count(green), open: count(green.filter((h) => procedureState(h, stepsOf.get(h.id) ?? []).round?.green)) },
    ledger: ledgerNumbers(data.problems, today),
  };
}
