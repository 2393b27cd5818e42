// One import in a process of its own, measuring the memory it keeps alive: at each progress report (while reading,
// and every 2,000 households while writing) a full garbage collection, then the JS heap still in use. The county
// benchmark uses it too, for the time and the peak RSS of an import alone in its process.
//   node --expose-gc --import tsx tests/support/importMemory.ts FILE.xlsx DB.sqlite
// stdout gets {"seconds","peakLiveMb","peakRssMb","rows","changeSetId"}; without --expose-gc peakLiveMb is null.
import { importFile } from '../../src/main/services/import';
import { Store } from '../../src/main/store';

const [file, db] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;

async function run(): Promise<void> {
  const store = Store.open(db!);
  let peakLive = 0;
  const started = performance.now();
  try {
    const report = await importFile(store, { path: file!, year: 2023 }, () => {
      if (!gc) return;
      gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
    });
    const seconds = (performance.now() - started) / 1000;
    // maxRSS: the process's peak resident memory, in KiB.
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(JSON.stringify({ seconds, peakLiveMb: gc ? peakLive / 2 ** 20 : null, peakRssMb, rows: report.counts.rows, changeSetId: report.changeSetId }));
  } finally {
    store.close();
  }
}

void run();
