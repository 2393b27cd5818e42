// The figures of the 总结报告, each with the placeholder it fills and where it comes from — worked out once from the
// year's data (loadYear: the same households, 家庭人口数 and income roll-up the pages and exports show), the 重点人群
// of src/shared/screening.ts, and the findings of 数据核查. The report page lists them; the template receives them.
import type { ReportFigure, ReportSection } from '../../../shared/api';
import { yuanText } from '../../../shared/income';
import { doubleSigned, peopleCounts, visited } from '../../../shared/progress';
import { isYes, text } from '../../../shared/rules/helpers';
import { keyGroupNames, keyGroupsOf, type KeyGroupEntry } from '../../../shared/screening';
import { monitoringNumbers, type Count } from '../../../shared/monitoringFigures';
import type { Finding } from '../../../shared/rules/types';
import type { Row } from '../../../shared/tables';
import { vocabularies } from '../../../shared/vocab';
import type { YearData } from '../../../shared/yearData';


/** A share as the report prints it: 85.0%; 一 when there is nothing to divide by. */
export const percentText = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');
/** An amount as the report prints it: 8,412.50元; 无数据 when none. */
export const yuanOrNone = (yuan: number | null): string => (yuan === null ? '无数据' : `${yuanText(yuan)}元`);

/** Households with what the figures read of each: village, 家庭人口数, and the year's data about it. */
export interface HouseholdView {
  row: Row;
  village: string;
  size: number;
  monitored: boolean;
  visit: Row | undefined;
  keyGroups: KeyGroupEntry | undefined;
}

export function householdViews(data: YearData): HouseholdView[] {
  const keyGroups = keyGroupsOf(data);
  return data.households.map((h) => ({
    row: h,
    village: text(data.villageById.get(Number(h.villageId))?.name),
    size: data.derived.get(h.id)?.size ?? 0,
    monitored: text(h.monitoringType) !== '',
    visit: data.visitByHousehold.get(h.id),
    keyGroups: keyGroups.get(h.id),
  }));
}

/** 户 and 人 of some households, counted as 附件5 and the 进度 page count them. */
export const countOf = (data: YearData, list: readonly HouseholdView[]) => peopleCounts(data, list.map((h) => h.row));

/** 人均纯收入 of a group of households: 家庭纯收入 summed ÷ 家庭人口数 summed, of those with an income record. */
export function perCapitaOf(data: YearData, list: readonly HouseholdView[], which: 'income' | 'previousIncome'): number | null {
  let net = 0;
  let people = 0;
  for (const h of list) {
    const derived = data.derived.get(h.row.id);
    const income = derived?.[which];
    const size = which === 'income' ? h.size : (derived?.previousSize ?? 0);
    if (!income || size <= 0) continue;
    net += income.net;
    people += size;
  }
  return people > 0 ? Math.round((net / people) * 100) / 100 : null;
}

