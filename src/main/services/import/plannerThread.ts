// The planning thread of a national export's import (see thread.ts): opens the file at once, then, asked to plan,
// reads it and plans it against the database as it was when the import's write transaction began — its own
// connection holds that snapshot — posting each planned part to the importing thread, never more than AHEAD messages
// ahead of it.
import { workerData } from 'node:worker_threads';
import { asColumns } from '../../../shared/changes';
import { PaichaError, toErrorPayload } from '../../../shared/errors';
import { Store } from '../../store';
import { Workbook } from '../xlsx/sheet';
import { planNational } from './national';
import { ReportLines } from './reportLines';
import { AHEAD, CANCELLED, POSTED, RowsOutOfOrder, TAKEN, type PlanMessage, type PlannerData, type PlanRequest } from './thread';

const { file, counters: buffer, port } = workerData as PlannerData;
const counters = new Int32Array(buffer);
// Read while the importing thread looks at the header (a failure is told once the plan is asked for).
const opened = Workbook.open(file.path, file.file);
opened.catch(() => {});

const cancelled = () => Atomics.load(counters, CANCELLED) === 1;

function post(message: PlanMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  const posted = Atomics.add(counters, POSTED, 1) + 1;
  Atomics.notify(counters, POSTED);
  // Wait while the importing thread is behind (it writes what it takes); stop when it has given up.
  while (posted - Atomics.load(counters, TAKEN) > AHEAD) {
    if (cancelled()) throw new PaichaError('busy', '导入已中止。');
    Atomics.wait(counters, TAKEN, Atomics.load(counters, TAKEN), 500);
  }
}

/** Progress at most every half per cent: each message is one the importing thread takes. */
let reported = -1;
function progress(fraction: number): void {
  if (fraction - reported < 0.005 && fraction < 1) return;
  reported = fraction;
  post({ progress: fraction });
}

async function run(): Promise<void> {
  const request = await new Promise<PlanRequest>((resolve) => port.once('message', resolve));
  port.unref();
  const workbook = await opened;
  // The thread that started this one opened the database and checked it whole; it holds the write transaction now.
  const store = Store.open(file.dbPath, { alreadyChecked: true });
  const release = store.holdSnapshot();
  try {
    // New rows cross to the importing thread as columns: half the work of copying them, and bound as they come.
    // Each part's lines go packed: the importing thread keeps them for the saved report, outside its heap.
    const planned = await planNational(store, workbook, { ...file, ...request }, {
      part: (part) => {
        const { packed, transfer } = ReportLines.of(part.lines).pack();
        post({ part: { changes: part.changes.map(asColumns), lines: packed } }, transfer);
      },
      progress,
    });
    const { packed, transfer } = ReportLines.of(planned.found.lines).pack();
    post({ planned: { found: { ...planned.found, lines: packed }, changes: planned.changes.map(asColumns) } }, transfer);
  } finally {
    release();
    store.close();
  }
}

run().catch((error: unknown) => {
  if (cancelled()) return;
  port.postMessage(error instanceof RowsOutOfOrder ? { outOfOrder: true } : { error: toErrorPayload(error) });
  Atomics.add(counters, POSTED, 1);
  Atomics.notify(counters, POSTED);
});
