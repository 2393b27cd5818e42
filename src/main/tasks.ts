// Long work off the thread that answers: an import, a check or an export of a whole county runs in a worker thread
// with its own connection to the database (SQLite's WAL lets it write while the other connection reads), so `serve`
// and the desktop window keep answering — the progress of that very task included — and a stop does not wait for it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Envelope, TaskProgress } from '../shared/api';
import { fromErrorPayload, PaichaError } from '../shared/errors';
import type { PackedLines } from './services/import';

/** The api methods that may take long: they run in a worker when the transport offers one. */
export type OffloadedMethod = 'importFile' | 'check' | 'exportGate' | 'exportLayout' | 'reportPreview' | 'writeReport' | 'progress' | 'keyGroups' | 'writeForms' | 'writePublicity';

/** `onRowLines`: an import's lines of every row, sent packed before its answer (they stay with the thread that asked). */
export type Offload = (method: OffloadedMethod, args: unknown[], onProgress: (progress: TaskProgress) => void, onRowLines?: (lines: PackedLines) => void) => Promise<unknown>;

/** What a task worker is given. */
export interface TaskRequest {
  dbPath: string;
  downloadDir?: string;
  method: OffloadedMethod;
  args: unknown[];
}

/** What a task worker says: progress while it works (an import: its row lines), then its envelope. */
export type TaskMessage = { progress: TaskProgress } | { rowLines: PackedLines } | Envelope;

/**
 * A worker thread's script: the built entry `entry`.js beside the bundle (this code may sit in a chunk one folder
 * down), or the `source` file when run from source (tests, tsx).
 */
export function workerScript(entry: string, source: string): { file: string; execArgv: string[] } {
  const built = [join(__dirname, `${entry}.js`), join(__dirname, '..', `${entry}.js`)].find((file) => existsSync(file));
  return built ? { file: built, execArgv: [] } : { file: source, execArgv: ['--import', 'tsx'] };
}

/**
 * Runs long api calls in worker threads on the database at `dbPath`; `stop` ends any still running.
 * `resourceLimits`: a worker's heap (e.g. a young generation large enough that a check's short-lived rows die young
 * instead of being copied; an old generation bounded).
 */
export function workerTasks(dbPath: string, options: { downloadDir?: string; resourceLimits?: ResourceLimits } = {}): { offload: Offload; stop(): Promise<void> } {
  const running = new Set<Worker>();
  const offload: Offload = (method, args, onProgress, onRowLines) =>
    new Promise((resolve, reject) => {
      const { file, execArgv } = workerScript('taskWorker', join(__dirname, 'taskWorker.ts'));
      const request: TaskRequest = { dbPath, downloadDir: options.downloadDir, method, args };
      const worker = new Worker(file, { workerData: request, execArgv, resourceLimits: options.resourceLimits });
      running.add(worker);
      let settled = false;
      worker.on('message', (message: TaskMessage) => {
        if ('progress' in message) return onProgress(message.progress);
        if ('rowLines' in message) return onRowLines?.(message.rowLines);
        settled = true;
        if (message.error) reject(fromErrorPayload(message.error));
        else resolve(message.result);
      });
      worker.on('error', () => {
        settled = true;
        reject(new PaichaError('internal', '后台任务意外中止，操作未完成，数据未改动。请重试；如果反复出现，请联系技术支持。'));
      });
      worker.on('exit', () => {
        running.delete(worker);
        if (!settled) reject(new PaichaError('busy', '程序正在停止，后台任务已中止，数据未改动。'));
      });
    });
  return {
    offload,
    stop: async () => {
      await Promise.all([...running].map((w) => w.terminate()));
    },
  };
}
