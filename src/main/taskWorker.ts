// A worker thread running one long api call (see tasks.ts) on its own connection to the database, reporting its
// progress to the thread that started it.
import { parentPort, workerData } from 'node:worker_threads';
import type { PaichaApi } from '../shared/api';
import { toErrorPayload } from '../shared/errors';
import { createApi } from './api';
import { Store } from './store';
import type { TaskMessage, TaskRequest } from './tasks';

const post = (message: TaskMessage) => parentPort!.postMessage(message);

async function run({ dbPath, downloadDir, method, args }: TaskRequest): Promise<void> {
  // The thread that started this one opened the file and checked it whole.
  const store = Store.open(dbPath, { alreadyChecked: true });
  try {
    const api = createApi(store, {
      downloadDir,
      onProgress: (progress) => post({ progress }),
      onImported: (rowLines) => {
        const { packed, transfer } = rowLines.pack();
        parentPort!.postMessage({ rowLines: packed } satisfies TaskMessage, transfer);
      },
    });
    const call = api[method] as (...a: unknown[]) => ReturnType<PaichaApi[typeof method]>;
    post({ result: await call(...args) });
  } finally {
    store.close();
  }
}

run(workerData as TaskRequest).catch((error: unknown) => post({ error: toErrorPayload(error) }));
