// `paicha` command line: the same api as the UI, for scripts, CI and machines without a display.
// bin/paicha.js checks the Node version and calls main().
import { constants } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PaichaError, toErrorPayload } from '../shared/errors';
import { severityText } from '../shared/rules/types';
import { columnSpec } from '../shared/tables';
import { gateText, summaryText, waitingText, type DatabaseSummary, type ReportResult, type TaskProgress } from '../shared/api';
import { importSummary, roundSummary } from '../shared/imports';
import { phaseText, progressLabels, type ProgressCounts } from '../shared/progress';
import { createApi } from './api';
import { layouts } from '../shared/layouts';
import { keyGroupMark, keyGroupNames } from '../shared/screening';
import { backupDir, dailyBackup } from './services/backup';
import { writeReportTemplate } from './services/report';
import { writeFormsTemplate } from './services/forms';
import { formKindLabels, type FormKind, type SingleFormKind } from '../shared/forms';
import { startHttpServer, type HttpServer } from './http';
import { appIdentity, defaultDbPath } from './identity';
import { Store } from './store';
import { workerTasks } from './tasks';
import { makeTempDir, removeAbandonedTempDirs, removeTempDirs } from './tempFiles';

const DEFAULT_PORT = 3810;

const usage = `用法: paicha <命令> [选项]

命令:
  serve   [--db 文件] [--port 端口]   在浏览器中使用：启动本机服务 http://127.0.0.1:端口/?token=访问令牌（默认 ${DEFAULT_PORT}；0 为自动）
  stats   [--db 文件] [--json]        统计行政村、户和家庭成员数
  check   [--db 文件] [--year 年度] [--json]
                                     数据核查：列出疑似问题；仍有「错误」时退出状态为 1
  keygroups [--db 文件] [--year 年度] [--json]
                                     附件3 重点人群：每户所属类别（①–⑦）及依据，按村、类别汇总户数和人数
  monitoring [--db 文件] [--year 年度] [--today 日期] [--json]
                                     防止返贫监测统计：新识别（按类别、风险）、风险消除（按方式）、回退、再标注、
                                     绿色通道，问题台账按类别和整改状态（--today 按指定日期判断逾期）
  feedback 名单.xlsx --out 文件.xlsx [--db 文件] [--json]
                                     把导入过的疑似问题数据或部门预警名单按原样式导出，填上问题台账中的核实结果
  import  文件.xlsx [--db 文件] [--year 年度] [--dry-run] [--report 报告.xlsx] [--json]
                                     导入国家系统导出的表格（按户编号、证件号码合并，整体导入或整体不导入）
  export  表 --out 文件.xlsx [--db 文件] [--village 村] [--year 年度] [--changed] [--allow-errors] [--json]
                                     按正式格式导出（仍有「错误」时会说明条数和所在村；国家系统名单有错误时
                                     不导出，除非加 --allow-errors；--changed 只导出上次导出国家系统名单后有变化的户）。表：
${layouts.map((l) => `                                       ${l.id.padEnd(12)}${l.label}`).join('\n')}
  progress [--db 文件] [--year 年度] [--today 日期] [--out 文件.xlsx] [--json]
                                     第二轮排查进度：各村、各片区的户数、已分工、已入户、已录入、已双签字、
                                     有错误和逾期未入户的户数，当前阶段和剩余天数（--today 按指定日期计算；
                                     --out 另存为正式格式的进度表）
  report  --out 报告.docx [--db 文件] [--year 年度] [--template 模板.docx] [--json]
                                     生成总结报告（Word，公文格式）：数字和表格由数据计算后填入模板（默认用内置模板）；
                                     模板中本程序不认识的占位符保持原样并列出
  template report --out 模板.docx   写出内置的总结报告模板，供在 Word/WPS 中修改后用 --template 使用
  forms   --village 村 [--group 村民小组] | --household 户编号 --out 文件.docx [--kind income|visit|both]
          [--template 模板.docx] [--year 年度] [--db 文件] [--json]
                                     打印入户签字表（双签字）：附件1 收入信息采集表（income，默认）、附件2 入户调查表
                                     （visit）或两表（both），按数据预先填好，每户另起一页，每页有户编号和二维码；
                                     记录打印时间（打印后修改过的户在「打印」对话框中显示为需重新打印）
  forms   --household 户编号 --returned --kind income|visit [--date 日期] [--year 年度] [--db 文件] [--json]
                                     记录该户的表已收回并双签字（户主、信息采集员已签字；入户调查表另记收回日期）
  template forms [--kind income|visit|both] --out 模板.docx
                                     写出内置的入户签字表模板，供在 Word/WPS 中修改后用 forms --template 使用
  publicity --out 公示.docx [--village 村] [--year 年度] [--db 文件] [--json]
                                     新识别监测户公示名单（Word；证件号码只显示前 6 位和后 4 位；Excel 版用 export publicity）
  backup  [--db 文件] [--list] [--json]
                                     立即备份数据库（备份在数据库文件旁的 backups 文件夹中）；--list 列出已有的备份
  restore 备份名 [--db 文件] [--yes] [--json]
                                     先显示备份中有什么、现在的数据有什么；加 --yes 才用备份替换现在的数据
                                     （现在的数据先另存为一份备份）
  help                               显示本说明

选项:
  --db 文件   使用指定的数据库文件（默认 ${defaultDbPath()}）
  --json      以 JSON 输出，便于脚本处理
  --version   显示版本`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      year: { type: 'string' },
      report: { type: 'string' },
      out: { type: 'string' },
      village: { type: 'string' },
      group: { type: 'string' },
      household: { type: 'string' },
      kind: { type: 'string' },
      returned: { type: 'boolean', default: false },
      date: { type: 'string' },
      template: { type: 'string' },
      today: { type: 'string' },
      changed: { type: 'boolean', default: false },
      'allow-errors': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new PaichaError('invalid', `端口「${text}」无效，应为 0–65535 的整数。`);
  return port;
}

