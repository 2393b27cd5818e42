// Import of the national system's exports (person-level and household-level) and of this app's own tables:
// read the sheet as a stream, map columns by name, group person rows into households by 户编号, merge with what is
// on file (matched by 户编号 and 证件号码), and write everything as ONE change set — an import lands whole or not
// at all, and one undo takes it back. Every row is accounted for in the report.
import { basename } from 'node:path';
import { normalizeCell } from '../../shared/cells';
import type { Change, NewRow, RowPatch } from '../../shared/changes';
import { PaichaError } from '../../shared/errors';
import { householdFacts, type MemberFacts } from '../../shared/household';
import { normalizeIdNumber } from '../../shared/idcard';
import { headerMeaning, headerScore, type ImportTarget, type VerificationKey } from '../../shared/importMap';
import type { ImportColumn, ImportLine, ImportOptions, ImportReport } from '../../shared/imports';
import { incomeSummary } from '../../shared/income';
import { sizeRuleOf } from '../../shared/profile';
import { tableSpec, type CellValue, type Row, type TableName } from '../../shared/tables';
import type { Store } from '../store';
import { profileOf, workYear } from './checks';
import { importRecords, recognizeRecordSheet } from './importRecords';
import { columnLetters, Workbook, type CellRead, type SheetInfo, type SheetRow } from './xlsx/sheet';

/** Rows scanned for the header (title rows come first). */
const HEADER_SCAN_ROWS = 30;
const MAX_COLUMNS = 1000;

export type Progress = (phase: string, fraction: number) => void;

interface MappedColumn {
  col: number;
  header: string;
  target?: ImportTarget;
  verify?: VerificationKey;
}

/** One data row, read and checked: values by table and column key. */
interface ParsedRow {
  rowNo: number;
  hhNo: string;
  values: Map<TableName, Record<string, CellValue>>;
  checks: Partial<Record<VerificationKey, string>>;
}

const fail = (message: string) => new PaichaError('invalid', message);

function cellText(cell: CellRead | undefined): string {
  return cell ? cell.text.trim() : '';
}

/** The year of the file's income: --year, else a year in the title rows, else in the file name, else the work year. */
function detectYear(options: ImportOptions, titles: string[], store: Store): { year: number; source: string } {
  if (options.year) return { year: options.year, source: '命令参数' };
  for (const title of titles) {
    const m = /((?:19|20)\d{2})\s*年/.exec(title);
    if (m) return { year: Number(m[1]), source: `标题「${title.slice(0, 30)}」` };
  }
  const fromName = /(?:^|\D)((?:19|20)\d{2})(?:\D|$)/.exec(basename(options.displayName ?? options.path));
  if (fromName) return { year: Number(fromName[1]), source: '文件名' };
  return { year: workYear(store), source: '工作年度' };
}

/**
 * Finds the sheet and its header row: the row with the most known column names among the first rows. In a
 * two-row header (columns grouped under merged headings), a column whose name sits in the row above (merged down
 * over both rows) takes it from there.
 */
async function findHeader(workbook: Workbook, file: string) {
  let best: { sheet: SheetInfo; row: SheetRow; score: number; titles: string[] } | null = null;
  for (const sheet of workbook.sheets) {
    const titles: string[] = [];
    let previous: SheetRow | null = null;
    for await (const row of workbook.rows(sheet)) {
      if (row.rowNo > HEADER_SCAN_ROWS) break;
      const texts = [...row.cells.values()].map((c) => c.text);
      const score = headerScore(texts);
      if (!best || score > best.score) {
        const cells = new Map(row.cells);
        if (previous?.rowNo === row.rowNo - 1) {
          for (const [col, cell] of previous.cells) if (!cells.get(col)?.text.trim() && headerMeaning(cell.text).kind !== 'unknown') cells.set(col, cell);
        }
        best = { sheet, row: { rowNo: row.rowNo, cells }, score, titles: [...titles] };
      }
      if (score === 0 && texts.length) titles.push(texts.join(' '));
      previous = row;
    }
  }
  if (!best || best.score < 3) {
    throw fail(`「${file}」中没有找到可识别的表头。表头应有「户编号」「姓名」「证件号码」等列名（在前 ${HEADER_SCAN_ROWS} 行内）。`);
  }
  return best;
}

