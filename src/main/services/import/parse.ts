// Reading a sheet's data rows into parsed rows, and the lines of the rows refused or skipped: blank rows are passed
// over, a totals row (合计, 总计, 小计) is skipped and said so, a cell that cannot be stored faithfully refuses its row,
// and merged cells among the data refuse the file (they would leave rows without their values).
import { normalizeCell, type CellResult } from '../../../shared/cells';
import { isTotalsLabel, type ImportTarget, type VerificationKey } from '../../../shared/importMap';
import type { ImportLine } from '../../../shared/imports';
import type { LeadKey } from '../../../shared/layouts';
import type { CellValue, ColumnSpec } from '../../../shared/tables';
import { columnLetters, type CellRead, type SheetRow, type Workbook } from '../xlsx/sheet';
import { fail, type Header, type MappedColumn } from './header';
import { describeRow } from './plan';
import type { ParsedRow, ParsedSheet, RecordRow } from './types';

/** What a column of a national export is read for: a dictionary field, or a value to verify. */
export type NationalUse = { target: ImportTarget } | { verify: VerificationKey };

/** What a column of an own-table form is read for: a lead that identifies the record, a field of its table, or a person's name. */
export type RecordUse = { lead: LeadKey } | { column: ColumnSpec } | { person: ColumnSpec; part: 'name' | 'phone' };

export type RowResult<R> = { row: R } | { line: ImportLine };

export interface DataRead<R> {
  /** The columns the rows are made of. */
  mapped: readonly MappedColumn<unknown>[];
  /** The 户编号 column: a row without 户编号 that has a cell reading 合计 is a totals row. */
  hhNoCol?: number;
  parseRow(row: SheetRow): RowResult<R>;
  /** Takes each row read, instead of collecting them in `rows` (a county's export is not held whole). */
  onRow?(row: R): void;
  onProgress?(fraction: number): void;
}

const text = (cell: CellRead | undefined) => (cell ? cell.text.trim() : '');

const refused = (message: string): CellResult => ({ ok: false, message });

/**
 * A cell as its column stores it, or why not (the message names the column): what Excel has already destroyed is
 * refused, never guessed. Asked of every cell of a county's file: the answer is normalizeCell's own when it can be.
 */
export function cellValue(column: ColumnSpec, cell: CellRead, col: number): CellResult {
  let raw: unknown = cell.text;
  if (cell.kind === 'number') {
    if (column.type === 'idNumber') {
      return refused(`${columnLetters(col)} 列「${column.label}」是数字格式（${cell.text}），Excel 已把末几位改成了 0，无法还原。请在源表中把该列设为文本，重新填写正确号码`);
    }
    if (column.key === 'hhNo' || column.type === 'phone' || column.type === 'text') {
      if (!Number.isSafeInteger(cell.value)) return refused(`${columnLetters(col)} 列「${column.label}」是数字格式（${cell.text}），数字位数过多已被 Excel 改写，请改为文本`);
      raw = String(cell.value);
    } else raw = cell.value;
  }
  if (cell.kind === 'error') return refused(`${columnLetters(col)} 列「${column.label}」是 Excel 错误值 ${cell.text}`);
  const normal = normalizeCell(column, raw);
  return normal.ok ? normal : refused(`${columnLetters(col)} 列${normal.message}`);
}

/** Whether a cell of the row passes `test` (asked of every row of a county's file: no arrays made). */
function someCell(row: SheetRow, test: (col: number, cell: CellRead) => boolean): boolean {
  for (const [col, cell] of row.cells) if (test(col, cell)) return true;
  return false;
}

/**
 * Reads the data rows below the header. Only the mapped columns are decoded, and for recognising a totals row the
 * columns left of the first of them and the header's other columns (序号, or a 合计 merged across the lead columns).
 */