/** The signals that stop `serve`: Ctrl+C, kill, a closed terminal, Ctrl+\ (Ctrl+Break on Windows). Each ends it the same orderly way. */
const stopSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGBREAK'];
/** After a stop signal, what still runs (an import reading its file) gets this long before the process exits. */
const STOP_GRACE_MS = 200;

async function serve(store: Store, port: number, io: Io): Promise<number> {
  let http: HttpServer | undefined;
  let tasks: ReturnType<typeof workerTasks> | undefined;
  const state = { stopping: false };
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  // A signal handler runs as soon as the work at hand yields: JavaScript is not interrupted, so a long synchronous
  // step (checking a whole county, one import's write transaction) finishes first. Then: no more requests, the
  // open ones cut off, the temporary folders removed, the database closed. An import still reading its file is
  // not waited for: it finds the database closed and writes nothing; the process ends STOP_GRACE_MS later at most.
  const stop = (signal: NodeJS.Signals) => {
    if (state.stopping) {
      // A second signal: no more waiting. The 'exit' handler of tempFiles removes the folders.
      store.close();
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
    state.stopping = true;
    setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
    void tasks?.stop();
    const closed = http?.close();
    removeTempDirs();
    store.close();
    void Promise.resolve(closed).then(stopped);
  };
  // Listened to before anything is made or printed: a signal at any moment of the start stops it in order too.
  for (const signal of stopSignals) process.on(signal, stop);
  try {
    // Folders of an earlier serve that could not remove them (killed, a power cut) go first: they hold personal data.
    removeAbandonedTempDirs();
    // Exports made in the browser are written here and downloaded from here; the folder goes when serve stops.
    const downloadDir = makeTempDir('download');
    tasks = workerTasks(store.path, { downloadDir });
    http = await startHttpServer(createApi(store, { downloadDir, offload: tasks.offload }), { port, staticDir: join(__dirname, '../renderer'), downloadDir });
    if (state.stopping) {
      // Stopped while it started.
      await http.close();
      return 0;
    }
    io.out(`排查台账已启动：${http.url}`);
    io.out(`数据库：${store.path}`);
    const daily = await dailyBackup(store).catch((error: Error) => {
      io.err(`注意：${error.message}`);
      return null;
    });
    if (daily) io.out(`今日首次启动，已自动备份：${daily.name}`);
    for (const warning of store.warnings) io.err(`注意：${warning}`);
    io.out('在浏览器中打开上面的地址（其中的 token 是本次运行的访问令牌，请勿告诉他人）；按 Ctrl+C 停止。');
    await done;
    return 0;
  } finally {
    for (const signal of stopSignals) process.off(signal, stop);
    removeTempDirs();
  }
}

function parseYear(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new PaichaError('invalid', `年度「${text}」无效，应为四位年份，如 2023。`);
  return year;
}

async function check(store: Store, year: number | undefined, json: boolean, io: Io): Promise<number> {
  const report = await createApi(store).check({ year });
  const open = report.findings.filter((f) => !f.confirmation);
  const errors = open.filter((f) => f.severity === 'error').length;
  const warnings = open.length - errors;
  const confirmed = report.findings.length - open.length;
  if (json) {
    io.out(
      JSON.stringify({
        year: report.profile.year,
        monitoringLine: report.profile.monitoringLine,
        waiting: report.waiting,
        errors,
        warnings,
        confirmed,
        findings: report.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          hhNo: f.hhNo,
          idNumber: f.idNumber,
          table: f.table,
          field: f.field,
          fieldLabel: f.field ? (columnSpec(f.table, f.field)?.label ?? f.field) : null,
          message: f.message,
          confirmed: f.confirmation ?? null,
        })),
      }),
    );
  } else {
    io.out(report.monitoringLineText);
    if (report.waiting.length) io.out(`尚无数据、暂不核查的规则（录入后自动启用）：${waitingText(report.waiting)}`);
    for (const f of report.findings) {
      const where = [f.hhNo ? `户编号 ${f.hhNo}` : null, f.idNumber ? `证件号码 ${f.idNumber}` : null].filter(Boolean).join('，');
      const field = f.field ? `「${columnSpec(f.table, f.field)?.label ?? f.field}」` : '';
      const confirmation = f.confirmation ? `（已确认：${f.confirmation.reason}）` : '';
      io.out(`[${severityText[f.severity]}] ${where}${where ? ' ' : ''}${field}${f.message}${confirmation}  〔${f.ruleId}〕`);
    }
    io.out(`共 ${errors} 条错误、${warnings} 条提醒${confirmed ? `，另有 ${confirmed} 条提醒已确认` : ''}。${errors ? '导出前须改正全部错误。' : ''}`);
  }
  return errors > 0 ? 1 : 0;
}

