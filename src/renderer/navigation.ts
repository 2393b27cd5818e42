// The page registry: every page of the left navigation, the tables whose records it edits (so a finding of
// 数据核查 leads to the page of its table), and for the pages served by the generic table page, its table and form.
import type { Finding } from '../shared/rules/types';
import type { TableName } from '../shared/tables';

export interface PageEntry {
  key: string;
  label: string;
  /** Tables edited on this page: a finding about one of their records leads here. */
  tables: readonly TableName[];
  /** Served by the generic table page: the table it shows, and the official form it exports (layouts registry). */
  generic?: { table: TableName; layout?: string };
}

export const pages: readonly PageEntry[] = [
  { key: 'register', label: '户籍台账', tables: ['households', 'members'] },
  { key: 'income', label: '1 收入信息采集表', tables: ['incomes'] },
  { key: 'visits', label: '2 入户调查表', tables: ['visits'] },
  { key: 'keygroups', label: '3 重点人群汇总表', tables: ['keygroups'] },
  { key: 'problems', label: '4 问题台账', tables: ['problems'] },
  { key: 'assignments', label: '5 入户责任分工表', tables: ['assignments'] },
  { key: 'progress', label: '进度', tables: [] },
  { key: 'monitoring', label: '监测程序', tables: ['monitoringSteps'] },
  { key: 'measures', label: '帮扶措施', tables: ['measures'], generic: { table: 'measures' } },
  { key: 'work', label: '务工信息', tables: ['workRecords'], generic: { table: 'workRecords', layout: 'work' } },
  { key: 'villageIndicators', label: '脱贫村指标', tables: ['villageIndicators'], generic: { table: 'villageIndicators', layout: 'villageIndicators' } },
  { key: 'people', label: '工作人员', tables: ['people'] },
  { key: 'checks', label: '数据核查', tables: [] },
  { key: 'report', label: '报告', tables: [] },
  { key: 'settings', label: '设置', tables: ['settings', 'profiles', 'villages', 'groups'] },
];

export interface Location {
  page: PageEntry;
  /** Where on the page to go, e.g. village=1&row=12&field=measure. */
  params: URLSearchParams;
}

/** '#/problems?row=5' → the page and its parameters; an unknown page is the register. */
export function parseHash(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { page: pages.find((p) => p.key === path) ?? pages[0]!, params: new URLSearchParams(query) };
}

export function hashFor(page: string, params: Record<string, string | number | null | undefined> = {}): string {
  const given = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] != null && entry[1] !== '');
  const query = new URLSearchParams(given.map(([k, v]) => [k, String(v)])).toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

/** Where a finding is edited: the page of its table, at its village or household, row and cell. */
export function hashForFinding(f: Finding): string {
  const page = pages.find((p) => p.tables.includes(f.table)) ?? pages.find((p) => f.householdId != null && p.key === 'register') ?? pages.find((p) => p.key === 'settings')!;
  return hashFor(page.key, { household: f.householdId, village: f.villageId, table: f.table, row: f.rowId, field: f.field });
}

/** A positive id from the page's parameters (village=3, household=12), or null. */
export function idParam(params: URLSearchParams, key: string): number | null {
  const value = Number(params.get(key));
  return Number.isInteger(value) && value > 0 ? value : null;
}
