// The national system's exports (person level: one row per member; household level: one row per household, e.g.
// an income file): columns mapped by name through the data dictionary, person rows grouped into households by
// 户编号, merged with what is on file by 户编号 and 证件号码.
import { headerMeaning } from '../../../shared/importMap';
import type { ImportOptions } from '../../../shared/imports';
import { tableSpec, type TableName } from '../../../shared/tables';
import type { Store } from '../../store';
import { noteExport } from '../../../shared/commands';
import { loadYear } from '../loadYear';
import type { Workbook } from '../xlsx/sheet';
import { detectYear, exportDateOf, fail, findHeader, HEADER_SCAN_ROWS, mapColumns, type ColumnMeaning } from './header';
import { nationalRow, readDataRows, type NationalUse } from './parse';
import { plan, villageNamesOf, type OnFile } from './plan';
import type { Planner } from './report';
import type { ParsedRow, Progress } from './types';

function meaningOf(header: string): ColumnMeaning<NationalUse> {
  const meaning = headerMeaning(header);
  if (meaning.kind === 'unknown') return meaning;
  if (meaning.kind === 'verify') return { kind: 'read', use: { verify: meaning.key }, id: `verify.${meaning.key}`, target: '核对用（由本程序计算）' };
  const { table, column } = meaning.target;
  return { kind: 'read', use: { target: meaning.target }, id: `${table}.${column.key}`, target: `${tableSpec(table).label} › ${column.label}` };
}

/** What is on file for the households the rows name (by 户编号), and every village and group. */
function onFileFor(store: Store, year: number, roundYear: number, rows: readonly ParsedRow[]) {
  const hhNos = [...new Set(rows.map((r) => r.hhNo))];
  const householdIds = store.rowsIn('households', 'hhNo', hhNos).map((h) => h.id);
  const data = loadYear(store, { year, householdIds });
  // The visits of the file's round, which may be a later year than its income (loadYear gives the income year's).
  const visits = roundYear === year ? data.visits : store.rowsIn('visits', 'householdId', householdIds).filter((v) => v.year === roundYear);
  const villages = store.rows('villages');
  const named = villageNamesOf(rows);
  const onFile: OnFile = {
    households: new Map(data.households.map((h) => [String(h.hhNo), h])),
    membersByHousehold: data.membersByHousehold,
    incomeByHousehold: data.incomeByHousehold,
    visitByHousehold: new Map(visits.map((v) => [Number(v.householdId), v])),
    villages,
    groups: store.rows('groups'),
    villageHouseholds: store.rowsIn('households', 'villageId', villages.filter((v) => named.has(String(v.name))).map((v) => v.id)),
  };
  return { onFile, profile: data.profile };
}

/**
 * Reads a national export (its header, then its rows, streamed: only the mapped values of each row are kept) and
 * returns the synchronous rest: what is on file is loaded and merged with the rows, inside the caller's transaction.
 */
export async function readNational(workbook: Workbook, options: ImportOptions, progress: Progress): Promise<Planner> {
  const file = options.displayName ?? options.path;
  const header = await findHeader(workbook, {
    sheets: workbook.sheets,
    isColumnName: (text) => headerMeaning(text).kind !== 'unknown',
    minScore: 3,
    notFound: `「${file}」中没有找到可识别的表头。表头应有「户编号」「姓名」「证件号码」等列名（在前 ${HEADER_SCAN_ROWS} 行内）。`,
  });
  const mapping = mapColumns(header, file, '国家系统导出的表格', meaningOf);
  const colOf = (table: TableName, key: string) => mapping.mapped.find((m) => 'target' in m.use && m.use.target.table === table && m.use.target.column.key === key)?.col;
  const has = (table: TableName, key: string) => colOf(table, key) !== undefined;
  const kind = has('members', 'name') || has('members', 'idNumber') ? 'persons' : 'households';
  const missing = [!has('households', 'hhNo') && '户编号', kind === 'persons' && !has('members', 'name') && '姓名', kind === 'persons' && !has('members', 'idNumber') && '证件号码'].filter((x): x is string => !!x);
  if (missing.length) {
    throw fail(`「${file}」工作表「${header.sheet.name}」缺少必需的列：${missing.join('、')}。已识别的列：${mapping.columns.filter((c) => c.target).map((c) => c.header).join('、') || '无'}。`);
  }
  // Required fields the file does not have: imported rows will be reported by 数据核查 until they are keyed.
  const missingColumns = (['households', 'members'] as const)
    .filter((table) => kind === 'persons' || table === 'households')
    .flatMap((table) => tableSpec(table).columns.filter((c) => c.required && c.type !== 'ref' && !has(table, c.key)).map((c) => c.label));

  const sheet = await readDataRows(workbook, header, file, {
    mapped: mapping.mapped,
    hhNoCol: colOf('households', 'hhNo'),
    parseRow: nationalRow(mapping.mapped, kind),
    onProgress: (f) => progress('读取', f * 0.7),
  });
  const exportDate = exportDateOf(header.titles);
  return (store) => {
    const year = detectYear(options, header.titles, store);
    // An export answers for the round it was made in: its 三保障 and 饮水 go under that year, its income under the
    // income year; and it proposes that round as the 工作年度 until the clerk sets one in 设置.
    const roundYear = exportDate ? Number(exportDate.slice(0, 4)) : year.year;
    const { onFile, profile } = onFileFor(store, year.year, roundYear, sheet.rows);
    const { changes, ...planned } = plan({ kind, sheet, onFile, year: year.year, roundYear, profile, onProgress: (f) => progress('比对', 0.75 + 0.15 * f) });
    const proposal = exportDate ? noteExport(store.rows('settings'), exportDate) : null;
    return { found: { file, header, kind, year, round: { year: roundYear, exportDate }, mapping, missingColumns, ...planned }, changes: proposal ? [...changes, ...proposal.changes] : changes };
  };
}