async function keyGroupsCommand(store: Store, year: number | undefined, json: boolean, io: Io): Promise<number> {
  const report = await createApi(store).keyGroups({ year });
  if (json) {
    io.out(
      JSON.stringify({
        year: report.year,
        households: report.households.map((h) => ({ hhNo: h.hhNo, village: h.village, groups: h.groups, reasons: h.reasons })),
        summary: report.summary,
      }),
    );
    return 0;
  }
  io.out(`${report.year}年度重点人群（收入类按 ${report.incomeYear} 年收入）：共 ${report.households.length} 户`);
  for (const h of report.households) io.out(`${h.hhNo ?? '（无户编号）'} ${h.village} ${h.groups.map(keyGroupMark).join('')}  ${h.reasons.join('；')}`);
  io.out('按村、类别汇总：');
  for (const r of report.summary) io.out(`  ${r.village} ${keyGroupMark(r.group)}${keyGroupNames[r.group - 1]}：${r.households} 户 ${r.people} 人`);
  return 0;
}

async function monitoringCommand(store: Store, year: number | undefined, today: string | undefined, json: boolean, io: Io): Promise<number> {
  const n = await createApi(store).monitoringNumbers({ year, today });
  if (json) {
    io.out(JSON.stringify(n));
    return 0;
  }
  const count = (c: { households: number; people: number }) => `${c.households} 户 ${c.people} 人`;
  const parts = <T extends { households: number; people: number }>(list: T[], name: (t: T) => string) => list.filter((t) => t.households).map((t) => `${name(t)} ${count(t)}`).join('，') || '无';
  io.out(`${n.year}年度防止返贫监测：`);
  io.out(`  新识别监测 ${count(n.newlyIdentified)}（${parts(n.newlyIdentified.byType, (t) => t.type)}；按风险：${parts(n.newlyIdentified.byRisk, (r) => r.risk)}）`);
  io.out(`  风险消除 ${count(n.eliminated)}（${parts(n.eliminated.byMethod, (m) => m.method)}）`);
  io.out(`  风险消除回退 ${count(n.reverted)}，风险再标注 ${count(n.relabelled)}，绿色通道 ${count(n.greenChannel)}（程序未补齐 ${count(n.greenChannel.open)}）`);
  io.out(`  问题台账 ${n.ledger.total} 条：已销号 ${n.ledger.closed}，整改中 ${n.ledger.open}，逾期 ${n.ledger.overdue}`);
  for (const c of n.ledger.byCategory) io.out(`    ${c.category}：${c.total} 条（已销号 ${c.closed}，整改中 ${c.open}，逾期 ${c.overdue}）`);
  return 0;
}

