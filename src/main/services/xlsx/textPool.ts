// The texts of a sheet's cells decoded once each. A file written with inline strings (no shared-string table) repeats
// the same few thousand values — 是, 汉族, a village's name, an amount — across a county's 16 million cells; decoding
// each anew took a fifth of the time of reading such a file. Short texts are looked up by their bytes; the first
// distinct ones are kept (a column of ID numbers or names fills the pool with values seen once, and is then decoded
// as before).
import { unescapeXml } from './unescape';

/** Longer texts are decoded each time (a name or an address is rarely repeated). */
const MAX_BYTES = 48;
/** Distinct texts kept. */
const MAX_ENTRIES = 8192;

interface Entry {
  bytes: Buffer;
  text: string;
}

export class TextPool {
  private readonly entries = new Map<number, Entry[]>();
  private size = 0;

  /** The text of the XML-escaped UTF-8 bytes from `start` to `end`, unescaped. */
  text(buffer: Buffer, start: number, end: number): string {
    const length = end - start;
    if (length > MAX_BYTES) return unescapeXml(buffer.toString('utf8', start, end));
    // FNV-1a over the bytes, then a byte-for-byte comparison with the texts of the same hash.
    let hash = 0x811c9dc5 ^ length;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buffer[i]!, 0x01000193);
    const bucket = this.entries.get(hash);
    if (bucket) {
      for (const entry of bucket) if (sameBytes(entry.bytes, buffer, start, length)) return entry.text;
    }
    const text = unescapeXml(buffer.toString('utf8', start, end));
    if (this.size < MAX_ENTRIES) {
      const entry = { bytes: Buffer.from(buffer.subarray(start, end)), text };
      if (bucket) bucket.push(entry);
      else this.entries.set(hash, [entry]);
      this.size++;
    }
    return text;
  }
}

/** Whether `bytes` are the `length` bytes of `buffer` from `start` (a loop here: a native call costs more for so few). */
function sameBytes(bytes: Buffer, buffer: Buffer, start: number, length: number): boolean {
  if (bytes.length !== length) return false;
  for (let i = 0; i < length; i++) if (bytes[i] !== buffer[start + i]) return false;
  return true;
}
