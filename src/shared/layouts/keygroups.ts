import { householdLead, householdOfRow, ownFields, rowsByHousehold } from './columns';
import type { Layout } from './types';

/** 附件3 重点人群汇总表: the clerk's record of each household's key groups and conclusion, for the year. */
export const keygroupsLayout: Layout = {
  id: 'keygroups',
  label: '附件3 重点人群汇总表',
  fileName: '重点人群汇总表',
  sheetName: '重点人群',
  table: 'keygroups',
  title: (place, year) => `${place.township}第二轮排查重点人群汇总表（${year}年度）`,
  rows: rowsByHousehold((data) => data.keygroupByHousehold),
  columns: [...householdLead(householdOfRow, true), ...ownFields('keygroups', ['householdId'])],
  reimport: { titlePhrase: '重点人群汇总表', key: ['hhNo', 'year'] },
};