async function feedbackCommand(file: string | undefined, values: { db?: string; out?: string; json: boolean }, io: Io): Promise<number> {
  if (!file) throw new PaichaError('invalid', '请指定导入过的名单文件，例如：paicha feedback 疑似问题数据.xlsx --out 反馈.xlsx');
  if (!values.out) throw new PaichaError('invalid', '请用 --out 指定反馈文件名。');
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const result = await createApi(store).listFeedback({ path: resolve(file), displayName: file, out: resolve(values.out) });
    if (values.json) io.out(JSON.stringify(result));
    else {
      io.out(`已导出到 ${result.path}：名单 ${result.rows} 行，${result.filled} 行已填核实结果。`);
      if (result.missing.length) io.out(`问题台账中没有的行（未导入或已删除）：第 ${result.missing.join('、')} 行`);
    }
    return 0;
  } finally {
    store.close();
  }
}

/** Progress on stderr, at most one line per 10 % of each phase. */
function progressPrinter(io: Io) {
  let last = '';
  return (p: TaskProgress) => {
    const line = `${p.task}：${p.phase} ${Math.floor(p.fraction * 10) * 10}%`;
    if (line !== last) io.err((last = line));
  };
}

async function importCommand(file: string | undefined, values: { db?: string; year?: string; json: boolean; report?: string; 'dry-run': boolean }, io: Io): Promise<number> {
  if (!file) throw new PaichaError('invalid', '请指定要导入的 .xlsx 文件，例如：paicha import 全国系统导出.xlsx');
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const api = createApi(store, { onProgress: progressPrinter(io) });
    const report = await api.importFile({ path: resolve(file), displayName: file, year: parseYear(values.year), dryRun: values['dry-run'] });
    let reportError: string | null = null;
    if (values.report) {
      // The import is done whatever happens to its report: say so, rather than that nothing was written.
      await api.saveImportReport({ path: resolve(values.report) }).catch((error: unknown) => (reportError = toErrorPayload(error).message));
    }
    if (values.json) {
      io.out(JSON.stringify(report));
    } else {
      const c = report.counts;
      io.out(`${report.dryRun ? '预览（未写入）' : '已导入'}「${report.file}」工作表「${report.sheet}」，表头在第 ${report.headerRow} 行，收入年度 ${report.year}（取自${report.yearSource}）。`);
      const round = roundSummary(report);
      if (round) io.out(round);
      io.out(importSummary(report));
      for (const line of report.lines) io.out(`  第 ${line.rowNo} 行 ${line.status}：${line.reason}`);
      const unlisted = report.counts.refused + report.counts.skipped - report.lines.length;
      if (unlisted > 0) io.out(`  另有 ${unlisted} 行未导入，未在此列出${values.report ? '，见详细报告' : '（用 --report 文件.xlsx 保存详细报告，逐行列出）'}。`);
      if (report.unknownColumns.length) io.out(`未识别、未导入的列：${report.unknownColumns.join('，')}`);
      if (report.missingColumns.length) io.out(`文件中没有的必填项（数据核查会提示补录）：${report.missingColumns.join('、')}`);
      if (report.disagreements.length) io.out(`同一户各行不一致的户项目：${report.disagreements.length} 处`);
      if (report.verifications.length) io.out(`与本程序计算不一致（户主、家庭人口数、人均纯收入）：${report.verifications.length} 处`);
      if (report.absent.length) io.out(`库中有、本文件中没有的记录：${report.absent.length} 条（未删除）`);
      if (values.report && !reportError) io.out(`详细报告已保存到 ${values.report}`);
    }
    if (reportError) {
      io.err(`${report.dryRun ? '预览已完成（未写入）' : '导入已完成并已写入数据库'}，但详细报告未能保存：${reportError}`);
      return 1;
    }
    return 0;
  } finally {
    store.close();
  }
}