export async function readDataRows<R>(workbook: Workbook, header: Header, file: string, read: DataRead<R>): Promise<ParsedSheet<R>> {
  const mapped = new Set(read.mapped.map((m) => m.col));
  const first = Math.min(...mapped);
  const wanted = (col: number) => mapped.has(col) || col < first || header.row.cells.has(col);
  const parsed: ParsedSheet<R> = { rows: [], lines: [], rowCount: 0 };
  const totals = new Set<number>();
  const merges: string[] = [];
  for await (const row of workbook.rows(header.sheet, { wanted, merges, onProgress: read.onProgress })) {
    if (row.rowNo <= header.row.rowNo) continue;
    const hhNo = read.hhNoCol === undefined ? '' : text(row.cells.get(read.hhNoCol));
    if ((!hhNo || isTotalsLabel(hhNo)) && someCell(row, (col, cell) => isTotalsLabel(cell.text))) {
      parsed.rowCount++;
      totals.add(row.rowNo);
      parsed.lines.push({ rowNo: row.rowNo, status: '跳过', hhNo: null, name: null, idNumber: null, reason: '合计行' });
      continue;
    }
    if (!someCell(row, (col, cell) => mapped.has(col) && !!cell.text.trim())) continue;
    parsed.rowCount++;
    const result = read.parseRow(row);
    if ('line' in result) parsed.lines.push(result.line);
    else if (read.onRow) read.onRow(result.row);
    else parsed.rows.push(result.row);
  }
  for (const range of merges) {
    const [top, bottom] = range.split(':').map((ref) => Number(/\d+/.exec(ref)?.[0]));
    if (!top || !bottom || bottom <= header.row.rowNo) continue;
    // A 合计 label merged across the lead columns of a totals row is no data.
    if (top > header.row.rowNo && Array.from({ length: bottom - top + 1 }, (_, i) => top + i).every((r) => totals.has(r))) continue;
    throw fail(`「${file}」工作表「${header.sheet.name}」第 ${top}–${bottom} 行有合并单元格（${range}）。数据区域不能有合并单元格：请取消合并并在每行填上值后再导入。`);
  }
  return parsed;
}

/**
 * Reads the mapped cells of a row: a use with a dictionary column gets the cell's stored value (`put`), any other the
 * cell's text. Returns why the row cannot be imported: its first cell that cannot be stored, or null.
 */
function readCells<U>(row: SheetRow, byCol: ReadonlyMap<number, U>, columnOf: (use: U) => ColumnSpec | undefined, put: (use: U, value: CellValue) => void): string | null {
  let refusal: string | null = null;
  for (const [col, cell] of row.cells) {
    const use = byCol.get(col);
    if (use === undefined) continue;
    const column = columnOf(use);
    if (!column) {
      put(use, text(cell));
      continue;
    }
    const read = cellValue(column, cell, col);
    if (!read.ok) refusal ??= read.message;
    else put(use, read.value);
  }
  return refusal;
}

/** The rows of a national export: values by table and column, and the values to verify. */
export function nationalRow(mapped: readonly MappedColumn<NationalUse>[], kind: 'persons' | 'households') {
  const byCol = new Map(mapped.map((m) => [m.col, m.use]));
  return (row: SheetRow): RowResult<ParsedRow> => {
    const result: ParsedRow = { rowNo: row.rowNo, hhNo: '', values: new Map(), checks: {} };
    let refusal = readCells(row, byCol, (use) => ('target' in use ? use.target.column : undefined), (use, value) => {
      if ('verify' in use) {
        result.checks[use.verify] = String(value);
        return;
      }
      let values = result.values.get(use.target.table);
      if (!values) result.values.set(use.target.table, (values = {}));
      values[use.target.column.key] = value;
    });
    result.hhNo = String(result.values.get('households')?.hhNo ?? '');
    if (!refusal && !result.hhNo) refusal = '缺少户编号';
    if (!refusal && kind === 'persons' && !result.values.get('members')?.idNumber) refusal = '缺少证件号码，无法与已有成员对应';
    return refusal ? { line: { rowNo: row.rowNo, status: '拒绝', ...describeRow(result), reason: refusal } } : { row: result };
  };
}

/** The rows of an own-table form: the names of its village, group and household, and the table's own values. */
export function recordRow(mapped: readonly MappedColumn<RecordUse>[]) {
  const byCol = new Map(mapped.map((m) => [m.col, m.use]));
  return (row: SheetRow): RowResult<RecordRow> => {
    const result: RecordRow = { rowNo: row.rowNo, leads: {}, values: {} };
    const refusal = readCells(row, byCol, (use) => ('column' in use ? use.column : undefined), (use, value) => {
      if ('lead' in use) result.leads[use.lead] = String(value);
      else if ('person' in use) ((result.people ??= {})[use.person.key] ??= {})[use.part] = String(value);
      else result.values[use.column.key] = value;
    });
    if (!refusal) return { row: result };
    return { line: { rowNo: row.rowNo, status: '拒绝', hhNo: result.leads.hhNo || null, name: null, idNumber: null, reason: refusal } };
  };
}
