// The national system's exports (person level: one row per member; household level: one row per household, e.g.
// an income file): columns mapped by name through the data dictionary, person rows grouped into households by
// 户编号, merged with what is on file by 户编号 and 证件号码.
import { headerMeaning } from '../../../shared/importMap';
import type { ImportLine, ImportOptions } from '../../../shared/imports';
import { noteExport } from '../../../shared/commands';
import { groupBy } from '../../../shared/groupBy';
import { tableSpec, type CellValue, type Row, type TableName } from '../../../shared/tables';
import type { Change } from '../../../shared/changes';
import type { Store } from '../../store';
import { StagedRows } from '../../store/staging';
import { profileOf } from '../profile';
import type { Workbook } from '../xlsx/sheet';
import { detectYear, exportDateOf, fail, findHeader, HEADER_SCAN_ROWS, mapColumns, type ColumnMapping, type ColumnMeaning, type Header, type MappedColumn } from './header';
import { nationalRow, readDataRows, type NationalUse } from './parse';
import { NationalPlanner, type HouseholdsOnFile } from './plan';
import type { Planner, WriteChanges } from './report';
import { ReportLines } from './reportLines';
import { RowsOutOfOrder, type PlanFile, type PlannedFindings, type PlannedPart, type PlannerThread, type PlanRequest, type RowOrder } from './thread';
import type { ParsedRow, ParsedSheet, Progress } from './types';

function meaningOf(header: string): ColumnMeaning<NationalUse> {
  const meaning = headerMeaning(header);
  if (meaning.kind === 'unknown') return meaning;
  if (meaning.kind === 'verify') return { kind: 'read', use: { verify: meaning.key }, id: `verify.${meaning.key}`, target: '核对用（由本程序计算）' };
  const { table, column } = meaning.target;
  return { kind: 'read', use: { target: meaning.target }, id: `${table}.${column.key}`, target: `${tableSpec(table).label} › ${column.label}` };
}

/**
 * Households planned and written together, one part of the change set: few enough that the objects of a batch die
 * young (larger batches left V8 holding hundreds of megabytes of them between collections), enough for statements
 * of many rows each.
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

/** What a national export's header says: its columns mapped, whether its rows are persons or households, the required fields it lacks. */
interface NationalColumns {
  mapping: ColumnMapping<NationalUse>;
  kind: 'persons' | 'households';
  hhNoCol: number | undefined;
  missingColumns: string[];
}

/** The columns of a national export by its header; a file without 户编号 (or, listing persons, 姓名 and 证件号码) is refused. */
function nationalColumns(header: Header, file: string): NationalColumns {
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
  return { mapping, kind, hhNoCol: colOf('households', 'hhNo'), missingColumns };
}

/** The header of a national export: the row (below any title rows) whose cells name the data dictionary's columns. */
export function nationalHeader(workbook: Workbook, file: string): Promise<Header> {
  return findHeader(workbook, {
    sheets: workbook.sheets,
    isColumnName: (text) => headerMeaning(text).kind !== 'unknown',
    minScore: 3,
    notFound: `「${file}」中没有找到可识别的表头。表头应有「户编号」「姓名」「证件号码」等列名（在前 ${HEADER_SCAN_ROWS} 行内）。`,
  });
}

/**
 * Reads a national export's header and returns the synchronous rest, run inside the import's write transaction: a
 * planning thread (thread.ts) reads the rows and plans them against what is on file while this thread writes each
 * planned part. `order`: 'asListed' first; a file that lists a household's rows apart fails with RowsOutOfOrder
 * (nothing written stays: the transaction is rolled back) and is read again 'byHousehold'.
 */
export async function readNational(workbook: Workbook, options: ImportOptions, progress: Progress, order: RowOrder, thread: PlannerThread): Promise<Planner> {
  const file = options.displayName ?? options.path;
  const header = await nationalHeader(workbook, file);
  const { mapping, kind, missingColumns } = nationalColumns(header, file);
  // The store is the planning thread's to read (its own connection); this thread only writes.
  const planner = (_store: Store, write: WriteChanges) => {
    // Asked here, inside the transaction: the thread's snapshot of the database is the state this transaction began from.
    thread.plan({ header, options, order });
    const lines = new ReportLines();
    for (;;) {
      const message = thread.next();
      if ('progress' in message) progress(options.dryRun ? '读取' : '写入数据库', 0.02 + 0.96 * message.progress);
      else if ('part' in message) {
        write(message.part.changes);
        lines.append(message.part.lines);
      } else {
        const { found, changes } = message.planned;
        lines.append(found.lines);
        return { found: { file, header, kind, mapping, missingColumns, ...found, lines }, changes };
      }
    }
  };
  return Object.assign(planner, { reportsProgress: true });
}

/** Where the planning thread sends what it planned. */
export interface PlanSink {
  part(part: PlannedPart<ImportLine[]>): void;
  progress(fraction: number): void;
}