async function exportCommand(
  layout: string | undefined,
  values: { db?: string; year?: string; out?: string; village?: string; changed: boolean; 'allow-errors': boolean; json: boolean },
  io: Io,
): Promise<number> {
  if (!layout || !layouts.some((l) => l.id === layout)) {
    throw new PaichaError('invalid', `请指定要导出的表：${layouts.map((l) => `${l.id}（${l.label}）`).join('、')}。`);
  }
  if (!values.out) throw new PaichaError('invalid', '请用 --out 指定导出的 .xlsx 文件名。');
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const result = await createApi(store).exportLayout({
      layout,
      path: resolve(values.out),
      village: values.village,
      year: parseYear(values.year),
      changedOnly: values.changed,
      allowErrors: values['allow-errors'],
    });
    if (values.json) io.out(JSON.stringify(result));
    else {
      io.out(`已导出 ${result.rows} 行到 ${result.path}`);
      if (result.gate.errors) io.out(`注意：导出的数据中有 ${result.gate.errors} 条错误（${gateText(result.gate)}），请尽快在「数据核查」中改正。`);
    }
    return 0;
  } finally {
    store.close();
  }
}

const holds = (s: DatabaseSummary) => summaryText(s, (at) => at ?? '无');

async function backupCommand(store: Store, values: { list: boolean; json: boolean }, io: Io): Promise<number> {
  const api = createApi(store);
  if (values.list) {
    const list = await api.backups();
    if (values.json) io.out(JSON.stringify(list));
    else for (const b of list) io.out(`${b.name}  ${b.reasonText}  ${(b.bytes / 1e6).toFixed(1)} MB`);
    if (!values.json && !list.length) io.out('还没有备份。');
    return 0;
  }
  const made = await api.backupNow();
  if (values.json) io.out(JSON.stringify(made));
  else io.out(`已备份到 ${join(backupDir(store.path), made.name)}`);
  return 0;
}

async function restoreCommand(name: string | undefined, values: { db?: string; yes: boolean; json: boolean }, io: Io): Promise<number> {
  if (!name) throw new PaichaError('invalid', '请指定要恢复的备份名（paicha backup --list 列出已有的备份）。');
  if (/[\\/]/.test(name)) throw new PaichaError('invalid', `请给出备份名，不是文件路径：备份都在数据库文件旁的 backups 文件夹中（paicha backup --list 列出它们）。`);
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const api = createApi(store);
    const content = await api.backupContent(name);
    if (!values.yes) {
      io.out(`备份「${name}」中有：${holds(content.backup)}`);
      io.out(`现在的数据：${holds(content.current)}`);
      io.err('未恢复。确认用这份备份替换现在的数据，请加 --yes 再运行（现在的数据会先另存为一份备份）。');
      return 2;
    }
    const kept = await api.restoreBackup(name);
    if (values.json) io.out(JSON.stringify({ restored: name, kept, now: store.summary() }));
    else io.out(`已恢复备份「${name}」：${holds(store.summary())}。恢复前的数据已另存为备份「${kept.name}」。`);
    return 0;
  } finally {
    store.close();
  }
}

