// The one contract between the UI and the back end (principle 3). src/main/api.ts implements it; Electron IPC,
// the HTTP server of `serve` and the CLI carry it. Every method is async and takes and returns plain JSON data.
import type { ApplyResult, ChangeSet, HistoryState, HistoryStep, JournalSet } from './changes';
import type { HouseholdFacts } from './household';
import type { ErrorPayload } from './errors';
import type { FormKind, SingleFormKind } from './forms';
import type { ImportOptions, ImportReport } from './imports';
import type { Profile } from './profile';
import type { ProgressReport } from './progress';
import type { Place } from './yearData';
import type { IncomeSheet } from './incomeSheet';
import type { Finding } from './rules/types';
import type { KeyGroupsReport } from './screening';
import type { MonitoringFile } from './monitoring';
import type { MonitoringNumbers } from './monitoringFigures';
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
  /** Only rows of this village: its own records, or those of its households or their members. */
  villageId?: number;
  /** Only the rows with these ids: a page refreshing the rows a write touched, not all it shows. */
  ids?: number[];
  /** At most this many rows, the first by id: what a page draws while it reads the whole list. */
  limit?: number;
}

/** A household as the api sends it: its row and the facts derived from its members (an empty 户主 left out, as any empty field). */
export type HouseholdRow = Row & Omit<HouseholdFacts, 'headName' | 'headIdNumber'> & Partial<Pick<HouseholdFacts, 'headName' | 'headIdNumber'>>;

export interface CheckScope {
  /** Only these households (their own rules; no village-level rules). All when absent. */
  householdIds?: number[];
  /** Only this village: its households and its village-level records. */
  villageId?: number;
  /** The year to check; default the work year. */
  year?: number;
}

/** A rule that waits until its data are on file (帮扶措施 keyed, this round's income collected …). */
export interface WaitingRule {
  ruleId: string;
  title: string;
  /** What it waits for, e.g. 帮扶措施. */
  what: string;
}

/** Which households the income page reads, for which income year (default the work year). */
export interface IncomeSheetScope {
  year?: number;
  villageId?: number;
  householdIds?: number[];
}

/** Whose progress (进度), on which day: default the work year, all villages, today. */
export interface ProgressQuery {
  year?: number;
  villageId?: number;
  /** 'YYYY-MM-DD': the day the phase, the days left and what is overdue are told for. */
  today?: string;
}

/** Whose 重点人群 (附件3): the year (default the work year) and one village or all. */
export interface KeyGroupsQuery {
  year?: number;
  villageId?: number;
}

/** Whose monitoring numbers: the year (default the work year), one village or all, and the day overdue is told on. */
export interface MonitoringQuery {
  year?: number;
  villageId?: number;
  /** 'YYYY-MM-DD'; default today. */
  today?: string;
}

/** An outside list (疑似问题数据, 部门预警) to send back with its 核实结果: the list as received, and where to write. */
export interface ListFeedbackRequest {
  /** The list file as it was imported (its name finds the ledger entries). */
  path: string;
  /** Its name as the clerk knows it, when `path` is an uploaded copy. */
  displayName?: string;
  /** Where to write; default: the download folder of the transport. */
  out?: string;
}

export interface ListFeedbackResult extends SavedFile {
  rows: number;
  filled: number;
  /** Row numbers of the list with no ledger entry. */
  missing: number[];
}

export interface CheckReport {
  profile: Profile;
  /** Rules not run yet: what they check has not been entered by anyone. */
  waiting: WaitingRule[];
  /** The 监测范围 as every page that uses it shows it, e.g. 2023年度监测范围：未填写（…）. */
  monitoringLineText: string;
  findings: Finding[];
}

export interface ExportRequest {
  /** The form to write: the id of a layout of src/shared/layouts (households, income, national …). */
  layout: string;
  /** Where to write, on the machine of the back end; default: a download folder of the transport. */
  path?: string;
  /** Only this village (by name). */
  village?: string;
  year?: number;
  /** National list only: just the households changed since the last national export. */
  changedOnly?: boolean;
  /** Export although 错误 remain in what is exported (the national list refuses them otherwise). */
  allowErrors?: boolean;
}