/**
 * Rows of one household after another, as a national export lists them, handed on a household at a time. A
 * household listed again further down means the file is in another order (by name, say): RowsOutOfOrder.
 */
function householdsAsListed(take: (rows: ParsedRow[]) => void) {
  const seen = new Set<string>();
  let rows: ParsedRow[] = [];
  return {
    add(row: ParsedRow): void {
      if (rows.length && rows[0]!.hhNo !== row.hhNo) {
        take(rows);
        rows = [];
      }
      if (!rows.length) {
        if (seen.has(row.hhNo)) throw new RowsOutOfOrder();
        seen.add(row.hhNo);
      }
      rows.push(row);
    },
    end(): void {
      if (rows.length) take(rows);
    },
  };
}

/**
 * The planning thread's work (plannerThread.ts): reads the rows of a national export (only the mapped values of each
 * row are kept) and plans them against what is on file, a batch of households at a time, each batch's changes sent
 * to `sink` as a part of the change set. Returns what it found and the changes that close the set.
 */
export async function planNational(store: Store, workbook: Workbook, request: PlanFile & PlanRequest, sink: PlanSink): Promise<{ found: PlannedFindings<ImportLine[]>; changes: Change[] }> {
  const { header, file, options } = request;
  const { mapping, kind, hhNoCol } = nationalColumns(header, file);
  const year = detectYear(options, header.titles, store);
  const exportDate = exportDateOf(header.titles);
  // An export answers for the round it was made in: its 三保障 and 饮水 go under that year, its income under the
  // income year; and it proposes that round as the 工作年度 until the clerk sets one in 设置.
  const roundYear = exportDate ? Number(exportDate.slice(0, 4)) : year.year;
  const plan = new NationalPlanner({
    kind,
    villages: store.rows('villages'),
    groups: store.rows('groups'),
    people: store.rows('people'),
    year: year.year,
    roundYear,
    profile: profileOf(store, year.year),
  });
  let batch = new Map<string, ParsedRow[]>();
  const flush = () => {
    if (batch.size) sink.part(plan.households(batch, householdsOnFile(store, year.year, roundYear, [...batch.keys()])));
    batch = new Map();
  };
  const take = (rows: ParsedRow[]) => {
    batch.set(rows[0]!.hhNo, rows);
    if (batch.size >= HOUSEHOLDS_PER_BATCH) flush();
  };
  const read = (onRow: (row: ParsedRow) => void, onProgress: (fraction: number) => void) =>
    readDataRows(workbook, header, file, { mapped: mapping.mapped, hhNoCol, parseRow: nationalRow(mapping.mapped, kind), onRow, onProgress });
  let sheet: ParsedSheet<ParsedRow>;
  if (request.order === 'asListed') {
    const households = householdsAsListed(take);
    sheet = await read((row) => households.add(row), sink.progress);
    households.end();
  } else sheet = await readByHousehold(read, rowCodec(mapping.mapped), take, sink.progress);
  workbook.close();
  flush();
  // The households on file in the villages the file names: those it no longer lists are reported.
  const villages = store.rows('villages');
  const named = plan.namedVillages();
  const covered = new Set(villages.filter((v) => named.has(String(v.name))).map((v) => v.id));
  const villageHouseholds = (store.columns('households', ['id', 'hhNo', 'villageId']) as Row[]).filter((h) => covered.has(Number(h.villageId)));
  const planned = plan.finish(sheet, villageHouseholds, villages);
  const proposal = exportDate ? noteExport(store.rows('settings'), exportDate) : null;
  return { found: { year, round: { year: roundYear, exportDate }, lines: sheet.lines, ...planned }, changes: proposal?.changes ?? [] };
}

/**
 * Reads all rows first, set aside on disk grouped by household (numbered in order of first appearance), then hands
 * them on a household at a time: for a file that lists a household's rows apart.
 */
async function readByHousehold(
  read: (onRow: (row: ParsedRow) => void, onProgress: (fraction: number) => void) => Promise<ParsedSheet<ParsedRow>>,
  codec: ReturnType<typeof rowCodec>,
  take: (rows: ParsedRow[]) => void,
  progress: (fraction: number) => void,
): Promise<ParsedSheet<ParsedRow>> {
  const staged = new StagedRows();
  try {
    const householdOf = new Map<string, number>();
    const sheet = await read((row) => {
      let household = householdOf.get(row.hhNo);
      if (household === undefined) householdOf.set(row.hhNo, (household = householdOf.size));
      staged.add(household, codec.encode(row));
    }, (f) => progress(f / 2));
    const households = householdOf.size;
    householdOf.clear();
    let done = 0;
    for (const group of staged.groups()) {
      take(group.rows.map(codec.decode));
      if (++done % 1000 === 0) progress(0.5 + (0.5 * done) / households);
    }
    return sheet;
  } finally {
    staged.close();
  }
}
