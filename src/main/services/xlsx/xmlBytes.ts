// XML written straight into bytes, for a sheet of millions of cells: building each cell as a string and encoding the
// strings costs several times more (every piece is a string to allocate, join, flatten and collect). Markup is
// encoded once (`markup`) and copied; a text is copied byte by byte when it is plain ASCII (ID numbers, dates, phone
// numbers), taken from a cache when it repeats (村, 组, 是/否, 健康 …), else escaped and encoded.

/** Characters XML text may not hold as they are: markup, and control characters no XML may hold at all (dropped). */
const UNSAFE = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g');
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A text as XML character data: markup escaped, characters XML cannot hold left out. */
export const xmlText = (text: string): string => (UNSAFE.test(text) ? text.replace(UNSAFE_ALL, (ch) => entities[ch] ?? '') : text);

/** Markup, encoded once to be copied into every cell that uses it. */
export const markup = (xml: string): Uint8Array => Buffer.from(xml);

/** How many distinct non-ASCII texts are kept encoded: the repeating ones are met early, a county's names later. */
const CACHED_TEXTS = 20_000;

export class XmlBytes {
  private buffer: Buffer;
  private at = 0;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(private readonly size = 1 << 20) {
    this.buffer = Buffer.allocUnsafe(size);
  }

  get length(): number {
    return this.at;
  }

  /** What was written so far, handed over whole; writing goes on into a new buffer. */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.at);
    this.buffer = Buffer.allocUnsafe(this.size);
    this.at = 0;
    return written;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(larger, 0, 0, this.at);
    this.buffer = larger;
  }

  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buffer.set(bytes, this.at);
    this.at += bytes.length;
  }

  /** Markup known to be ASCII (a row number, a number's digits). */
  ascii(text: string): void {
    this.room(text.length);
    const buffer = this.buffer;
    let at = this.at;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.at = at;
  }

  /** A text as XML character data. */
  text(text: string): void {
    const start = this.at;
    this.room(text.length);
    const buffer = this.buffer;
    let at = start;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      // Printable ASCII but & < >: as it is. Anything else: the slower way below.
      if (code < 0x20 || code > 0x7e || code === 0x26 || code === 0x3c || code === 0x3e) return this.encoded(text, start);
      buffer[at++] = code;
    }
    this.at = at;
  }

  private encoded(text: string, start: number): void {
    this.at = start;
    let bytes = this.cache.get(text);
    if (!bytes) {
      bytes = Buffer.from(xmlText(text));
      if (this.cache.size < CACHED_TEXTS) this.cache.set(text, bytes);
    }
    this.bytes(bytes);
  }
}
