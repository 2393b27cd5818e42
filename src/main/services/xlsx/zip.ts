// Reading entries of a .xlsx (a zip archive) as streams, without loading the file: the central directory is read
// from the end of the file, and each entry is inflated as it is read. Only what an .xlsx needs: stored and deflated
// entries, no zip64, no encryption (an encrypted .xlsx is not a zip at all; it is refused with its own message).
// Every entry read is checked as it streams, against what the central directory says of it: its CRC-32 and its
// uncompressed size. A damaged file therefore fails at the latest when the entry's last byte has been read (and a
// stream longer than announced as soon as it passes the announced size), never imports silently.
import { closeSync, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { PaichaError } from '../../../shared/errors';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  localHeaderOffset: number;
  flags: number;
}

/** The largest uncompressed entry read (a worksheet of Excel's 1,048,576 rows × 51 columns is about 1.4 GB). */
export const MAX_ENTRY_BYTES = 2 * 1024 ** 3;
/**
 * The largest compression ratio of an entry that unpacks to more than RATIO_FLOOR_BYTES. A real sheet compresses
 * about 7–12 times (also one of empty styled cells); a few megabytes that unpack to a gigabyte are a zip bomb,
 * refused before reading. Below the floor (a county's export of 320,000 rows has about 425 MB) the limits of the
 * reader bound the work, so a sheet of very repetitive rows is still read.
 */
export const MAX_COMPRESSION_RATIO = 100;
const RATIO_FLOOR_BYTES = 512 * 1024 ** 2;
/** The largest entry read whole as text (workbook.xml and its relationships: a few kilobytes). */
export const MAX_TEXT_BYTES = 16 * 1024 ** 2;

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const REEXPORT = '请重新从国家系统导出，或用 Excel/WPS 打开后另存一份再导入。';

/** 1.5 GB, 300 MB, 12 KB: a size in the words of the clerk. */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [[1024 ** 3, 'GB'], [1024 ** 2, 'MB'], [1024, 'KB']];
  for (const [unit, name] of units) if (bytes >= unit) return `${Number((bytes / unit).toFixed(1))} ${name}`;
  return `${bytes} 字节`;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** Opens a file for reading, or says plainly why not: it is missing, it is a folder, it may not be read. */
function openFile(path: string, displayName: string): number {
  const isFolder = () => {
    try {
      return statSync(path).isDirectory();
    } catch {
      return false;
    }
  };
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR' || isFolder()) throw new PaichaError('invalid', `「${displayName}」是一个文件夹，不是 .xlsx 文件。请选择文件夹里的 .xlsx 文件。`);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PaichaError('notFound', `找不到文件「${displayName}」：它不存在（可能已被移动、改名或删除）。`);
    throw new PaichaError('notFound', `找不到文件「${displayName}」，或没有权限读取它。`);
  }
  if (fstatSync(fd).isDirectory()) {
    closeSync(fd);
    throw new PaichaError('invalid', `「${displayName}」是一个文件夹，不是 .xlsx 文件。请选择文件夹里的 .xlsx 文件。`);
  }
  return fd;
}

/**
 * Passes an entry's uncompressed bytes through, computing their CRC-32 and counting them: more bytes than announced
 * fail at once, and at the end the count and the CRC must be the central directory's.
 */
class EntryCheck extends Transform {
  private crc = 0;
  private bytes = 0;

  constructor(
    private readonly entry: ZipEntry,
    private readonly fail: (what: string) => PaichaError,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.entry.size) return callback(this.fail(`比文件目录记载的 ${formatBytes(this.entry.size)} 更长`));
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const exactly = (n: number) => `${n.toLocaleString('en')} 字节`;
    if (this.bytes !== this.entry.size) return callback(this.fail(`只有 ${exactly(this.bytes)}，文件目录记载的是 ${exactly(this.entry.size)}`));
    if (this.crc !== this.entry.crc32) return callback(this.fail('校验不一致（CRC）'));
    callback();
  }
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
    const fd = openFile(path, displayName);
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
          crc32: directory.readUInt32LE(p + 16),
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

  /** The refusal of a part of the archive: which file, which part, what is wrong with it, what to do. */
  private damaged(name: string, what: string): PaichaError {
    return new PaichaError('invalid', `「${this.displayName}」已损坏：其中的 ${name} ${what}。${REEXPORT}`);
  }

  /** The uncompressed bytes of an entry, as a stream that fails when they are not what the archive says. */
  stream(name: string): Readable {
    const entry = this.entries.get(name);
    if (!entry) throw new PaichaError('invalid', `「${this.displayName}」缺少 ${name}，不是完整的 .xlsx 文件。`);
    if (entry.flags & 1) throw new PaichaError('invalid', `「${this.displayName}」已加密，无法导入。`);
    if (entry.method !== 0 && entry.method !== 8) throw new PaichaError('invalid', `「${this.displayName}」使用了不支持的压缩方式。`);
    if (entry.size > MAX_ENTRY_BYTES) {
      throw new PaichaError('invalid', `「${this.displayName}」中的 ${name} 解压后有 ${formatBytes(entry.size)}，超过了 ${formatBytes(MAX_ENTRY_BYTES)} 的上限，无法导入。请按村拆分后再导入。`);
    }
    if (entry.size > RATIO_FLOOR_BYTES && entry.size > entry.compressedSize * MAX_COMPRESSION_RATIO) {
      throw new PaichaError('invalid', `「${this.displayName}」中的 ${name} 压缩了 ${Math.round(entry.size / Math.max(1, entry.compressedSize))} 倍（${formatBytes(entry.compressedSize)} 解压后是 ${formatBytes(entry.size)}），超过了 ${MAX_COMPRESSION_RATIO} 倍的上限，不像是真实的表格。${REEXPORT}`);
    }
    const fd = openSync(this.path, 'r');
    let dataStart: number;
    try {
      const local = readAt(fd, entry.localHeaderOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw this.damaged(name, '找不到开头');
      dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    } finally {
      closeSync(fd);
    }
    const check = new EntryCheck(entry, (what) => this.damaged(name, what));
    // An empty range is no range for createReadStream.
    const raw = entry.compressedSize ? createReadStream(this.path, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: 1 << 20 }) : Readable.from([]);
    const source = entry.method === 0 ? raw : raw.pipe(createInflateRaw({ chunkSize: 1 << 20 }));
    const broken = (error: Error) => check.destroy(error instanceof PaichaError ? error : this.damaged(name, '无法解压（压缩数据有误）'));
    raw.on('error', broken);
    source.on('error', broken);
    // A reader that stops early (the header is found after a few rows) destroys the stream: close the file too.
    check.once('close', () => {
      raw.destroy();
      source.destroy();
    });
    return source.pipe(check);
  }

  /** A small entry as text (workbook.xml, rels). */
  async text(name: string): Promise<string> {
    const size = this.entries.get(name)?.size ?? 0;
    if (size > MAX_TEXT_BYTES) {
      throw new PaichaError('invalid', `「${this.displayName}」中的 ${name} 有 ${formatBytes(size)}，超过了 ${formatBytes(MAX_TEXT_BYTES)} 的上限，不像是正常的 .xlsx 文件。${REEXPORT}`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of this.stream(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}