/** The 错误 that remain in what an export would write, and where: said before and after every export. */
export interface ExportGate {
  errors: number;
  /** By village, most first. */
  byVillage: { village: string; errors: number }[];
  /** A few of them, to show where to start. */
  examples: { hhNo: string | null; message: string }[];
  /** The export is refused while they remain, unless the clerk overrides (the national list). */
  refuses: boolean;
}

/** Where the 错误 are, in one Chinese phrase: "东塬村 3 条、西塬村 1 条". */
export function gateText(gate: ExportGate): string {
  return gate.byVillage.map((v) => `${v.village} ${v.errors} 条`).join('、');
}

export interface ExportResult extends SavedFile {
  layout: string;
  rows: number;
  year: number;
  /** The 错误 that went out with the file (none when none remained), and where. */
  gate: ExportGate;
}

/** A long task in progress (an import), for a progress bar. */
export interface TaskProgress {
  task: string;
  phase: string;
  /** 0 to 1. */
  fraction: number;
}

/** Where the 工作年度 comes from: 设置, an import's proposal, the latest income year, or the calendar. */
export type WorkYearSource = 'setting' | 'import' | 'income' | 'calendar';

export const workYearSourceText: Record<WorkYearSource, string> = {
  setting: '已在「设置」中确认',
  import: '由导入文件的导出时间推定，请在「设置」中确认',
  income: '按最新的收入年度推定，请在「设置」中确认',
  calendar: '按当前年份推定，请在「设置」中确认',
};

export interface ProfileInfo {
  /** The year being worked on (设置 › 工作年度, else the latest income year). */
  workYear: number;
  workYearSource: WorkYearSource;
  profile: Profile;
  /** 县 and 乡镇 for titles (设置, else what the villages on file say). */
  place: Place;
}

