import { householdLead, householdOfRow, ownFields, rowsByHousehold } from './columns';
import type { Layout } from './types';

/** 附件2 入户调查表, sections C–G with the household in front; one row per household of the year. */
export const visitsLayout: Layout = {
  id: 'visits',
  label: '附件2 入户调查表',
  fileName: '入户调查表',
  sheetName: '入户调查',
  table: 'visits',
  title: (place, year) => `${place.county}防止返贫监测帮扶第二轮排查入户调查表（${year}年度）`,
  rows: rowsByHousehold((data) => data.visitByHousehold),
  householdOrder: true,
  columns: [...householdLead(householdOfRow, true), ...ownFields('visits', ['householdId'])],
};
