// Importing this app's own exports of the record tables — 附件3 重点人群汇总表, 附件4 问题台账, 附件5 入户责任分工表
// — back: recognised by their title, columns mapped by that table's labels, rows matched to what is on file by their
// natural key and merged as one change set.
import { basename } from 'node:path';
import { normalizeCell } from '../../shared/cells';
import type { Change, NewRow, RowPatch } from '../../shared/changes';
import { PaichaError } from '../../shared/errors';
import { normalizeHeader } from '../../shared/importMap';
import type { ImportColumn, ImportLine, ImportOptions, ImportReport } from '../../shared/imports';
import { tableSpec, type CellValue, type ColumnSpec, type Row, type TableName } from '../../shared/tables';
import type { Store } from '../store';
import { workYear } from './checks';
import { columnLetters, type SheetInfo, type SheetRow, type Workbook } from './xlsx/sheet';

type RecordTable = 'keygroups' | 'problems' | 'assignments';

/** How each record table's export is recognised, and what identifies one of its rows. */
const recordTables: { table: RecordTable; title: RegExp; key: readonly string[] }[] = [
  { table: 'keygroups', title: /重点人群汇总表/, key: ['hhNo', 'year'] },
  { table: 'problems', title: /问题台账/, key: ['village', 'hhNo', 'description'] },
  { table: 'assignments', title: /入户责任分工表/, key: ['village', 'group'] },
];

/** Columns in front of a record table's own, and derived columns that are read past. */
const leadColumns: Record<string, 'village' | 'group' | 'hhNo'> = {
  [normalizeHeader('行政村')]: 'village',
  [normalizeHeader('村民小组')]: 'group',
  [normalizeHeader('片区（村民小组）')]: 'group',
  [normalizeHeader('户编号')]: 'hhNo',
};
const derivedColumns = new Set(['序号', '户主姓名', '户主证件号码', '家庭人口数', '户数', '人数', '其中脱贫户', '其中监测户'].map(normalizeHeader));

export interface RecordSheet {
  table: RecordTable;
  sheet: SheetInfo;
  title: string;
}

/** The record table a workbook is an export of, judged by the title rows of its first sheet. */
export async function recognizeRecordSheet(workbook: Workbook): Promise<RecordSheet | null> {
  const sheet = workbook.sheets[0]!;
  for await (const row of workbook.rows(sheet)) {
    if (row.rowNo > 3) break;
    const text = [...row.cells.values()].map((c) => c.text).join(' ');
    const match = recordTables.find((r) => r.title.test(text));
    if (match) return { table: match.table, sheet, title: text };
  }
  return null;
}

