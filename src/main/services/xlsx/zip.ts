// Reading entries of a .xlsx (a zip archive) as streams, without loading the file: the central directory is read
// from the end of the file, and each entry is inflated as it is read. Only what an .xlsx needs: stored and deflated
// entries, no zip64, no encryption (an encrypted .xlsx is not a zip at all; it is refused with its own message).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { PaichaError } from '../../../shared/errors';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  flags: number;
}

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

export class ZipFile {
  readonly entries = new Map<string, ZipEntry>();

  private constructor(
    readonly path: string,
    readonly displayName: string,
  ) {}

  /** Opens an archive; every way it can be unreadable gets a sentence naming the file. */
  static open(path: string, displayName = path): ZipFile {
    const zip = new ZipFile(path, displayName);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch {
      throw new PaichaError('notFound', `找不到文件「${displayName}」，或没有权限读取它。`);
    }
    try {
      const size = fstatSync(fd).size;
      if (size === 0) throw new PaichaError('invalid', `「${displayName}」是空文件。`);
      const head = readAt(fd, 0, 8);
      if (head.length < 4) throw new PaichaError('invalid', `「${displayName}」不是 .xlsx 文件（文件太短）。`);
      if (head.equals(OLE_SIGNATURE)) {
        throw new PaichaError('invalid', `「${displayName}」已加密（设置了打开密码），或是旧版 .xls 文件。请在 Excel/WPS 中去掉密码并另存为 .xlsx 后再导入。`);
      }
      if (head.readUInt32LE(0) !== 0x04034b50) {
        throw new PaichaError('invalid', `「${displayName}」不是 .xlsx 文件。请在 Excel/WPS 中另存为「Excel 工作簿（*.xlsx）」后再导入。`);
      }
      // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
      const tailLength = Math.min(size, 65_557);
      const tail = readAt(fd, size - tailLength, tailLength);
      let eocd = -1;
      for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === 0x06054b50) {
          eocd = i;
          break;
        }
      }
      if (eocd < 0) throw new PaichaError('invalid', `「${displayName}」不完整或已损坏（文件末尾缺失，可能没有下载或复制完整）。`);
      const count = tail.readUInt16LE(eocd + 10);
      const directorySize = tail.readUInt32LE(eocd + 12);
      const directoryOffset = tail.readUInt32LE(eocd + 16);
      if (directoryOffset === 0xffffffff || count === 0xffff) {
        throw new PaichaError('invalid', `「${displayName}」超过 4 GB（zip64），无法导入。请按村拆分后再导入。`);
      }
      if (directoryOffset + directorySize > size) throw new PaichaError('invalid', `「${displayName}」不完整或已损坏。`);
      const directory = readAt(fd, directoryOffset, directorySize);
      let p = 0;
      for (let i = 0; i < count; i++) {
        if (p + 46 > directory.length || directory.readUInt32LE(p) !== 0x02014b50) {
          throw new PaichaError('invalid', `「${displayName}」的目录已损坏。`);
        }
        const nameLength = directory.readUInt16LE(p + 28);
        const extraLength = directory.readUInt16LE(p + 30);
        const commentLength = directory.readUInt16LE(p + 32);
        const entry: ZipEntry = {
          flags: directory.readUInt16LE(p + 8),
          method: directory.readUInt16LE(p + 10),
          compressedSize: directory.readUInt32LE(p + 20),
          size: directory.readUInt32LE(p + 24),
          localHeaderOffset: directory.readUInt32LE(p + 42),
          name: directory.toString('utf8', p + 46, p + 46 + nameLength),
        };
        zip.entries.set(entry.name, entry);
        p += 46 + nameLength + extraLength + commentLength;
      }
      return zip;
    } finally {
      closeSync(fd);
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The uncompressed bytes of an entry, as a stream. */
  stream(name: string): Readable {
    const entry = this.entries.get(name);
    if (!entry) throw new PaichaError('invalid', `「${this.displayName}」缺少 ${name}，不是完整的 .xlsx 文件。`);
    if (entry.flags & 1) throw new PaichaError('invalid', `「${this.displayName}」已加密，无法导入。`);
    const fd = openSync(this.path, 'r');
    let dataStart: number;
    try {
      const local = readAt(fd, entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw new PaichaError('invalid', `「${this.displayName}」已损坏。`);
      dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      closeSync(fd);
    }
    const raw = createReadStream(this.path, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: 1 << 20 });
    if (entry.method === 0) return raw;
    if (entry.method !== 8) throw new PaichaError('invalid', `「${this.displayName}」使用了不支持的压缩方式。`);
    const inflate = createInflateRaw({ chunkSize: 1 << 20 });
    raw.on('error', (error) => inflate.destroy(error));
    // A reader that stops early (the header is found after a few rows) destroys the inflater: close the file too.
    inflate.once('close', () => raw.destroy());
    return raw.pipe(inflate);
  }

  /** A small entry as text (workbook.xml, rels). */
  async text(name: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
