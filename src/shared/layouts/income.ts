import { incomeCategoryColumns, incomeDetailLines, incomeSubtotals, type IncomeCategory, type Row } from '../tables';
import { derivedOf, type YearData } from '../yearData';
import { derived, field, householdLead, householdOfRow, ownFields, rowsByHousehold } from './columns';
import type { Layout, LayoutColumn } from './types';

const totals = '合计（自动计算）';
const summary = (row: Row, data: YearData) => derivedOf(data, row.householdId).income;

/** The category whose detail lines start with a line, for its 合计 column in front of them. */
const categoryStartingAt = new Map(
  (Object.keys(incomeDetailLines) as IncomeCategory[]).map((category) => [incomeDetailLines[category][0][0] as string, category]),
);

/**
 * The record's own columns in the order of the paper, with what the paper computes put where it stands: each
 * block's 合计 before its lines, 生态补偿金小计 and 其他转移性收入小计 before theirs, and 务工收入 as the 务工 records
 * make it where the household has them.
 */
function paperColumns(): LayoutColumn[] {
  return ownFields('incomes', ['householdId']).flatMap((column) => {
    const key = column.source && 'column' in column.source ? column.source.column.key : '';
    const before: LayoutColumn[] = [];
    const category = categoryStartingAt.get(key);
    if (category) {
      before.push(derived(`${incomeCategoryColumns[category].label}合计`, (row, data) => summary(row, data)?.categories[category].amount, { group: column.group }));
    }
    const subtotal = incomeSubtotals.find((t) => t.lines[0] === key);
    if (subtotal) before.push(derived(subtotal.label, (row, data) => summary(row, data)?.subtotals[subtotal.key], { group: column.group }));
    const own = key === 'wageMigrant' ? { ...column, value: (row: Row, data: YearData) => summary(row, data)?.workIncome ?? row.wageMigrant } : column;
    return [...before, own];
  });
}

/** 附件1 收入信息采集表: one row per household, every income line with its 说明, the totals computed. */
export const incomeLayout: Layout = {
  id: 'income',
  label: '附件1 收入信息采集表',
  fileName: '收入信息采集表',
  sheetName: '收入',
  table: 'incomes',
  title: (place, year) => `${place.county}${year}年度脱贫人口（监测对象）收入信息采集表`,
  rows: rowsByHousehold((data) => data.incomeByHousehold),
  householdOrder: true,
  columns: [
    ...householdLead(householdOfRow, true),
    field('households', 'householdType', householdOfRow),
    field('households', 'monitoringType', householdOfRow),
    field('households', 'phone', householdOfRow),
    ...paperColumns(),
    derived('年总收入', (row, data) => summary(row, data)?.total, { group: totals }),
    derived('家庭纯收入（按明细计算）', (row, data) => summary(row, data)?.computedNet, { group: totals }),
    derived('人均纯收入（按明细计算）', (row, data) => summary(row, data)?.computedPerCapita, { group: totals }),
    derived('纳入监测对象的收入参考范围', (row, data) => summary(row, data)?.reference, { group: totals }),
    derived('纳入监测对象的人均收入参考范围', (row, data) => summary(row, data)?.referencePerCapita, { group: totals }),
  ],
};
