// An official form, declared once: export, re-import, and next the Word tables and printed forms read it.
import type { CellValue, ColumnSpec, Row, TableName } from '../tables';
import type { Place, YearData } from '../yearData';

/** What identifies the record a row of a record form is about, when it is read back (a member by 证件号码). */
export type LeadKey = 'village' | 'group' | 'hhNo' | 'idNumber';

export interface LayoutColumn {
  header: string;
  /** A heading over consecutive columns of the same group (e.g. 工资性收入). */
  group?: string;
  /** In Excel's character widths: enough for the content (an 18-digit ID, a 16-digit 户编号, a date). */
  width: number;
  kind: 'text' | 'number';
  /** The cell of a row; `index` is the row's position in the form (序号). */
  value(row: Row, data: YearData, index: number): CellValue | undefined;
  /**
   * What re-import reads back from it: a lead that identifies the record, a column of the layout's table, or a
   * reference to 工作人员 written as the person's name — with, where the form prints it, the person's phone to tell
   * people of one name apart (read back by src/shared/people.ts personNamed).
   * Absent for what is derived (户主姓名, 家庭人口数, totals): read past.
   */
  source?: { lead: LeadKey } | { column: ColumnSpec } | { person: ColumnSpec; part: 'name' | 'phone' };
}

/** How an own-table form is read back: recognised by a phrase of its title, rows matched by a natural key. */
export interface Reimport {
  titlePhrase: string;
  key: readonly ('village' | 'group' | 'hhNo' | 'idNumber' | 'year' | 'description' | 'startMonth' | 'name')[];
}

export interface Layout {
  /** English identifier; the CLI's `paicha export <id>`. */
  id: string;
  /** As the clerk chooses it (export dialog, CLI help), e.g. 附件1 收入信息采集表. */
  label: string;
  /** The file name of an export, without extension. */
  fileName: string;
  sheetName: string;
  /** The table whose records are its rows. */
  table: TableName;
  title(place: Place, year: number): string;
  rows(data: YearData): Row[];
  columns: readonly LayoutColumn[];
  /** Printed pages across an A4 landscape sheet; default: as many as the column widths need. */
  pagesWide?: number;
  reimport?: Reimport;
  /**
   * The list for the national system: exporting it with 错误 is refused unless the clerk overrides, and each
   * export is recorded as an export point (the start of "changed since").
   */
  national?: boolean;
  /**
   * The rows come household by household, in the order of `data.households`, each read from its household's records
   * only: a whole year can then be written a slice of households at a time (a county's export in bounded memory).
   */
  householdOrder?: boolean;
}
