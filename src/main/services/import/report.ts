// The import report: assembled from what the strategy found and planned (the same for the CLI, the UI and the saved
// file), and written as .xlsx for the clerk to fix the source — one sheet of rows (with what happened and why), one
// of what the file says differently, one of records the file no longer lists, one of the column mapping.
import type ExcelJS from 'exceljs';
import { writeWorkbookFile, type Pace } from '../xlsx/workbookFile';
import type { Change } from '../../../shared/changes';
import type { ImportColumn, ImportReport } from '../../../shared/imports';
import type { Store } from '../../store';
import type { Header } from './header';
import type { Plan } from './plan';
import { NOT_IMPORTED, REPORTED_LINES, type ReportLines } from './reportLines';

/** What a strategy found and planned, for the report. */
export interface Findings extends Pick<Plan, 'counts'>, Partial<Pick<Plan, 'disagreements' | 'verifications' | 'absent'>> {
  /** Every row's line. */
  lines: ReportLines;
  file: string;
  header: Header;
  kind: ImportReport['kind'];
  /** For an own-table form: which table, in Chinese. */
  table?: string;
  year: { year: number; source: string };
  /** National exports: the round their 入户调查 answers are filed under, and the day they were exported. */
  round?: { year: number; exportDate: string | null };
  mapping: { columns: ImportColumn[]; unknown: string[] };
  missingColumns: string[];
}

/** What a strategy hands back: its findings, and the change set that imports the file (written by index.ts). */
export interface Imported {
  found: Findings;
  changes: Change[];
}

/**
 * Writes a part of the import's change set (nothing in a preview); returns the real ids of the part's placeholders.
 * All parts are one change set, one undo.
 */
export type WriteChanges = (changes: Change[]) => Record<string, number>;

/**
 * A file's header read, waiting for what is on file: loads it from the store and plans the change set, synchronously,
 * so that index.ts runs it and writes the set inside ONE write transaction (nothing can change on file in between). A
 * planner may write parts of the set itself as it goes (`write`); index.ts writes the `changes` it returns after them.
 * `reportsProgress`: the planner reads the file as it plans (a national export) and reports how far it is.
 */
export type Planner = ((store: Store, write: WriteChanges) => Imported) & { reportsProgress?: boolean };

/**
 * An import's report, and every row's line: the report lists only the rows not imported (a county has 320,000 rows,
 * too many to send with it); the saved report file lists every row.
 */
export type ImportOutcome = ImportReport & { rowLines: ReportLines };

export function assembleReport(found: Findings, changeSetId: number | null, dryRun: boolean): ImportOutcome {
  return {
    file: found.file,
    sheet: found.header.sheet.name,
    headerRow: found.header.row.rowNo,
    kind: found.kind,
    ...(found.table !== undefined ? { table: found.table } : {}),
    year: found.year.year,
    yearSource: found.year.source,
    ...(found.round ? { roundYear: found.round.year, exportDate: found.round.exportDate } : {}),
    columns: found.mapping.columns,
    unknownColumns: found.mapping.unknown,
    missingColumns: found.missingColumns,
    counts: found.counts,
    lines: found.lines.where(NOT_IMPORTED, REPORTED_LINES),
    disagreements: found.disagreements ?? [],
    verifications: found.verifications ?? [],
    absent: found.absent ?? [],
    changeSetId,
    dryRun,
    rowLines: found.lines,
  };
}

/** Rows written between two pauses for the file to take them. */
const ROWS_PER_PACE = 2000;

async function sheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, pace: Pace, name: string, headers: [string, number][], rows: Iterable<(string | number | null)[]>) {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map(([header, width]) => ({ header, width }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let written = 0;
  // Every cell is text: ID numbers must stay digits, and nothing may become a formula.
  for (const row of rows) {
    ws.addRow(row.map((v) => (v === null ? '' : typeof v === 'number' ? v : String(v)))).commit();
    if (++written % ROWS_PER_PACE === 0) await pace();
  }
  ws.commit();
}

export async function writeImportReport(imported: ImportOutcome, path: string): Promise<void> {
  await writeWorkbookFile(path, (workbook, pace) => fillReport(workbook, pace, imported));
}

function* rowsOf(lines: ReportLines): Iterable<(string | number | null)[]> {
  for (const l of lines) yield [l.rowNo, l.status, l.hhNo, l.name, l.idNumber, l.reason];
}

async function fillReport(workbook: ExcelJS.stream.xlsx.WorkbookWriter, pace: Pace, report: ImportOutcome): Promise<void> {
  await sheet(workbook, pace, '逐行结果', [['行号', 8], ['结果', 8], ['户编号', 20], ['姓名', 10], ['证件号码', 24], ['原因或说明', 80]], rowsOf(report.rowLines));
  await sheet(
    workbook,
    pace,
    '需核对',
    [['户编号', 20], ['项目', 20], ['文件中', 30], ['本程序', 30]],
    [
      ...report.disagreements.map((d) => [d.hhNo, `同户各行不一致：${d.field}`, d.values.join(' / '), '']),
      ...report.verifications.map((v) => [v.hhNo, v.what, v.file, v.app]),
    ],
  );
  await sheet(workbook, pace, '文件中没有的记录', [['户编号', 20], ['姓名', 10], ['证件号码', 24]], report.absent.map((a) => [a.hhNo, a.name, a.idNumber]));
  await sheet(workbook, pace, '列对应', [['列', 6], ['表头', 30], ['导入到', 40]], report.columns.map((c) => [c.column, c.header, c.target ?? '未识别，不导入']));
}
