// One piece of county-scale work in a process of its own, so that its time and peak memory are its own: the import
// test and `npm run bench` run it.
//   node [--expose-gc] --import tsx tests/support/countyWork.ts import FILE.xlsx DB.sqlite
//   node --import tsx tests/support/countyWork.ts export DB.sqlite OUT.xlsx      (the national list, --allow-errors)
//   node --import tsx tests/support/countyWork.ts undo DB.sqlite                  (then redo)
//   node --import tsx tests/support/countyWork.ts open DB.sqlite                  (open, check, read the register)
// stdout gets JSON: {"seconds","peakRssMb",…}. An import measures the memory it keeps alive, too (with --expose-gc):
// at each progress report (every half per cent of the file read and written) a full garbage collection, then the
// importing thread's JS heap still in use (peakLiveMb; null without --expose-gc).
import { createApi } from '../../src/main/api';
import { exportLayout } from '../../src/main/services/exporter';
import { importFile } from '../../src/main/services/import';
import { Store } from '../../src/main/store';

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
  const store = Store.open(mode === 'import' ? second : first);
  try {
    if (mode === 'import') {
      let peakLive = 0;
      const { result, seconds } = await timed(() =>
        importFile(store, { path: first, year: 2023 }, () => {
          if (!gc) return;
          gc();
          peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
        }),
      );
      return { seconds, peakLiveMb: gc ? peakLive / 2 ** 20 : null, rows: result.counts.rows, changeSetId: result.changeSetId };
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
  // maxRSS: the process's peak resident memory, in KiB.
  process.stdout.write(JSON.stringify({ ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
});
