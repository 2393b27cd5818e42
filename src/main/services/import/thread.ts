// A national export is read and planned in a thread of its own while the importing thread writes (see national.ts):
// reading a county's file and writing its 620,000 records each take one core. The write is one synchronous
// transaction, so the importing thread takes the planned parts as they come, waiting for them in place
// (receiveMessageOnPort and Atomics.wait) instead of returning to its event loop. The planning thread runs ahead by
// at most a few parts, so neither thread holds more than a few batches of households.
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import type { Change } from '../../../shared/changes';
import { fromErrorPayload, PaichaError, type ErrorPayload } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/imports';
import { workerScript } from '../../tasks';
import type { Header } from './header';
import type { Findings } from './report';
import type { PackedLines } from './reportLines';

/** How the planning thread takes the file's rows: as they come (a national export lists a household's rows together), or sorted by household first. */
export type RowOrder = 'asListed' | 'byHousehold';

/** The file a planning thread opens as soon as it starts, and the database it plans against. */
export interface PlanFile {
  dbPath: string;
  path: string;
  /** The file's name as the clerk knows it (in messages). */
  file: string;
}

/** What the planning thread is asked, once the importing thread has read the header and holds the write transaction. */
export interface PlanRequest {
  header: Header;
  options: ImportOptions;
  order: RowOrder;
}

/**
 * What the plan found beyond the header read by the importing thread; its lines are those of the rows refused or
 * skipped while reading (each part brings the lines of its rows). Lines cross between the threads packed.
 */
export type PlannedFindings<Lines = PackedLines> = Omit<Findings, 'file' | 'header' | 'kind' | 'mapping' | 'missingColumns' | 'lines'> & { lines: Lines };

/** A part of the change set, and the lines of the rows it was planned from. */
export interface PlannedPart<Lines = PackedLines> {
  changes: Change[];
  lines: Lines;
}

/** What the planning thread says, in order: progress and parts, then the plan's end (its last changes) or why it stopped. */
export type PlanMessage =
  | { progress: number }
  | { part: PlannedPart }
  | { planned: { found: PlannedFindings; changes: Change[] } }
  | { outOfOrder: true }
  | { error: ErrorPayload };

/** A household's rows came apart in the file: planned as listed, it would be imported in pieces. Read it again sorted. */
export class RowsOutOfOrder extends Error {
  constructor() {
    super('rows of a household are not listed together');
  }
}

/** Slots of the shared counters: messages posted, messages taken, and whether the importing thread has given up. */
export const POSTED = 0;
export const TAKEN = 1;
export const CANCELLED = 2;
/** How many messages the planning thread may post before the importing thread has taken them. */
export const AHEAD = 16;
/** Silence after which the planning thread is taken for dead (it reports its progress many times a second). */
const SILENCE_MS = 120_000;

/**
 * The planning thread's young generation: room for the rows and cells of a few batches, so that they die young
 * instead of being copied to the old generation. Measured on a county's export (320,000 rows): the default 48 MB
 * spent a sixth of the thread's time collecting; 96 MB made the whole import 15 % faster and used less memory, more
 * gained little and cost memory.
 */
const PLANNER_HEAP: ResourceLimits = { maxYoungGenerationSizeMb: 96 };

export interface PlannerData {
  file: PlanFile;
  counters: SharedArrayBuffer;
  port: MessagePort;
}

/**
 * The importing thread's end of a planning thread. Started with the file, before its kind is known: the thread opens
 * it (a county's shared strings take a while) while this one reads its header; `plan` then sets it to work, and
 * `close` ends it, used or not.
 */
export class PlannerThread {
  private readonly counters = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
  private readonly port: MessagePort;
  private readonly worker: Worker;

  constructor(planFile: PlanFile) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const { file, execArgv } = workerScript('importPlanner', join(__dirname, 'plannerThread.ts'));
    const data: PlannerData = { file: planFile, counters: this.counters.buffer as SharedArrayBuffer, port: port2 };
    this.worker = new Worker(file, { workerData: data, transferList: [port2], execArgv, resourceLimits: PLANNER_HEAP });
    // The thread reports its errors as messages. One that dies without a word (out of memory) is told by its
    // silence: its 'error' event could only arrive once this thread returns to its event loop.
    this.worker.on('error', () => {});
  }

  /** Sets the thread to plan: from here on it reads the database, so only once this thread's transaction has begun. */
  plan(request: PlanRequest): void {
    this.port.postMessage(request);
  }

  /** The thread's next message, waited for here: this thread is inside the import's transaction and has nothing else to do. */
  next(): Exclude<PlanMessage, { outOfOrder: true } | { error: ErrorPayload }> {
    let waited = 0;
    for (;;) {
      const posted = Atomics.load(this.counters, POSTED);
      const received = receiveMessageOnPort(this.port);
      if (received) {
        Atomics.add(this.counters, TAKEN, 1);
        Atomics.notify(this.counters, TAKEN);
        const message = received.message as PlanMessage;
        if ('outOfOrder' in message) throw new RowsOutOfOrder();
        if ('error' in message) throw fromErrorPayload(message.error);
        return message;
      }
      if (waited >= SILENCE_MS) {
        throw new PaichaError('internal', '读取文件的后台线程意外中止，导入未完成，数据未改动。请重试；如果反复出现，请联系技术支持。');
      }
      const started = performance.now();
      Atomics.wait(this.counters, POSTED, posted, 500);
      waited += performance.now() - started;
    }
  }

  /** Ends the thread, finished or not (an import that failed here stops its reading). */
  close(): void {
    Atomics.store(this.counters, CANCELLED, 1);
    Atomics.notify(this.counters, TAKEN);
    this.port.close();
    void this.worker.terminate();
  }
}
