// Every row's line of an import's report, packed. A county's export has 320,000 rows: as objects their lines took
// ~200 bytes each of the importing thread's heap (64 MB, growing with the file, and as much again to send them with
// the report); packed here they take ~40 bytes each outside it. The report an import answers with lists only the rows
// not imported (REPORTED_LINES of them); the saved report file lists every row from here.
import type { ImportLine, ImportLineStatus } from '../../../shared/imports';

const STATUSES: readonly ImportLineStatus[] = ['新增', '更新', '未变', '跳过', '拒绝'];
const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i]));
/** In a line's code: its 户编号 is the line before's (a household's rows come one after another), not written again. */
const SAME_HOUSEHOLD = 0x80;
// The fields of a line's text are parted by 0x1f, and a null field is the byte 0x00 alone. XML cannot hold either
// character, but Excel's escapes can (_x001F_): in a field they become U+FFFD (a report file could not hold them).
const FIELD = '\x1f';
const NULL = '\x00';
const SEPARATORS = /[\x00\x1f]/g;

/** The rows refused or skipped: what the report an import answers with lists, the first REPORTED_LINES of them. */
export const NOT_IMPORTED: ReadonlySet<ImportLineStatus> = new Set(['拒绝', '跳过']);
export const REPORTED_LINES = 1000;

/** Lines as they cross between threads: typed arrays (transferred, not copied) and the texts of their reasons. */
export interface PackedLines {
  count: number;
  rowNos: Int32Array;
  codes: Uint8Array;
  /** Each line's reason, by its index in `reasons`. */
  reasonIds: Uint32Array;
  /** Where each line's text ends in `text` (it starts where the line before's ends). */
  ends: Uint32Array;
  text: Uint8Array;
  reasons: string[];
}

/** `array` with room for at least `need` elements (doubled, so that appending stays linear). */
function withRoom<T extends Int32Array | Uint8Array | Uint32Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const grown = new (array.constructor as new (length: number) => T)(Math.max(need, array.length * 2));
  grown.set(array);
  return grown;
}

function field(value: string | null): string {
  if (value === null) return NULL;
  return value.indexOf(FIELD) < 0 && value.indexOf(NULL) < 0 ? value : value.replace(SEPARATORS, '\ufffd');
}
const unfield = (value: string) => (value === NULL ? null : value);

export class ReportLines {
  private rowNos = new Int32Array(64);
  private codes = new Uint8Array(64);
  private reasonIds = new Uint32Array(64);
  private ends = new Uint32Array(64);
  private text: Buffer = Buffer.alloc(4096);
  private textLength = 0;
  private readonly reasons: string[] = [];
  private readonly reasonIndex = new Map<string, number>();
  private count = 0;
  private ordered: Uint32Array | null = null;
  /** The last line's 户编号, once pushed here (undefined: read it from the text). */
  private lastHhNo: string | null | undefined;

  static of(lines: Iterable<ImportLine>): ReportLines {
    const packed = new ReportLines();
    for (const line of lines) packed.push(line);
    return packed;
  }

  static unpack(packed: PackedLines): ReportLines {
    const lines = new ReportLines();
    lines.append(packed);
    return lines;
  }

  get length(): number {
    return this.count;
  }

  push(line: ImportLine): void {
    const i = this.count;
    this.room(i + 1);
    const before = i === 0 ? null : this.lastHhNo === undefined ? this.hhNoAt(i - 1) : this.lastHhNo;
    const same = line.hhNo !== null && line.hhNo === before;
    const text = same ? `${field(line.name)}${FIELD}${field(line.idNumber)}` : `${field(line.hhNo)}${FIELD}${field(line.name)}${FIELD}${field(line.idNumber)}`;
    this.writeText(text);
    this.rowNos[i] = line.rowNo;
    this.codes[i] = STATUS_CODE.get(line.status)! | (same ? SAME_HOUSEHOLD : 0);
    this.reasonIds[i] = this.reasonId(line.reason);
    this.ends[i] = this.textLength;
    this.count = i + 1;
    this.ordered = null;
    this.lastHhNo = line.hhNo;
  }

