// How far the second round has got, per 片区 (村民小组), village and township: derived from a year's data (principle
// 4), never stored. 附件5 reads its household and people counts from here, the 进度 page and `paicha progress` the
// rest, and the rules the due date of a household's visit. Pure: the caller gives the households with open 错误.
import { groupBy } from './groupBy';
import { isYes, text } from './rules/helpers';
import type { Profile } from './profile';
import type { Row } from './tables';
import { derivedOf, type YearData } from './yearData';

/** What a 片区 holds: 户 and 人, and of them 脱贫户 and 监测户 (附件5's computed columns). */
export interface PeopleCounts {
  households: number;
  people: number;
  povertyHouseholds: number;
  povertyPeople: number;
  monitoredHouseholds: number;
  monitoredPeople: number;
}

/** How far the round has got: households in each state. */
export interface ProgressCounts extends PeopleCounts {
  /** In a 片区 with two 排查责任人. */
  assigned: number;
  /** With a visit of the year that has a 排查日期. */
  visited: number;
  /** With sections D–G of the visit filled (keyedVisit). */
  keyed: number;
  /** With a visit signed by the household and the 信息采集员 (双签字). */
  signed: number;
  /** With open 错误 of 数据核查. */
  errors: number;
  /** Not visited after the 片区's planned date (dueDate). */
  overdue: number;
}

/** What each count is called, in the order the 进度 table and `paicha progress` show them. */
export const progressLabels: readonly (readonly [keyof ProgressCounts, string])[] = [
  ['households', '户数'],
  ['people', '人数'],
  ['assigned', '已分工'],
  ['visited', '已入户'],
  ['keyed', '已录入'],
  ['signed', '已双签字'],
  ['errors', '有错误'],
  ['overdue', '逾期未入户'],
];

export interface GroupProgress extends ProgressCounts {
  group: string;
  /** null for the households of a village in no 村民小组. */
  groupId: number | null;
  /** The day the 片区 is to be visited by: its 计划完成时间, else the end of 入户采集. */
  dueDate: string;
}

export interface VillageProgress extends ProgressCounts {
  village: string;
  villageId: number;
  groups: GroupProgress[];
}

export interface Phase {
  name: string;
  start: string;
  end: string;
}

export interface ProgressReport {
  year: number;
  /** The day the report is for ('YYYY-MM-DD'). */
  today: string;
  /** The phase of the campaign that day: 动员部署, 入户采集 …, or 未开始 / 已结束. */
  phase: string;
  /** Days left in that phase, the last day included; null before the start and after the end. */
  daysLeft: number | null;
  phases: Phase[];
  total: ProgressCounts;
  villages: VillageProgress[];
}

/** The campaign's phases from the profile's calendar: each starts the day after the one before ends. */
export function campaignPhases(profile: Profile): Phase[] {
  const ends: [string, string][] = [
    ['动员部署', profile.mobilizeEnd],
    ['入户采集', profile.collectEnd],
    ['数据录入', profile.entryEnd],
    ['总结报告', profile.reportEnd],
  ];
  let start = profile.campaignStart;
  return ends.map(([name, end]) => {
    const phase = { name, start, end };
    start = addDays(end, 1);
    return phase;
  });
}

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
const addDays = (date: string, days: number) => new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);

/** The phase a day falls in, and the days left in it (the day itself and the last day included). */
export function phaseOn(phases: readonly Phase[], today: string): { phase: string; daysLeft: number | null } {
  const current = phases.find((p) => p.start <= today && today <= p.end);
  if (current) return { phase: current.name, daysLeft: dayNumber(current.end) - dayNumber(today) + 1 };
  return { phase: phases.length && today < phases[0]!.start ? '未开始' : '已结束', daysLeft: null };
}

/** The phase as every place that shows it says it: 当前阶段「入户采集」（2023-10-28 至 2023-11-05），剩余 2 天. */
export function phaseText(report: Pick<ProgressReport, 'phase' | 'daysLeft' | 'phases'>): string {
  const current = report.phases.find((p) => p.name === report.phase);
  return `当前阶段「${report.phase}」${current ? `（${current.start} 至 ${current.end}），剩余 ${report.daysLeft} 天` : ''}`;
}

/** A visit took place: it has a 排查日期. */
export const visited = (visit: Row | undefined): boolean => !!text(visit?.visitDate);

/** The visit's sections D–G (两不愁三保障, 生产生活条件, 风险研判, 签字), each with an answer, and its conclusion and date. */
const keyedSections: readonly (readonly string[])[] = [
  ['foodClothingWorry', 'dropout', 'unsafeHousing', 'safeWater'],
  ['landFarm', 'roadType', 'housingArea', 'electricity', 'toilet', 'fuelType'],
  ['conclusion'],
  ['visitDate', 'visitor1Id', 'visitor2Id'],
];

