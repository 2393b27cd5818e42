// 附件1 as the income page shows it: every household of the year's data, its income record of the year (if any),
// the roll-up of this year and last, the change, and the 家庭人口数 each year's per-capita figure is divided by.
// Pure: read from YearData, the one computation behind the page, the export and the checks.
import type { IncomeSummary, PerCapitaChange } from './income';
import type { Row } from './tables';
import { derivedOf, type YearData } from './yearData';

export interface IncomeSheetRow {
  householdId: number;
  hhNo: string | null;
  headName: string | null;
  villageId: number | null;
  householdType: string | null;
  monitoringType: string | null;
  phone: string | null;
  /** 家庭人口数 now (for this year's income), by the profile's rule. */
  size: number;
  /** 家庭人口数 at the end of last year's income period; null without last year's income. */
  previousSize: number | null;
  /** The income record of the year; null while none was made. */
  record: Row | null;
  summary: IncomeSummary | null;
  previousSummary: IncomeSummary | null;
  change: PerCapitaChange | null;
  /** 务工收入 comes from the members' 务工 records of the year (read-only on the page). */
  workFromRecords: boolean;
}

export interface IncomeSheet {
  year: number;
  rows: IncomeSheetRow[];
}

const textOf = (value: unknown) => (value == null || value === '' ? null : String(value));

/** The sheet of the households in `data`, in 户编号 order. */
export function incomeSheet(data: YearData): IncomeSheet {
  const rows = data.households.map((h): IncomeSheetRow => {
    const d = derivedOf(data, h.id);
    return {
      householdId: h.id,
      hhNo: textOf(h.hhNo),
      headName: d.headName,
      villageId: typeof h.villageId === 'number' ? h.villageId : null,
      householdType: textOf(h.householdType),
      monitoringType: textOf(h.monitoringType),
      phone: textOf(h.phone),
      size: d.size,
      previousSize: d.previousSize,
      record: data.incomeByHousehold.get(h.id) ?? null,
      summary: d.income,
      previousSummary: d.previousIncome,
      change: d.change,
      workFromRecords: d.income?.workIncome != null,
    };
  });
  rows.sort((a, b) => (a.hhNo ?? '').localeCompare(b.hhNo ?? ''));
  return { year: data.year, rows };
}