function mapColumns(headerRow: SheetRow, file: string, sheet: string): { mapped: MappedColumn[]; columns: ImportColumn[]; unknown: string[] } {
  const cells = [...headerRow.cells].filter(([, c]) => c.text.trim());
  if (cells.length > MAX_COLUMNS) throw fail(`「${file}」工作表「${sheet}」的表头有 ${cells.length} 列，超过 ${MAX_COLUMNS} 列，不像是国家系统导出的表格。`);
  const mapped: MappedColumn[] = [];
  const columns: ImportColumn[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, number>();
  for (const [col, cell] of cells) {
    const header = cell.text.trim();
    const meaning = headerMeaning(header);
    const letter = columnLetters(col);
    if (meaning.kind === 'unknown') {
      unknown.push(`${letter} 列「${header}」`);
      columns.push({ column: letter, header, target: null });
      continue;
    }
    const id = meaning.kind === 'target' ? `${meaning.target.table}.${meaning.target.column.key}` : `verify.${meaning.key}`;
    const previous = seen.get(id);
    if (previous !== undefined) {
      throw fail(`「${file}」第 ${headerRow.rowNo} 行表头中「${header}」出现了两次（${columnLetters(previous)} 列和 ${letter} 列），无法确定使用哪一列。请删除重复的列后再导入。`);
    }
    seen.set(id, col);
    if (meaning.kind === 'target') {
      mapped.push({ col, header, target: meaning.target });
      columns.push({ column: letter, header, target: `${tableSpec(meaning.target.table).label} › ${meaning.target.column.label}` });
    } else {
      mapped.push({ col, header, verify: meaning.key });
      columns.push({ column: letter, header, target: '核对用（由本程序计算）' });
    }
  }
  return { mapped, columns, unknown };
}

/** A cell turned into what normalizeCell takes, refusing what Excel has already destroyed. */
function rawValue(target: ImportTarget, cell: CellRead): { value: unknown } | { refuse: string } {
  const { column } = target;
  if (cell.kind === 'number') {
    if (column.type === 'idNumber') {
      return { refuse: `「${column.label}」是数字格式（${cell.text}），Excel 已把末几位改成了 0，无法还原。请在源表中把该列设为文本，重新填写正确号码` };
    }
    if (column.key === 'hhNo' || column.type === 'phone' || column.type === 'text') {
      if (!Number.isSafeInteger(cell.value)) return { refuse: `「${column.label}」是数字格式（${cell.text}），数字位数过多已被 Excel 改写，请改为文本` };
      return { value: String(cell.value) };
    }
    return { value: cell.value };
  }
  if (cell.kind === 'error') return { refuse: `「${column.label}」是 Excel 错误值 ${cell.text}` };
  return { value: cell.text };
}

function describeRow(row: ParsedRow) {
  const member = row.values.get('members') ?? {};
  return { hhNo: row.hhNo || null, name: member.name == null ? null : String(member.name), idNumber: member.idNumber == null ? null : String(member.idNumber) };
}

/** The fields of `incoming` that differ from `current`; empty cells in the file never erase what is on file. */
function changedFields(current: Row, incoming: Record<string, CellValue>): Record<string, CellValue> {
  const patch: Record<string, CellValue> = {};
  for (const [key, value] of Object.entries(incoming)) if (value !== null && current[key] !== value) patch[key] = value;
  return patch;
}

const HOUSEHOLD_TABLES: readonly TableName[] = ['households', 'incomes', 'visits'];

export async function importFile(store: Store, options: ImportOptions, progress: Progress = () => {}): Promise<ImportReport> {
  const file = options.displayName ?? options.path;
  progress('打开文件', 0);
  const workbook = await Workbook.open(options.path, file);
  const recordSheet = await recognizeRecordSheet(workbook);
  if (recordSheet) {
    const report = await importRecords(store, workbook, recordSheet, options);
    progress('完成', 1);
    return report;
  }
  const header = await findHeader(workbook, file);
  const sheet = header.sheet;
  const { mapped, columns, unknown } = mapColumns(header.row, file, sheet.name);
  const byCol = new Map(mapped.map((m) => [m.col, m]));
  const has = (table: TableName, key: string) => mapped.some((m) => m.target?.table === table && m.target.column.key === key);
  const kind: ImportReport['kind'] = has('members', 'name') || has('members', 'idNumber') ? 'persons' : 'households';
  const missingColumns = [
    !has('households', 'hhNo') && '户编号',
    kind === 'persons' && !has('members', 'name') && '姓名',
    kind === 'persons' && !has('members', 'idNumber') && '证件号码',
  ].filter((x): x is string => !!x);
  if (missingColumns.length) {
    throw fail(`「${file}」工作表「${sheet.name}」缺少必需的列：${missingColumns.join('、')}。已识别的列：${columns.filter((c) => c.target).map((c) => c.header).join('、') || '无'}。`);
  }
  const { year, source: yearSource } = detectYear(options, header.titles, store);
  // Required fields the file does not have: imported rows will be reported by 数据核查 until they are keyed.
  const notInFile = (['households', 'members'] as const)
    .filter((table) => kind === 'persons' || table === 'households')
    .flatMap((table) => tableSpec(table).columns.filter((c) => c.required && c.type !== 'ref' && !has(table, c.key)).map((c) => c.label));

  // 1. Read and check every data row.
  const lines: ImportLine[] = [];
  const parsed: ParsedRow[] = [];
  const merges: string[] = [];
  let rowCount = 0;
  for await (const row of workbook.rows(sheet, { wanted: (col) => byCol.has(col), merges, onProgress: (f) => progress('读取', f * 0.7) })) {
    if (row.rowNo <= header.row.rowNo) continue;
    if (![...row.cells.values()].some((c) => c.text.trim())) continue;
    rowCount++;
    const result: ParsedRow = { rowNo: row.rowNo, hhNo: '', values: new Map(), checks: {} };
    let refusal: string | null = null;
    for (const [col, cell] of row.cells) {
      const m = byCol.get(col)!;
      if (m.verify) {
        result.checks[m.verify] = cellText(cell);
        continue;
      }
      const target = m.target!;
      const raw = rawValue(target, cell);
      if ('refuse' in raw) {
        refusal ??= `${columnLetters(col)} 列${raw.refuse}`;
        continue;
      }
      const normal = normalizeCell(target.column, raw.value);
      if (!normal.ok) {
        refusal ??= `${columnLetters(col)} 列${normal.message}`;
        continue;
      }
      let values = result.values.get(target.table);
      if (!values) result.values.set(target.table, (values = {}));
      values[target.column.key] = normal.value;
    }
    result.hhNo = String(result.values.get('households')?.hhNo ?? '');
    if (!result.hhNo && /合计|总计|小计/.test(cellText(row.cells.get(Math.min(...row.cells.keys()))))) {
      lines.push({ rowNo: row.rowNo, status: '跳过', ...describeRow(result), reason: '合计行' });
    } else if (refusal) {
      lines.push({ rowNo: row.rowNo, status: '拒绝', ...describeRow(result), reason: refusal });
    } else if (!result.hhNo) {
      lines.push({ rowNo: row.rowNo, status: '拒绝', ...describeRow(result), reason: '缺少户编号' });
    } else if (kind === 'persons' && !result.values.get('members')?.idNumber) {
      lines.push({ rowNo: row.rowNo, status: '拒绝', ...describeRow(result), reason: '缺少证件号码，无法与已有成员对应' });
    } else {
      parsed.push(result);
    }
  }
  for (const range of merges) {
    const [first, last] = range.split(':').map((ref) => Number(/\d+/.exec(ref)?.[0]));
    if ((last ?? 0) > header.row.rowNo) {
      throw fail(`「${file}」工作表「${sheet.name}」第 ${first}–${last} 行有合并单元格（${range}）。数据区域不能有合并单元格：请取消合并并在每行填上值后再导入。`);
    }
  }

  // 2. Group rows into households by 户编号; household fields come from the 户主 row.
  progress('整理', 0.75);
  const households = new Map<string, ParsedRow[]>();
  for (const row of parsed) {
    let list = households.get(row.hhNo);
    if (!list) households.set(row.hhNo, (list = []));
    list.push(row);
  }
  const disagreements: ImportReport['disagreements'] = [];
  const headRowOf = (rows: ParsedRow[]) => rows.find((r) => r.values.get('members')?.relation === '户主') ?? rows[0]!;
  for (const [hhNo, rows] of households) {
    if (rows.length < 2) continue;
    for (const table of [...HOUSEHOLD_TABLES, 'villages', 'groups'] as TableName[]) {
      const keys = new Set(rows.flatMap((r) => Object.keys(r.values.get(table) ?? {})));
      for (const key of keys) {
        const values = [...new Set(rows.map((r) => r.values.get(table)?.[key]).filter((v) => v != null).map(String))];
        if (values.length > 1) disagreements.push({ hhNo, field: tableSpec(table).columns.find((c) => c.key === key)?.label ?? key, values });
      }
    }
  }

  // 3. Merge with what is on file.
  const hhNos = [...households.keys()];
  const existingHouseholds = new Map(store.rowsIn('households', 'hhNo', hhNos).map((h) => [String(h.hhNo), h]));
  const existingIds = [...existingHouseholds.values()].map((h) => h.id);
  const existingMembers = store.rowsIn('members', 'householdId', existingIds);
  const membersByHousehold = new Map<number, Row[]>();
  for (const m of existingMembers) {
    const list = membersByHousehold.get(Number(m.householdId)) ?? [];
    list.push(m);
    membersByHousehold.set(Number(m.householdId), list);
  }
  const yearRows = (table: 'incomes' | 'visits') =>
    new Map(store.rowsIn(table, 'householdId', existingIds).filter((r) => r.year === year).map((r) => [Number(r.householdId), r]));
  const existingIncomes = yearRows('incomes');
  const existingVisits = yearRows('visits');
  const villages = new Map(store.rows('villages').map((v) => [String(v.name), v]));
  const groups = new Map(store.rows('groups').map((g) => [`${g.villageId}|${g.name}`, g]));

  let placeholder = 0;
  const next = () => --placeholder;
  const inserts = new Map<TableName, NewRow[]>();
  const updates = new Map<TableName, RowPatch[]>();
  const insert = (table: TableName, row: NewRow) => (inserts.get(table) ?? inserts.set(table, []).get(table)!).push(row);
  const update = (table: TableName, row: RowPatch) => (updates.get(table) ?? updates.set(table, []).get(table)!).push(row);
  const newVillages = new Map<string, number>();
  const newGroups = new Map<string, number>();
  const counts = { rows: rowCount, households: households.size, members: 0, newHouseholds: 0, updatedHouseholds: 0, newMembers: 0, updatedMembers: 0, unchanged: 0, skipped: 0, refused: 0 };
  const verifications: ImportReport['verifications'] = [];
  const profile = profileOf(store, year);

  const villageIdFor = (head: ParsedRow): number | null => {
    const village = head.values.get('villages');
    const name = village?.name == null ? null : String(village.name);
    if (!name) return null;
    const known = villages.get(name);
    if (known) return known.id;
    let id = newVillages.get(name);
    if (id === undefined) {
      newVillages.set(name, (id = next()));
      insert('villages', { id, ...village });
    }
    return id;
  };
  const groupIdFor = (head: ParsedRow, villageId: number | null): number | null => {
    const name = head.values.get('groups')?.name;
    if (name == null || villageId === null) return null;
    const key = `${villageId}|${name}`;
    const known = groups.get(key);
    if (known) return known.id;
    let id = newGroups.get(key);
    if (id === undefined) {
      newGroups.set(key, (id = next()));
      insert('groups', { id, villageId, name });
    }
    return id;
  };

  let done = 0;
  for (const [hhNo, rows] of households) {
    if (++done % 2000 === 0) progress('比对', 0.75 + (0.15 * done) / households.size);
    const head = headRowOf(rows);
    const existing = existingHouseholds.get(hhNo);
    const villageId = villageIdFor(head) ?? (existing ? Number(existing.villageId) : null);
    if (villageId === null) {
      for (const r of rows) lines.push({ rowNo: r.rowNo, status: '拒绝', ...describeRow(r), reason: '新的户缺少「村」，无法确定所属行政村' });
      continue;
    }
    const groupId = groupIdFor(head, villageId);
    const householdValues: Record<string, CellValue> = { ...head.values.get('households'), villageId, ...(groupId !== null ? { groupId } : {}) };
    let householdId: number;
    let householdChanged = false;
    if (existing) {
      householdId = existing.id;
      const patch = changedFields(existing, householdValues);
      if (Object.keys(patch).length) {
        update('households', { id: existing.id, ...patch });
        householdChanged = true;
      }
    } else {
      householdId = next();
      insert('households', { id: householdId, ...householdValues });
      counts.newHouseholds++;
    }
    for (const [table, known] of [['incomes', existingIncomes], ['visits', existingVisits]] as const) {
      const values = head.values.get(table);
      if (!values) continue;
      const current = existing ? known.get(existing.id) : undefined;
      if (current) {
        const patch = changedFields(current, values);
        if (Object.keys(patch).length) {
          update(table, { id: current.id, ...patch });
          householdChanged = true;
        }
      } else {
        insert(table, { householdId, year, ...values });
        householdChanged ||= !!existing;
      }
    }
    if (existing && householdChanged) counts.updatedHouseholds++;

    // Members, matched by 证件号码 within the household.
    const onFile = existing ? (membersByHousehold.get(existing.id) ?? []) : [];
    const byId = new Map(onFile.map((m) => [normalizeIdNumber(String(m.idNumber ?? '')), m]));
    const seenIds = new Set<string>();
    const facts: MemberFacts[] = [];
    for (const r of kind === 'persons' ? rows : []) {
      const member = r.values.get('members')!;
      const id = String(member.idNumber);
      if (seenIds.has(id)) {
        lines.push({ rowNo: r.rowNo, status: '拒绝', ...describeRow(r), reason: '同一户中证件号码重复出现，只导入第一行' });
        continue;
      }
      seenIds.add(id);
      counts.members++;
      facts.push({ householdId, name: member.name ?? null, idNumber: id, relation: member.relation ?? null, changeType: member.changeType ?? null });
      const current = byId.get(id);
      if (current) {
        const patch = changedFields(current, member);
        if (Object.keys(patch).length) {
          update('members', { id: current.id, ...patch });
          counts.updatedMembers++;
          lines.push({ rowNo: r.rowNo, status: '更新', ...describeRow(r), reason: `修改：${Object.keys(patch).map((k) => tableSpec('members').columns.find((c) => c.key === k)?.label ?? k).join('、')}` });
        } else {
          counts.unchanged++;
          lines.push({ rowNo: r.rowNo, status: '未变', ...describeRow(r), reason: householdChanged ? '成员信息未变（户信息有修改）' : '' });
        }
      } else {
        insert('members', { householdId, ...member });
        counts.newMembers++;
        lines.push({ rowNo: r.rowNo, status: '新增', ...describeRow(r), reason: existing ? '已有户的新成员' : '' });
      }
    }
    if (kind === 'households') {
      for (const r of rows) {
        const status = existing ? (householdChanged ? '更新' : '未变') : '新增';
        if (status === '未变') counts.unchanged++;
        lines.push({ rowNo: r.rowNo, status, ...describeRow(r), reason: r === head ? '' : '同一户编号的重复行，按第一行导入' });
      }
    }

    // What the file states that the app derives: report disagreements, store nothing.
    const derived = householdFacts(kind === 'persons' ? facts : (onFile as unknown as MemberFacts[]), sizeRuleOf(profile));
    const check = (what: string, fileValue: string | undefined, appValue: string | null | undefined) => {
      if (fileValue && appValue != null && fileValue !== appValue) verifications.push({ hhNo, what, file: fileValue, app: appValue });
    };
    check('户主姓名', head.checks.headName, derived.headName);
    check('户主证件号码', head.checks.headIdNumber && normalizeIdNumber(head.checks.headIdNumber), derived.headIdNumber);
    if (derived.memberCount) check('家庭人口数', head.checks.size, String(derived.size));
    const income = head.values.get('incomes');
    if (income && derived.size && head.checks.perCapita) {
      const perCapita = incomeSummary(income, derived.size).perCapita;
      if (perCapita !== null && Math.abs(perCapita - Number(head.checks.perCapita)) > 1) check('人均纯收入', head.checks.perCapita, String(perCapita));
    }
  }

  // Records on file that the export no longer lists, in the villages it covers.
  const coveredVillages = new Set([...villages.values()].filter((v) => newVillages.has(String(v.name)) || parsed.some((r) => r.values.get('villages')?.name === v.name)).map((v) => v.id));
  const absent: ImportReport['absent'] = [];
  for (const v of coveredVillages) {
    for (const h of store.rows('households', { villageId: v })) if (h.hhNo && !households.has(String(h.hhNo))) absent.push({ hhNo: String(h.hhNo), name: null, idNumber: null });
  }
  if (kind === 'persons') {
    for (const [hhNo, h] of existingHouseholds) {
      const inFile = new Set((households.get(hhNo) ?? []).map((r) => String(r.values.get('members')?.idNumber)));
      for (const m of membersByHousehold.get(h.id) ?? []) {
        if (!inFile.has(normalizeIdNumber(String(m.idNumber ?? '')))) absent.push({ hhNo, name: m.name == null ? null : String(m.name), idNumber: m.idNumber == null ? null : String(m.idNumber) });
      }
    }
  }

  counts.refused = lines.filter((l) => l.status === '拒绝').length;
  counts.skipped = lines.filter((l) => l.status === '跳过').length;
  lines.sort((a, b) => a.rowNo - b.rowNo);

  // 4. One change set, in dependency order.
  const order: TableName[] = ['villages', 'groups', 'households', 'members', 'incomes', 'visits'];
  const changes: Change[] = [
    ...order.flatMap((table): Change[] => (inserts.get(table)?.length ? [{ op: 'insert', table, rows: inserts.get(table)! }] : [])),
    ...order.flatMap((table): Change[] => (updates.get(table)?.length ? [{ op: 'update', table, rows: updates.get(table)! }] : [])),
  ];
  let changeSetId: number | null = null;
  if (!options.dryRun && changes.length) {
    progress('写入数据库', 0.9);
    changeSetId = store.apply({ label: `导入「${basename(file)}」`, changes }).changeSetId;
  }
  progress('完成', 1);
  return {
    file,
    sheet: sheet.name,
    headerRow: header.row.rowNo,
    kind,
    year,
    yearSource,
    columns,
    unknownColumns: unknown,
    missingColumns: notInFile,
    counts,
    lines,
    disagreements,
    verifications,
    absent,
    changeSetId,
    dryRun: !!options.dryRun,
  };
}
