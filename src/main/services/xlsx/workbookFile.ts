// A streamed .xlsx written to a file whose errors are always heard. exceljs listens for the file's errors only once
// it finalises: an error before that (a full disk, a file-size limit) would be an unhandled 'error' event and end
// the process, so the file stream is ours and listened to from the start.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { setImmediate } from 'node:timers/promises';
import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded when first needed: it takes a fifth of a second, which every command and the app's start would pay.
 * Required (not imported) so that it loads as any other package, from the app's archive too.
 */
export function excelJs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}

/**
 * Lets what was written so far reach the file: `fill` calls it every few thousand rows. A county's rows added without
 * a pause were all held, compressed, until the end (a report of 320,000 rows took the process to 730 MB).
 */
export type Pace = () => Promise<void>;

/**
 * Fills a workbook written to `path` and commits it; rejects with the file's error (ENOSPC, EFBIG …) when writing
 * fails, leaving the file closed for the caller to remove (see fileWrite.ts writeWhole). Texts are written inline in
 * their cells: a table of shared strings would hold every distinct text (a county's names and ID numbers) to the end.
 */
export async function writeWorkbookFile<T>(path: string, fill: (workbook: ExcelJS.stream.xlsx.WorkbookWriter, pace: Pace) => Promise<T>): Promise<T> {
  const { stream } = excelJs();
  const file = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => file.on('error', reject));
  failed.catch(() => undefined);
  const pace: Pace = () => (file.writableNeedDrain ? once(file, 'drain').then(() => undefined) : setImmediate());
  try {
    const workbook = new stream.xlsx.WorkbookWriter({ stream: file, useSharedStrings: false });
    const result = await Promise.race([fill(workbook, pace), failed]);
    await Promise.race([workbook.commit(), failed]);
    return result;
  } finally {
    // Closed before the caller renames or removes it (Windows does neither to an open file).
    if (!file.closed) {
      const closed = once(file, 'close');
      file.destroy();
      await closed;
    }
  }
}
