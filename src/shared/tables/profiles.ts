import { columnKit } from './kit';
import type { TableSpec } from './types';

// 政策年度参数, one row per year; src/shared/profile.ts reads them with their defaults.
const k = columnKit(2);
/** The thresholds of the checks, added in version 3: today's values are the defaults of src/shared/profile.ts. */
const v3 = columnKit(3);
/** The campaign's checklists and calendar, added in version 4: defaults from the 2023 work plan (src/shared/profile.ts). */
const v4 = columnKit(4);
const calendar = '排查工作安排';

export const profilesTable: TableSpec = {
  name: 'profiles',
  label: '政策年度参数',
  rowLabel: '年度参数',
  since: 2,
  columns: [
    { ...k.year(), unique: true },
    k.money('monitoringLine', '监测范围（元/人/年）', {
      help: '当年防止返贫监测收入范围。甘肃省 2023 年标准未在公开资料中找到，请按县乡文件填写。',
      status: 'M',
    }),
    k.money('keyGroupLine', '重点人群收入线（元/人/年）', { help: '工作方案：上一年度人均纯收入低于10000元的农户为重点人群', status: 'C' }),
    k.int('keyGroupIncomeYear', '重点人群收入年度', { help: '与重点人群收入线比较的收入年度（工作方案为上一年度）' }),
    k.decimal('warningBand', '预警倍数', { help: '收入参考范围（人均）低于监测范围的此倍数时提醒关注（例如 1.5）', status: 'I' }),
    v3.decimal('slowGrowthPercent', '收入增速较慢提醒线（%）', {
      help: '人均纯收入比上年增长、但增幅低于此百分比时提醒（工作方案“增速较慢”）；不填则不作此提醒。比上年下降（不增反降）总会提醒',
      status: 'M',
    }),
    v3.money('veryLowLine', '收入过低核实线（元/人/年）', { help: '人均纯收入低于此数时提醒核实是否漏填收入（默认 4000 元）', status: 'I' }),
    v3.money('highAtIdentificationLine', '新识别监测户收入核实线（元/人/年）', { help: '本年识别的监测对象人均纯收入高于此数时提醒（默认 20000 元）', status: 'I' }),
    v3.money('tinyWageLine', '工资性收入过小核实线（元）', { help: '工资性收入大于 0 但低于此数时提醒核实是否少填位数（默认 100 元）', status: 'I' }),
    v3.money('workMonthlyIncomeMin', '务工月收入常见下限（元/月）', { help: '务工月收入低于此数时提醒（默认 400 元）', status: 'I' }),
    v3.money('workMonthlyIncomeMax', '务工月收入常见上限（元/月）', { help: '务工月收入高于此数时提醒（默认 30000 元）', status: 'I' }),
    v3.decimal('lackLaborPercent', '缺劳动力核实比例（%）', {
      help: '风险为缺劳动力、而普通或技能劳动力占家庭人口的比例达到此值时提醒（默认 50，即一半）',
      status: 'I',
    }),
    k.flag('excludeNaturalDecrease', '家庭人口数不含自然减少人员', { help: '死亡、婚出、迁出等自然减少人员保留记录但不计入家庭人口数', status: 'I' }),
    k.date('referenceDate', '年龄计算基准日', { help: '计算年龄所用的日期，默认为当年入户采集开始日（工作方案：10 月 28 日）', status: 'I' }),
    k.text('disabledRules', '停用的核查规则', { help: '不适用于本地的规则编号，用逗号分隔' }),
    v4.text('mustVisit', '六必访', {
      help: '入户调查表上列出的「六必访」对象，用逗号分隔。《甘肃省健全防止返贫动态监测和帮扶机制工作指南》原文未公开，默认为参考归纳，请按县乡文件修改',
      status: 'I',
    }),
    v4.text('mustCheck', '六必查', { help: '入户调查表上列出的「六必查」事项，用逗号分隔；默认为参考归纳，请按县乡文件修改', status: 'I' }),
    v4.text('eliminationBlockers', '七不消', {
      help:
        '有下列情形之一的不得标注风险消除，用逗号分隔。程序能按数据判断的：收入不稳定、刚性支出未解决、三保障或饮水安全未解决、识别未满半年、未落实帮扶措施、整户无劳动能力、识别程序未完成；其他条目在标注风险消除时由经办人逐项核实勾选。默认为参考归纳，请按县乡文件修改',
      status: 'I',
    }),
    v4.date('campaignStart', '排查启动日期', { group: calendar, help: '动员部署开始的日期（工作方案：10 月下旬启动）', status: 'C' }),
    v4.date('mobilizeEnd', '动员部署截止日期', { group: calendar, help: '工作方案：10 月 28 日前完成动员部署', status: 'C' }),
    v4.date('collectEnd', '入户采集截止日期', { group: calendar, help: '工作方案：10 月 28 日至 11 月 5 日入户采集；片区未填计划完成时间的，以此日为限', status: 'C' }),
    v4.date('entryEnd', '数据录入截止日期', { group: calendar, help: '工作方案：11 月 6 日至 11 月 14 日数据录入', status: 'C' }),
    v4.date('reportEnd', '总结报告截止日期', { group: calendar, help: '工作方案：11 月 15 日至 11 月 20 日总结报告', status: 'C' }),
  ],
};

/** A 提醒 the clerk has confirmed as correct, with the reason (like CSPro's operator override). */
export const confirmationsTable: TableSpec = {
  name: 'confirmations',
  label: '已确认的提醒',
  rowLabel: '确认',
  since: 2,
  columns: [
    k.text('ruleId', '规则编号', { notNull: true }),
    k.text('target', '对象', { notNull: true, help: '表:行号:字段' }),
    k.text('reason', '确认理由', { notNull: true, required: true }),
    k.text('confirmedBy', '确认人'),
    k.text('confirmedAt', '确认时间'),
  ],
  uniqueTogether: [['ruleId', 'target']],
};