async function progressCommand(store: Store, values: { year?: string; today?: string; out?: string; json: boolean }, io: Io): Promise<number> {
  const api = createApi(store);
  const query = { year: parseYear(values.year), today: values.today };
  const report = await api.progress(query);
  if (values.out) {
    const saved = await api.exportProgress({ ...query, path: resolve(values.out) });
    if (!values.json) io.out(`进度表已导出到 ${saved.path}`);
  }
  if (values.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const line = (name: string, counts: ProgressCounts) => `${name}\t${progressLabels.map(([key]) => counts[key]).join('\t')}`;
  io.out(`${report.year}年度第二轮排查进度（${report.today}）：${phaseText(report)}`);
  io.out(`行政村/片区\t${progressLabels.map(([, label]) => label).join('\t')}`);
  for (const village of report.villages) {
    io.out(line(village.village, village));
    for (const group of village.groups) io.out(line(`  ${group.group}`, group));
  }
  io.out(line('合计', report.total));
  return 0;
}

async function stats(store: Store, json: boolean, io: Io): Promise<number> {
  const s = await createApi(store).stats();
  if (json) io.out(JSON.stringify(s));
  else io.out(`行政村 ${s.villages} 个，村民小组 ${s.groups} 个，户 ${s.households} 户，家庭成员 ${s.members} 人`);
  return 0;
}

/** What a report's template did not fill, on stderr: the clerk fixes the template or knows why a figure is missing. */
function templateWarnings(result: Pick<ReportResult, 'template' | 'problems'>, io: Io): void {
  if (result.template.unknown.length) io.err(`注意：模板「${result.template.name}」中有本程序不认识的占位符，已保持原样：${result.template.unknown.map((n) => `{{${n}}}`).join('、')}`);
  for (const problem of result.problems) io.err(`注意：${problem}`);
}

async function reportCommand(values: { db?: string; year?: string; out?: string; template?: string; json: boolean }, io: Io): Promise<number> {
  if (!values.out) throw new PaichaError('invalid', '请用 --out 指定报告的 .docx 文件名，例如：paicha report --out 总结报告.docx');
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const result = await createApi(store).writeReport({ path: resolve(values.out), year: parseYear(values.year), template: values.template ? resolve(values.template) : undefined });
    if (values.json) io.out(JSON.stringify(result));
    else io.out(`已生成${result.year}年度总结报告 ${result.path}（模板：${result.template.name}，填入 ${result.filled} 项）`);
    templateWarnings(result, io);
    return 0;
  } finally {
    store.close();
  }
}

/** `paicha forms --household 户编号 --returned --kind …`: the household's form came back signed. */
async function returnedCommand(values: { db?: string; year?: string; household?: string; kind?: string; date?: string; json: boolean }, io: Io): Promise<number> {
  if (!values.household) throw new PaichaError('invalid', '请用 --household 指定收回签字表的户编号。');
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const [household] = store.rows('households', { hhNo: values.household.trim() });
    if (!household) throw new PaichaError('notFound', `没有户编号为「${values.household}」的户。`);
    const status = await createApi(store).markFormsReturned({ householdIds: [household.id], kind: values.kind as SingleFormKind, year: parseYear(values.year), date: values.date });
    if (values.json) io.out(JSON.stringify(status));
    else io.out(`已记录：户编号 ${values.household} 的${formKindLabels[values.kind as SingleFormKind]}已收回，户主和信息采集员已签字。`);
    return 0;
  } finally {
    store.close();
  }
}

async function formsCommand(
  values: { db?: string; year?: string; out?: string; village?: string; group?: string; household?: string; kind?: string; template?: string; returned: boolean; date?: string; json: boolean },
  io: Io,
): Promise<number> {
  if (values.returned) return returnedCommand(values, io);
  if (!values.out) throw new PaichaError('invalid', '请用 --out 指定入户签字表的 .docx 文件名，例如：paicha forms --village 东塬村 --out 东塬村签字表.docx');
  if (values.group && !values.village) throw new PaichaError('invalid', '--group 须与 --village 一起使用：村民小组（片区）属于哪个行政村？');
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const result = await createApi(store, { onProgress: progressPrinter(io) }).writeForms({
      path: resolve(values.out),
      kind: values.kind as FormKind | undefined,
      village: values.village,
      group: values.group,
      household: values.household,
      year: parseYear(values.year),
      template: values.template ? resolve(values.template) : undefined,
    });
    if (values.json) io.out(JSON.stringify(result));
    else io.out(`已生成 ${result.households} 户的${formKindLabels[result.kind]}（${result.year}年度）${result.path}（模板：${result.template.name}）`);
    templateWarnings(result, io);
    return 0;
  } finally {
    store.close();
  }
}