export interface PaichaApi {
  info(): Promise<AppInfo>;
  stats(): Promise<Stats>;
  /** Rows of a table. Empty fields (null or '') are left out of each row: a reader takes a missing field as empty. */
  rows(table: TableName, query?: RowQuery): Promise<Row[]>;
  /** Households with the facts derived from their members (户主, 家庭人口数); empty fields left out, as in rows. */
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
  /** 进度 of the round per village and 片区 (and 附件5's household and people counts). */
  progress(query?: ProgressQuery): Promise<ProgressReport>;
  /** Writes the 进度 table as .xlsx in the official layout; without `path`, into the download folder. */
  exportProgress(request?: ProgressQuery & { path?: string }): Promise<SavedFile>;
  /** 附件1: the households of a village (or some households) with their income of the year and last year's. */
  incomeSheet(scope: IncomeSheetScope): Promise<IncomeSheet>;
  /** 重点人群 (附件3): the households in groups with their reasons, and 户/人 by village and group. */
  keyGroups(query?: KeyGroupsQuery): Promise<KeyGroupsReport>;
  /** A household's 监测程序: its steps, measures, and the facts 风险消除 is judged on (commands.ts records a step). */
  monitoringFile(householdId: number): Promise<MonitoringFile>;
  /** 新识别, 风险消除, 回退, 再标注, 绿色通道 and the 问题台账 by category and state (src/shared/monitoringFigures.ts). */
  monitoringNumbers(query?: MonitoringQuery): Promise<MonitoringNumbers>;
  /** Writes an imported 疑似问题 or 预警 list back in its own layout, with the ledger's 核实结果 filled in. */
  listFeedback(request: ListFeedbackRequest): Promise<ListFeedbackResult>;
  /** Imports an .xlsx export as one change set (or only reports what it would do, with dryRun). */
  importFile(options: ImportOptions): Promise<ImportReport>;
  /** The long task running now, if any. */
  taskProgress(): Promise<TaskProgress | null>;
  /** The 错误 an export would carry, before it is written. */
  exportGate(request: ExportRequest): Promise<ExportGate>;
  /** Writes a form in its official layout; without `path`, into the transport's download folder. */
  exportLayout(request: ExportRequest): Promise<ExportResult>;
  /** Saves the report of the latest import (or preview) as .xlsx; without `path`, into the download folder. */
  saveImportReport(options?: { path?: string }): Promise<SavedFile>;
  /** 总结报告: the figures and tables it will use, with their sources, and the placeholders of the template in use. */
  reportPreview(request?: ReportQuery): Promise<ReportPreview>;
  /** Writes the 总结报告 (.docx) from the template (default: the built-in one); without `path`, into the download folder. */
  writeReport(request?: ReportRequest): Promise<ReportResult>;
  /** Writes the built-in report template (.docx) for the clerk to edit in Word/WPS. */
  writeReportTemplate(options?: { path?: string }): Promise<SavedFile>;
  /** 打印: households' pre-filled forms for the 双签字 as one .docx (each household on new pages); records the print. */
  writeForms(request: FormsRequest): Promise<FormsResult>;
  /** Writes the built-in template of a kind of household form (.docx) for the clerk to edit in Word/WPS. */
  writeFormsTemplate(options?: { kind?: FormKind; path?: string }): Promise<SavedFile>;
  /** Which households' forms were printed and when, which are stale (edited since), which came back signed. */
  formsStatus(query: FormsStatusQuery): Promise<FormsStatus>;
  /** Households' forms came back signed (双签字): their income or visit records say so; answers their status. */
  markFormsReturned(request: FormsReturnedRequest): Promise<FormsStatus>;
  /** The 公示 list of newly identified 监测户 as .docx (its .xlsx is the export layout 'publicity'). */
  writePublicity(request?: PublicityRequest): Promise<PublicityResult>;
  /** The backups of the database, newest first. */
  backups(): Promise<BackupInfo[]>;
  /** Backs the database up now. */
  backupNow(): Promise<BackupInfo>;
  /** What a backup holds, and what the database holds now, before a restore. */
  backupContent(name: string): Promise<{ backup: DatabaseSummary; current: DatabaseSummary }>;
  /** Replaces the data with a backup's; the data replaced are kept as a backup too (returned). */
  restoreBackup(name: string): Promise<BackupInfo>;
}

export interface SavedFile {
  path: string;
  name: string;
}

/** The parts of the 总结报告 (REFERENCE.md f), under which its figures are listed. */
export const reportSections = ['基本情况', '工作开展情况', '排查结果', '收入', '三保障和饮水', '问题整改', '信息采集与数据质量'] as const;
export type ReportSection = (typeof reportSections)[number];

/** A figure of the report: the placeholder it fills ({{name}}), its value, and where it comes from. */
export interface ReportFigure {
  section: ReportSection;
  name: string;
  value: string | number;
  source: string;
}

/** A table of the report ({{name}} alone in a paragraph): its title, source and number of rows. */
export interface ReportTableInfo {
  name: string;
  title: string;
  source: string;
  rows: number;
}

/** The template a report is filled from, and how its placeholders match the figures. */
export interface ReportTemplateInfo {
  /** 默认模板, or the file name of the clerk's template. */
  name: string;
  isDefault: boolean;
  placeholders: string[];
  /** Placeholders the report has no figure or table for: left in the document as typed. */
  unknown: string[];
}

export interface ReportQuery {
  year?: number;
  /** The clerk's template (.docx): a path on the back end's machine (under Electron), or an upload's. */
  template?: string;
}

export interface ReportRequest extends ReportQuery {
  /** Where to write; default: a download folder of the transport. */
  path?: string;
}

export interface ReportPreview {
  year: number;
  figures: ReportFigure[];
  tables: ReportTableInfo[];
  template: ReportTemplateInfo;
}

export interface ReportResult extends SavedFile {
  year: number;
  template: ReportTemplateInfo;
  /** Placeholders filled. */
  filled: number;
  /** What the template asks that could not be done (a block without its end …), in Chinese. */
  problems: string[];
}

