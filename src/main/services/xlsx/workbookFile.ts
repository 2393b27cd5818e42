// A streamed .xlsx written to a file whose errors are always heard. exceljs listens for the file's errors only once
// it finalises: an error before that (a full disk, a file-size limit) would be an unhandled 'error' event and end
// the process, so the file stream is ours and listened to from the start.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type ExcelJS from 'exceljs';

/**
 * exceljs, loaded when first needed: it takes a fifth of a second, which every command and the app's start would pay.
 * Required (not imported) so that it loads as any other package, from the app's archive too.
 */
export function excelJs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}

/**
 * Fills a workbook written to `path` and commits it; rejects with the file's error (ENOSPC, EFBIG …) when writing
 * fails, leaving the file closed for the caller to remove (see fileWrite.ts writeWhole).
 */
export async function writeWorkbookFile<T>(path: string, fill: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => T): Promise<T> {
  const { stream } = excelJs();
  const file = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => file.on('error', reject));
  failed.catch(() => undefined);
  try {
    const workbook = new stream.xlsx.WorkbookWriter({ stream: file, useSharedStrings: true });
    const result = fill(workbook);
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
