// The contract of src/shared/api.ts, implemented once over the store. Transports (ipc.ts, http.ts, cli.ts) only
// carry calls to it.
import { basename, join } from 'node:path';
import { apiMethods, type ApiMethod } from '../shared/api';
import type { AppInfo, CheckReport, CheckScope, ExportGate, ExportRequest, ExportResult, HouseholdRow, PaichaApi, RowQuery, Stats, TaskProgress } from '../shared/api';
import { exportGate, exportLayout, layoutOf } from './services/exporter';
import { REPORT_FILE_NAME, REPORT_TEMPLATE_FILE_NAME, reportPreview, writeReport, writeReportTemplate } from './services/report';
import type { ReportPreview, ReportQuery, ReportRequest, ReportResult } from '../shared/api';
import type { FormsResult, FormsStatus, PublicityResult } from '../shared/api';
import { FORMS_FILE_NAME, FORMS_TEMPLATE_FILE_NAME, formsReturnedSigned, formsStatus, PUBLICITY_FILE_NAME, writeForms, writeFormsTemplate, writePublicity } from './services/forms';
import type { ProgressReport } from '../shared/progress';
import type { KeyGroupsReport } from '../shared/screening';
import type { ImportOptions, ImportReport } from '../shared/imports';
import { importFile, ReportLines, writeImportReport, type ImportOutcome } from './services/import';
import { monitoringLineText, sizeRuleOf } from '../shared/profile';
import { backupBeforeImport, backupContent, backupDatabase, listBackups, restoreBackup } from './services/backup';
import { check, noteWritten } from './services/checks';
import { keyGroupReport } from '../shared/screening';
import { writeListFeedback } from './services/listFeedback';
import { monitoringFile } from './services/monitoring';
import { monitoringNumbers } from '../shared/monitoringFigures';
import { roundProgress, writeProgress } from './services/progress';
import { rowsOfVillage, rowsWithIds, withoutEmpty } from './services/villageRows';
import { withStepCell } from './services/stepCell';
import { placeOf, profileOf, workYear, workYearOf } from './services/profile';
import { PaichaError } from '../shared/errors';
import { householdFacts, householdFactsById, type MemberFacts } from '../shared/household';
import { incomeSheet } from '../shared/incomeSheet';
import { loadYear } from './services/loadYear';
import { isTableName } from '../shared/tables';
import { withCheckedArguments } from './apiArguments';
import { writeWhole } from './fileWrite';
import { appIdentity } from './identity';
import type { Store } from './store';
import type { Offload } from './tasks';

const MEMBER_FACT_COLUMNS = ['householdId', 'name', 'idNumber', 'relation', 'changeType'] as const;

export interface ApiOptions {
  /** Also told of every step of a long task (the CLI prints it). */
  onProgress?: (progress: TaskProgress) => void;
  /** Where exports go when no path is given (the HTTP transport serves them from there as downloads). */
  downloadDir?: string;
  /** Runs the long calls elsewhere (a worker thread, see tasks.ts), so the transport keeps answering. */
  offload?: Offload;
  /** Told of every row's line of each import (a task worker hands them to the thread that asked, for saveImportReport). */
  onImported?: (rowLines: ReportLines) => void;
}

/** The first `limit` of `list` (all of it without a limit; none for a limit below 1). */
const firstRows = <T>(list: T[], limit: number | null | undefined): T[] => (limit == null ? list : list.slice(0, Math.max(0, limit)));

/** The households a query asks for: by id or column values, the first by id (SQL's LIMIT: a county's first 200), or all. */
function householdsOf(store: Store, query: RowQuery | undefined) {
  if (query?.ids) return firstRows(rowsWithIds(store, 'households', query.ids, query.where), query.limit);
  return store.rows('households', query?.where, query?.limit);
}