/** Which households' forms to print: a village (optionally one 村民小组/片区 of it), one household, or some by id. */
export interface FormsRequest {
  /** Default: income. */
  kind?: FormKind;
  /** 行政村 by name. */
  village?: string;
  /** 村民小组 (片区) of the village, by name. */
  group?: string;
  /** One household, by 户编号. */
  household?: string;
  householdIds?: number[];
  /** Only households whose form was never printed or is stale (edited since it was printed). */
  onlyOutdated?: boolean;
  /** The clerk's template (.docx): a path on the back end's machine (under Electron), or an upload's. */
  template?: string;
  year?: number;
  /** Where to write; default: a download folder of the transport. */
  path?: string;
}

export interface FormsResult extends SavedFile {
  year: number;
  kind: FormKind;
  /** Households printed (each on pages of its own). */
  households: number;
  template: ReportTemplateInfo;
  /** Placeholders filled (over all households). */
  filled: number;
  problems: string[];
}

export interface FormsStatusQuery {
  villageId?: number;
  householdIds?: number[];
  year?: number;
}

/** One form of a household: its latest print, whether the household was edited since, whether it came back signed. */
export interface FormState {
  printedAt: string | null;
  /** Printed, then the household's data changed, and not yet back signed: the paper no longer says what the data say. */
  stale: boolean;
  /** Its record says 户主 and 信息采集员 signed (双签字). */
  signed: boolean;
  /** The household's income or visit record of the year, if it has one (what a returned form signs). */
  record: Row | null;
}

export interface HouseholdForms {
  householdId: number;
  hhNo: string | null;
  headName: string | null;
  groupId: number | null;
  income: FormState;
  visit: FormState;
}

export interface FormsStatus {
  year: number;
  households: HouseholdForms[];
}

export interface FormsReturnedRequest {
  householdIds: number[];
  kind: SingleFormKind;
  year?: number;
  /** When the signed paper came back (YYYY-MM-DD); default today. */
  date?: string;
}

export interface PublicityRequest {
  village?: string;
  year?: number;
  path?: string;
}

export interface PublicityResult extends SavedFile {
  year: number;
  households: number;
  people: number;
}

/** What a database holds, in one Chinese phrase; `when` writes the time of the last change. */
export function summaryText(s: DatabaseSummary, when: (iso: string | null) => string): string {
  return `${s.villages} 个行政村、${s.households} 户、${s.members} 名家庭成员（${s.changeSets} 次修改，最后修改于 ${when(s.lastChangeAt)}）`;
}

export type BackupReason = 'daily' | 'import' | 'manual' | 'restore';

/** A backup of the database, in the backups folder beside it. */
export interface BackupInfo {
  /** Its file name, which identifies it (never a path). */
  name: string;
  /** When it was made (ISO, UTC). */
  at: string;
  reason: BackupReason;
  /** 每日自动备份, 导入前自动备份, 手动备份, 恢复前的原数据. */
  reasonText: string;
  bytes: number;
}

/** What a database file holds, told before it replaces anything. */
export interface DatabaseSummary {
  schemaVersion: number;
  villages: number;
  households: number;
  members: number;
  changeSets: number;
  /** When it was last changed (the latest change set), or null. */
  lastChangeAt: string | null;
}

/** What every transport answers for a call (IPC, POST /api/<method>, POST /upload): the result, or the error. */
export type Envelope<T = unknown> = { result: T; error?: undefined } | { result?: undefined; error: ErrorPayload };

/** The kinds of file the app moves between the clerk's disk and the back end, with what dialogs and downloads say. */
export const fileKinds = {
  xlsx: { extension: '.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 工作簿' },
  docx: { extension: '.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档' },
  pdf: { extension: '.pdf', mimeType: 'application/pdf', label: 'PDF 文档' },
} as const satisfies Record<string, { extension: string; mimeType: string; label: string }>;

export type FileKind = keyof typeof fileKinds;

export const allFileKinds = Object.keys(fileKinds) as FileKind[];