  /** Appends lines packed elsewhere (a part planned by the planning thread). */
  append(packed: PackedLines): void {
    const start = this.count;
    const textStart = this.textLength;
    this.room(start + packed.count);
    this.rowNos.set(packed.rowNos.subarray(0, packed.count), start);
    this.codes.set(packed.codes.subarray(0, packed.count), start);
    const ids = packed.reasons.map((reason) => this.reasonId(reason));
    for (let k = 0; k < packed.count; k++) {
      this.reasonIds[start + k] = ids[packed.reasonIds[k]!]!;
      this.ends[start + k] = textStart + packed.ends[k]!;
    }
    // The first line packed elsewhere wrote its 户编号 (it had no line before there).
    const bytes = packed.count ? packed.ends[packed.count - 1]! : 0;
    this.text = this.textRoom(textStart + bytes);
    this.text.set(packed.text.subarray(0, bytes), textStart);
    this.textLength = textStart + bytes;
    this.count = start + packed.count;
    this.ordered = null;
    this.lastHhNo = undefined;
  }

  /** The lines packed to cross to another thread, and the buffers to transfer with them. */
  pack(): { packed: PackedLines; transfer: ArrayBuffer[] } {
    const n = this.count;
    const packed: PackedLines = {
      count: n,
      rowNos: this.rowNos.slice(0, n),
      codes: this.codes.slice(0, n),
      reasonIds: this.reasonIds.slice(0, n),
      ends: this.ends.slice(0, n),
      text: new Uint8Array(this.text.subarray(0, this.textLength)),
      reasons: [...this.reasons],
    };
    return { packed, transfer: [packed.rowNos, packed.codes, packed.reasonIds, packed.ends, packed.text].map((a) => a.buffer as ArrayBuffer) };
  }

  /** Every line, in the order of its row in the file. */
  *[Symbol.iterator](): IterableIterator<ImportLine> {
    for (const i of this.rowOrder()) yield this.at(i);
  }

  /** The first `limit` lines whose status is one of `statuses`, in row order. */
  where(statuses: ReadonlySet<ImportLineStatus>, limit: number): ImportLine[] {
    const codes = new Set([...statuses].map((s) => STATUS_CODE.get(s)!));
    const found: ImportLine[] = [];
    for (const i of this.rowOrder()) {
      if (found.length >= limit) break;
      if (codes.has(this.codes[i]! & ~SAME_HOUSEHOLD)) found.push(this.at(i));
    }
    return found;
  }

  private at(i: number): ImportLine {
    const code = this.codes[i]!;
    const fields = this.textOf(i).split(FIELD).map(unfield);
    const [hhNo, name, idNumber] = code & SAME_HOUSEHOLD ? [this.hhNoAt(i - 1), ...fields] : fields;
    return { rowNo: this.rowNos[i]!, status: STATUSES[code & ~SAME_HOUSEHOLD]!, hhNo: hhNo ?? null, name: name ?? null, idNumber: idNumber ?? null, reason: this.reasons[this.reasonIds[i]!]! };
  }

  /** The 户编号 of line `i`: written with it, or with the first line of its household's run. */
  private hhNoAt(i: number): string | null {
    let k = i;
    while (this.codes[k]! & SAME_HOUSEHOLD) k--;
    const text = this.textOf(k);
    return unfield(text.slice(0, text.indexOf(FIELD)));
  }

  private textOf(i: number): string {
    return this.text.toString('utf8', i > 0 ? this.ends[i - 1] : 0, this.ends[i]);
  }

  /** The lines' indices in the order of their rows (a part's lines come by household; a sheet's refusals after). */
  private rowOrder(): Uint32Array {
    if (!this.ordered) {
      const rowNos = this.rowNos;
      this.ordered = Uint32Array.from({ length: this.count }, (_, i) => i).sort((a, b) => rowNos[a]! - rowNos[b]! || a - b);
    }
    return this.ordered;
  }

  private reasonId(reason: string): number {
    let id = this.reasonIndex.get(reason);
    if (id === undefined) {
      id = this.reasons.push(reason) - 1;
      this.reasonIndex.set(reason, id);
    }
    return id;
  }

  private room(lines: number): void {
    this.rowNos = withRoom(this.rowNos, lines);
    this.codes = withRoom(this.codes, lines);
    this.reasonIds = withRoom(this.reasonIds, lines);
    this.ends = withRoom(this.ends, lines);
  }

  private textRoom(bytes: number): Buffer {
    if (bytes <= this.text.length) return this.text;
    const grown = Buffer.allocUnsafe(Math.max(bytes, this.text.length * 2));
    this.text.copy(grown, 0, 0, this.textLength);
    return grown;
  }

  private writeText(text: string): void {
    this.text = this.textRoom(this.textLength + Buffer.byteLength(text));
    this.textLength += this.text.write(text, this.textLength);
  }
}
