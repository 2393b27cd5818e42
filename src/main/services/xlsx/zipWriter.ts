// Writing a zip archive (an .xlsx) to a file as it is produced: each entry is deflated while the next bytes are
// made — zlib deflates on its own thread, so a county's sheet costs the time of making its XML, not that plus its
// compression — and the sizes and CRC-32 follow each entry in a data descriptor, so nothing is held or sought back.
// Only what an .xlsx needs: deflated entries, no zip64 (an entry or archive over 4 GB is refused; a sheet of
// Excel's 1,048,576 rows × 51 columns is about 1.4 GB). The file's errors (a full disk, a file-size limit) are heard
// from the start and reject the write (see fileWrite.ts writeWhole for the clerk's message).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { PaichaError } from '../../../shared/errors';

const LIMIT = 0xffffffff;
/**
 * Bytes let wait in the deflater and in the file's queue before the maker waits for them: enough that the next piece
 * is made while the last is deflated and written (a stream's own 16 KB would make every piece wait for its
 * predecessor), few enough to stay bounded.
 */
const QUEUED = 8 << 20;

interface Written {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** MS-DOS time and date of now, as zip headers carry them. */
function dosTime(now = new Date()): { time: number; date: number } {
  return {
    time: (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1),
    date: ((now.getFullYear() - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate(),
  };
}

export class ZipWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly failed: Promise<never>;
  private readonly stamp = dosTime();

  private constructor(private readonly file: WriteStream) {
    this.failed = new Promise<never>((_, reject) => file.on('error', reject));
    this.failed.catch(() => undefined);
  }

  /**
   * Fills a new archive at `path` and finishes it; rejects with the file's error when writing fails, leaving the
   * file closed for the caller to remove (Windows neither renames nor removes an open file).
   */
  static async write<T>(path: string, fill: (zip: ZipWriter) => Promise<T>): Promise<T> {
    const zip = new ZipWriter(createWriteStream(path));
    try {
      const result = await fill(zip);
      await zip.finish();
      return result;
    } finally {
      if (!zip.file.closed) {
        const closed = once(zip.file, 'close');
        zip.file.destroy();
        await closed;
      }
    }
  }

  private async put(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    this.file.write(bytes);
    if (this.file.writableLength > QUEUED) await Promise.race([once(this.file, 'drain'), this.failed]);
  }

  /** One entry, deflated from its parts as they come (a text, or a generator of a sheet's XML). */
  async add(name: string, parts: string | Iterable<string | Buffer>): Promise<void> {
    const entry: Written = { name: Buffer.from(name), offset: this.offset, crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    this.describe(header, 4, entry);
    await this.put(Buffer.concat([header, entry.name]));

    // Level 1: level 6 makes a sheet a quarter smaller in three times the time, longer than making its XML takes.
    const deflate = createDeflateRaw({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 18 });
    const pumped = (async () => {
      for await (const out of deflate as AsyncIterable<Buffer>) {
        entry.compressed += out.length;
        await this.put(out);
      }
    })();
    pumped.catch(() => undefined);
    try {
      for (const part of typeof parts === 'string' ? [parts] : parts) {
        const bytes = typeof part === 'string' ? Buffer.from(part) : part;
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        if (entry.size > LIMIT) throw new PaichaError('invalid', `导出的 ${name} 超过 4 GB，无法写入 .xlsx。请按村分别导出。`);
        deflate.write(bytes);
        if (deflate.writableLength > QUEUED) await Promise.race([once(deflate, 'drain'), pumped, this.failed]);
      }
      deflate.end();
      await Promise.race([pumped, this.failed]);
    } catch (error) {
      deflate.destroy();
      throw error;
    }
    if (this.offset > LIMIT) throw new PaichaError('invalid', `导出的文件超过 4 GB，无法写入 .xlsx。请按村分别导出。`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(entry.compressed, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.put(descriptor);
    this.written.push(entry);
  }

  /**
   * What a local header (before the data; sizes and CRC still 0, they follow in the data descriptor) and the central
   * directory (after all data) both say of an entry, from `at` on: version 2.0, flags (bit 3: a data descriptor;
   * bit 11: a UTF-8 name), deflated, time, date, CRC-32, sizes, the name's length.
   */
  private describe(record: Buffer, at: number, entry: Written): void {
    record.writeUInt16LE(20, at);
    record.writeUInt16LE(0x0808, at + 2);
    record.writeUInt16LE(8, at + 4);
    record.writeUInt16LE(this.stamp.time, at + 6);
    record.writeUInt16LE(this.stamp.date, at + 8);
    record.writeUInt32LE(entry.crc, at + 10);
    record.writeUInt32LE(entry.compressed, at + 14);
    record.writeUInt32LE(entry.size, at + 18);
    record.writeUInt16LE(entry.name.length, at + 22);
  }

  /** The central directory and its end record; then the file is flushed and closed. */
  private async finish(): Promise<void> {
    const start = this.offset;
    for (const entry of this.written) {
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(20, 4);
      this.describe(record, 6, entry);
      record.writeUInt32LE(entry.offset, 42);
      await this.put(Buffer.concat([record, entry.name]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.put(end);
    this.file.end();
    await Promise.race([once(this.file, 'close'), this.failed]);
  }
}
