// The policy-year profile: the lines and choices that differ by year and place. Unconfirmed values (REFERENCE.md
// [I]/[M]) live here as defaults the township can change in 设置, never as constants in rules.
import type { SizeRule } from './household';
import type { CellValue } from './tables';

export interface Profile {
  year: number;
  /** 监测范围 in 元/人/年; null until the clerk enters it (the Gansu 2023 value was not found in public sources). */
  monitoringLine: number | null;
  /** The work plan's key-group line: 收入低于10000元. */
  keyGroupLine: number;
  /** The income year compared with keyGroupLine (the plan speaks of 2022 income for the 2023 screening). */
  keyGroupIncomeYear: number;
  /** Warn when 人均纯收入 is below monitoringLine × warningBand. */
  warningBand: number;
  /** Warn when 人均纯收入 fell by more than this percentage from the previous year. */
  incomeDropPercent: number;
  excludeNaturalDecrease: boolean;
  /** Ages are counted on this day ('YYYY-MM-DD'). */
  referenceDate: string;
  disabledRules: string[];
}

export function defaultProfile(year: number): Profile {
  return {
    year,
    monitoringLine: null,
    keyGroupLine: 10000,
    keyGroupIncomeYear: year - 1,
    warningBand: 1.5,
    incomeDropPercent: 20,
    excludeNaturalDecrease: true,
    referenceDate: `${year}-12-31`,
    disabledRules: [],
  };
}

const numberOr = (value: CellValue | undefined, fallback: number) => (typeof value === 'number' ? value : fallback);

/** The profile of a year from its stored row (if any), with defaults for what the row leaves empty. */
export function profileFromRow(year: number, row?: Readonly<Record<string, CellValue>>): Profile {
  const base = defaultProfile(year);
  if (!row) return base;
  return {
    year,
    monitoringLine: typeof row.monitoringLine === 'number' ? row.monitoringLine : null,
    keyGroupLine: numberOr(row.keyGroupLine, base.keyGroupLine),
    keyGroupIncomeYear: numberOr(row.keyGroupIncomeYear, base.keyGroupIncomeYear),
    warningBand: numberOr(row.warningBand, base.warningBand),
    incomeDropPercent: numberOr(row.incomeDropPercent, base.incomeDropPercent),
    excludeNaturalDecrease: row.excludeNaturalDecrease !== '否',
    referenceDate: typeof row.referenceDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(row.referenceDate) ? row.referenceDate : base.referenceDate,
    disabledRules: String(row.disabledRules ?? '')
      .split(/[,，\s]+/)
      .filter(Boolean),
  };
}

export function sizeRuleOf(profile: Profile): SizeRule {
  return { excludedChangeTypes: profile.excludeNaturalDecrease ? ['自然减少'] : [] };
}

/** How the monitoring line is shown wherever it is used: prominently, and plainly when it is missing. */
export function monitoringLineText(profile: Profile): string {
  return profile.monitoringLine == null
    ? `${profile.year}年度监测范围：未填写（请在「设置」中按县乡文件填写）`
    : `${profile.year}年度监测范围：${profile.monitoringLine} 元/人/年`;
}
