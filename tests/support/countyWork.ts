// One piece of county-scale work in a process of its own, so that its time and peak memory are its own: the import
// test and `npm run bench` run it.
//   node [--expose-gc] --import tsx tests/support/countyWork.ts import FILE.xlsx DB.sqlite
//   node --expose-gc --import tsx tests/support/countyWork.ts plan FILE.xlsx DB.sqlite    (the planning thread's work, here)
//   node --import tsx tests/support/countyWork.ts export DB.sqlite OUT.xlsx      (the national list, --allow-errors)
//   node --import tsx tests/support/countyWork.ts undo DB.sqlite                  (then redo)
//   node --import tsx tests/support/countyWork.ts open DB.sqlite                  (open, check, read the register)
// stdout gets JSON: {"seconds","peakRssMb",…}. An import measures the memory it keeps alive, too (with --expose-gc):
// at each progress report while the rows are written (every half per cent of the file) a full garbage collection, then
// the importing thread's JS heap still in use and its buffers (peakLiveMb; null without --expose-gc). `plan` measures the
// same of the planning thread's work (reading the rows and planning them), run in this thread.
import { createApi } from '../../src/main/api';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import { nationalHeader, planNational } from '../../src/main/services/import/national';
import { Workbook } from '../../src/main/services/xlsx/sheet';
import { Store } from '../../src/main/store';
import { peakRssMb } from './peakRss.cjs';

const [mode, first, second] = process.argv.slice(2) as [string, string, string];
const gc = (globalThis as { gc?: () => void }).gc;

async function timed<T>(work: () => T | Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

async function run(): Promise<Record<string, unknown>> {
  if (mode === 'open') {
    const { seconds } = await timed(() => {
      const store = Store.open(first);
      void createApi(store).households();
      store.close();
    });
    return { seconds };
  }
  const store = Store.open(mode === 'import' || mode === 'plan' ? second : first);
  let peakLive = 0;
  const measureLive = () => {
    if (!gc) return;
    // Twice: the buffers of objects the first one collects are freed after it.
    gc();
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    peakLive = Math.max(peakLive, heapUsed + arrayBuffers);
  };
  try {
    if (mode === 'import') {
      // Measured while the rows are written: what the import holds, not the header's reading before.
      const { result, seconds } = await timed(() => importFile(store, { path: first, year: 2023 }, (phase) => phase === '写入数据库' && measureLive()));
      return { seconds, peakLiveMb: gc ? peakLive / 2 ** 20 : null, rows: result.counts.rows, changeSetId: result.changeSetId };
    }
    if (mode === 'plan') {
      const workbook = await Workbook.open(first, first);
      const header = await nationalHeader(workbook, first);
      const request = { dbPath: second, path: first, file: first, header, options: { path: first, year: 2023 }, order: 'asListed' as const };
      const { seconds } = await timed(() => planNational(store, workbook, request, { part: () => {}, progress: measureLive }));
      return { seconds, peakLiveMb: gc ? peakLive / 2 ** 20 : null };
    }
    if (mode === 'export') {
      const { result, seconds } = await timed(() => exportLayout(store, { layout: 'national', path: second, year: 2023, allowErrors: true }));
      return { seconds, rows: result.rows };
    }
    const undo = await timed(() => store.undo());
    const redo = await timed(() => store.redo());
    return { seconds: undo.seconds, redoSeconds: redo.seconds, label: undo.result.label };
  } finally {
    store.close();
  }
}

run().then((result) => {
  process.stdout.write(JSON.stringify({ ...result, peakRssMb: peakRssMb() }));
});
