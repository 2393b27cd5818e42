// A Word document (.docx) is a zip archive of XML parts. A template is small (some kilobytes, a few megabytes with
// pictures), so it is read whole into memory and written whole: the central directory, stored and deflated entries,
// CRC-32 checked. What is not a .docx at all — an old .doc, an encrypted document, a damaged download, anything
// else renamed — is refused with a Chinese message that says what to do.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { PaichaError } from '../../../shared/errors';

/** The largest template read (Word documents with many pictures stay well below). */
export const MAX_DOCX_BYTES = 64 * 1024 ** 2;
/** The largest unpacked part: document.xml of a long report has a few megabytes. */
const MAX_PART_BYTES = 256 * 1024 ** 2;

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const SAVE_AS = '请在 Word/WPS 中打开它，另存为「Word 文档（*.docx）」后再选择。';

/** The parts of a .docx by name (word/document.xml …), in archive order. */
export type DocxParts = Map<string, Buffer>;

const broken = (name: string, what: string) => new PaichaError('invalid', `「${name}」${what}，不能用作模板。${SAVE_AS}`);

/** Reads every part of a .docx held in `bytes`; `name` is how the clerk knows the file. */
export function readDocxParts(bytes: Buffer, name: string): DocxParts {
  if (bytes.length === 0) throw new PaichaError('invalid', `「${name}」是空文件，不能用作模板。`);
  if (bytes.length > MAX_DOCX_BYTES) throw new PaichaError('invalid', `「${name}」超过 ${MAX_DOCX_BYTES / 1024 ** 2} MB，不像是报告模板。`);
  if (bytes.subarray(0, 8).equals(OLE_SIGNATURE)) {
    throw new PaichaError('invalid', `「${name}」是旧版 Word 文档（.doc）或设置了打开密码，不能用作模板。请在 Word/WPS 中去掉密码，另存为「Word 文档（*.docx）」后再选择。`);
  }
  if (bytes.readUInt32LE(0) !== 0x04034b50) throw broken(name, '不是 Word 文档（.docx）');
  // The end-of-central-directory record, within the last 64 KB (its comment is at most that long).
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken(name, '不完整或已损坏（文件末尾缺失，可能没有下载或复制完整）');
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const parts: DocxParts = new Map();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) throw broken(name, '的目录已损坏');
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const crc = bytes.readUInt32LE(at + 16);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const size = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const partName = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    if (partName.endsWith('/')) continue;
    if (flags & 1) throw broken(name, '已加密');
    if (size > MAX_PART_BYTES) throw broken(name, `中的 ${partName} 过大`);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) throw broken(name, '已损坏');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + compressedSize);
    let data: Buffer;
    try {
      if (method === 0) data = Buffer.from(raw);
      else if (method === 8) data = inflateRawSync(raw, { maxOutputLength: MAX_PART_BYTES });
      else throw broken(name, '使用了不支持的压缩方式');
    } catch (error) {
      if (error instanceof PaichaError) throw error;
      throw broken(name, '已损坏（无法解压）');
    }
    if (data.length !== size || crc32(data) !== crc) throw broken(name, `已损坏（${partName} 校验不符）`);
    parts.set(partName, data);
  }
  if (!parts.has('word/document.xml')) throw broken(name, '不是 Word 文档（.docx）（其中没有正文 word/document.xml）');
  return parts;
}

/** A zip archive of the parts, deflated ([Content_Types].xml first, as Word writes it). */
export function writeDocxParts(parts: DocxParts): Buffer {
  const names = [...parts.keys()].sort((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const partName of names) {
    const data = parts.get(partName)!;
    const nameBytes = Buffer.from(partName, 'utf8');
    const packed = deflateRawSync(data);
    const crc = crc32(data);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00, a fixed time: the same content gives the same bytes
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(0x00210000, 12);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    directory.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directoryBytes, end]);
}
