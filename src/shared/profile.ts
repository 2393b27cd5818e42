// The policy-year profile: the lines and choices that differ by year and place. Unconfirmed values (REFERENCE.md
// [I]/[M]) live here as defaults the township can change in 设置, never as constants in rules.
import type { SizeRule } from './household';
import { parseIdNumber } from './idcard';
import { defaultBlockers } from './monitoring';
import type { CellValue } from './tables';

export interface Profile {
  year: number;
  /** 监测范围 in 元/人/年; null until the clerk enters it (the Gansu 2023 value was not found in public sources). */
  monitoringLine: number | null;
  /** The work plan's key-group line: 收入低于10000元. */
  keyGroupLine: number;
  /** The income year compared with keyGroupLine (the plan speaks of 2022 income for the 2023 screening). */
  keyGroupIncomeYear: number;
  /** Warn when 收入参考范围 per head is below monitoringLine × warningBand. */
  warningBand: number;
  /**
   * 增速较慢: warn when 人均纯收入 grew by less than this percentage from the previous year; null (the default) means
   * no such warning. Any fall (不增反降) is always reported.
   */
  slowGrowthPercent: number | null;
  /** 人均纯收入 below this is probably incompletely keyed (S1 3_11_010: 4000元). */
  veryLowLine: number;
  /** A household identified this year with 人均纯收入 above this is doubtful (S1 1111_18: 20000元). */
  highAtIdentificationLine: number;
  /** 工资性收入 above 0 but below this is probably missing digits (S1 5_15_023: 100元). */
  tinyWageLine: number;
  /** 务工月收入 outside [min, max] is doubtful (S1 1111_12: 400元; 5_16_002: 30000元). */
  workMonthlyIncomeMin: number;
  workMonthlyIncomeMax: number;
  /** 缺劳动力 is doubted when 普通/技能劳动力 make up at least this percentage of 家庭人口 (S1 4_11_009 for 4+ persons: half). */
  lackLaborPercent: number;
  excludeNaturalDecrease: boolean;
  /** Ages are counted on this day ('YYYY-MM-DD'). */
  referenceDate: string;
  /**
   * The day the year's imported data stand on: the 导出时间 of the national export of this round, when one was
   * imported. Rules about what such a file could hold (a birth after it) read it; null without such an import.
   */
  dataDate: string | null;
  disabledRules: string[];
  /** 六必访 and 六必查 as the 入户调查表 lists them (the guideline's wording is not public [I]). */
  mustVisit: string[];
  mustCheck: string[];
  /**
   * 七不消: what refuses 风险消除 while it holds (src/shared/monitoring.ts judges those it knows by name; any other
   * item is for the clerk to check off). The guideline's wording is not public [I].
   */
  eliminationBlockers: string[];
  /** The campaign's calendar ('YYYY-MM-DD'): its start and the last day of each phase (src/shared/progress.ts). */
  campaignStart: string;
  mobilizeEnd: string;
  collectEnd: string;
  entryEnd: string;
  reportEnd: string;
}

export function defaultProfile(year: number): Profile {
  return {
    year,
    monitoringLine: null,
    keyGroupLine: 10000,
    keyGroupIncomeYear: year - 1,
    warningBand: 1.5,
    slowGrowthPercent: null,
    veryLowLine: 4000,
    highAtIdentificationLine: 20000,
    tinyWageLine: 100,
    workMonthlyIncomeMin: 400,
    workMonthlyIncomeMax: 30000,
    lackLaborPercent: 50,
    excludeNaturalDecrease: true,
    // Ages as on the first day of the round's 入户采集 (the 2023 work plan: 10月28日) [I]; settable per year.
    referenceDate: `${year}-10-28`,
    dataDate: null,
    disabledRules: [],
    // REFERENCE.md d: the P11 groups condensed to six, and the six checks of the 三保障 and the measures [I].
    mustVisit: ['收入低或骤减户', '大病重病或慢性病户', '残疾人户', '低保特困户', '受灾或意外事故户', '务工不稳定或返乡户'],
    mustCheck: ['查收入', '查义务教育', '查基本医疗', '查住房安全', '查饮水安全', '查帮扶措施落实及信息准确'],
    eliminationBlockers: defaultBlockers,
    // The 2023 work plan: 10月下旬启动; 动员部署 28日前; 入户采集 10月28日–11月5日; 数据录入 11月6日–14日; 总结报告 15日–20日.
    campaignStart: `${year}-10-21`,
    mobilizeEnd: `${year}-10-27`,
    collectEnd: `${year}-11-05`,
    entryEnd: `${year}-11-14`,
    reportEnd: `${year}-11-20`,
  };
}

const numberOr = <T extends number | null>(value: CellValue | undefined, fallback: T): number | T => (typeof value === 'number' ? value : fallback);

/**
 * The profile of a year from its stored row (if any), with defaults for what the row leaves empty; `dataDate` is
 * the 导出时间 of the latest national export imported, which belongs to this year when it falls in it.
 */