/** The kind of a file by its name's extension (any case); null for any other file. */
export function fileKindOf(name: string): FileKind | null {
  const lower = name.toLowerCase();
  return allFileKinds.find((kind) => lower.endsWith(fileKinds[kind].extension)) ?? null;
}

/** The extensions as a clerk reads them: 「.xlsx、.docx 或 .pdf」. */
export function fileKindsText(kinds: readonly FileKind[] = allFileKinds): string {
  const extensions = kinds.map((kind) => fileKinds[kind].extension);
  return extensions.length > 1 ? `${extensions.slice(0, -1).join('、')} 或 ${extensions.at(-1)}` : (extensions[0] ?? '');
}

/**
 * Files across HTTP, beside the api (Electron passes paths instead). Paths are relative to the page.
 * - upload: POST <route> with the bytes as the body, `contentType`, and the file's name URI-encoded in `nameHeader`;
 *   the answer is an Envelope<SavedFile>: the private copy to give to importFile. Only the kinds of fileKinds.
 * - download: GET <route>/<URI-encoded name of a SavedFile the back end wrote>: the file as an attachment, with the
 *   MIME type of its kind; a name of another kind is refused.
 */
export const fileTransfer = {
  upload: { route: 'upload', method: 'POST', contentType: 'application/octet-stream', nameHeader: 'X-File-Name' },
  download: { route: 'download', method: 'GET' },
} as const;

export type UploadAnswer = Envelope<SavedFile>;

/** The headers of an upload of the file `name`. */
export function uploadHeaders(name: string): Record<string, string> {
  return { 'Content-Type': fileTransfer.upload.contentType, [fileTransfer.upload.nameHeader]: encodeURIComponent(name) };
}

/** The page-relative address a written file downloads from. */
export function downloadHref(name: string): string {
  return `${fileTransfer.download.route}/${encodeURIComponent(name)}`;
}

/** window.paicha under Electron (preload.ts): every api method, answering an Envelope. */
export type ApiBridge = Record<ApiMethod, (...args: unknown[]) => Promise<Envelope>>;

/** window.paichaDesktop under Electron (preload.ts, ipc.ts): the system's file dialogs. A browser uploads and downloads instead. */
export interface DesktopBridge {
  /** The open dialog offering these kinds (default: xlsx only); null when the clerk cancelled. */
  pickFile(kinds?: FileKind[]): Promise<SavedFile | null>;
  /** The save dialog, its filter following the default name's extension; null when the clerk cancelled. */
  pickSavePath(defaultName: string): Promise<string | null>;
  /** Opens a file the clerk saved through pickSavePath with the system's program for it (Word/WPS for .docx); false when it could not. */
  openFile(path: string): Promise<boolean>;
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
  'keyGroups',
  'listFeedback',
  'monitoringFile',
  'monitoringNumbers',
  'progress',
  'exportProgress',
  'incomeSheet',
  'importFile',
  'taskProgress',
  'exportGate',
  'exportLayout',
  'saveImportReport',
  'reportPreview',
  'writeReport',
  'writeReportTemplate',
  'writeForms',
  'writeFormsTemplate',
  'formsStatus',
  'markFormsReturned',
  'writePublicity',
  'backups',
  'backupNow',
  'backupContent',
  'restoreBackup',
] as const satisfies readonly ApiMethod[];

// A compile-time check that apiMethods lists every method of PaichaApi.
type Missing = Exclude<ApiMethod, (typeof apiMethods)[number]>;
const allMethodsListed: Missing extends never ? true : never = true;
void allMethodsListed;

/** The rules waiting for data, grouped by what they wait for: 帮扶措施（识别满 1 个月仍无帮扶措施、…）. */
export function waitingText(waiting: readonly WaitingRule[]): string {
  const byWhat = new Map<string, string[]>();
  for (const w of waiting) byWhat.set(w.what, [...(byWhat.get(w.what) ?? []), w.title]);
  return [...byWhat].map(([what, titles]) => `${what}（${titles.join('、')}）`).join('；');
}
