// The national system's exports (person level: one row per member; household level: one row per household, e.g.
// an income file): columns mapped by name through the data dictionary, person rows grouped into households by
// 户编号, merged with what is on file by 户编号 and 证件号码.
import { headerMeaning } from '../../../shared/importMap';
import type { ImportOptions } from '../../../shared/imports';
import { noteExport } from '../../../shared/commands';
import { groupBy } from '../../../shared/groupBy';
import { tableSpec, type CellValue, type Row, type TableName } from '../../../shared/tables';
import type { Store } from '../../store';
import { StagedRows } from '../../store/staging';
import { profileOf } from '../profile';
import type { Workbook } from '../xlsx/sheet';
import { detectYear, exportDateOf, fail, findHeader, HEADER_SCAN_ROWS, mapColumns, type ColumnMeaning, type MappedColumn } from './header';
import { nationalRow, readDataRows, type NationalUse } from './parse';
import { NationalPlanner, type HouseholdsOnFile } from './plan';
import type { Imported, Planner, WriteChanges } from './report';
import type { ParsedRow, ParsedSheet, Progress } from './types';

function meaningOf(header: string): ColumnMeaning<NationalUse> {
  const meaning = headerMeaning(header);
  if (meaning.kind === 'unknown') return meaning;
  if (meaning.kind === 'verify') return { kind: 'read', use: { verify: meaning.key }, id: `verify.${meaning.key}`, target: '核对用（由本程序计算）' };
  const { table, column } = meaning.target;
  return { kind: 'read', use: { target: meaning.target }, id: `${table}.${column.key}`, target: `${tableSpec(table).label} › ${column.label}` };
}

/**
 * Households planned and written together: few enough that the objects of a batch die young (larger batches left
 * V8 holding hundreds of megabytes of them between collections), enough for statements of many rows each.
 */
export const HOUSEHOLDS_PER_BATCH = 100;

/** What is on file for some households of the file (by 户编号): their records of the income year and of the round. */
function householdsOnFile(store: Store, year: number, roundYear: number, hhNos: readonly string[]): HouseholdsOnFile {
  const households = store.rowsIn('households', 'hhNo', hhNos);
  const ids = households.map((h) => h.id);
  const byHousehold = (rows: readonly Row[]) => new Map(rows.map((r) => [Number(r.householdId), r]));
  return {
    households: new Map(households.map((h) => [String(h.hhNo), h])),
    membersByHousehold: groupBy(store.rowsIn('members', 'householdId', ids), (m) => Number(m.householdId)),
    incomeByHousehold: byHousehold(store.rowsIn('incomes', 'householdId', ids).filter((r) => r.year === year)),
    visitByHousehold: byHousehold(store.rowsIn('visits', 'householdId', ids).filter((v) => v.year === roundYear)),
  };
}

/**
 * A parsed row as staged on disk: [rowNo, 户编号, then each mapped column's value] — null where the row has no such
 * cell, false where it has one that holds nothing (a value is never a boolean), so the row comes back as it was read.
 */
function rowCodec(mapped: readonly MappedColumn<NationalUse>[]) {
  const uses = mapped.map((m) => m.use);
  return {
    encode(row: ParsedRow): string {
      const out: unknown[] = [row.rowNo, row.hhNo];
      for (const use of uses) {
        if ('verify' in use) out.push(row.checks[use.verify] ?? null);
        else {
          const values = row.values.get(use.target.table);
          const key = use.target.column.key;
          out.push(values && key in values ? (values[key] ?? false) : null);
        }
      }
      return JSON.stringify(out);
    },
    decode(json: string): ParsedRow {
      const data = JSON.parse(json) as (CellValue | false)[];
      const row: ParsedRow = { rowNo: Number(data[0]), hhNo: String(data[1]), values: new Map(), checks: {} };
      uses.forEach((use, i) => {
        const value = data[i + 2];
        if (value === null || value === undefined) return;
        if ('verify' in use) row.checks[use.verify] = String(value);
        else {
          let values = row.values.get(use.target.table);
          if (!values) row.values.set(use.target.table, (values = {}));
          values[use.target.column.key] = value === false ? null : value;
        }
      });
      return row;
    },
  };
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

  // The rows go to disk as they are read, grouped by household (numbered in order of first appearance).
  const codec = rowCodec(mapping.mapped);
  const staged = new StagedRows();
  const householdOf = new Map<string, number>();
  let sheet: ParsedSheet<ParsedRow>;
  try {
    sheet = await readDataRows(workbook, header, file, {
      mapped: mapping.mapped,
      hhNoCol: colOf('households', 'hhNo'),
      parseRow: nationalRow(mapping.mapped, kind),
      onRow: (row) => {
        let household = householdOf.get(row.hhNo);
        if (household === undefined) householdOf.set(row.hhNo, (household = householdOf.size));
        staged.add(household, codec.encode(row));
      },
      onProgress: (f) => progress('读取', f * 0.7),
    });
  } catch (error) {
    staged.close();
    throw error;
  }
  const households = householdOf.size;
  householdOf.clear();
  const exportDate = exportDateOf(header.titles);
  const planner = (store: Store, write: WriteChanges): Imported => {
    const year = detectYear(options, header.titles, store);
    // An export answers for the round it was made in: its 三保障 and 饮水 go under that year, its income under the
    // income year; and it proposes that round as the 工作年度 until the clerk sets one in 设置.
    const roundYear = exportDate ? Number(exportDate.slice(0, 4)) : year.year;
    const plan = new NationalPlanner({
      kind,
      sheet,
      villages: store.rows('villages'),
      groups: store.rows('groups'),
      people: store.rows('people'),
      year: year.year,
      roundYear,
      profile: profileOf(store, year.year),
      households,
      // Planning and writing go together, batch by batch; a preview only plans.
      onProgress: (f) => progress(options.dryRun ? '比对' : '写入数据库', 0.75 + 0.25 * f),
    });
    let batch = new Map<string, ParsedRow[]>();
    const flush = () => {
      plan.resolved(write(plan.households(batch, householdsOnFile(store, year.year, roundYear, [...batch.keys()]))));
      batch = new Map();
    };
    for (const group of staged.groups()) {
      const rows = group.rows.map(codec.decode);
      batch.set(rows[0]!.hhNo, rows);
      if (batch.size >= HOUSEHOLDS_PER_BATCH) flush();
    }
    if (batch.size) flush();
    // The households on file in the villages the file names: those it no longer lists are reported.
    const villages = store.rows('villages');
    const named = plan.namedVillages();
    const covered = new Set(villages.filter((v) => named.has(String(v.name))).map((v) => v.id));
    const villageHouseholds = (store.columns('households', ['id', 'hhNo', 'villageId']) as Row[]).filter((h) => covered.has(Number(h.villageId)));
    const planned = plan.finish(villageHouseholds, villages);
    const proposal = exportDate ? noteExport(store.rows('settings'), exportDate) : null;
    return { found: { file, header, kind, year, round: { year: roundYear, exportDate }, mapping, missingColumns, ...planned }, changes: proposal?.changes ?? [] };
  };
  return Object.assign(planner, { dispose: () => staged.close() });
}
