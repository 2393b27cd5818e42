import type { Row } from '../tables';
import type { YearData } from '../yearData';
import { derived, HH_NO_WIDTH, ownFields } from './columns';
import type { Layout } from './types';

const memberOf = (row: Row, data: YearData) => data.memberById.get(Number(row.memberId));
const householdOf = (row: Row, data: YearData) => data.householdById.get(Number(memberOf(row, data)?.householdId));

/**
 * 家庭成员务工信息: one row per 务工 record of the year, under the national system's names (its 务工月监测 export
 * 「已外出务工信息」 has the same columns), the member identified by 证件号码. Read back by the import — this app's
 * export and the national system's list alike (the title says 务工信息) — matched by 证件号码 and 开始时间.
 */
export const workLayout: Layout = {
  id: 'work',
  label: '家庭成员务工信息（务工月监测）',
  fileName: '务工信息',
  sheetName: '务工信息',
  table: 'workRecords',
  title: (place, year) => `${place.county}${place.township}${year}年度家庭成员务工信息（已外出务工信息）`,
  rows: (data) => {
    const order = new Map(data.households.map((h, i) => [h.id, i]));
    return data.workRecords
      .filter((w) => w.year === data.year)
      .sort((a, b) => (order.get(Number(householdOf(a, data)?.id)) ?? 0) - (order.get(Number(householdOf(b, data)?.id)) ?? 0));
  },
  columns: [
    derived('村', (row, data) => data.villageById.get(Number(householdOf(row, data)?.villageId))?.name, { kind: 'text', width: 10 }),
    derived('户编号', (row, data) => householdOf(row, data)?.hhNo, { kind: 'text', width: HH_NO_WIDTH }),
    derived('姓名', (row, data) => memberOf(row, data)?.name, { kind: 'text', width: 10 }),
    { header: '证件号码', width: 24, kind: 'text', value: (row, data) => memberOf(row, data)?.idNumber, source: { lead: 'idNumber' } },
    ...ownFields('workRecords', ['memberId']),
  ],
  reimport: { titlePhrase: '务工信息', key: ['idNumber', 'year', 'startMonth'] },
};
