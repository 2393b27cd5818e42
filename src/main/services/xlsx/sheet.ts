// A lean streaming reader of .xlsx sheets: shared strings, then the rows of one sheet, decoding only the cells of
// wanted columns. It keeps what a cell was (text or number) so the importer can tell an ID typed as text from one
// that Excel already turned into a number.
import { StringDecoder } from 'node:string_decoder';
import { PaichaError } from '../../../shared/errors';
import { TextPool } from './textPool';
import { unescapeXml } from './unescape';
import { formatBytes, ZipFile } from './zip';

export type CellRead = { kind: 'text'; text: string } | { kind: 'number'; value: number; text: string } | { kind: 'bool'; value: boolean; text: string } | { kind: 'error'; text: string };

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  rowNo: number;
  /** Cells by 0-based column index. */
  cells: Map<number, CellRead>;
}

export interface SheetInfo {
  name: string;
  path: string;
}

/** Characters a single cell may hold before the importer refuses it (a 1 MB cell is not a form field). */
export const MAX_CELL_CHARS = 10_000;

// What a sheet may hold before it is refused whole, each named in the refusal. Sizes of XML are counted in
// characters of the decoded text: markup is ASCII, a character a byte; a Chinese character (three bytes) counts once.
/** Excel's column limit (A … XFD). */
export const MAX_CELLS_PER_ROW = 16_384;
/** Excel's row limit. */
export const MAX_ROWS = 1_048_576;
/** The XML of one cell, markup included: far above what MAX_CELL_CHARS characters need, also escaped or in rich text. */
export const MAX_CELL_XML = 1024 ** 2;
/** The XML of one row (and of one shared string): 16,384 cells of 1 KB each. */
export const MAX_ROW_XML = 16 * 1024 ** 2;
/** Shared strings: a county's export (320,000 rows) has about 840,000; Excel's row limit would have about 2.7 million. */
export const MAX_SHARED_STRINGS = 4_000_000;
/** The uncompressed size of xl/sharedStrings.xml (a county's export has about 25 MB). */
export const MAX_SHARED_STRINGS_BYTES = 256 * 1024 ** 2;

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const CHECK_THE_FILE = '不像是正常的表格数据，无法导入。请检查该文件，或重新从国家系统导出。';
const count = (n: number) => n.toLocaleString('en');

export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Whether the character after a name ends it (`<t>`, `<t xml:space="preserve">`, `<t/>`, not `<tab…`). */
function endsName(xml: string, at: number): boolean {
  const c = xml.charCodeAt(at);
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The start tags `<name …>` in some XML, found with indexOf, in time linear in its length also when it is hostile
 * (a regular expression like /<name[^>]*>/g searches to the end again for every `<name` without its `>`).
 */
function* tags(xml: string, name: string): Generator<string> {
  const open = `<${name}`;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at + open.length)) {
    if (!endsName(xml, at + open.length)) continue;
    const gt = xml.indexOf('>', at);
    if (gt < 0) return;
    yield xml.slice(at, gt + 1);
    at = gt + 1 - open.length;
  }
}

/** The text runs of an <si> or <is>, leaving out phonetic runs (<rPh>); linear in its length, like tags(). */
function runsText(xml: string): string {
  let out = '';
  let phonetic = xml.indexOf('<rPh');
  let p = 0;
  for (;;) {
    const t = xml.indexOf('<t', p);
    if (t < 0) break;
    if (phonetic >= 0 && phonetic < t) {
      const closing = xml.indexOf('</rPh>', phonetic);
      if (closing < 0) break;
      p = closing + 6;
      phonetic = xml.indexOf('<rPh', p);
      continue;
    }
    if (!endsName(xml, t + 2)) {
      p = t + 2;
      continue;
    }
    const gt = xml.indexOf('>', t);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      p = gt + 1;
      continue;
    }
    const closing = xml.indexOf('</t>', gt);
    if (closing < 0) break;
    out += xml.slice(gt + 1, closing);
    p = closing + 4;
  }
  return unescapeXml(out);
}

interface ElementScan {
  open: string;
  close: string;
  /** What an element (and the text between elements) may have, in bytes of XML. */
  maxBytes: number;
  /** The refusal of an element longer than that (`startTag` is its start tag, or null for the text between). */
  tooLong(startTag: string | null): PaichaError;
  onProgress?(bytes: number): void;
}

