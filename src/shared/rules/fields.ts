// Field-level checks derived from the data dictionary: required cells, values outside the national vocabulary,
// malformed dates, months and phone numbers. They apply to every record of a household.
import { tableSpec, type ColumnSpec, type Row, type TableName } from '../tables';
import { canonicalValue, vocabularies } from '../vocab';
import { text } from './helpers';
import type { Hit, HouseholdContext, HouseholdRule } from './types';

/** The records of a household, with their tables. Members who left count only for their identity. */
function records(ctx: HouseholdContext): { table: TableName; row: Row }[] {
  const list: { table: TableName; row: Row }[] = [{ table: 'households', row: ctx.household }];
  for (const m of ctx.active) {
    list.push({ table: 'members', row: m.row });
    for (const w of m.work) list.push({ table: 'workRecords', row: w });
  }
  if (ctx.income) list.push({ table: 'incomes', row: ctx.income });
  if (ctx.visit) list.push({ table: 'visits', row: ctx.visit });
  for (const measure of ctx.measures) list.push({ table: 'measures', row: measure });
  return list;
}

function fieldRule(
  id: string,
  severity: 'error' | 'warning',
  title: string,
  test: (column: ColumnSpec, value: string) => string | null,
): HouseholdRule {
  return {
    id,
    severity,
    title,
    reads: ['households', 'members', 'incomes', 'visits', 'measures', 'workRecords'],
    scope: 'household',
    check(ctx) {
      const hits: Hit[] = [];
      for (const { table, row } of records(ctx)) {
        for (const column of tableSpec(table).columns) {
          const message = test(column, text(row[column.key]));
          if (message) hits.push({ table, row, field: column.key, message });
        }
      }
      return hits;
    },
  };
}

const isRealMonth = (v: string) => /^\d{6}$/.test(v) && Number(v.slice(4)) >= 1 && Number(v.slice(4)) <= 12 && Number(v.slice(0, 4)) >= 1949;
const isRealDate = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

export const fieldRules: HouseholdRule[] = [
  fieldRule('field.required', 'error', '必填项未填写', (column, value) =>
    column.required && column.type !== 'ref' && !value ? `「${column.label}」未填写` : null,
  ),
  fieldRule('field.vocabulary', 'error', '填写的值不在国家系统代码表中', (column, value) => {
    if (column.type !== 'enum' || !column.vocab || !value) return null;
    const spec = vocabularies[column.vocab];
    const multi = column.multi ?? spec.multi;
    const unknown = (multi ? value.split(',') : [value]).filter((v) => !canonicalValue(column.vocab!, v));
    return unknown.length ? `「${column.label}」的值「${unknown.join('、')}」不在代码表中（可选：${spec.values.slice(0, 12).join('、')}${spec.values.length > 12 ? '…' : ''}）` : null;
  }),
  fieldRule('field.month', 'error', '年月格式不正确', (column, value) =>
    column.type === 'month' && value && !isRealMonth(value) ? `「${column.label}」应为 6 位年月（如 202303），现为「${value}」` : null,
  ),
  fieldRule('field.date', 'error', '日期格式不正确', (column, value) =>
    column.type === 'date' && value && !isRealDate(value) ? `「${column.label}」应为有效日期（如 2023-03-01），现为「${value}」` : null,
  ),
  fieldRule('field.phone', 'error', '联系电话不是 11 位手机号码', (column, value) =>
    column.type === 'phone' && value && !/^1[3-9]\d{9}$/.test(value) ? `「${column.label}」「${value}」不是 11 位手机号码` : null,
  ),
  fieldRule('field.negative', 'error', '数值为负数', (column, value) =>
    ['int', 'money', 'decimal'].includes(column.type) && value && Number(value) < 0 ? `「${column.label}」不能为负数，现为 ${value}` : null,
  ),
];
