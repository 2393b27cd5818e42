import type { SourceStatus, VocabKey } from '../vocab';

/**
 * How a column's value is kept and edited. The SQLite type, the grid editor and the import parser all follow it.
 * - text, phone, idNumber: text (idNumber and phone are never numbers: Excel would destroy their digits)
 * - int, money, decimal: numbers (money in 元 with fen; decimal for areas, distances and the like)
 * - date: 'YYYY-MM-DD' text; month: 'YYYYMM' text, as the national system writes 识别监测时间
 * - enum: a value of `vocab` (several, comma-separated, when the vocabulary is multi-valued)
 * - ref: the id of a row in `ref` table
 */
export type ColumnType = 'text' | 'int' | 'money' | 'decimal' | 'date' | 'month' | 'enum' | 'idNumber' | 'phone' | 'ref';

export interface ColumnSpec {
  /** English identifier; also the SQLite column name. */
  readonly key: string;
  /** 中文 label shown in grids, forms and export headers. */
  readonly label: string;
  readonly type: ColumnType;
  readonly vocab?: VocabKey;
  /** Several vocabulary values in one cell, comma-separated (default: as the vocabulary says). */
  readonly multi?: boolean;
  /** The heading a column sits under in grids, forms and exports (e.g. 工资性收入). */
  readonly group?: string;
  /** For type 'ref': the table this column points at. */
  readonly ref?: TableName;
  /**
   * For type 'ref': what deleting the row it points at does to this row (default 'restrict').
   * - 'cascade': this row belongs to that one and goes with it, in the same change set, so one undo brings both
   *   back. For records that mean nothing without their owner: a household's members, incomes, visits, measures,
   *   key-group and problem rows; a member's work records; a village's groups, indicators, team and assignments.
   * - 'restrict': the delete is refused while rows still point at it. For rows that stand on their own and would
   *   be lost by accident: deleting a village or group must not silently take its households (and their whole
   *   records) with it, nor a village the problems of its 问题台账; the clerk moves or deletes them first.
   */
  readonly onDelete?: 'cascade' | 'restrict';
  /** The national form asks for it; an empty cell is a finding (not a refused write). */
  readonly required?: boolean;
  /** The database refuses a row without it (structure, not data quality). */
  readonly notNull?: boolean;
  /** No two rows may share a non-empty value. */
  readonly unique?: boolean;
  /**
   * The longest value the column stores, in characters; longer ones are refused. Default by type (maxLengthOf in
   * kit.ts): text 200, free text (备注, 说明, 问题描述, 整改措施, 进展 …) 2000, idNumber 22, phone 20, enum by its vocabulary.
   */
  readonly maxLength?: number;
  /** The official meaning, shown as a tooltip. */
  readonly help?: string;
  /** Other header names seen in exports, for import mapping. */
  readonly synonyms?: readonly string[];
  /** Where the field comes from (REFERENCE.md marks). */
  readonly status?: SourceStatus;
  /** The schema version that added the column (see src/main/store/migrations.ts). */
  readonly since: number;
}

export interface TableSpec {
  readonly name: TableName;
  /** 中文 name of the table. */
  readonly label: string;
  /** Shown as the record's name in messages, e.g. 户 or 家庭成员. */
  readonly rowLabel: string;
  readonly since: number;
  readonly columns: readonly ColumnSpec[];
  /** What the table is for, shown on its page. */
  readonly help?: string;
  /** Sets of columns that together must be unique. */
  readonly uniqueTogether?: readonly (readonly string[])[];
}

export type TableName =
  | 'settings'
  | 'profiles'
  | 'villages'
  | 'groups'
  | 'people'
  | 'households'
  | 'members'
  | 'workRecords'
  | 'incomes'
  | 'visits'
  | 'measures'
  | 'keygroups'
  | 'problems'
  | 'assignments'
  | 'villageIndicators'
  | 'confirmations'
  | 'exportPoints'
  | 'formPrints'
  | 'monitoringSteps';

/** A value as it is stored: SQLite's text, number or NULL. */
export type CellValue = string | number | null;

/** A stored row: its id and its columns. */
export type Row = { id: number } & Record<string, CellValue>;
