// Field-level checks derived from the data dictionary: required cells, values outside the national vocabulary,
// malformed dates, months and phone numbers, negative numbers. They are record rules: the engine gives them the
// records of every household and of every village (村, 片区, 分工, 问题台账, 驻村工作队, 村指标).
import { tableSpec, type ColumnSpec, type TableName } from '../tables';
import { canonicalValue, vocabularies } from '../vocab';
import { noHits, text, withHit } from './helpers';
import type { RecordRule } from './types';

/**
 * A rule over the columns that `applies` picks (worked out once per table, not per row), testing each value.
 * `test` sees the cell as text and returns the message when it is at fault.
 */
function fieldRule(
  id: string,
  severity: 'error' | 'warning',
  title: string,
  applies: (column: ColumnSpec) => boolean,
  test: (column: ColumnSpec, value: string) => string | null,
): RecordRule {
  const columnsOf = new Map<TableName, ColumnSpec[]>();
  const columns = (table: TableName) => {
    let list = columnsOf.get(table);
    if (!list) columnsOf.set(table, (list = tableSpec(table).columns.filter(applies)));
    return list;
  };
  return {
    id,
    severity,
    title,
    scope: 'records',
    check(records) {
      let hits = noHits;
      for (const { table, row } of records) {
        for (const column of columns(table)) {
          const message = test(column, text(row[column.key]));
          if (message) hits = withHit(hits, { table, row, field: column.key, message });
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

export const fieldRules: RecordRule[] = [
  fieldRule(
    'field.required',
    'error',
    '必填项未填写',
    (column) => !!column.required && column.type !== 'ref',
    (column, value) => (!value ? `「${column.label}」未填写` : null),
  ),
  fieldRule('field.vocabulary', 'error', '填写的值不在国家系统代码表中', (column) => column.type === 'enum' && !!column.vocab, (column, value) => {
    const vocab = column.vocab;
    if (!value || !vocab) return null;
    const spec = vocabularies[vocab];
    const multi = column.multi ?? spec.multi;
    // A single known value (nearly every cell): no lists to make.
    if ((!multi || !value.includes(',')) && canonicalValue(vocab, value)) return null;
    const unknown = (multi ? value.split(',') : [value]).filter((v) => !canonicalValue(vocab, v));
    return unknown.length ? `「${column.label}」的值「${unknown.join('、')}」不在代码表中（可选：${spec.values.slice(0, 12).join('、')}${spec.values.length > 12 ? '…' : ''}）` : null;
  }),
  fieldRule('field.month', 'error', '年月格式不正确', (column) => column.type === 'month', (column, value) =>
    value && !isRealMonth(value) ? `「${column.label}」应为 6 位年月（如 202303），现为「${value}」` : null,
  ),
  fieldRule('field.date', 'error', '日期格式不正确', (column) => column.type === 'date', (column, value) =>
    value && !isRealDate(value) ? `「${column.label}」应为有效日期（如 2023-03-01），现为「${value}」` : null,
  ),
  fieldRule('field.phone', 'error', '联系电话不是 11 位手机号码', (column) => column.type === 'phone', (column, value) =>
    value && !/^1[3-9]\d{9}$/.test(value) ? `「${column.label}」「${value}」不是 11 位手机号码` : null,
  ),
  fieldRule('field.negative', 'error', '数值为负数', (column) => ['int', 'money', 'decimal'].includes(column.type), (column, value) =>
    value && Number(value) < 0 ? `「${column.label}」不能为负数，现为 ${value}` : null,
  ),
];
