import type { Row } from '../tables';
import { derivedOf, type YearData } from '../yearData';
import { derived, ownFields, villageLead } from './columns';
import type { Layout } from './types';

const counted = '片区户数、人数（自动计算）';
const inGroup = (row: Row, data: YearData) => data.householdsByGroup.get(Number(row.groupId)) ?? [];

/** 附件5 入户责任分工表: one row per 片区 (村民小组) with its two responsible visitors; counts computed. */
export const assignmentsLayout: Layout = {
  id: 'assignments',
  label: '附件5 入户责任分工表',
  fileName: '入户责任分工表',
  sheetName: '入户责任分工',
  table: 'assignments',
  title: (place, year) => `${place.township}第二轮排查入户责任分工表（${year}年度）`,
  rows: (data) => data.assignments,
  columns: [
    ...villageLead(),
    { header: '片区（村民小组）', width: 10, kind: 'text', value: (row, data) => data.groupById.get(Number(row.groupId))?.name, source: { lead: 'group' } },
    derived('户数', (row, data) => inGroup(row, data).length, { group: counted, width: 6 }),
    derived('人数', (row, data) => inGroup(row, data).reduce((n, h) => n + derivedOf(data, h.id).size, 0), { group: counted, width: 6 }),
    derived('其中脱贫户', (row, data) => inGroup(row, data).filter((h) => h.householdType === '脱贫户').length, { group: counted, width: 7 }),
    derived('其中监测户', (row, data) => inGroup(row, data).filter((h) => h.monitoringType != null && h.monitoringType !== '').length, { group: counted, width: 7 }),
    ...ownFields('assignments'),
  ],
  // The form is read as a whole: a responsible pair must never be split across pages.
  pagesWide: 1,
  reimport: { titlePhrase: '入户责任分工表', key: ['village', 'group'] },
};