/**
 * Complete elements found in a piece of XML: `buffer` holds them, `spans` gives each one's start, the end of its
 * start tag ('>') and its end, three numbers an element.
 */
interface Elements {
  buffer: Buffer;
  spans: number[];
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const EQUALS = 0x3d;

/** Whether the byte at `at` ends a name (`<t>`, `<t xml:space="preserve">`, `<t/>`, not `<tab…`). */
function endsNameAt(buffer: Buffer, at: number): boolean {
  const c = buffer[at];
  return c === 62 || c === 47 || c === 32 || c === 9 || c === 10 || c === 13;
}

const isSpace = (c: number | undefined) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Finds the complete elements in XML that arrives in pieces, keeping its position across them. It works on the
 * bytes: a county's sheet (425 MB) is never decoded whole into text, only the cells that are read.
 */
class ElementScanner {
  /** The element being read, or the bytes after the last one (after the rows come <mergeCells>). */
  buffer: Buffer = Buffer.alloc(0);
  /** The start of the element being read, or -1 between elements. */
  private start = -1;
  /** The end of its start tag ('>'), or -1 while that is still to come. */
  private tagEnd = -1;
  /** Where the search for what comes next (the element, its '>', its end) goes on. */
  private from = 0;
  private readonly open: Buffer;
  private readonly close: Buffer;

  constructor(private readonly spec: ElementScan) {
    this.open = Buffer.from(spec.open);
    this.close = Buffer.from(spec.close);
  }

