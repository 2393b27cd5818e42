import { columnKit } from './kit';
import type { TableSpec } from './types';

// 政策年度参数, one row per year; src/shared/profile.ts reads them with their defaults.
const k = columnKit(2);

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
    k.decimal('warningBand', '预警倍数', { help: '人均纯收入低于监测范围的此倍数时提醒关注（例如 1.5）', status: 'I' }),
    k.decimal('incomeDropPercent', '收入下降提醒幅度（%）', { help: '人均纯收入比上年下降超过此幅度时提醒', status: 'I' }),
    k.flag('excludeNaturalDecrease', '家庭人口数不含自然减少人员', { help: '死亡、婚出、迁出等自然减少人员保留记录但不计入家庭人口数', status: 'I' }),
    k.date('referenceDate', '年龄计算基准日', { help: '计算年龄所用的日期，默认为当年 12 月 31 日' }),
    k.text('disabledRules', '停用的核查规则', { help: '不适用于本地的规则编号，用逗号分隔' }),
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
