// 重点人群 (附件3) with the reasons that put each household in its groups. The work plan names seven groups; what the
// data can decide is derived here (principle 4), what they cannot is the clerk's entry in the keygroups table:
//   ① 受灾影响较大                 clerk
//   ② 收入不增反降或增速较慢       derived: the key-group income year's official 人均纯收入 against the year before
//   ③ 上年人均纯收入低于10000元     derived: the key-group income year's 人均纯收入 against profile.keyGroupLine
//   ④ 务工不稳定/返乡/新增劳动力   clerk
//   ⑤ 新识别或新申请低保           derived where the data show it: identified as 监测对象 in the work year, or 低保
//                                  granted in it (the journal); else clerk (e.g. a 低保 application not yet decided)
//   ⑥ 因病因残因学刚性支出较大     derived where 合规自付支出 and the members' health or schooling show it; else clerk
//   ⑦ 产业失败或意外事故           clerk
// The key-group income year is the profile's (for 工作年度 2023: 2022, compared with 2021); yearData holds its
// income records (incomeYearsOf).
import { yuanWithUnit, type IncomeSummary } from './income';
import { sizeRuleOf } from './profile';
import type { CellValue, Row } from './tables';
import { vocabularies } from './vocab';
import { groupBy } from './groupBy';
import { householdIncomes, type HouseholdIncomes, type YearData } from './yearData';

export interface KeyGroupEntry {
  /** Group numbers 1..7, ascending. */
  groups: number[];
  /** One Chinese sentence per reason, with the numbers that decided it. */
  reasons: string[];
}

/** The seven groups' names, by number (index 0 is group 1): the keyGroup vocabulary the clerk picks from. */
export const keyGroupNames: readonly string[] = vocabularies.keyGroup.values.slice(0, 7);

/** ①…⑦, for headings and lists. */
export const keyGroupMark = (group: number): string => '①②③④⑤⑥⑦'[group - 1] ?? String(group);

/** Groups the data decide; the clerk's entries for them are not read (the page does not offer them). */
export const derivedKeyGroups: readonly number[] = [2, 3];

/** Illnesses and conditions that make 合规自付支出 a rigid expense of ⑥ (健康状况 values). */
const rigidHealth = ['患有大病', '长期慢性病', '残疾'] as const;
/** 在校生状况 past compulsory education, whose costs count for ⑥ (因学). */
const beyondCompulsory = /^(普通高中|中职|高职高专|技师学院|本科|硕士)/;

const text = (value: CellValue | undefined) => (value == null ? '' : String(value).trim());
const parts = (value: CellValue | undefined) => text(value).split(/[,，、]/).map((p) => p.trim()).filter(Boolean);

/**
 * Income of the key-group income year and of the year before it, per household, by yearData's one computation (as
 * if that year were the work year: last year's 家庭人口数 on its own date).
 */
export function keyGroupIncomes(data: YearData): Map<number, HouseholdIncomes> {
  const year = data.profile.keyGroupIncomeYear;
  if (year === data.year) return data.derived;
  const ofYear = (y: number) => new Map(data.incomes.filter((r) => r.year === y).map((r) => [Number(r.householdId), r]));
  const [current, previous] = [ofYear(year), ofYear(year - 1)];
  const workByMember = groupBy(data.workRecords, (w) => (typeof w.memberId === 'number' ? w.memberId : null));
  const profile = { ...data.profile, year };
  return new Map(
    data.households.map((h) => {
      const members = data.membersByHousehold.get(h.id) ?? [];
      const work = members.flatMap((m) => workByMember.get(m.id) ?? []);
      const size = data.derived.get(h.id)?.size ?? 0;
      return [h.id, householdIncomes(members, size, { current: current.get(h.id), previous: previous.get(h.id), work }, profile)];
    }),
  );
}