  /**
   * Adds bytes; returns the elements they complete and, when one is longer than allowed, its start tag (null: too
   * much between elements).
   */
  push(chunk: Buffer): Elements & { overflow?: string | null } {
    const { open, close } = this;
    const { maxBytes } = this.spec;
    let { start, tagEnd, from } = this;
    const buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const spans: number[] = [];
    let kept = 0;
    let overflow: string | null | undefined;
    for (;;) {
      if (start < 0) {
        const at = buffer.indexOf(open, from);
        if (at < 0 || at + open.length >= buffer.length) {
          // Not here, or its name may go on in the next piece: look again from where it might start.
          from = at < 0 ? Math.max(from, buffer.length - open.length + 1) : at;
          break;
        }
        from = at + open.length;
        // '<row' must be the element itself, not <rowBreaks> or another name that starts the same.
        if (!endsNameAt(buffer, from)) continue;
        start = at;
      }
      if (tagEnd < 0) {
        const gt = buffer.indexOf(GT, from);
        if (gt < 0) {
          from = buffer.length;
          break;
        }
        tagEnd = gt;
        from = gt + 1;
      }
      // An element may be self-closing (<row r="5"/>) or have content up to its closing tag.
      let end = from;
      if (buffer[tagEnd - 1] !== SLASH) {
        const closeAt = buffer.indexOf(close, from);
        if (closeAt < 0) {
          from = Math.max(from, buffer.length - close.length + 1);
          break;
        }
        end = closeAt + close.length;
      }
      if (end - start > maxBytes) {
        overflow = buffer.toString('latin1', start, tagEnd + 1);
        break;
      }
      spans.push(start, tagEnd, end);
      kept = from = end;
      start = tagEnd = -1;
    }
    const keep = start >= 0 ? start : kept;
    this.buffer = buffer.subarray(keep);
    this.from = from - keep;
    this.start = start >= 0 ? start - keep : -1;
    this.tagEnd = tagEnd >= 0 ? tagEnd - keep : -1;
    if (overflow === undefined && this.buffer.length > maxBytes) {
      overflow = this.start >= 0 ? this.buffer.toString('latin1', 0, this.tagEnd >= 0 ? this.tagEnd + 1 : 1000) : null;
    }
    return { buffer, spans, overflow };
  }
}

/**
 * The complete elements `<open …>…close` of a streamed XML entry, a chunk's worth at a time (so reading waits for
 * the consumer). `rest.tail` receives the text after the last element (where <mergeCells> sit).
 *
 * The scan keeps its position across chunks: an element that spans many chunks is searched once, not again from
 * its start for every chunk (which made a 300 MB row take minutes), and it is refused once it passes `maxBytes`.
 * One chunk is read ahead of the elements given out: the archive checks an entry (its CRC-32 and size) when its last
 * chunk has been read, so a damaged entry that fits one chunk fails before any of its rows is used, and a larger
 * one before its last rows are.
 */
async function* elements(stream: AsyncIterable<Buffer>, scan: ElementScan, rest: { tail: string }): AsyncGenerator<Elements> {
  const scanner = new ElementScanner(scan);
  let bytes = 0;
  const chunks = stream[Symbol.asyncIterator]();
  try {
    for (let next = await chunks.next(); !next.done; ) {
      const chunk: Buffer = next.value;
      bytes += chunk.length;
      const { buffer, spans, overflow } = scanner.push(chunk);
      scan.onProgress?.(bytes);
      if (overflow === undefined) next = await chunks.next();
      if (spans.length) yield { buffer, spans };
      if (overflow !== undefined) throw scan.tooLong(overflow);
    }
  } finally {
    // A reader that stops early closes the entry's stream (and with it the file).
    await chunks.return?.();
  }
  rest.tail = scanner.buffer.toString('utf8');
}

/** The offset of the next '"' from `from`, or `end` when there is none before it. */
function closingQuote(buffer: Buffer, from: number, end: number): number {
  let q = from;
  while (q < end && buffer[q] !== QUOTE) q++;
  return q;
}

/** A non-negative integer written in ASCII digits between two offsets (a shared string's index), or -1. */
function digitsAt(buffer: Buffer, from: number, to: number): number {
  if (from >= to) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = buffer[i]!;
    if (c < 48 || c > 57) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

/** Whether the bytes at `at` are the ASCII text `ascii`. */
function bytesAre(buffer: Buffer, at: number, ascii: string): boolean {
  for (let i = 0; i < ascii.length; i++) if (buffer[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
}

/**
 * The text of rich text (a shared string's <si>, an inline string's <is>) from `from` to `to`: a plain `<t>…</t>`
 * decoded directly (most of them), anything else through runsText.
 */
function richText(buffer: Buffer, from: number, to: number, pool?: TextPool): string {
  const textEnd = plainTextEnd(buffer, from, to);
  if (textEnd >= 0) return pool ? pool.text(buffer, from + 3, textEnd) : unescapeXml(buffer.toString('utf8', from + 3, textEnd));
  return runsText(buffer.toString('utf8', from, to));
}

/** Where the text of a plain `<t>…</t>` from `from` to `to` ends (its `</t>`), or -1 for rich text. */
function plainTextEnd(buffer: Buffer, from: number, to: number): number {
  const textEnd = to - '</t>'.length;
  return textEnd >= from + 3 && bytesAre(buffer, from, '<t>') && bytesAre(buffer, textEnd, '</t>') && buffer.indexOf(LT, from + 3) === textEnd ? textEnd : -1;
}

/**
 * Reads of a shared string after which it is kept decoded: a value of many rows (是, 汉族, a village), not one of a
 * household's few (its 户编号 on each member's row: keeping those grew the heap with the file).
 */
const KEPT_AFTER_READS = 8;

/**
 * A workbook's shared strings, kept as their UTF-8 (outside the JS heap) and decoded when a cell asks. Most of a
 * county's 840,000 are read once (an ID number, a name, a phone number): decoded all at once they held 40–60 MB of
 * the heap of each thread that opened the file — the importing thread only reads the header — and V8 let the heap
 * grow twice as large around them. A text read many times is kept (KEPT_AFTER_READS).
 */
class SharedStrings {
  static readonly none = new SharedStrings(Buffer.alloc(0), new Uint32Array(1), new Int32Array(0), []);

  /**
   * `text` holds the XML-escaped UTF-8 of each plain string (a <t> without markup inside) one after another, the i-th
   * from `ends[i]` to `ends[i + 1]`. `state`, of each string: how many times it was read, negated (0, −1 …
   * −KEPT_AFTER_READS), or once kept in `kept`, its place there plus one — outside the heap, 4 bytes a string (an
   * array of them all took 8 bytes each of the heap). The few strings with markup (rich text, xml:space) are
   * decoded and kept at once.
   */
  private constructor(
    private readonly text: Buffer,
    private readonly ends: Uint32Array,
    private readonly state: Int32Array,
    private readonly kept: string[],
  ) {}

  /** Reads the table within its limits: how many strings, how large in all, how large each. */
  static async read(zip: ZipFile): Promise<SharedStrings> {
    const entry = zip.entries.get(SHARED_STRINGS);
    if (!entry) return SharedStrings.none;
    const refuse = (what: string) => new PaichaError('invalid', `「${zip.displayName}」的共享字符串表（${SHARED_STRINGS}）${what}，${CHECK_THE_FILE}`);
    // The archive's check stops a stream longer than its entry says: the size said is the size read, and the texts
    // of the <si> elements fit in it.
    if (entry.size > MAX_SHARED_STRINGS_BYTES) throw refuse(`有 ${formatBytes(entry.size)}，超过了 ${formatBytes(MAX_SHARED_STRINGS_BYTES)} 的上限`);
    const text = Buffer.allocUnsafe(entry.size);
    let ends = new Uint32Array(1024);
    const marked: [number, string][] = [];
    let n = 0;
    let length = 0;
    const scan: ElementScan = {
      open: '<si',
      close: '</si>',
      maxBytes: MAX_ROW_XML,
      tooLong: () => refuse(`第 ${count(n + 1)} 项超过了 ${formatBytes(MAX_ROW_XML)} 的上限`),
    };
    for await (const { buffer, spans } of elements(zip.stream(SHARED_STRINGS), scan, { tail: '' })) {
      if (n + spans.length / 3 > MAX_SHARED_STRINGS) throw refuse(`超过了 ${count(MAX_SHARED_STRINGS)} 项的上限`);
      if (n + spans.length / 3 + 1 > ends.length) {
        const grown = new Uint32Array(Math.max(ends.length * 2, n + spans.length / 3 + 1));
        grown.set(ends);
        ends = grown;
      }
      for (let i = 0; i < spans.length; i += 3) {
        const [start, tagEnd, end] = [spans[i]!, spans[i + 1]!, spans[i + 2]!];
        const closed = bytesAre(buffer, end - '</si>'.length, '</si>');
        const textEnd = closed ? plainTextEnd(buffer, tagEnd + 1, end - '</si>'.length) : -1;
        if (textEnd >= 0) length += buffer.copy(text, length, tagEnd + 1 + '<t>'.length, textEnd);
        else marked.push([n, closed ? richText(buffer, tagEnd + 1, end - '</si>'.length) : runsText(buffer.toString('utf8', start, end))]);
        ends[++n] = length;
      }
    }
    const state = new Int32Array(n);
    const kept = marked.map(([i, string], k) => ((state[i] = k + 1), string));
    // Only the texts are kept, without the markup the buffer had room for.
    return new SharedStrings(Buffer.from(text.subarray(0, length)), ends.slice(0, n + 1), state, kept);
  }

  /** The i-th string ('' for an index past the table's end). */
  get(i: number): string {
    if (!Number.isInteger(i) || i < 0 || i >= this.state.length) return '';
    const state = this.state[i]!;
    if (state > 0) return this.kept[state - 1]!;
    const string = unescapeXml(this.text.toString('utf8', this.ends[i], this.ends[i + 1]));
    this.state[i] = state - 1 <= -KEPT_AFTER_READS ? this.kept.push(string) : state - 1;
    return string;
  }
}

/** A cell's type (its t="…", 'n' without one), read from the bytes: the usual ones without making a string each cell. */
function cellType(buffer: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length === 1) return String.fromCharCode(buffer[start]!);
  if (length === 3 && bytesAre(buffer, start, 'str')) return 'str';
  if (length === 9 && bytesAre(buffer, start, 'inlineStr')) return 'inlineStr';
  return buffer.toString('latin1', start, end);
}

/** Where in a sheet a refusal is: file, sheet and, when known, row. */
interface SheetPlace {
  file: string;
  sheet: string;
}

const inSheet = (place: SheetPlace) => `「${place.file}」工作表「${place.sheet}」`;

export class Workbook {
  private constructor(
    readonly zip: ZipFile,
    readonly sheets: SheetInfo[],
    private sharedStrings: SharedStrings,
  ) {}

  /** Lets go of the shared strings (a county's export has 840,000) once the rows that need them have been read. */
  close(): void {
    this.sharedStrings = SharedStrings.none;
  }

  static async open(path: string, displayName: string): Promise<Workbook> {
    try {
      return await Workbook.read(path, displayName);
    } catch (error) {
      throw damaged(error, displayName);
    }
  }

  private static async read(path: string, displayName: string): Promise<Workbook> {
    const zip = ZipFile.open(path, displayName);
    if (!zip.has('xl/workbook.xml')) {
      throw new PaichaError('invalid', `「${displayName}」不是 Excel 工作簿（缺少工作表）。请另存为 .xlsx 后再导入。`);
    }
    const workbook = await zip.text('xl/workbook.xml');
    const rels = zip.has('xl/_rels/workbook.xml.rels') ? await zip.text('xl/_rels/workbook.xml.rels') : '';
    const targets = new Map<string, string>();
    for (const tag of tags(rels, 'Relationship')) {
      const id = /\bId="([^"]+)"/.exec(tag)?.[1];
      const target = /\bTarget="([^"]+)"/.exec(tag)?.[1];
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const sheets: SheetInfo[] = [];
    for (const tag of tags(workbook, 'sheet')) {
      const name = unescapeXml(/\bname="([^"]*)"/.exec(tag)?.[1] ?? '');
      const id = /\br:id="([^"]+)"/.exec(tag)?.[1] ?? /\b\w+:id="([^"]+)"/.exec(tag)?.[1];
      const path = id ? targets.get(id) : undefined;
      if (path && zip.has(path)) sheets.push({ name, path });
    }
    if (!sheets.length) throw new PaichaError('invalid', `「${displayName}」里没有工作表。`);
    return new Workbook(zip, sheets, await SharedStrings.read(zip));
  }

  /**
   * Streams the rows of a sheet. `wanted(col)` says which columns to decode (all when absent); `onProgress` gets the
   * fraction of the sheet read. After the last row, `merges` holds the merged ranges of the sheet.
   */
  async *rows(sheet: SheetInfo, options: { wanted?: (col: number) => boolean; onProgress?: (fraction: number) => void; merges?: string[] } = {}): AsyncGenerator<SheetRow> {
    const entry = this.zip.entries.get(sheet.path)!;
    const size = entry.size || 1;
    const place: SheetPlace = { file: this.zip.displayName, sheet: sheet.name };
    const rest = { tail: '' };
    const pool = new TextPool();
    let nextRowNo = 1;
    let rowCount = 0;
    const scan: ElementScan = {
      open: '<row',
      close: '</row>',
      maxBytes: MAX_ROW_XML,
      tooLong: (startTag) => {
        const limit = `超过了 ${formatBytes(MAX_ROW_XML)} 的上限`;
        if (startTag === null) return new PaichaError('invalid', `${inSheet(place)}${rowCount ? `第 ${nextRowNo - 1} 行之后` : '的第一行之前'}有大段不是表格行的内容，${limit}，${CHECK_THE_FILE}`);
        return new PaichaError('invalid', `${inSheet(place)}第 ${rowNumber(startTag, nextRowNo)} 行的内容${limit}（每行的上限），${CHECK_THE_FILE}`);
      },
      onProgress: (bytes) => options.onProgress?.(Math.min(1, bytes / size)),
    };
    try {
      for await (const { buffer, spans } of elements(this.zip.stream(sheet.path), scan, rest)) {
        for (let i = 0; i < spans.length; i += 3) {
          const tagEnd = spans[i + 1]!;
          const rowNo = rowNumberAt(buffer, spans[i]!, tagEnd, nextRowNo);
          if (++rowCount > MAX_ROWS || rowNo > MAX_ROWS) {
            throw new PaichaError('invalid', `${inSheet(place)}超过了 ${count(MAX_ROWS)} 行（Excel 的行数上限），${CHECK_THE_FILE}`);
          }
          nextRowNo = rowNo + 1;
          yield { rowNo, cells: this.cells(buffer, tagEnd + 1, spans[i + 2]!, rowNo, place, pool, options.wanted) };
        }
      }
    } catch (error) {
      throw damaged(error, this.zip.displayName, sheet.name);
    }
    if (options.merges) {
      for (const tag of tags(rest.tail, 'mergeCell')) {
        const ref = /\bref="([A-Z]+\d+:[A-Z]+\d+)"/.exec(tag)?.[1];
        if (ref) options.merges.push(ref);
      }
    }
  }

  /**
   * The cells of one <row> element, between `from` (after its start tag) and `end`: one pass over the bytes per cell
   * (this runs for each of a county's 16 million cells), decoding only the values of wanted columns.
   */
  private cells(buffer: Buffer, from: number, end: number, rowNo: number, place: SheetPlace, pool: TextPool, wanted?: (col: number) => boolean): Map<number, CellRead> {
    const cells = new Map<number, CellRead>();
    let nextCol = 0;
    let cellCount = 0;
    let p = from;
    // Byte loops rather than Buffer#indexOf: the distances are a few bytes, and a native call per step costs more.
    while (p < end) {
      while (p < end && buffer[p] !== LT) p++;
      if (p >= end) break;
      // '<c ' or '<c>' starts a cell; anything else (<col…>, a closing tag) is not one.
      const after = buffer[p + 2];
      if (buffer[p + 1] !== 0x63 || !(after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13)) {
        p++;
        continue;
      }
      // Its attributes r= (the column) and t= (the type), outside quoted values.
      let col = nextCol;
      let typeStart = -1;
      let typeEnd = -1;
      let gt = -1;
      for (let q = p + 2; q < end; q++) {
        const c = buffer[q];
        if (c === GT) {
          gt = q;
          break;
        }
        if (c === QUOTE) {
          q = closingQuote(buffer, q + 1, end);
          continue;
        }
        if (buffer[q + 1] !== EQUALS || buffer[q + 2] !== QUOTE || !isSpace(buffer[q - 1])) continue;
        if (c === 0x72) {
          // The column letters of the reference as a 0-based index ('AB' → 27), without making a string of them.
          let n = 0;
          for (let i = q + 3; i < end; i++) {
            const letter = buffer[i]!;
            if (letter < 65 || letter > 90) break;
            n = n * 26 + letter - 64;
          }
          if (n) col = n - 1;
        } else if (c === 0x74) {
          typeStart = q + 3;
          typeEnd = closingQuote(buffer, typeStart, end);
        }
      }
      if (gt < 0) break;
      const selfClosing = buffer[gt - 1] === SLASH;
      // The body: up to </c>, noting where <v>…</v> and <is>…</is> are.
      let cellEnd = gt + 1;
      let vStart = -1;
      let vEnd = -1;
      let isStart = -1;
      let isEnd = -1;
      if (!selfClosing) {
        cellEnd = -1;
        for (let q = gt + 1; q < end; q++) {
          if (buffer[q] !== LT) continue;
          const c1 = buffer[q + 1];
          if (c1 === SLASH) {
            const c2 = buffer[q + 2];
            if (c2 === 0x63 && buffer[q + 3] === GT) {
              cellEnd = q + 4;
              break;
            }
            if (c2 === 0x76 && buffer[q + 3] === GT && vEnd < 0) vEnd = q;
            else if (c2 === 0x69 && buffer[q + 3] === 0x73 && buffer[q + 4] === GT && isEnd < 0) isEnd = q;
          } else if (c1 === 0x76 && buffer[q + 2] === GT && vStart < 0) vStart = q + 3;
          else if (c1 === 0x69 && buffer[q + 2] === 0x73 && buffer[q + 3] === GT && isStart < 0) isStart = q + 4;
        }
        if (cellEnd < 0) break;
      }
      if (++cellCount > MAX_CELLS_PER_ROW || col >= MAX_CELLS_PER_ROW || cellEnd - p > MAX_CELL_XML) throw this.cellLimit(place, rowNo, col, cellCount, cellEnd - p);
      nextCol = col + 1;
      if (!selfClosing && (!wanted || wanted(col))) {
        const type = typeStart < 0 || typeEnd >= end ? 'n' : cellType(buffer, typeStart, typeEnd);
        // Where <v> and <is> hold their content; -1 where the cell has none.
        const v = vStart >= 0 && vEnd >= vStart ? vStart : -1;
        const is = isStart >= 0 && isEnd >= isStart ? isStart : -1;
        const cell = this.decode(type, buffer, v, vEnd, is, isEnd, rowNo, col, place, pool);
        if (cell) cells.set(col, cell);
      }
      p = cellEnd;
    }
    return cells;
  }

  /** The refusal of a row with too many cells or one beyond the last column, or of a cell too large. */
  private cellLimit(place: SheetPlace, rowNo: number, col: number, cellCount: number, xmlLength: number): PaichaError {
    const columns = `Excel 每行最多 ${count(MAX_CELLS_PER_ROW)} 列，到 ${columnLetters(MAX_CELLS_PER_ROW - 1)} 列为止`;
    if (cellCount > MAX_CELLS_PER_ROW) return new PaichaError('invalid', `${inSheet(place)}第 ${rowNo} 行超过了 ${count(MAX_CELLS_PER_ROW)} 个单元格（${columns}），${CHECK_THE_FILE}`);
    if (col >= MAX_CELLS_PER_ROW) return new PaichaError('invalid', `${inSheet(place)}第 ${rowNo} 行有 ${columnLetters(MAX_CELLS_PER_ROW - 1)} 列之后的单元格（${columns}），${CHECK_THE_FILE}`);
    return this.tooLong(place, rowNo, col, `超过 ${formatBytes(MAX_CELL_XML)}`);
  }

  private tooLong(place: SheetPlace, rowNo: number, col: number, size: string): PaichaError {
    return new PaichaError('invalid', `${inSheet(place)}第 ${rowNo} 行 ${columnLetters(col)} 列的内容过长（${size}），不像是表格数据。请检查该单元格。`);
  }

  /** A cell's value: its <v> holds its content from `v` to `vEnd`, its <is> from `is` to `isEnd` (-1: not there). */
  private decode(type: string, buffer: Buffer, v: number, vEnd: number, is: number, isEnd: number, rowNo: number, col: number, place: SheetPlace, pool: TextPool): CellRead | null {
    let text: string;
    if (type === 's') {
      const index = v >= 0 ? digitsAt(buffer, v, vEnd) : -1;
      text = this.sharedStrings.get(index >= 0 ? index : v >= 0 ? Number(buffer.toString('latin1', v, vEnd)) : -1);
    } else if (type === 'inlineStr') text = is >= 0 ? richText(buffer, is, isEnd, pool) : '';
    else text = v >= 0 ? pool.text(buffer, v, vEnd) : '';
    if (text.length > MAX_CELL_CHARS) throw this.tooLong(place, rowNo, col, `${text.length} 个字符`);
    if (type === 'n' && text !== '') return { kind: 'number', value: Number(text), text };
    if (type === 'b') return { kind: 'bool', value: text === '1', text: text === '1' ? '是' : '否' };
    if (type === 'e') return { kind: 'error', text };
    return text === '' ? null : { kind: 'text', text };
  }
}