async function publicityCommand(values: { db?: string; year?: string; out?: string; village?: string; json: boolean }, io: Io): Promise<number> {
  if (!values.out) throw new PaichaError('invalid', '请用 --out 指定公示名单的 .docx 文件名（Excel 版：paicha export publicity --out 文件.xlsx）。');
  const store = Store.open(values.db ?? defaultDbPath());
  try {
    const result = await createApi(store).writePublicity({ path: resolve(values.out), village: values.village, year: parseYear(values.year) });
    if (values.json) io.out(JSON.stringify(result));
    else io.out(`已生成${result.year}年新识别监测户公示名单 ${result.path}：${result.households} 户 ${result.people} 人`);
    return 0;
  } finally {
    store.close();
  }
}

async function templateCommand(kind: string | undefined, values: { out?: string; kind?: string; json: boolean }, io: Io): Promise<number> {
  if (kind !== 'report' && kind !== 'forms') throw new PaichaError('invalid', '请指定模板：paicha template report --out 模板.docx，或 paicha template forms --kind income|visit|both --out 模板.docx');
  if (!values.out) throw new PaichaError('invalid', '请用 --out 指定模板的 .docx 文件名。');
  if (kind === 'forms') {
    const saved = await writeFormsTemplate(values.kind, resolve(values.out));
    if (values.json) io.out(JSON.stringify(saved));
    else io.out(`已写出入户签字表模板 ${saved.path}：在 Word/WPS 中修改后，用 paicha forms --template ${saved.name} 打印。`);
    return 0;
  }
  const saved = await writeReportTemplate(resolve(values.out));
  if (values.json) io.out(JSON.stringify(saved));
  else io.out(`已写出总结报告模板 ${saved.path}：在 Word/WPS 中修改后，用 paicha report --template ${saved.name} 生成报告。`);
  return 0;
}

/** Runs one command; resolves to the process exit status. */
export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  let store: Store | undefined;
  try {
    const { values, positionals } = parse(argv);
    const [command] = positionals;
    if (values.version) {
      io.out(`${appIdentity.productName} ${appIdentity.version}`);
      return 0;
    }
    if (values.help || !command || command === 'help') {
      io.out(usage);
      return command && command !== 'help' ? 2 : 0;
    }
    if (!['serve', 'stats', 'check', 'progress', 'keygroups', 'monitoring', 'feedback', 'import', 'export', 'report', 'forms', 'publicity', 'template', 'backup', 'restore'].includes(command)) {
      io.err(`未知命令「${command}」。\n\n${usage}`);
      return 2;
    }
    if (command === 'import') return await importCommand(positionals[1], values, io);
    if (command === 'export') return await exportCommand(positionals[1], values, io);
    if (command === 'feedback') return await feedbackCommand(positionals[1], values, io);
    if (command === 'restore') return await restoreCommand(positionals[1], values, io);
    if (command === 'template') return await templateCommand(positionals[1], values, io);
    if (command === 'report') return await reportCommand(values, io);
    if (command === 'forms') return await formsCommand(values, io);
    if (command === 'publicity') return await publicityCommand(values, io);
    const port = parsePort(values.port);
    const year = parseYear(values.year);
    store = Store.open(values.db ?? defaultDbPath());
    if (command === 'serve') return await serve(store, port, io);
    if (command === 'check') return await check(store, year, values.json, io);
    if (command === 'keygroups') return await keyGroupsCommand(store, year, values.json, io);
    if (command === 'monitoring') return await monitoringCommand(store, year, values.today, values.json, io);
    if (command === 'progress') return await progressCommand(store, values, io);
    if (command === 'backup') return await backupCommand(store, values, io);
    return await stats(store, values.json, io);
  } catch (error) {
    const message =
      error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
        ? `参数有误：${error.message}\n\n${usage}`
        : toErrorPayload(error).message;
    io.err(`错误：${message}`);
    return error instanceof PaichaError && error.code === 'invalid' ? 2 : 1;
  } finally {
    store?.close();
  }
}