/** ② 收入不增反降或增速较慢: a fall, or growth below the profile's 增速较慢 line when the township has set one. */
function incomeFell(data: YearData, { income, previousIncome: previous, change }: HouseholdIncomes): string | null {
  if (!change) return null;
  const year = data.profile.keyGroupIncomeYear;
  const from = `${year}年人均纯收入 ${yuanWithUnit(income!.perCapita!)}，${year - 1}年 ${yuanWithUnit(previous!.perCapita!)}`;
  const percent = (word: string) => (change.percent === null ? '' : `（${word} ${Math.abs(change.percent).toFixed(2)}%）`);
  if (change.amount < 0) return `${from}，减少 ${yuanWithUnit(-change.amount)}${percent('下降')}，收入不增反降`;
  const slow = data.profile.slowGrowthPercent;
  if (slow !== null && change.percent !== null && change.percent < slow) return `${from}，增加 ${yuanWithUnit(change.amount)}${percent('增长')}，低于增速较慢线 ${slow}%`;
  return null;
}

/** ③ 上年人均纯收入低于10000元 (the line is the profile's). */
function incomeLow(data: YearData, income: IncomeSummary | null): string | null {
  const { keyGroupIncomeYear: year, keyGroupLine: line } = data.profile;
  const perCapita = income?.perCapita ?? null;
  return perCapita !== null && perCapita < line ? `${year}年人均纯收入 ${yuanWithUnit(perCapita)}，低于${line}元` : null;
}

/** ⑥ 因病因残因学刚性支出较大: 合规自付支出 with members ill, disabled or studying past compulsory school. */
function rigidExpense(data: YearData, members: readonly Row[], income: IncomeSummary | null): string | null {
  if (!income || income.selfPaid <= 0) return null;
  const excluded = sizeRuleOf(data.profile).excludedChangeTypes;
  const present = members.filter((m) => !excluded.includes(text(m.changeType)));
  const who = [
    ...rigidHealth.map((h) => [h, present.filter((m) => parts(m.health).includes(h)).length] as const),
    ['非义务教育阶段在校', present.filter((m) => beyondCompulsory.test(text(m.schoolStatus))).length] as const,
  ].filter(([, n]) => n > 0);
  if (!who.length) return null;
  return `${data.profile.keyGroupIncomeYear}年合规自付支出 ${yuanWithUnit(income.selfPaid)}，家庭成员中${who.map(([what, n]) => `${what} ${n} 人`).join('、')}`;
}

/** ⑤ 新识别或新申请低保: identified as 监测对象 in the work year, or a member granted 低保 in it. */
function newlyIdentifiedOrDibao(data: YearData, household: Row): string | null {
  const month = text(household.identifiedMonth);
  if (text(household.monitoringType) && month.startsWith(String(data.year))) {
    return `${month.slice(0, 4)}年${month.slice(4, 6)}月新识别为${text(household.monitoringType)}`;
  }
  const members = new Map((data.membersByHousehold.get(household.id) ?? []).map((m) => [m.id, m]));
  const grants = (data.dibaoGrants ?? []).filter((g) => members.has(g.memberId));
  return grants.length ? grants.map((g) => `${text(members.get(g.memberId)!.name)}于 ${g.at} 起享受${g.value}`).join('；') : null;
}

/** The clerk's groups from the keygroups row (derived ones left out), each with its reason. */
function manualGroups(row: Row | undefined): [number, string][] {
  if (!row) return [];
  const note = text(row.riskPoints);
  return parts(row.categories)
    .map((name) => keyGroupNames.indexOf(name) + 1)
    .filter((group) => group > 0 && !derivedKeyGroups.includes(group))
    .map((group) => [group, `人工认定为「${keyGroupNames[group - 1]}」${note ? `：${note}` : ''}`]);
}

