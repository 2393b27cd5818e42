// What an import reports: the mapping it used, and what it did with every row. Shared by the CLI, the UI and the
// saved .xlsx report.

export type ImportLineStatus = '新增' | '更新' | '未变' | '跳过' | '拒绝';

export interface ImportLine {
  rowNo: number;
  status: ImportLineStatus;
  hhNo: string | null;
  name: string | null;
  idNumber: string | null;
  /** Why a row was skipped or refused, or what changed. */
  reason: string;
}

export interface ImportColumn {
  /** Column letter in the file, e.g. 'E'. */
  column: string;
  header: string;
  /** Where its values go, e.g. 家庭成员 › 姓名; null for a column the app does not know. */
  target: string | null;
}

export interface ImportReport {
  file: string;
  sheet: string;
  headerRow: number;
  /**
   * 'persons': one row per family member; 'households': one row per household (e.g. an income file); 'records': a
   * record table this app exported (重点人群汇总表, 问题台账, 入户责任分工表).
   */
  kind: 'persons' | 'households' | 'records';
  /** For 'records': which table, in Chinese. */
  table?: string;
  year: number;
  /** Where the year came from: --year, the title rows, the file name, or the work year. */
  yearSource: string;
  /**
   * The round (工作年度) the file's 入户调查 answers (三保障, 饮水 …) are filed under: the year the national system
   * exported it (an export of October 2023 answers for the 2023 round, while its income block is 2022's).
   */
  roundYear?: number;
  /** The day the national system wrote the file (its 导出时间), when its title rows say. */
  exportDate?: string | null;
  columns: ImportColumn[];
  unknownColumns: string[];
  /** Labels of required fields the file lacks (数据核查 will ask for them). */
  missingColumns: string[];
  counts: {
    rows: number;
    households: number;
    members: number;
    newHouseholds: number;
    updatedHouseholds: number;
    newMembers: number;
    updatedMembers: number;
    unchanged: number;
    skipped: number;
    refused: number;
    /** For 'records'. */
    newRecords?: number;
    updatedRecords?: number;
  };
  /**
   * The rows not imported (拒绝 and 跳过), in row order: the first 1,000 (counts.refused + counts.skipped says how many
   * there are). The saved import report (saveImportReport) lists every row, what happened to it and why.
   */
  lines: ImportLine[];
  /** Households whose rows disagree on a household field, with the values seen. */
  disagreements: { hhNo: string; field: string; values: string[] }[];
  /** What the file says and the app derives differently (家庭人口数, 户主, 人均纯收入). */
  verifications: { hhNo: string; what: string; file: string; app: string }[];
  /** Records on file that this export no longer lists: reported, never deleted. */
  absent: { hhNo: string; name: string | null; idNumber: string | null }[];
  /** The journal id of the import's change set (undo reverts the whole import); null for a preview. */
  changeSetId: number | null;
  dryRun: boolean;
}

export interface ImportOptions {
  /** A file path on the machine running the back end. */
  path: string;
  /** The name to show for the file (default its path). */
  displayName?: string;
  /** The income year of the file's income columns. */
  year?: number;
  /** Build the report without writing anything. */
  dryRun?: boolean;
}

/** What an import did, in one sentence (the CLI and the UI show the same). */
export function importSummary(report: ImportReport): string {
  const c = report.counts;
  if (report.kind === 'records') {
    return `「${report.table}」数据行 ${c.rows}：新增 ${c.newRecords ?? 0}，更新 ${c.updatedRecords ?? 0}，未变 ${c.unchanged}，拒绝 ${c.refused}。`;
  }
  return `数据行 ${c.rows}：户 ${c.households}（新增 ${c.newHouseholds}，更新 ${c.updatedHouseholds}），成员 ${c.members}（新增 ${c.newMembers}，更新 ${c.updatedMembers}），未变 ${c.unchanged}，跳过 ${c.skipped}，拒绝 ${c.refused}。`;
}

/** Which year the file's 入户调查 answers go under, in one sentence; null when it is the income year. */
export function roundSummary(report: ImportReport): string | null {
  if (report.roundYear === undefined || report.roundYear === report.year) return null;
  return `入户调查（两不愁三保障、饮水等）归入 ${report.roundYear} 年度${report.exportDate ? `（文件导出于 ${report.exportDate}）` : ''}，收入归入 ${report.year} 年度。`;
}
