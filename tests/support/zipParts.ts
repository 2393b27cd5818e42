// Builds .xlsx files the importer must refuse: a tiny zip writer (stored and deflated entries, sizes and CRC-32 as
// given, so a test can also make the directory lie), a minimal workbook around a sheet's XML, huge parts made fast
// from one deflated chunk repeated, and damage done to a real export's compressed bytes.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { ZipFile } from '../../src/main/services/xlsx/zip';

export interface ZipPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** The bytes as they stand in the archive (compressed when deflated), in pieces that may repeat. */
  data: Buffer[];
  /** The uncompressed size and CRC-32 the directory records. */
  size: number;
  crc: number;
}

const bytesOf = (content: string | Buffer) => (typeof content === 'string' ? Buffer.from(content) : content);

export function stored(name: string, content: string | Buffer): ZipPart {
  const bytes = bytesOf(content);
  return { name, method: 0, data: [bytes], size: bytes.length, crc: crc32(bytes) };
}

export function deflated(name: string, content: string | Buffer): ZipPart {
  const bytes = bytesOf(content);
  return { name, method: 8, data: [deflateRawSync(bytes)], size: bytes.length, crc: crc32(bytes) };
}

/**
 * A deflated part of `head`, then `body` `times` over, then `tail`, without ever holding it whole: each piece is
 * compressed on its own and ends on a byte boundary (a sync flush), so the same compressed bytes can be written
 * again and again, and only the tail closes the stream.
 */
export function repeated(name: string, head: string, body: string, times: number, tail: string): ZipPart {
  const [h, b, t] = [head, body, tail].map((s) => Buffer.from(s)) as [Buffer, Buffer, Buffer];
  const piece = (bytes: Buffer) => deflateRawSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
  const compressedBody = piece(b);
  let crc = crc32(h);
  for (let i = 0; i < times; i++) crc = crc32(b, crc);
  crc = crc32(t, crc);
  return {
    name,
    method: 8,
    data: [piece(h), ...Array<Buffer>(times).fill(compressedBody), deflateRawSync(t)],
    size: h.length + b.length * times + t.length,
    crc,
  };
}

/** Writes a zip archive of the parts, in order, with its central directory. */
export function writeZip(path: string, parts: ZipPart[]): void {
  const fd = openSync(path, 'w');
  let offset = 0;
  const write = (bytes: Buffer) => {
    writeSync(fd, bytes);
    offset += bytes.length;
  };
  const directory: Buffer[] = [];
  try {
    for (const part of parts) {
      const name = Buffer.from(part.name);
      const compressedSize = part.data.reduce((sum, d) => sum + d.length, 0);
      const header = (signature: number, length: number, at: number) => {
        const b = Buffer.alloc(length);
        b.writeUInt32LE(signature, 0);
        b.writeUInt16LE(20, at);
        b.writeUInt16LE(0x0800, at + 2); // names in UTF-8
        b.writeUInt16LE(part.method, at + 4);
        b.writeUInt32LE(part.crc >>> 0, at + 10);
        b.writeUInt32LE(compressedSize, at + 14);
        b.writeUInt32LE(part.size, at + 18);
        b.writeUInt16LE(name.length, at + 22);
        return b;
      };
      const central = header(0x02014b50, 46, 6);
      central.writeUInt16LE(20, 4);
      central.writeUInt32LE(offset, 42);
      directory.push(central, name);
      write(header(0x04034b50, 30, 4));
      write(name);
      for (const d of part.data) write(d);
    }
    const start = offset;
    for (const d of directory) write(d);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(offset - start, 12);
    end.writeUInt32LE(start, 16);
    write(end);
  } finally {
    closeSync(fd);
  }
}

/** The parts a one-sheet workbook needs besides its sheet (and its shared strings, if any). */
export function workbookParts(sheetName = '名单'): ZipPart[] {
  return [
    deflated('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    deflated('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflated('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
  ];
}

export const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
export const SHEET_TAIL = '</sheetData></worksheet>';

/** An inline-string cell (no shared strings needed). */
export const textCell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** Where an entry's bytes stand in an archive: from `start`, `length` bytes as stored (compressed). */
export function entryData(path: string, name: string): { start: number; length: number } {
  const zip = ZipFile.open(path);
  const entry = zip.entries.get(name);
  if (!entry) throw new Error(`${name} is not in ${path}`);
  // The data follow the local header (30 bytes), the name and the local extra field.
  const fd = openSync(path, 'r');
  try {
    const local = Buffer.alloc(30);
    readSync(fd, local, 0, 30, entry.localHeaderOffset);
    return { start: entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28), length: entry.compressedSize };
  } finally {
    closeSync(fd);
  }
}

/** A copy of `bytes` with `count` bytes flipped (XOR 0x55) from `at`. */
export function flipped(bytes: Buffer, at: number, count: number): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = at; i < at + count; i++) copy[i]! ^= 0x55;
  return copy;
}
