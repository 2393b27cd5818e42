import { peopleCounts, type PeopleCounts } from '../progress';
import type { Row } from '../tables';
import type { YearData } from '../yearData';
import { personPhone, personTitle } from '../people';
import { columnSpec } from '../tables';
import { derived, field, ownFields, personField, villageLead } from './columns';
import type { Layout, LayoutColumn } from './types';

/** A 片区's households and people, computed from the register (src/shared/progress.ts), never read back. */
const count = (header: string, group: string, key: keyof PeopleCounts): LayoutColumn =>
  derived(header, (row: Row, data: YearData) => peopleCounts(data, data.householdsByGroup.get(Number(row.groupId)) ?? [])[key], { group, width: 6 });

/** 排查责任人 n of a 片区: the person's name and phone (read back to the person), and 职务 (printed only), from 工作人员. */
function responsible(n: number): LayoutColumn[] {
  const group = `排查责任人${n}`;
  const key = `person${n}Id`;
  return [
    { ...personField('assignments', key), group },
    derived(`${group}职务`, (row, data) => personTitle(data.personById, row[key]), { kind: 'text', width: 10, group }),
    { ...derived(`${group}联系电话`, (row, data) => personPhone(data.personById, row[key]), { kind: 'text', width: 14, group }), source: { person: columnSpec('assignments', key)!, part: 'phone' } },
  ];
}

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
    ...ownFields('assignments', ['person1Id', 'person2Id', 'plannedDate', 'note']),
    ...[1, 2].flatMap((n) => responsible(n)),
    field('assignments', 'plannedDate'),
    field('assignments', 'note'),
  ],
  // The form is read as a whole: a responsible pair must never be split across pages.
  pagesWide: 1,
  reimport: { titlePhrase: '入户责任分工表', key: ['village', 'group'] },
};
