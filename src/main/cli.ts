// `paicha` command line: the same api as the UI, for scripts, CI and machines without a display.
// bin/paicha.js checks the Node version and calls main().
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PaichaError, toErrorPayload } from '../shared/errors';
import { severityText } from '../shared/rules/types';
import { columnSpec } from '../shared/tables';
import { createApi } from './api';
import { startHttpServer } from './http';
import { appIdentity, defaultDbPath } from './identity';
import { Store } from './store';

const DEFAULT_PORT = 3810;

const usage = `用法: paicha <命令> [选项]

命令:
  serve   [--db 文件] [--port 端口]   在浏览器中使用：启动本机服务 http://127.0.0.1:端口/（默认 ${DEFAULT_PORT}；0 为自动）
  stats   [--db 文件] [--json]        统计行政村、户和家庭成员数
  check   [--db 文件] [--year 年度] [--json]
                                     数据核查：列出疑似问题；仍有「错误」时退出状态为 1
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

async function serve(store: Store, port: number, io: Io): Promise<number> {
  const http = await startHttpServer(createApi(store), { port, staticDir: join(__dirname, '../renderer') });
  io.out(`排查台账已启动：${http.url}`);
  io.out(`数据库：${store.path}`);
  for (const warning of store.warnings) io.err(`注意：${warning}`);
  io.out('在浏览器中打开上面的地址；按 Ctrl+C 停止。');
  return new Promise<number>((resolve) => {
    const stop = () => {
      void http.close().then(() => {
        store.close();
        resolve(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
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

async function stats(store: Store, json: boolean, io: Io): Promise<number> {
  const s = await createApi(store).stats();
  if (json) io.out(JSON.stringify(s));
  else io.out(`行政村 ${s.villages} 个，村民小组 ${s.groups} 个，户 ${s.households} 户，家庭成员 ${s.members} 人`);
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
    if (!['serve', 'stats', 'check'].includes(command)) {
      io.err(`未知命令「${command}」。\n\n${usage}`);
      return 2;
    }
    const port = parsePort(values.port);
    const year = parseYear(values.year);
    store = Store.open(values.db ?? defaultDbPath());
    if (command === 'serve') return await serve(store, port, io);
    if (command === 'check') return await check(store, year, values.json, io);
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
