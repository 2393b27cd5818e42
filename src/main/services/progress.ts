// 进度 over the store: the year's data through loadYear, the households with open 错误 from 数据核查, and the
// counts of src/shared/progress.ts — shown, or written as a sheet in the township's official layout.
import type { ProgressQuery } from '../../shared/api';
import { PaichaError } from '../../shared/errors';
import { progressLabels, progressReport, type ProgressCounts, type ProgressReport } from '../../shared/progress';
import type { Store } from '../store';
import { findingsIn } from './checks';
import { loadYear } from './loadYear';
import { placeOf } from './profile';
import { writeOfficialWorkbook, type OfficialColumn } from './xlsx/officialSheet';

/** Today as the clerk's calendar says it (local time), 'YYYY-MM-DD'. */
const localToday = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

export function roundProgress(store: Store, query: ProgressQuery = {}): ProgressReport {
  const today = query.today ?? localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || Number.isNaN(Date.parse(today))) throw new PaichaError('invalid', `日期「${today}」无效，应为 YYYY-MM-DD，如 2023-11-01。`);
  const data = loadYear(store, { year: query.year, villageId: query.villageId });
  const errors = findingsIn(store, data, { partial: query.villageId !== undefined, villageRules: false }).filter((f) => f.severity === 'error' && f.householdId != null);
  return progressReport(data, today, new Set(errors.map((f) => f.householdId!)));
}

/** A line of the progress sheet: a 片区, a village's subtotal or the township's total. */
interface ProgressLine {
  village: string;
  group: string;
  counts: ProgressCounts;
  dueDate: string;
}

const columns: OfficialColumn<ProgressLine>[] = [
  { header: '行政村', width: 12, kind: 'text', value: (l) => l.village },
  { header: '片区（村民小组）', width: 12, kind: 'text', value: (l) => l.group || null },
  ...progressLabels.map(([key, header]): OfficialColumn<ProgressLine> => ({ header, width: 8, kind: 'number', value: (l) => l.counts[key] })),
  { header: '计划完成时间', width: 12, kind: 'text', value: (l) => l.dueDate || null },
];

/** Writes the progress of the round as an .xlsx on the official layout (title, 填报单位, the day), one page across. */
export async function writeProgress(store: Store, path: string, query: ProgressQuery = {}): Promise<number> {
  const report = roundProgress(store, query);
  const place = placeOf(store);
  const lines: ProgressLine[] = report.villages.flatMap((v) => [
    ...v.groups.map((g) => ({ village: v.village, group: g.group, counts: g, dueDate: g.dueDate })),
    { village: v.village, group: '小计', counts: v, dueDate: '' },
  ]);
  lines.push({ village: '合计', group: '', counts: report.total, dueDate: '' });
  return writeOfficialWorkbook(path, [
    {
      name: '排查进度',
      title: `${place.township}${report.year}年度第二轮排查进度（截至 ${report.today}）`,
      unit: place.township ? `${place.township}人民政府` : '',
      date: report.today,
      columns,
      rows: lines,
      pagesWide: 1,
    },
  ]);
}