export function createApi(store: Store, options: ApiOptions = {}): PaichaApi {
  let running: TaskProgress | null = null;
  let lastImport: ImportOutcome | null = null;
  /** Where a file goes: the path asked for, else a fresh name with its extension (.xlsx, .docx …) in the download folder. */
  const target = (path: string | undefined, base: string, extension: string) => {
    if (path) return path;
    if (!options.downloadDir) throw new PaichaError('invalid', '请指定文件的保存位置。');
    return join(options.downloadDir, `${base}-${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}${extension}`);
  };
  const progress = (step: TaskProgress) => {
    running = step;
    options.onProgress?.(step);
  };
  const report = (task: string) => (phase: string, fraction: number) => progress({ task, phase, fraction });
  const { offload } = options;
  /** Writes wait for a running import or restore: an undo slipped in would take back the clerk's last edit instead. */
  const idle = (what: string) => {
    if (running) throw new PaichaError('busy', `正在进行「${running.task}」，请等它完成后再${what}。`);
  };
  const api: PaichaApi = {
    async info(): Promise<AppInfo> {
      return {
        appName: appIdentity.productName,
        version: appIdentity.version,
        dbPath: store.path,
        schemaVersion: store.schemaVersion(),
        operator: store.operator(),
        warnings: store.warnings,
        history: store.history(),
      };
    },

    async stats(): Promise<Stats> {
      return {
        villages: store.count('villages'),
        groups: store.count('groups'),
        households: store.count('households'),
        members: store.count('members'),
        changeSets: store.count('change_sets'),
      };
    },

    async rows(table, query?: RowQuery) {
      if (!isTableName(table)) throw new PaichaError('invalid', '请求了不存在的表。');
      if (query?.ids && query.villageId === undefined) return withoutEmpty(firstRows(rowsWithIds(store, table, query.ids, query.where), query.limit));
      if (query?.villageId === undefined && !query?.ids) return withoutEmpty(store.rows(table, query?.where, query?.limit));
      const rows = query.villageId === undefined ? store.rows(table, query.where) : rowsOfVillage(store, table, query.villageId, query.where);
      return withoutEmpty(firstRows(query.ids ? rows.filter((r) => query.ids!.includes(r.id)) : rows, query.limit));
    },

    async households(query?: RowQuery): Promise<HouseholdRow[]> {
      // A few households (those a write touched, the first of a list), or a village's, are read with their own
      // members only, not the whole county's (a village of 500 households read every member of the county: 0.5 s
      // instead of 0.03 s).
      const households = householdsOf(store, query);
      const memberRows = (
        query?.ids || query?.where || query?.limit != null
          ? store.columnsIn('members', MEMBER_FACT_COLUMNS, 'householdId', households.map((h) => h.id))
          : store.columns('members', MEMBER_FACT_COLUMNS)
      ) as unknown as MemberFacts[];
      const facts = householdFactsById(memberRows, sizeRuleOf(profileOf(store, workYear(store))));
      const none = householdFacts([]);
      return withoutEmpty(households, (h) => facts.get(h.id) ?? none);
    },

    async apply(changes) {
      idle('修改');
      return noteWritten(store, store.apply(changes));
    },

    async undo() {
      idle('撤销');
      return withStepCell(store, noteWritten(store, store.undo()), 'undo');
    },

    async redo() {
      idle('重做');
      return withStepCell(store, noteWritten(store, store.redo()), 'redo');
    },

    async history(limit = 100) {
      const n = Number.isInteger(limit) && limit > 0 ? Math.min(limit, 10000) : 100;
      return store.journal(n);
    },

    async profile(year?: number) {
      const current = workYearOf(store);
      return { workYear: current.year, workYearSource: current.source, profile: profileOf(store, year ?? current.year), place: placeOf(store) };
    },

    async check(scope: CheckScope = {}): Promise<CheckReport> {
      const householdIds = Array.isArray(scope.householdIds) ? scope.householdIds.filter((id) => Number.isInteger(id)) : undefined;
      const villageId = Number.isInteger(scope.villageId) ? scope.villageId : undefined;
      // A re-check of some households after an edit is quick; a whole village or county goes to the worker.
      if (offload && !householdIds) return (await offload('check', [{ villageId, year: scope.year }], () => {})) as CheckReport;
      const { profile, findings, waiting } = check(store, { householdIds, villageId, year: scope.year });
      return { profile, monitoringLineText: monitoringLineText(profile), findings, waiting };
    },

    async incomeSheet(scope) {
      return incomeSheet(loadYear(store, { year: scope.year, villageId: scope.villageId, householdIds: scope.householdIds }));
    },

    async progress(query = {}) {
      // Every village's progress checks the whole county: in the worker, so the page keeps answering.
      if (offload && query.villageId === undefined) return (await offload('progress', [query], () => {})) as ProgressReport;
      return roundProgress(store, query);
    },

    async exportProgress({ path, ...query } = {}) {
      const file = target(path, '排查进度', '.xlsx');
      await writeWhole(file, (temporary) => writeProgress(store, temporary, query));
      return { path: file, name: basename(file) };
    },

    async keyGroups(query = {}) {
      if (offload && query.villageId === undefined) return (await offload('keyGroups', [query], () => {})) as KeyGroupsReport;
      return keyGroupReport(loadYear(store, { year: query.year, villageId: query.villageId }));
    },

    async monitoringFile(householdId) {
      return monitoringFile(store, householdId);
    },

    async monitoringNumbers(query = {}) {
      if (query.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(query.today)) throw new PaichaError('invalid', `日期「${query.today}」无效，应为 年-月-日，如 2023-11-20。`);
      return monitoringNumbers(loadYear(store, { year: query.year, villageId: query.villageId }), query.today ?? new Date().toISOString().slice(0, 10));
    },

    async listFeedback(request) {
      const name = basename(request.displayName ?? request.path).replace(/\.xlsx$/i, '');
      return writeListFeedback(store, request.path, target(request.out, `${name}-核实反馈`, '.xlsx'), request.displayName ?? request.path);
    },

    async importFile(importOptions: ImportOptions) {
      idle('导入');
      if (!importOptions || typeof importOptions.path !== 'string' || !importOptions.path) throw new PaichaError('invalid', '请选择要导入的文件。');
      // Busy from this moment, not from the worker's first word: an undo pressed meanwhile must not slip in.
      report('导入')('准备', 0);
      try {
        if (offload) {
          let rowLines: ReportLines | null = null;
          const imported = (await offload('importFile', [importOptions], progress, (packed) => (rowLines = ReportLines.unpack(packed)))) as ImportReport;
          lastImport = { ...imported, rowLines: rowLines ?? ReportLines.of(imported.lines) };
          return imported;
        }
        if (!importOptions.dryRun) {
          report('导入')('备份数据库', 0);
          await backupBeforeImport(store);
        }
        // Every row's line stays here for the saved report; the answer lists the rows not imported.
        const { rowLines, ...imported } = await importFile(store, importOptions, report('导入'));
        lastImport = { ...imported, rowLines };
        options.onImported?.(rowLines);
        return imported;
      } finally {
        running = null;
      }
    },

    async taskProgress() {
      return running;
    },

    async exportGate(request: ExportRequest) {
      if (offload) return (await offload('exportGate', [request], () => {})) as ExportGate;
      return exportGate(store, request);
    },

    async exportLayout(request: ExportRequest) {
      const layout = layoutOf(request);
      const placed = { ...request, path: target(request.path, layout.fileName, '.xlsx') };
      if (offload) return (await offload('exportLayout', [placed], () => {})) as ExportResult;
      return exportLayout(store, placed);
    },

    async backups() {
      return listBackups(store.path);
    },

    async backupNow() {
      idle('备份');
      return backupDatabase(store, 'manual');
    },

    async backupContent(name: string) {
      return { backup: backupContent(store.path, name), current: store.summary() };
    },

    async restoreBackup(name: string) {
      idle('恢复');
      report(RESTORING)('恢复', 0);
      try {
        return await restoreBackup(store, name);
      } finally {
        running = null;
      }
    },

    async saveImportReport(saveOptions = {}) {
      if (!lastImport) throw new PaichaError('notFound', '还没有导入或预览过文件。');
      const path = target(saveOptions.path, '导入报告', '.xlsx');
      const imported = lastImport;
      await writeWhole(path, (temporary) => writeImportReport(imported, temporary));
      return { path, name: basename(path) };
    },

    async reportPreview(query: ReportQuery = {}) {
      if (offload) return (await offload('reportPreview', [query], () => {})) as ReportPreview;
      return reportPreview(store, query);
    },

    async writeReport(request: ReportRequest = {}) {
      const placed = { ...request, path: target(request.path, REPORT_FILE_NAME, '.docx') };
      if (offload) return (await offload('writeReport', [placed], () => {})) as ReportResult;
      return writeReport(store, placed);
    },

    async writeReportTemplate(templateOptions = {}) {
      return writeReportTemplate(target(templateOptions.path, REPORT_TEMPLATE_FILE_NAME, '.docx'));
    },

    async writeForms(request) {
      const placed = { ...request, path: target(request.path, FORMS_FILE_NAME, '.docx') };
      idle('打印');
      // A village's forms take a while: the dialog shows how far they are (taskProgress).
      report('打印')('准备', 0);
      try {
        if (offload) return (await offload('writeForms', [placed], progress)) as FormsResult;
        return await writeForms(store, placed, report('打印'));
      } finally {
        running = null;
      }
    },

    async writeFormsTemplate(templateOptions = {}) {
      return writeFormsTemplate(templateOptions.kind, target(templateOptions.path, FORMS_TEMPLATE_FILE_NAME, '.docx'));
    },

    async formsStatus(query): Promise<FormsStatus> {
      return formsStatus(store, query);
    },

    async markFormsReturned(request) {
      idle('标记签字');
      return formsReturnedSigned(store, request);
    },

    async writePublicity(request = {}) {
      const placed = { ...request, path: target(request.path, PUBLICITY_FILE_NAME, '.docx') };
      if (offload) return (await offload('writePublicity', [placed], () => {})) as PublicityResult;
      return writePublicity(store, placed);
    },
  };
  return withCheckedArguments(whileRestoring(api, () => running?.task === RESTORING));
}

const RESTORING = '恢复备份';

/** While a restore replaces the file the connection is closed: every call but the progress waits its turn, told so. */
function whileRestoring(api: PaichaApi, restoring: () => boolean): PaichaApi {
  const guarded = { ...api };
  for (const method of apiMethods) {
    if (method === 'taskProgress' || method === 'restoreBackup') continue;
    const call = api[method] as (...args: unknown[]) => Promise<unknown>;
    (guarded as Record<ApiMethod, unknown>)[method] = async (...args: unknown[]) => {
      if (restoring()) throw new PaichaError('busy', '正在从备份恢复数据，请稍候再试。');
      return call(...args);
    };
  }
  return guarded;
}