/** The row number a <row> start tag gives (r="12"), or the one after the previous row. */
function rowNumberAt(buffer: Buffer, start: number, tagEnd: number, next: number): number {
  for (let q = start + 4; q < tagEnd; q++) {
    if (buffer[q] === QUOTE) {
      const close = buffer.indexOf(QUOTE, q + 1);
      if (close < 0 || close > tagEnd) break;
      q = close;
      continue;
    }
    if (buffer[q] === 0x72 && buffer[q + 1] === EQUALS && buffer[q + 2] === QUOTE && isSpace(buffer[q - 1])) {
      const close = buffer.indexOf(QUOTE, q + 3);
      const n = close < 0 || close > tagEnd ? -1 : digitsAt(buffer, q + 3, close);
      return n < 0 ? next : n;
    }
  }
  return next;
}

/** The row number a <row> start tag gives (r="12"), or the one after the previous row. */
function rowNumber(xml: string, next: number): number {
  const r = /^<row\b[^>]*?\br="(\d+)"/.exec(xml);
  return r ? Number(r[1]) : next;
}

/** A broken stream (truncated or corrupt deflate data) in the words of the clerk. */
function damaged(error: unknown, displayName: string, sheetName?: string): unknown {
  if (error instanceof PaichaError) return error;
  return new PaichaError('invalid', `「${displayName}」已损坏${sheetName ? `，读取工作表「${sheetName}」时出错` : ''}（文件可能不完整，请重新导出或复制）。`);
}
