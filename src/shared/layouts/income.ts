import { derivedOf } from '../yearData';
import { derived, field, householdLead, householdOfRow, ownFields, rowsByHousehold } from './columns';
import type { Layout } from './types';

const totals = '合计（自动计算）';
const summary = (row: Parameters<typeof householdOfRow>[0], data: Parameters<typeof householdOfRow>[1]) => derivedOf(data, row.householdId).income;

/** 附件1 收入信息采集表: one row per household, every income line, the totals computed. */
export const incomeLayout: Layout = {
  id: 'income',
  label: '附件1 收入信息采集表',
  fileName: '收入信息采集表',
  sheetName: '收入',
  table: 'incomes',
  title: (place, year) => `${place.county}${year}年度脱贫人口（监测对象）收入信息采集表`,
  rows: rowsByHousehold((data) => data.incomeByHousehold),
  columns: [
    ...householdLead(householdOfRow, true),
    field('households', 'householdType', householdOfRow),
    field('households', 'monitoringType', householdOfRow),
    field('households', 'phone', householdOfRow),
    ...ownFields('incomes', ['householdId']),
    derived('年总收入', (row, data) => summary(row, data)?.total, { group: totals }),
    derived('家庭纯收入（按明细计算）', (row, data) => summary(row, data)?.computedNet, { group: totals }),
    derived('人均纯收入（按明细计算）', (row, data) => summary(row, data)?.computedPerCapita, { group: totals }),
    derived('纳入监测对象的收入参考范围', (row, data) => summary(row, data)?.reference, { group: totals }),
    derived('纳入监测对象的人均收入参考范围', (row, data) => summary(row, data)?.referencePerCapita, { group: totals }),
  ],
};