/** The figures, by section, in the order of the report. */
export function reportFigures(data: YearData, views: readonly HouseholdView[], findings: readonly Finding[], today = new Date().toISOString().slice(0, 10)): ReportFigure[] {
  const { year, place, profile } = data;
  const figures: ReportFigure[] = [];
  const add = (section: ReportSection, name: string, value: string | number, source: string) => figures.push({ section, name, value, source });
  const counted = (section: ReportSection, stem: string, c: Count, source: string) => {
    add(section, `${stem}户数`, c.households, source);
    add(section, `${stem}人数`, c.people, `${source}；人数为家庭人口数之和`);
  };
  const both = (section: ReportSection, stem: string, list: readonly HouseholdView[], source: string) => counted(section, stem, countOf(data, list), source);
  // 新识别, 风险消除, 回退, 再标注, 绿色通道 and the ledger: the one computation the pages show too.
  const numbers = monitoringNumbers(data, today);
  const register = '户籍台账';

  // 基本情况
  add('基本情况', '县', place.county, '设置 › 县');
  add('基本情况', '乡镇', place.township, '设置 › 乡镇');
  add('基本情况', '年度', year, '设置 › 工作年度');
  add('基本情况', '行政村数', data.villages.length, '设置 › 行政村');
  add('基本情况', '村民小组数', data.groups.length, '设置 › 村民小组');
  both('基本情况', '总', views, `${register}：全部户`);
  both('基本情况', '脱贫', views.filter((h) => text(h.row.householdType) === '脱贫户'), `${register}：户类型为脱贫户`);
  both('基本情况', '一般农户', views.filter((h) => text(h.row.householdType) === '一般农户'), `${register}：户类型为一般农户`);
  const monitored = views.filter((h) => h.monitored);
  both('基本情况', '监测', monitored, `${register}：监测对象类别不为空`);
  for (const type of vocabularies.monitoringType.values) both('基本情况', type, views.filter((h) => text(h.row.monitoringType) === type), `${register}：监测对象类别为${type}`);
  both('基本情况', '风险未消除监测', monitored.filter((h) => !isYes(h.row.riskEliminated)), `${register}：监测户中风险是否已消除不为「是」`);
  add('基本情况', '排查片区数', data.assignments.length, '附件5 入户责任分工表：条数');
  const people = new Set(data.assignments.flatMap((a) => [a.person1Id, a.person2Id]).filter((id) => typeof id === 'number'));
  add('基本情况', '排查责任人数', people.size, '附件5 入户责任分工表：排查责任人1、2（同一人计一人）');

  // 工作开展情况: 入户排查
  const visitedViews = views.filter((h) => visited(h.visit));
  add('工作开展情况', '已入户排查户数', visitedViews.length, `附件2 入户调查表：${year}年度填有排查日期的记录`);
  add('工作开展情况', '入户排查覆盖率', percentText(visitedViews.length, views.length), '已入户排查户数 ÷ 总户数');
  add('工作开展情况', '双签字户数', views.filter((h) => doubleSigned(h.visit)).length, '附件2 入户调查表：户主与信息采集员均已签字');
  const keyGroupHouseholds = views.filter((h) => h.keyGroups);
  both('工作开展情况', '重点人群', keyGroupHouseholds, '附件3 重点人群：属于任一类重点人群的户');
  keyGroupNames.forEach((name, i) => both('工作开展情况', name, views.filter((h) => h.keyGroups?.groups.includes(i + 1)), `附件3 重点人群：第${i + 1}类「${name}」`));

  // 排查结果
  counted('排查结果', '新识别监测', numbers.newlyIdentified, `${register}：识别监测时间在${year}年`);
  for (const { type, ...c } of numbers.newlyIdentified.byType) counted('排查结果', `新识别${type}`, c, `${register}：${year}年新识别监测户中监测对象类别为${type}`);
  counted('排查结果', '风险消除', numbers.eliminated, `${register}：风险已消除且消除监测时间在${year}年`);
  for (const { method, ...c } of numbers.eliminated.byMethod) counted('排查结果', method, c, `${register}：${year}年风险消除中消除方式为${method}`);
  counted('排查结果', '风险消除回退', numbers.reverted, `监测程序：${year}年记录「风险消除回退」的户`);
  counted('排查结果', '风险再标注', numbers.relabelled, `监测程序：${year}年记录「风险再标注」的户`);
  counted('排查结果', '绿色通道', numbers.greenChannel, `监测程序：${year}年经绿色通道先行帮扶的户`);
  counted('排查结果', '绿色通道未补齐程序', numbers.greenChannel.open, '监测程序：绿色通道先行帮扶后识别程序尚未补齐的户');
  for (const conclusion of vocabularies.visitConclusion.values) {
    both('排查结果', `排查结论${conclusion}`, views.filter((h) => text(h.visit?.conclusion) === conclusion), `附件2 入户调查表：排查结论为${conclusion}`);
  }

  // 收入
  const withIncome = views.filter((h) => data.derived.get(h.row.id)?.income);
  add('收入', '有收入信息户数', withIncome.length, `附件1 收入信息采集表：${year}年度记录数`);
  const perCapita = perCapitaOf(data, views, 'income');
  const previous = perCapitaOf(data, views, 'previousIncome');
  add('收入', '人均纯收入', yuanOrNone(perCapita), `附件1：${year}年家庭纯收入合计 ÷ 家庭人口数合计`);
  add('收入', '上年人均纯收入', yuanOrNone(previous), `附件1：${year - 1}年家庭纯收入合计 ÷ 上年末家庭人口数合计`);
  add('收入', '人均纯收入增减幅', perCapita !== null && previous ? percentText(perCapita - previous, previous) : '—', '（人均纯收入 − 上年人均纯收入）÷ 上年人均纯收入');
  add('收入', '脱贫户人均纯收入', yuanOrNone(perCapitaOf(data, views.filter((h) => text(h.row.householdType) === '脱贫户'), 'income')), `附件1：脱贫户${year}年家庭纯收入合计 ÷ 家庭人口数合计`);
  add('收入', '监测户人均纯收入', yuanOrNone(perCapitaOf(data, monitored, 'income')), `附件1：监测户${year}年家庭纯收入合计 ÷ 家庭人口数合计`);
  const fell = withIncome.filter((h) => (data.derived.get(h.row.id)?.change?.amount ?? 0) < 0);
  both('收入', '人均纯收入比上年减少', fell, `附件1：${year}年人均纯收入低于${year - 1}年`);
  const line = profile.monitoringLine;
  if (line === null) add('收入', '低于监测范围户数', '未填写监测范围', '设置 › 政策年度参数 › 监测范围（未填写）');
  else both('收入', '低于监测范围', withIncome.filter((h) => (data.derived.get(h.row.id)?.income?.perCapita ?? Infinity) < line), `附件1：人均纯收入低于监测范围 ${line} 元`);
  add('收入', '监测范围', line === null ? '未填写' : `${line}元`, '设置 › 政策年度参数');

  // 三保障和饮水
  const visitCount = (what: string, test: (visit: Row) => boolean, source: string) => both('三保障和饮水', what, views.filter((h) => h.visit && test(h.visit)), `附件2 入户调查表：${source}`);
  visitCount('吃穿困难', (v) => isYes(v.foodClothingWorry), '是否存在吃穿困难为「是」');
  visitCount('义务教育失学辍学', (v) => isYes(v.dropout), '是否义务教育阶段适龄儿童少年失学辍学为「是」');
  visitCount('住房不安全', (v) => isYes(v.unsafeHousing), '是否危房户为「是」');
  visitCount('饮水未解决', (v) => text(v.safeWater) === '否', '是否解决安全饮用水为「否」');
  const excluded = profile.excludeNaturalDecrease ? ['自然减少'] : [];
  const present = data.members.filter((m) => !excluded.includes(text(m.changeType)));
  const uninsured = present.filter((m) => !isYes(m.insResidentMedical) && !isYes(m.insEmployeeMedical));
  add('三保障和饮水', '未参加基本医疗保险人数', uninsured.length, `${register}：家庭成员中城乡居民、城镇职工基本医疗保险均不为「是」`);
  const measured = new Set(data.measures.map((m) => Number(m.householdId)));
  add('三保障和饮水', '已落实帮扶措施监测户数', monitored.filter((h) => measured.has(h.row.id)).length, '帮扶措施：有措施记录的监测户');
  add('三保障和饮水', '帮扶措施条数', data.measures.filter((m) => monitored.some((h) => h.row.id === Number(m.householdId))).length, '帮扶措施：监测户的措施记录数');

  // 问题整改
  const { ledger } = numbers;
  add('问题整改', '问题总数', ledger.total, '附件4 问题台账：条数');
  add('问题整改', '已整改问题数', ledger.closed, '附件4 问题台账：是否整改完成（销号）为「是」');
  add('问题整改', '未整改问题数', ledger.total - ledger.closed, '问题总数 − 已整改问题数');
  add('问题整改', '逾期未整改问题数', ledger.overdue, `附件4 问题台账：整改时限早于 ${today} 且未销号`);
  add('问题整改', '问题整改率', percentText(ledger.closed, ledger.total), '已整改问题数 ÷ 问题总数');

  // 信息采集与数据质量
  const open = findings.filter((f) => !f.confirmation);
  add('信息采集与数据质量', '疑似问题错误数', open.filter((f) => f.severity === 'error').length, '数据核查：尚未改正的「错误」');
  add('信息采集与数据质量', '疑似问题提醒数', open.filter((f) => f.severity !== 'error').length, '数据核查：尚未确认的「提醒」');
  add('信息采集与数据质量', '已确认提醒数', findings.length - open.length, '数据核查：已说明理由并确认的「提醒」');
  const dataErrors = data.problems.filter((p) => text(p.category) === '信息数据错误');
  add('信息采集与数据质量', '信息数据错误问题数', dataErrors.length, '附件4 问题台账：问题类别为信息数据错误');
  add('信息采集与数据质量', '信息数据错误已更正数', dataErrors.filter((p) => isYes(p.closed)).length, '附件4 问题台账：信息数据错误中已整改（销号）');
  for (const change of vocabularies.changeType.values) {
    const changed = data.members.filter((m) => text(m.changeType) === change);
    add('信息采集与数据质量', `${change}人数`, changed.length, `${register}：人员变动为${change}`);
    const reasons = vocabularies.changeReason.values.map((r) => [r, changed.filter((m) => text(m.changeReason) === r).length] as const).filter(([, n]) => n > 0);
    add('信息采集与数据质量', `${change}原因`, reasons.length ? reasons.map(([r, n]) => `${r}${n}人`).join('、') : '无', `${register}：${change}人员的变动原因`);
  }
  return figures;
}
