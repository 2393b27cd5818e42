// The one contract between the UI and the back end (principle 3). src/main/api.ts implements it; Electron IPC,
// the HTTP server of `serve` and the CLI carry it. Every method is async and takes and returns plain JSON data.
import type { ApplyResult, ChangeSet, HistoryState, HistoryStep, JournalSet } from './changes';
import type { HouseholdFacts } from './household';
import type { ImportOptions, ImportReport } from './imports';
import type { Profile } from './profile';
import type { Finding } from './rules/types';
import type { CellValue, Row, TableName } from './tables';

export interface AppInfo {
  appName: string;
  version: string;
  /** Full path of the database file in use. */
  dbPath: string;
  schemaVersion: number;
  operator: string | null;
  /** Chinese warnings about the setup, e.g. a database on a network drive. */
  warnings: string[];
  history: HistoryState;
}

export interface Stats {
  villages: number;
  groups: number;
  households: number;
  members: number;
  changeSets: number;
}

export interface RowQuery {
  /** Only rows whose columns equal these values (null matches empty). */
  where?: Record<string, CellValue>;
}

export type HouseholdRow = Row & HouseholdFacts;

export interface CheckScope {
  /** Only these households (their own rules; no village-level rules). All when absent. */
  householdIds?: number[];
  /** The year to check; default the work year. */
  year?: number;
}

export interface CheckReport {
  profile: Profile;
  /** The 监测范围 as every page that uses it shows it, e.g. 2023年度监测范围：未填写（…）. */
  monitoringLineText: string;
  findings: Finding[];
}

export const exportTableNames = ['households', 'members', 'income', 'visits', 'keygroups', 'problems', 'assignments', 'national'] as const;
export type ExportTableName = (typeof exportTableNames)[number];

export interface ExportRequest {
  table: ExportTableName;
  /** Where to write, on the machine of the back end; default: a download folder of the transport. */
  path?: string;
  /** Only this village (by name). */
  village?: string;
  year?: number;
  /** National list only: just the households changed since the last national export. */
  changedOnly?: boolean;
}

export interface ExportResult extends SavedFile {
  table: ExportTableName;
  rows: number;
  year: number;
}

/** A long task in progress (an import), for a progress bar. */
export interface TaskProgress {
  task: string;
  phase: string;
  /** 0 to 1. */
  fraction: number;
}

export interface ProfileInfo {
  /** The year being worked on (设置 › 工作年度, else the latest income year). */
  workYear: number;
  profile: Profile;
}

export interface PaichaApi {
  info(): Promise<AppInfo>;
  stats(): Promise<Stats>;
  rows(table: TableName, query?: RowQuery): Promise<Row[]>;
  /** Households with the facts derived from their members (户主, 家庭人口数). */
  households(query?: RowQuery): Promise<HouseholdRow[]>;
  apply(changes: ChangeSet): Promise<ApplyResult>;
  undo(): Promise<HistoryStep>;
  redo(): Promise<HistoryStep>;
  /** The latest change sets in the journal, newest first. */
  history(limit?: number): Promise<JournalSet[]>;
  /** The policy-year profile of a year (default the work year), with its defaults filled in. */
  profile(year?: number): Promise<ProfileInfo>;
  /** 数据核查: the findings of the rules, with confirmations attached. */
  check(scope?: CheckScope): Promise<CheckReport>;
  /** Imports an .xlsx export as one change set (or only reports what it would do, with dryRun). */
  importFile(options: ImportOptions): Promise<ImportReport>;
  /** The long task running now, if any. */
  progress(): Promise<TaskProgress | null>;
  /** Writes a table in its official layout; without `path`, into the transport's download folder. */
  exportTable(options: ExportRequest): Promise<ExportResult>;
  /** Saves the report of the latest import (or preview) as .xlsx; without `path`, into the download folder. */
  saveImportReport(options?: { path?: string }): Promise<SavedFile>;
}

export interface SavedFile {
  path: string;
  name: string;
}

export type ApiMethod = keyof PaichaApi;

/** Every method name, for transports that register them one by one. */
export const apiMethods = [
  'info',
  'stats',
  'rows',
  'households',
  'apply',
  'undo',
  'redo',
  'history',
  'profile',
  'check',
  'importFile',
  'progress',
  'exportTable',
  'saveImportReport',
] as const satisfies readonly ApiMethod[];

// A compile-time check that apiMethods lists every method of PaichaApi.
type Missing = Exclude<ApiMethod, (typeof apiMethods)[number]>;
const allMethodsListed: Missing extends never ? true : never = true;
void allMethodsListed;