/** Every household's key groups with reasons; households in no group are absent. */
export function keyGroupsOf(data: YearData): Map<number, KeyGroupEntry> {
  const incomes = keyGroupIncomes(data);
  const result = new Map<number, KeyGroupEntry>();
  for (const household of data.households) {
    const derived = incomes.get(household.id);
    const income = derived?.income ?? null;
    const found = new Map<number, string>();
    const add = (group: number, reason: string | null) => {
      if (reason && !found.has(group)) found.set(group, reason);
    };
    if (derived) add(2, incomeFell(data, derived));
    add(3, incomeLow(data, income));
    add(5, newlyIdentifiedOrDibao(data, household));
    add(6, rigidExpense(data, data.membersByHousehold.get(household.id) ?? [], income));
    for (const [group, reason] of manualGroups(data.keygroupByHousehold.get(household.id))) add(group, reason);
    if (!found.size) continue;
    const groups = [...found.keys()].sort((a, b) => a - b);
    result.set(household.id, { groups, reasons: groups.map((g) => found.get(g)!) });
  }
  return result;
}

export interface KeyGroupSummaryRow {
  village: string;
  group: number;
  households: number;
  people: number;
}

/** 户 and 人 per village and group (a household counts in each of its groups), villages in their order on file. */
export function keyGroupSummary(data: YearData, byHousehold: ReturnType<typeof keyGroupsOf>): KeyGroupSummaryRow[] {
  const rows = new Map<string, KeyGroupSummaryRow>();
  for (const [householdId, { groups }] of byHousehold) {
    const household = data.householdById.get(householdId);
    if (!household) continue;
    const village = text(data.villageById.get(Number(household.villageId))?.name);
    const people = data.derived.get(householdId)?.size ?? 0;
    for (const group of groups) {
      const key = `${village}|${group}`;
      const row = rows.get(key) ?? { village, group, households: 0, people: 0 };
      row.households += 1;
      row.people += people;
      rows.set(key, row);
    }
  }
  const villageOrder = new Map(data.villages.map((v, i) => [text(v.name), i]));
  return [...rows.values()].sort((a, b) => (villageOrder.get(a.village) ?? 0) - (villageOrder.get(b.village) ?? 0) || a.group - b.group);
}

/** A household of 附件3: who, its groups with reasons, and the income figures the groups were read from. */
export interface KeyGroupHousehold {
  householdId: number;
  hhNo: string | null;
  village: string;
  headName: string | null;
  /** 家庭人口数. */
  size: number;
  householdType: string | null;
  monitoringType: string | null;
  groups: number[];
  reasons: string[];
  /** 人均纯收入 of the key-group income year and of the year before, and the change between them. */
  perCapita: number | null;
  previousPerCapita: number | null;
  change: { amount: number; percent: number | null } | null;
  /** The 排查结论 of the year's 入户调查. */
  conclusion: string | null;
}

export interface KeyGroupsReport {
  /** 工作年度. */
  year: number;
  /** The income year ②③ read (and ② compares with the year before). */
  incomeYear: number;
  households: KeyGroupHousehold[];
  summary: KeyGroupSummaryRow[];
}

const textOrNull = (value: CellValue | undefined) => text(value) || null;

/** 附件3 as the page, the CLI and the export read it: the households in groups, in the order on file, and the summary. */
export function keyGroupReport(data: YearData): KeyGroupsReport {
  const byHousehold = keyGroupsOf(data);
  const incomes = keyGroupIncomes(data);
  const households = data.households.flatMap((h): KeyGroupHousehold[] => {
    const entry = byHousehold.get(h.id);
    if (!entry) return [];
    const income = incomes.get(h.id);
    const facts = data.derived.get(h.id);
    return [
      {
        householdId: h.id,
        hhNo: textOrNull(h.hhNo),
        village: text(data.villageById.get(Number(h.villageId))?.name),
        headName: facts?.headName ?? null,
        size: facts?.size ?? 0,
        householdType: textOrNull(h.householdType),
        monitoringType: textOrNull(h.monitoringType),
        ...entry,
        perCapita: income?.income?.perCapita ?? null,
        previousPerCapita: income?.previousIncome?.perCapita ?? null,
        change: income?.change ?? null,
        conclusion: textOrNull(data.visitByHousehold.get(h.id)?.conclusion),
      },
    ];
  });
  return { year: data.year, incomeYear: data.profile.keyGroupIncomeYear, households, summary: keyGroupSummary(data, byHousehold) };
}