/** Sections D–G are filled: an answer in D and E, the 排查结论, and the date and both 排查人 of G. */
export function keyedVisit(visit: Row | undefined): boolean {
  if (!visit) return false;
  const [safety, living, conclusion, signing] = keyedSections;
  const any = (keys: readonly string[]) => keys.some((k) => text(visit[k]) !== '');
  const all = (keys: readonly string[]) => keys.every((k) => text(visit[k]) !== '');
  return any(safety!) && any(living!) && all(conclusion!) && all(signing!);
}

/** 双签字: the household and the 信息采集员 have both signed the record (a visit or an income record). */
export const doubleSigned = (record: Row | undefined): boolean => !!record && isYes(record.headSigned) && isYes(record.collectorSigned);

/** The 入户责任分工 row of a 片区 that names both 排查责任人, if any. */
export const pairOf = (assignments: readonly Row[] | undefined): Row | undefined => assignments?.find((a) => text(a.person1Id) && text(a.person2Id));

/** The day a household of a 片区 is to be visited by: the 片区's 计划完成时间, else the end of 入户采集. */
export const dueDate = (assignment: Row | undefined, profile: Profile): string => text(assignment?.plannedDate) || profile.collectEnd;

/** Not visited after its due date. */
export const overdue = (visit: Row | undefined, due: string, today: string): boolean => !visited(visit) && today > due;

const emptyCounts = (): ProgressCounts => ({
  households: 0,
  people: 0,
  povertyHouseholds: 0,
  povertyPeople: 0,
  monitoredHouseholds: 0,
  monitoredPeople: 0,
  assigned: 0,
  visited: 0,
  keyed: 0,
  signed: 0,
  errors: 0,
  overdue: 0,
});

function addTo(into: ProgressCounts, from: ProgressCounts): void {
  for (const key of Object.keys(into) as (keyof ProgressCounts)[]) into[key] += from[key];
}

/** 户 and 人 of some households, and of them 脱贫户 and 监测户: 附件5's computed columns. */
export function peopleCounts(data: YearData, households: readonly Row[]): PeopleCounts {
  const counts = { households: 0, people: 0, povertyHouseholds: 0, povertyPeople: 0, monitoredHouseholds: 0, monitoredPeople: 0 };
  for (const h of households) {
    const size = derivedOf(data, h.id).size;
    counts.households++;
    counts.people += size;
    if (text(h.householdType) === '脱贫户') {
      counts.povertyHouseholds++;
      counts.povertyPeople += size;
    }
    if (text(h.monitoringType)) {
      counts.monitoredHouseholds++;
      counts.monitoredPeople += size;
    }
  }
  return counts;
}

/** The progress of a 片区, or (without a group) of the given households of a village in none. */
function groupProgress(
  data: YearData,
  group: Row | undefined,
  assignment: Row | undefined,
  errorHouseholds: ReadonlySet<number>,
  today: string,
  households: readonly Row[] = group ? (data.householdsByGroup.get(group.id) ?? []) : [],
): GroupProgress {
  const due = dueDate(assignment, data.profile);
  const counts = { ...emptyCounts(), ...peopleCounts(data, households) };
  for (const h of households) {
    const visit = data.visitByHousehold.get(h.id);
    if (assignment) counts.assigned++;
    if (visited(visit)) counts.visited++;
    if (keyedVisit(visit)) counts.keyed++;
    if (doubleSigned(visit)) counts.signed++;
    if (errorHouseholds.has(h.id)) counts.errors++;
    if (overdue(visit, due, today)) counts.overdue++;
  }
  return { group: group ? text(group.name) : '（未分组）', groupId: group?.id ?? null, dueDate: due, ...counts };
}

/**
 * The progress of the year's round, per 片区 (every group of each village, with or without households, and the
 * households in none), per village and in total.
 */
export function progressReport(data: YearData, today: string, errorHouseholds: ReadonlySet<number>): ProgressReport {
  const total = emptyCounts();
  const assignmentsByGroup = groupBy(data.assignments, (a) => (typeof a.groupId === 'number' ? a.groupId : null));
  const groupsByVillage = groupBy(data.groups, (g) => (typeof g.villageId === 'number' ? g.villageId : null));
  const ungroupedByVillage = groupBy(
    data.households.filter((h) => !data.groupById.has(Number(h.groupId))),
    (h) => (typeof h.villageId === 'number' ? h.villageId : null),
  );
  const villages = data.villages.map((village): VillageProgress => {
    const groups = (groupsByVillage.get(village.id) ?? []).map((g) => groupProgress(data, g, pairOf(assignmentsByGroup.get(g.id)), errorHouseholds, today));
    const ungrouped = ungroupedByVillage.get(village.id);
    if (ungrouped) groups.push(groupProgress(data, undefined, undefined, errorHouseholds, today, ungrouped));
    const counts = emptyCounts();
    for (const g of groups) addTo(counts, g);
    addTo(total, counts);
    return { village: text(village.name), villageId: village.id, ...counts, groups };
  });
  const phases = campaignPhases(data.profile);
  return { year: data.year, today, ...phaseOn(phases, today), phases, total, villages };
}
