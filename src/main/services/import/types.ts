// What the parts of the import hand each other: the rows read from a sheet (parse.ts), the plan made from them
// (plan.ts), the report assembled at the end (report.ts). Pure types: no Store, no file.
import type { VerificationKey } from '../../../shared/importMap';
import type { ImportLine, ImportReport } from '../../../shared/imports';
import type { LeadKey } from '../../../shared/layouts';
import type { CellValue, TableName } from '../../../shared/tables';

/** One data row of a national export, read and checked: values by table and column key. */
export interface ParsedRow {
  rowNo: number;
  hhNo: string;
  values: Map<TableName, Record<string, CellValue>>;
  /** What the file states that the app derives (户主, 家庭人口数, 人均纯收入), as written. */
  checks: Partial<Record<VerificationKey, string>>;
}

/** One data row of an own-table form: the names that identify its record, and the table's own values. */
export interface RecordRow {
  rowNo: number;
  leads: Partial<Record<LeadKey, string>>;
  values: Record<string, CellValue>;
  /** Names (and phones) written for people of 工作人员, by the reference column they go to (read back by import/people.ts). */
  people?: Record<string, { name?: string; phone?: string }>;
}

/** A sheet's data rows: those read for the plan, the lines of rows refused or skipped, and the non-blank rows. */
export interface ParsedSheet<R> {
  rows: R[];
  lines: ImportLine[];
  rowCount: number;
}

export type Counts = ImportReport['counts'];

/** Reports the phase of an import and how far it is (0 to 1), for a progress bar. */
export type Progress = (phase: string, fraction: number) => void;
