import { peopleCounts, type PeopleCounts } from '../progress';
import type { Row } from '../tables';
import type { YearData } from '../yearData';
import { derived, ownFields, villageLead } from './columns';
import type { Layout, LayoutColumn } from './types';

/** A 片区's households and people, computed from the register (src/shared/progress.ts), never read back. */
const count = (header: string, group: string, key: keyof PeopleCounts): LayoutColumn =>
  derived(header, (row: Row, data: YearData) => peopleCounts(data, data.householdsByGroup.get(Number(row.groupId)) ?? [])[key], { group, width: 6 });

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
    count('户数', '片区合计（自动计算）', 'households'),
    count('人数', '片区合计（自动计算）', 'people'),
    count('户数', '其中脱贫户', 'povertyHouseholds'),
    count('人数', '其中脱贫户', 'povertyPeople'),
    count('户数', '其中监测户', 'monitoredHouseholds'),
    count('人数', '其中监测户', 'monitoredPeople'),
    ...ownFields('assignments'),
  ],
  // The form is read as a whole: a responsible pair must never be split across pages.
  pagesWide: 1,
  reimport: { titlePhrase: '入户责任分工表', key: ['village', 'group'] },
};
