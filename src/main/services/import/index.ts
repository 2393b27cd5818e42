// Import of the national system's exports (person-level and household-level) and of this app's own record forms,
// in parts: header.ts finds the header row, the year and the column mapping; parse.ts reads the data rows; plan.ts
// merges them with what is on file into ONE change set (an import lands whole or not at all, and one undo takes it
// back); report.ts accounts for every row. national.ts and records.ts are the two strategies.
//
// An own form or a list is read first; then what is on file is loaded, the plan made and the change set applied in ONE
// write transaction, so that a second import of the same file started meanwhile waits and then finds this one's rows
// instead of adding the same records again. A national export (a county's: 320,000 rows) is read inside that
// transaction by a thread of its own that plans it a batch of households at a time while this one writes each batch
// (thread.ts) — all one change set.
import { basename } from 'node:path';
import type { Change } from '../../../shared/changes';
import type { ImportOptions } from '../../../shared/imports';
import type { Store } from '../../store';
import { Workbook } from '../xlsx/sheet';
import { listFormOf, readList } from './lists';
import { readNational } from './national';
import { PlannerThread, RowsOutOfOrder, type RowOrder } from './thread';
import { ownFormOf, readRecords } from './records';
import { assembleReport, type ImportOutcome } from './report';
import type { Progress } from './types';

export { writeImportReport, type ImportOutcome } from './report';
export { ReportLines, type PackedLines } from './reportLines';

export async function importFile(store: Store, options: ImportOptions, progress: Progress = () => {}): Promise<ImportOutcome> {
  try {
    return await importAs(store, options, progress, 'asListed');
  } catch (error) {
    // A national export that lists a household's rows apart: nothing of the first try was kept; read it sorted.
    if (!(error instanceof RowsOutOfOrder)) throw error;
    return importAs(store, options, progress, 'byHousehold');
  }
}

async function importAs(store: Store, options: ImportOptions, progress: Progress, order: RowOrder): Promise<ImportOutcome> {
  const file = options.displayName ?? options.path;
  progress('打开文件', 0);
  // The thread that would read a national export starts with the file: its opening of the file goes along with this
  // thread's look at the header. Other kinds of file end it unused.
  const thread = new PlannerThread({ dbPath: store.path, path: options.path, file });
  try {
    return await importWith(thread, store, options, progress, order);
  } finally {
    thread.close();
  }
}

async function importWith(thread: PlannerThread, store: Store, options: ImportOptions, progress: Progress, order: RowOrder): Promise<ImportOutcome> {
  const file = options.displayName ?? options.path;
  const workbook = await Workbook.open(options.path, file);
  const ownForm = await ownFormOf(workbook);
  // An outside list (疑似问题数据, a department's 预警) is told by its header, before a national export is looked for.
  const list = ownForm ? null : await listFormOf(workbook);
  const planner = ownForm
    ? await readRecords(workbook, ownForm, options)
    : list
      ? await readList(workbook, list, options)
      : await readNational(workbook, options, progress, order, thread);
  workbook.close();
  // Said before the transaction: a second import shows it while it waits for the first one to finish writing. A
  // national export's planner reads the file inside it, and says how far it is.
  progress('比对', planner.reportsProgress ? 0.02 : 0.72);
  const run = (): ImportOutcome => {
    const writer = options.dryRun ? null : store.changeSetWriter(`导入「${basename(file)}」`);
    let writing = false;
    const write = (changes: Change[]): Record<string, number> => {
      if (!writer || !changes.length) return {};
      if (!writing && !planner.reportsProgress) progress('写入数据库', 0.75);
      writing = true;
      return writer.apply(changes);
    };
    const { found, changes } = planner(store, write);
    write(changes);
    return assembleReport(found, writer?.finish() ?? null, !!options.dryRun);
  };
  const report = options.dryRun ? store.readTransaction(run) : store.writeTransaction(run);
  progress('完成', 1);
  return report;
}
