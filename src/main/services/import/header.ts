// Where a sheet's table starts and what its columns mean, for both kinds of import (the national system's exports,
// this app's own forms): the header row below the title rows, the year of the file, the column mapping. The two
// strategies differ only in which names they know (how a row is scored) and what a column means.
import { basename } from 'node:path';
import { PaichaError } from '../../../shared/errors';
import type { ImportColumn, ImportOptions } from '../../../shared/imports';
import type { Store } from '../../store';
import { workYear } from '../profile';
import { columnLetters, type SheetInfo, type SheetRow, type Workbook } from '../xlsx/sheet';

/** Rows scanned for the header (title rows come first). */
export const HEADER_SCAN_ROWS = 30;
const MAX_COLUMNS = 1000;

export const fail = (message: string) => new PaichaError('invalid', message);

export interface Header {
  sheet: SheetInfo;
  /** The header row; in a two-row header, with the names merged down from the row above. */
  row: SheetRow;
  /** The title rows above it, each as one text. */
  titles: string[];
}

export interface HeaderSearch {
  sheets: readonly SheetInfo[];
  /** Whether a cell is a column name of the table looked for: the header row is the row with most of them. */
  isColumnName(text: string): boolean;
  /** A row with fewer column names than this is not a header. */
  minScore: number;
  /** The message when no row has enough of them. */
  notFound: string;
}

const texts = (row: SheetRow) => [...row.cells.values()].map((c) => c.text).filter((t) => t.trim());

/** The texts of the first rows of a sheet, a row at a time (where a form's title stands). */
export async function leadingRows(workbook: Workbook, sheet: SheetInfo, count: number): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of workbook.rows(sheet)) {
    if (row.rowNo > count) break;
    rows.push(texts(row).join(' '));
  }
  return rows;
}

/**
 * Finds the sheet and its header row: the row with the most column names among the first rows. In a two-row
 * header (columns grouped under merged headings), a column whose name sits in the row above (merged down over both
 * rows) takes it from there. Rows above the header without any column name are its title rows.
 */
export async function findHeader(workbook: Workbook, search: HeaderSearch): Promise<Header> {
  let best: (Header & { score: number }) | null = null;
  for (const sheet of search.sheets) {
    const titles: string[] = [];
    let previous: SheetRow | null = null;
    for await (const row of workbook.rows(sheet)) {
      if (row.rowNo > HEADER_SCAN_ROWS) break;
      const cells = new Map(row.cells);
      if (previous?.rowNo === row.rowNo - 1) {
        for (const [col, cell] of previous.cells) if (!cells.get(col)?.text.trim() && search.isColumnName(cell.text)) cells.set(col, cell);
      }
      const score = [...cells.values()].filter((c) => search.isColumnName(c.text)).length;
      if (score >= search.minScore && score > (best?.score ?? 0)) best = { sheet, row: { rowNo: row.rowNo, cells }, titles: [...titles], score };
      const own = texts(row);
      if (own.length && !own.some((t) => search.isColumnName(t))) titles.push(own.join(' '));
      previous = row;
    }
  }
  if (!best) throw fail(search.notFound);
  return { sheet: best.sheet, row: best.row, titles: best.titles };
}

/** The day the national system wrote the file, from a title row such as 「导出时间：2023-10-30 09:12:00」, or null. */
export function exportDateOf(titles: readonly string[]): string | null {
  for (const title of titles) {
    const m = /导出(?:时间|日期)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(title);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return null;
}

/** The year of the file's income: --year, else a year in the title rows, else in the file name, else the work year. */
export function detectYear(options: ImportOptions, titles: readonly string[], store: Store): { year: number; source: string } {
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
 * What a header means to a strategy: a column it reads (`id` names what it fills, so a column named twice is
 * caught; `target` says where it goes, for the preview), one it knows and reads past, or one it does not know.
 */
export type ColumnMeaning<T> = { kind: 'read'; use: T; id: string; target: string } | { kind: 'pass'; target: string | null } | { kind: 'unknown' };

export interface MappedColumn<T> {
  col: number;
  header: string;
  use: T;
}

export interface ColumnMapping<T> {
  mapped: MappedColumn<T>[];
  columns: ImportColumn[];
  unknown: string[];
}

/** Maps the header's columns by name; `expected` names the kind of table in the message about a header too wide. */
export function mapColumns<T>(header: Header, file: string, expected: string, meaningOf: (header: string) => ColumnMeaning<T>): ColumnMapping<T> {
  const cells = [...header.row.cells].filter(([, c]) => c.text.trim());
  if (cells.length > MAX_COLUMNS) throw fail(`「${file}」工作表「${header.sheet.name}」的表头有 ${cells.length} 列，超过 ${MAX_COLUMNS} 列，不像是${expected}。`);
  const mapping: ColumnMapping<T> = { mapped: [], columns: [], unknown: [] };
  const seen = new Map<string, number>();
  for (const [col, cell] of cells) {
    const name = cell.text.trim();
    const letter = columnLetters(col);
    const meaning = meaningOf(name);
    if (meaning.kind === 'unknown') {
      mapping.unknown.push(`${letter} 列「${name}」`);
      mapping.columns.push({ column: letter, header: name, target: null });
      continue;
    }
    mapping.columns.push({ column: letter, header: name, target: meaning.target });
    if (meaning.kind === 'pass') continue;
    const previous = seen.get(meaning.id);
    if (previous !== undefined) {
      throw fail(`「${file}」第 ${header.row.rowNo} 行表头中「${name}」出现了两次（${columnLetters(previous)} 列和 ${letter} 列），无法确定使用哪一列。请删除重复的列后再导入。`);
    }
    seen.set(meaning.id, col);
    mapping.mapped.push({ col, header: name, use: meaning.use });
  }
  return mapping;
}