export async function importRecords(store: Store, workbook: Workbook, found: RecordSheet, options: ImportOptions): Promise<ImportReport> {
  const file = options.displayName ?? options.path;
  const spec = tableSpec(found.table);
  const own = new Map<string, ColumnSpec>();
  for (const c of spec.columns.filter((c) => c.type !== 'ref' && c.key !== 'year')) {
    for (const name of [c.label, ...(c.synonyms ?? [])]) own.set(normalizeHeader(name), c);
  }
  const yearMatch = /((?:19|20)\d{2})\s*年度/.exec(found.title);
  const year = options.year ?? (yearMatch ? Number(yearMatch[1]) : workYear(store));

  // The header: the row with most of this table's labels among the first rows; in a two-row header, a name
  // merged down from the row above counts for the row below.
  const findHeader = (rows: SheetRow[]): SheetRow | null => {
    let best: SheetRow | null = null;
    let bestScore = 1;
    rows.forEach((row, i) => {
      const cells = new Map(row.cells);
      const previous = rows[i - 1];
      if (previous?.rowNo === row.rowNo - 1) for (const [col, cell] of previous.cells) if (!cells.get(col)?.text.trim()) cells.set(col, cell);
      const score = [...cells.values()].filter((c) => own.has(normalizeHeader(c.text)) || leadColumns[normalizeHeader(c.text)]).length;
      if (score > bestScore) [best, bestScore] = [{ rowNo: row.rowNo, cells }, score];
    });
    return best;
  };
  const firstRows: SheetRow[] = [];
  const rest: SheetRow[] = [];
  for await (const row of workbook.rows(found.sheet)) (row.rowNo <= 10 ? firstRows : rest).push(row);
  const header = findHeader(firstRows);
  if (!header) throw new PaichaError('invalid', `「${file}」看起来是${spec.label}，但没有找到它的表头。`);

  const columns: ImportColumn[] = [];
  const mapped = new Map<number, { lead?: 'village' | 'group' | 'hhNo'; column?: ColumnSpec }>();
  const unknown: string[] = [];
  for (const [col, cell] of header.cells) {
    const name = normalizeHeader(cell.text);
    if (!name || /^填报/.test(name)) continue;
    const lead = leadColumns[name];
    const column = own.get(name);
    const letter = columnLetters(col);
    if (lead) mapped.set(col, { lead });
    if (column) mapped.set(col, { column });
    if (!lead && !column && !derivedColumns.has(name)) unknown.push(`${letter} 列「${cell.text.trim()}」`);
    columns.push({ column: letter, header: cell.text.trim(), target: column ? `${spec.label} › ${column.label}` : lead ? '对应的村、组或户' : null });
  }

  const villages = new Map(store.rows('villages').map((v) => [String(v.name), v.id]));
  const groups = new Map(store.rows('groups').map((g) => [`${g.villageId}|${g.name}`, g.id]));
  const households = new Map(store.rows('households').map((h) => [String(h.hhNo), h]));
  const hhNoById = new Map([...households.values()].map((h) => [h.id, h.hhNo]));
  const existing = store.rows(found.table);
  const keyOf = (r: Record<string, CellValue>) => {
    const parts: Record<string, CellValue> = {
      year: r.year ?? null,
      hhNo: r.householdId == null ? null : (hhNoById.get(Number(r.householdId)) ?? null),
      village: r.villageId ?? null,
      group: r.groupId ?? null,
      description: r.description ?? null,
    };
    return recordTables.find((t) => t.table === found.table)!.key.map((k) => String(parts[k] ?? '')).join('|');
  };
  const onFile = new Map(existing.map((r) => [keyOf(r), r]));

  const lines: ImportLine[] = [];
  const inserts: NewRow[] = [];
  const updates: RowPatch[] = [];
  let rowCount = 0;
  /** Keys already taken from this file, with their row numbers: a record listed twice is taken once. */
  const seen = new Map<string, number>();
  const take = (row: SheetRow) => {
    if (row.rowNo <= header.rowNo || ![...row.cells.values()].some((c) => c.text.trim())) return;
    rowCount++;
    const values: Record<string, CellValue> = {};
    let refusal: string | null = null;
    let villageName = '';
    let groupName = '';
    let hhNo = '';
    for (const [col, cell] of row.cells) {
      const m = mapped.get(col);
      if (!m) continue;
      if (m.lead === 'village') villageName = cell.text.trim();
      else if (m.lead === 'group') groupName = cell.text.trim();
      else if (m.lead === 'hhNo') hhNo = cell.text.trim();
      else if (m.column) {
        const normal = normalizeCell(m.column, cell.kind === 'number' ? cell.value : cell.text);
        if (normal.ok) values[m.column.key] = normal.value;
        else refusal ??= `${columnLetters(col)} 列${normal.message}`;
      }
    }
    const villageId = villages.get(villageName);
    const household = hhNo ? households.get(hhNo) : undefined;
    if (found.table !== 'keygroups' && spec.columns.some((c) => c.key === 'villageId')) {
      if (!villageId) refusal ??= villageName ? `没有名为「${villageName}」的行政村` : '缺少行政村';
      else values.villageId = villageId;
    }
    if (found.table === 'assignments') {
      const groupId = villageId ? groups.get(`${villageId}|${groupName}`) : undefined;
      if (!groupId) refusal ??= `${villageName}没有名为「${groupName}」的村民小组`;
      else values.groupId = groupId;
    }
    if (hhNo && !household) refusal ??= `没有户编号为「${hhNo}」的户`;
    if (household) values.householdId = household.id;
    if (found.table === 'keygroups') {
      if (!household) refusal ??= '缺少户编号';
      values.year = year;
    }
    const line = { rowNo: row.rowNo, hhNo: hhNo || null, name: null, idNumber: null };
    if (refusal) {
      lines.push({ ...line, status: '拒绝', reason: refusal });
      return;
    }
    const key = keyOf(values);
    if (seen.has(key)) {
      lines.push({ ...line, status: '拒绝', reason: `与第 ${seen.get(key)} 行是同一条记录，只导入第一行` });
      return;
    }
    seen.set(key, row.rowNo);
    const current = onFile.get(key);
    if (!current) {
      inserts.push(values);
      lines.push({ ...line, status: '新增', reason: '' });
      return;
    }
    const patch = Object.fromEntries(Object.entries(values).filter(([k, v]) => v !== null && current[k] !== v));
    if (Object.keys(patch).length) {
      updates.push({ id: current.id, ...patch });
      lines.push({ ...line, status: '更新', reason: '' });
    } else lines.push({ ...line, status: '未变', reason: '' });
  };
  for (const row of [...firstRows, ...rest]) take(row);

  const changes: Change[] = [];
  if (inserts.length) changes.push({ op: 'insert', table: found.table as TableName, rows: inserts });
  if (updates.length) changes.push({ op: 'update', table: found.table as TableName, rows: updates });
  const changeSetId = !options.dryRun && changes.length ? store.apply({ label: `导入「${basename(file)}」`, changes }).changeSetId : null;
  const count = (status: ImportLine['status']) => lines.filter((l) => l.status === status).length;
  return {
    file,
    sheet: found.sheet.name,
    headerRow: header.rowNo,
    kind: 'records',
    table: spec.label,
    year,
    yearSource: options.year ? '命令参数' : yearMatch ? '标题' : '工作年度',
    columns,
    unknownColumns: unknown,
    missingColumns: [],
    counts: { rows: rowCount, households: 0, members: 0, newHouseholds: 0, updatedHouseholds: 0, newMembers: 0, updatedMembers: 0, unchanged: count('未变'), skipped: count('跳过'), refused: count('拒绝'), newRecords: count('新增'), updatedRecords: count('更新') },
    lines,
    disagreements: [],
    verifications: [],
    absent: [],
    changeSetId,
    dryRun: !!options.dryRun,
  };
}
