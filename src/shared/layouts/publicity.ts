import { text } from '../rules/helpers';
import { derivedOf, type YearData } from '../yearData';
import { derived, sequence } from './columns';
import type { Layout } from './types';

/** An ID number as a notice shows it: the first 6 and the last 4 characters, the birth date and serial hidden. */
export function maskedIdNumber(idNumber: unknown): string {
  const id = text(idNumber as string | null);
  return id.length > 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id;
}

/** Households identified for monitoring in the year (识别监测时间 in it), by village and 户编号. */
const newlyIdentified = (data: YearData) =>
  data.households.filter((h) => text(h.monitoringType) !== '' && text(h.identifiedMonth).startsWith(String(data.year))).sort((a, b) => text(a.hhNo).localeCompare(text(b.hhNo)));

/**
 * 公示 of the households newly identified as 监测对象 (村民主评议 and 公示 before the county approves them): village,
 * 户主, 家庭人口数, 类别, and the head's ID number masked — the list hangs on a wall. Derived only: never read back.
 */
export const publicityLayout: Layout = {
  id: 'publicity',
  label: '新识别监测户公示名单',
  fileName: '新识别监测户公示名单',
  sheetName: '公示名单',
  table: 'households',
  title: (place, year) => `${place.township}${year}年新识别防止返贫监测对象公示名单`,
  rows: newlyIdentified,
  columns: [
    sequence(),
    derived('行政村', (row, data) => data.villageById.get(Number(row.villageId))?.name, { kind: 'text', width: 12 }),
    derived('村民小组', (row, data) => data.groupById.get(Number(row.groupId))?.name, { kind: 'text', width: 10 }),
    derived('户主姓名', (row, data) => derivedOf(data, row.id).headName, { kind: 'text', width: 10 }),
    derived('户主证件号码', (row, data) => maskedIdNumber(derivedOf(data, row.id).headIdNumber), { kind: 'text', width: 22 }),
    derived('家庭人口数', (row, data) => derivedOf(data, row.id).size, { width: 8 }),
    derived('监测对象类别', (row) => row.monitoringType, { kind: 'text', width: 14 }),
    derived('识别监测时间', (row) => row.identifiedMonth, { kind: 'text', width: 10 }),
  ],
};
