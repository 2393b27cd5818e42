// The income roll-up (REFERENCE.md c): category amounts, the paper's subtotals, 年总收入, 家庭纯收入, 人均纯收入, the
// reference income used for identification, and the change from the previous year.
//
// Stored money stays REAL 元 (the dictionary's type, so old journal entries undo exactly); every sum here is done in
// integer 分 and turned back into 元 once, so 0.1 + 0.2 is 0.30 and a column of 40 lines adds up as on paper.
import { incomeCategoryColumns, incomeDetailLines, incomeSubtotals, type CellValue, type IncomeCategory } from './tables';

export interface CategoryAmount {
  amount: number;
  /** True when the amount is the sum of detail lines; false when it is the national block value. */
  fromDetails: boolean;
  /** The national block value as stored, when both it and detail lines are filled. */
  blockValue: number | null;
}

export interface IncomeSummary {
  categories: Record<IncomeCategory, CategoryAmount>;
  /** 生态补偿金小计 and 其他转移性收入小计, by the keys of incomeSubtotals. */
  subtotals: Record<(typeof incomeSubtotals)[number]['key'], number>;
  /** 务工收入 as the sum of the household's 务工 records of the year; null when it has none (then it is keyed). */
  workIncome: number | null;
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

/** The formulas as the income page shows them (the reference income is an inference: REFERENCE.md c). */
export const incomeFormulas = [
  '年总收入 = 工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入',
  '家庭纯收入 = 年总收入 − 生产经营性支出',
  '人均纯收入 = 家庭纯收入 ÷ 家庭人口数',
  '纳入监测对象的收入参考范围 = 家庭纯收入 + 理赔收入 − 合规自付支出（按公开资料推断，待县级口径确认）',
] as const;

/** A stored amount, or null when the cell holds none. */
export const amountOf = (value: CellValue | undefined): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** Rounded half away from zero, as money is rounded on paper (Math.round takes −2.5 to −2). */
const roundHalfAway = (n: number) => Math.sign(n) * Math.round(Math.abs(n)) || 0;
/** 元 → integer 分. */
export const toFen = (yuan: number): number => roundHalfAway(yuan * 100);
/** Integer 分 → 元. */
export const fromFen = (fen: number): number => fen / 100;
const sumFen = (amounts: readonly number[]) => amounts.reduce((sum, a) => sum + toFen(a), 0);

/** 元 with two decimals and thousands separators, as the forms print it: 8,412.50. */
export function yuanText(yuan: number | null | undefined): string {
  if (yuan == null) return '';
  return yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** 元 with two decimals and the unit, as reasons and messages say it: 8,412.50元. */
export const yuanWithUnit = (yuan: number): string => `${yuanText(yuan)}元`;

/** Months of `year` between two YYYYMM months (both inclusive); an open start or end is the year's first or last month. */
function monthsIn(year: number, start: CellValue | undefined, end: CellValue | undefined): number {
  const month = (value: CellValue | undefined, fallback: number) => {
    const text = String(value ?? '').trim();
    return /^\d{6}$/.test(text) ? Number(text.slice(0, 4)) * 12 + Number(text.slice(4)) - 1 : fallback;
  };
  const from = Math.max(month(start, year * 12), year * 12);
  const to = Math.min(month(end, year * 12 + 11), year * 12 + 11);
  return Math.max(0, to - from + 1);
}

/**
 * 务工收入 from 务工 records of the year: each record's 务工月收入 × its months inside the year (开始/结束时间;
 * a record without them counts the whole year, one still running counts to December). A record marked
 * 是否已务工 = 否 counts nothing. Null when there is no record of the year: then 务工收入 is keyed.
 */
export function workIncomeOf(records: readonly Readonly<Record<string, CellValue>>[], year: number): number | null {
  const ofYear = records.filter((r) => r.year === year);
  if (!ofYear.length) return null;
  const fen = ofYear.reduce((sum, r) => {
    if (r.isWorking === '否') return sum;
    return sum + toFen(amountOf(r.monthlyIncome) ?? 0) * monthsIn(year, r.startMonth, r.endMonth);
  }, 0);
  return fromFen(fen);
}

/** The amount of a detail line: the 务工 records' sum for 务工收入 where there are records, else what is keyed. */
function lineAmount(row: Readonly<Record<string, CellValue>>, key: string, workIncome: number | null): number | null {
  return key === 'wageMigrant' && workIncome !== null ? workIncome : amountOf(row[key]);
}

export function categoryAmount(row: Readonly<Record<string, CellValue>>, category: IncomeCategory, workIncome: number | null = null): CategoryAmount {
  const details = incomeDetailLines[category].map(([key]) => lineAmount(row, key, workIncome)).filter((v): v is number => v !== null);
  const blockValue = amountOf(row[incomeCategoryColumns[category].key]);
  if (details.length) return { amount: fromFen(sumFen(details)), fromDetails: true, blockValue };
  return { amount: blockValue ?? 0, fromDetails: false, blockValue: null };
}

/** Per head, rounded to the 分; null for a household with nobody counted. */
const perHead = (fen: number, size: number) => (size > 0 ? fromFen(roundHalfAway(fen / size)) : null);

/**
 * The roll-up of one income record for a household of `size` counted persons; `workIncome` (workIncomeOf) replaces
 * the keyed 务工收入 where the household has 务工 records of the year.
 */
export function incomeSummary(row: Readonly<Record<string, CellValue>>, size: number, workIncome: number | null = null): IncomeSummary {
  const categories = Object.fromEntries(
    (Object.keys(incomeDetailLines) as IncomeCategory[]).map((c) => [c, categoryAmount(row, c, workIncome)]),
  ) as Record<IncomeCategory, CategoryAmount>;
  const subtotals = Object.fromEntries(
    incomeSubtotals.map((s) => [s.key, fromFen(sumFen(s.lines.map((key) => amountOf(row[key]) ?? 0)))]),
  ) as IncomeSummary['subtotals'];
  const totalFen = sumFen([categories.wage.amount, categories.business.amount, categories.property.amount, categories.transfer.amount]);
  const computedNetFen = totalFen - toFen(categories.cost.amount);
  const officialNet = amountOf(row.officialNet);
  const officialPerCapita = amountOf(row.officialPerCapita);
  const netFen = officialNet !== null ? toFen(officialNet) : computedNetFen;
  const claims = amountOf(row.claims) ?? 0;
  const selfPaid = amountOf(row.selfPaid) ?? 0;
  const referenceFen = netFen + toFen(claims) - toFen(selfPaid);
  return {
    categories,
    subtotals,
    workIncome,
    total: fromFen(totalFen),
    net: fromFen(netFen),
    perCapita: officialPerCapita ?? perHead(netFen, size),
    computedNet: fromFen(computedNetFen),
    computedPerCapita: perHead(computedNetFen, size),
    official: officialNet !== null || officialPerCapita !== null,
    claims,
    selfPaid,
    reference: fromFen(referenceFen),
    referencePerCapita: perHead(referenceFen, size),
  };
}

export interface PerCapitaChange {
  amount: number;
  /** Percent of last year's; null when last year's was not above zero. */
  percent: number | null;
}

/** Change of 人均纯收入 from the previous year: amount and percent (null where it cannot be computed). */
export function perCapitaChange(current: IncomeSummary | null, previous: IncomeSummary | null): PerCapitaChange | null {
  if (current?.perCapita == null || previous?.perCapita == null) return null;
  const amountFen = toFen(current.perCapita) - toFen(previous.perCapita);
  const percent = previous.perCapita > 0 ? roundHalfAway((amountFen / toFen(previous.perCapita)) * 10000) / 100 : null;
  return { amount: fromFen(amountFen), percent };
}
