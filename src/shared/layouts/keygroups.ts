import { keyGroupMark, keyGroupReport, type KeyGroupHousehold } from '../screening';
import type { Row } from '../tables';
import type { YearData } from '../yearData';
import { derived, field, householdLead, householdOfRow, ownFields, sequence } from './columns';
import type { Layout } from './types';

/** The year's 附件3 entries by household, worked out once per loaded year (every cell of the form reads them). */
const reports = new WeakMap<YearData, Map<number, KeyGroupHousehold>>();
function entriesOf(data: YearData): Map<number, KeyGroupHousehold> {
  let entries = reports.get(data);
  if (!entries) reports.set(data, (entries = new Map(keyGroupReport(data).households.map((h) => [h.householdId, h]))));
  return entries;
}
const entryOf = (row: Row, data: YearData) => entriesOf(data).get(Number(row.householdId));

/**
 * 附件3 重点人群汇总表: every household in a key group, with the groups and what put it there (derived: src/shared/
 * screening.ts), the income figures they were read from, the 入户调查's 排查结论, and the clerk's own entries. A row is
 * the household's keygroups record of the year, or a blank one while the clerk has entered nothing for it.
 */
export const keygroupsLayout: Layout = {
  id: 'keygroups',
  label: '附件3 重点人群汇总表',
  fileName: '重点人群汇总表',
  sheetName: '重点人群',
  table: 'keygroups',
  title: (place, year) => `${place.township}第二轮排查重点人群汇总表（${year}年度）`,
  rows: (data) => [...entriesOf(data).keys()].map((id) => data.keygroupByHousehold.get(id) ?? { id: 0, householdId: id, year: data.year }),
  columns: [
    sequence(),
    ...householdLead(householdOfRow, true),
    derived('户类型', (row, data) => entryOf(row, data)?.householdType, { kind: 'text', width: 10 }),
    derived('监测对象类别', (row, data) => entryOf(row, data)?.monitoringType, { kind: 'text', width: 14 }),
    derived('所属重点人群', (row, data) => entryOf(row, data)?.groups.map(keyGroupMark).join(''), { kind: 'text', width: 10 }),
    derived('认定依据', (row, data) => entryOf(row, data)?.reasons.join('；'), { kind: 'text', width: 48 }),
    derived('收入年度', (row, data) => (entryOf(row, data) ? data.profile.keyGroupIncomeYear : null), { width: 7 }),
    derived('人均纯收入（元）', (row, data) => entryOf(row, data)?.perCapita),
    derived('上年人均纯收入（元）', (row, data) => entryOf(row, data)?.previousPerCapita),
    derived('增减额（元）', (row, data) => entryOf(row, data)?.change?.amount),
    derived('增减幅（%）', (row, data) => entryOf(row, data)?.change?.percent, { width: 9 }),
    derived('入户调查结论', (row, data) => entryOf(row, data)?.conclusion, { kind: 'text', width: 12 }),
    field('keygroups', 'categories', undefined, '人工认定类别'),
    ...ownFields('keygroups', ['categories']),
  ],
  reimport: { titlePhrase: '重点人群汇总表', key: ['hhNo', 'year'] },
};
