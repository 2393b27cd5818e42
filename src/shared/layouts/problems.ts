import { derivedOf } from '../yearData';
import { derived, HH_NO_WIDTH, ownFields, villageLead } from './columns';
import type { Layout } from './types';

/** 附件4 问题台账: every problem found, with its measure, deadline and who answers for it. */
export const problemsLayout: Layout = {
  id: 'problems',
  label: '附件4 问题台账',
  fileName: '问题台账',
  sheetName: '问题台账',
  table: 'problems',
  title: (place, year) => `${place.township}第二轮排查问题台账（${year}年度）`,
  rows: (data) => data.problems,
  columns: [
    ...villageLead(),
    { header: '户编号', width: HH_NO_WIDTH, kind: 'text', value: (row, data) => data.householdById.get(Number(row.householdId))?.hhNo, source: { lead: 'hhNo' } },
    derived('户主姓名', (row, data) => (row.householdId == null ? null : derivedOf(data, row.householdId).headName), { kind: 'text', width: 10 }),
    ...ownFields('problems'),
  ],
  reimport: { titlePhrase: '问题台账', key: ['village', 'hhNo', 'description'] },
};
