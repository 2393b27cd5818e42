// The income roll-up (REFERENCE.md c): category amounts, 年总收入, 家庭纯收入, 人均纯收入, the reference income used
// for identification, and the change from the previous year.
import { incomeCategoryColumns, incomeDetailLines, type CellValue, type IncomeCategory } from './tables';

export interface CategoryAmount {
  amount: number;
  /** True when the amount is the sum of detail lines; false when it is the national block value. */
  fromDetails: boolean;
  /** The national block value as stored, when both it and detail lines are filled. */
  blockValue: number | null;
}

export interface IncomeSummary {
  categories: Record<IncomeCategory, CategoryAmount>;
  /** 年总收入 = 工资性 + 生产经营性 + 财产性 + 转移性. */
  total: number;
  /** 家庭纯收入 in use: the national system's own figure where the record has one, else `computedNet`. */
  net: number;
  /** 人均纯收入 in use: the national system's own figure where the record has one, else `computedPerCapita`. */
  perCapita: number | null;
  /** 家庭纯收入 rolled up from the lines: 年总收入 − 生产经营性支出. */
  computedNet: number;
  /** 家庭纯收入 ÷ 家庭人口数 from the lines; null when the household has nobody counted. */
  computedPerCapita: number | null;
  /** The record holds the national system's own totals (an imported export). */
  official: boolean;
  claims: number;
  selfPaid: number;
  /** 纳入监测对象的收入参考范围 = 家庭纯收入 + 理赔收入 − 合规自付支出 [I]. */
  reference: number;
  referencePerCapita: number | null;
}

/** A stored amount, or null when the cell holds none. */
export const amountOf = (value: CellValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const round2 = (n: number) => Math.round(n * 100) / 100;

export function categoryAmount(row: Readonly<Record<string, CellValue>>, category: IncomeCategory): CategoryAmount {
  const details = incomeDetailLines[category].map(([key]) => amountOf(row[key])).filter((v): v is number => v !== null);
  const blockValue = amountOf(row[incomeCategoryColumns[category].key]);
  if (details.length) return { amount: round2(details.reduce((a, b) => a + b, 0)), fromDetails: true, blockValue };
  return { amount: blockValue ?? 0, fromDetails: false, blockValue: null };
}

export function incomeSummary(row: Readonly<Record<string, CellValue>>, size: number): IncomeSummary {
  const categories = Object.fromEntries(
    (Object.keys(incomeDetailLines) as IncomeCategory[]).map((c) => [c, categoryAmount(row, c)]),
  ) as Record<IncomeCategory, CategoryAmount>;
  const total = round2(categories.wage.amount + categories.business.amount + categories.property.amount + categories.transfer.amount);
  const computedNet = round2(total - categories.cost.amount);
  const perHead = (value: number) => (size > 0 ? round2(value / size) : null);
  const computedPerCapita = perHead(computedNet);
  const officialNet = amountOf(row.officialNet);
  const officialPerCapita = amountOf(row.officialPerCapita);
  const net = officialNet ?? computedNet;
  const claims = amountOf(row.claims) ?? 0;
  const selfPaid = amountOf(row.selfPaid) ?? 0;
  const reference = round2(net + claims - selfPaid);
  return {
    categories,
    total,
    net,
    perCapita: officialPerCapita ?? (officialNet !== null ? perHead(officialNet) : computedPerCapita),
    computedNet,
    computedPerCapita,
    official: officialNet !== null || officialPerCapita !== null,
    claims,
    selfPaid,
    reference,
    referencePerCapita: perHead(reference),
  };
}

/** Change of 人均纯收入 from the previous year: amount and percent (null where it cannot be computed). */
export function perCapitaChange(current: IncomeSummary | null, previous: IncomeSummary | null): { amount: number; percent: number | null } | null {
  if (current?.perCapita == null || previous?.perCapita == null) return null;
  const amount = round2(current.perCapita - previous.perCapita);
  const percent = previous.perCapita > 0 ? round2((amount / previous.perCapita) * 100) : null;
  return { amount, percent };
}