export function profileFromRow(year: number, row?: Readonly<Record<string, CellValue>>, dataDate: string | null = null): Profile {
  const base = { ...defaultProfile(year), dataDate: dataDate?.startsWith(`${year}-`) ? dataDate : null };
  if (!row) return base;
  return {
    year,
    dataDate: base.dataDate,
    monitoringLine: numberOr(row.monitoringLine, null),
    keyGroupLine: numberOr(row.keyGroupLine, base.keyGroupLine),
    keyGroupIncomeYear: numberOr(row.keyGroupIncomeYear, base.keyGroupIncomeYear),
    warningBand: numberOr(row.warningBand, base.warningBand),
    slowGrowthPercent: numberOr(row.slowGrowthPercent, base.slowGrowthPercent),
    veryLowLine: numberOr(row.veryLowLine, base.veryLowLine),
    highAtIdentificationLine: numberOr(row.highAtIdentificationLine, base.highAtIdentificationLine),
    tinyWageLine: numberOr(row.tinyWageLine, base.tinyWageLine),
    workMonthlyIncomeMin: numberOr(row.workMonthlyIncomeMin, base.workMonthlyIncomeMin),
    workMonthlyIncomeMax: numberOr(row.workMonthlyIncomeMax, base.workMonthlyIncomeMax),
    lackLaborPercent: numberOr(row.lackLaborPercent, base.lackLaborPercent),
    excludeNaturalDecrease: row.excludeNaturalDecrease !== '否',
    referenceDate: dateOf(row.referenceDate) ?? base.referenceDate,
    disabledRules: String(row.disabledRules ?? '')
      .split(/[,，\s]+/)
      .filter(Boolean),
    mustVisit: listOr(row.mustVisit, base.mustVisit),
    mustCheck: listOr(row.mustCheck, base.mustCheck),
    eliminationBlockers: listOr(row.eliminationBlockers, base.eliminationBlockers),
    campaignStart: dateOf(row.campaignStart) ?? base.campaignStart,
    mobilizeEnd: dateOf(row.mobilizeEnd) ?? base.mobilizeEnd,
    collectEnd: dateOf(row.collectEnd) ?? base.collectEnd,
    entryEnd: dateOf(row.entryEnd) ?? base.entryEnd,
    reportEnd: dateOf(row.reportEnd) ?? base.reportEnd,
  };
}

/** A list kept in one cell, separated by commas, 、 or semicolons; the default when the cell is empty. */
function listOr(value: CellValue | undefined, fallback: string[]): string[] {
  const list = String(value ?? '')
    .split(/[,，、;；\n]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return list.length ? list : fallback;
}

export function sizeRuleOf(profile: Profile): SizeRule {
  return { excludedChangeTypes: profile.excludeNaturalDecrease ? ['自然减少'] : [] };
}

const dateOf = (value: CellValue | undefined): string | null => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? value.trim() : null);

/**
 * 家庭人口数 on an earlier day (the end of last year's income period), for last year's 人均纯收入, from the members on
 * record now. A member born, or added (自然增加), after that day was not yet there; one who left (自然减少, when the
 * profile leaves such members out) after that day still was. A change without a 变动日期 is taken as it stands now,
 * as the current 家庭人口数 takes it: the data cannot say when it happened.
 */
export function sizeOn(members: readonly Readonly<Record<string, CellValue>>[], day: string, profile: Profile): number {
  const excluded = sizeRuleOf(profile).excludedChangeTypes;
  return members.filter((m) => {
    const type = String(m.changeType ?? '').trim();
    const changed = dateOf(m.changeDate);
    const born = parseIdNumber(m.idNumber, '9999-12-31').birthDate ?? dateOf(m.birthDate);
    if (born && born > day) return false;
    if (excluded.includes(type)) return type === '自然减少' && changed !== null && changed > day;
    return !(type === '自然增加' && changed !== null && changed > day);
  }).length;
}

/** The last day of last year's income: its 收入截止年月 when given, else 31 December of the year before. */
function previousIncomeEnd(previousIncome: Readonly<Record<string, CellValue>>, profile: Profile): string {
  const end = String(previousIncome.periodEnd ?? '').trim();
  return /^\d{6}$/.test(end) ? `${end.slice(0, 4)}-${end.slice(4, 6)}-31` : `${profile.year - 1}-12-31`;
}

/** 家庭人口数 for last year's 人均纯收入: the household as it was at the end of that income's period. */
export function previousIncomeSize(members: readonly Readonly<Record<string, CellValue>>[], previousIncome: Readonly<Record<string, CellValue>>, profile: Profile): number {
  return sizeOn(members, previousIncomeEnd(previousIncome, profile), profile);
}

/** How the monitoring line is shown wherever it is used: prominently, and plainly when it is missing. */
export function monitoringLineText(profile: Profile): string {
  return profile.monitoringLine == null
    ? `${profile.year}年度监测范围：未填写（请在「设置」中按县乡文件填写）`
    : `${profile.year}年度监测范围：${profile.monitoringLine} 元/人/年`;
}
