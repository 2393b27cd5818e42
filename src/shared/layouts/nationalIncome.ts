import { incomeCategoryColumns, type IncomeCategory, type Row } from '../tables';
import { derivedOf, type YearData } from '../yearData';
import { derived, HH_NO_WIDTH, householdOfRow, rowsByHousehold } from './columns';
import type { Layout, LayoutColumn } from './types';

const income = (row: Row, data: YearData) => derivedOf(data, row.householdId).income;
const villageOf = (row: Row, data: YearData) => data.villageById.get(Number(householdOfRow(row, data)?.villageId));
const text = (header: string, value: LayoutColumn['value'], width = 10) => derived(header, value, { kind: 'text', width });
const amount = (header: string, value: LayoutColumn['value']) => derived(header, value, { width: 12 });
const category = (c: IncomeCategory) => amount(incomeCategoryColumns[c].label, (row, data) => income(row, data)?.categories[c].amount);

/**
 * The national system's income block (REFERENCE.md Table 1, "the 11-field block"), one row per household, under the
 * column names and in the order of the national system's household-level income export — for keying or uploading
 * this round's collected income. The figures are those in use (the national system's own where the record has them, else the roll-up of the
 * collected lines); the import reads the file back.
 */
export const nationalIncomeLayout: Layout = {
  id: 'nationalIncome',
  label: '国家系统收入信息（全国系统的列名和顺序）',
  fileName: '国家系统收入信息',
  sheetName: '收入信息',
  table: 'incomes',
  title: (place, year) => `${place.county}${place.township}${year}年度脱贫户（监测户）收入信息`,
  rows: rowsByHousehold((data) => data.incomeByHousehold),
  householdOrder: true,
  columns: [
    text('县', (row, data) => villageOf(row, data)?.county),
    text('乡', (row, data) => villageOf(row, data)?.township, 14),
    text('村', (row, data) => villageOf(row, data)?.name),
    text('户编号', (row, data) => householdOfRow(row, data)?.hhNo, HH_NO_WIDTH),
    text('户主姓名', (row, data) => derivedOf(data, row.householdId).headName),
    text('户主证件号码', (row, data) => derivedOf(data, row.householdId).headIdNumber, 24),
    derived('家庭人口数', (row, data) => derivedOf(data, row.householdId).size, { width: 7 }),
    category('wage'),
    category('business'),
    category('property'),
    category('transfer'),
    category('cost'),
    amount('家庭纯收入', (row, data) => income(row, data)?.net),
    amount('人均纯收入（元）', (row, data) => income(row, data)?.perCapita),
    amount('理赔收入', (row) => row.claims),
    amount('合规自付支出', (row) => row.selfPaid),
    amount('纳入监测对象的收入参考范围', (row, data) => income(row, data)?.reference),
    amount('纳入监测对象的人均收入参考范围', (row, data) => income(row, data)?.referencePerCapita),
  ],
};
