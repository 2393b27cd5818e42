// A lean streaming reader of .xlsx sheets: shared strings, then the rows of one sheet, decoding only the cells of
// wanted columns. It keeps what a cell was (text or number) so the importer can tell an ID typed as text from one
// that Excel already turned into a number.
import { StringDecoder } from 'node:string_decoder';
import { PaichaError } from '../../../shared/errors';
import { ZipFile } from './zip';

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

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  const plain = text.indexOf('&') < 0 ? text : text.replace(ENTITY, (_m, e: string) => {
    if (e[0] !== '#') return entities[e] ?? _m;
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : _m;
  });
  // Excel writes control characters as _xHHHH_ (e.g. _x000D_ for a carriage return).
  return plain.indexOf('_x') < 0 ? plain : plain.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** 'AB' → 27 (0-based). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

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

/** The text runs of an <si> or <is>, leaving out phonetic runs (<rPh>). */
function runsText(xml: string): string {
  const withoutPhonetic = xml.indexOf('<rPh') < 0 ? xml : xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  const re = /<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(withoutPhonetic))) out += m[1] ?? '';
  return unescapeXml(out);
}

/**
 * The complete elements `<open …>…close` of a streamed XML entry, a chunk's worth at a time (so reading waits for
 * the consumer). `rest.tail` receives the text after the last element (where <mergeCells> sit).
 */
async function* elements(zip: ZipFile, entry: string, open: string, close: string, rest: { tail: string }, onProgress?: (bytes: number) => void): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  let bytes = 0;
  for await (const chunk of zip.stream(entry)) {
    bytes += (chunk as Buffer).length;
    buffer += decoder.write(chunk as Buffer);
    const batch: string[] = [];
    // '<row' must be the element itself, not <rowBreaks> or another name that starts the same.
    const next = (from: number) => {
      let at = buffer.indexOf(open, from);
      while (at >= 0 && !/[\s>/]/.test(buffer[at + open.length] ?? ' ')) at = buffer.indexOf(open, at + open.length);
      return at;
    };
    let start = next(0);
    let consumed = 0;
    while (start >= 0) {
      // An element may be self-closing (<row r="5"/>) or have content up to its closing tag.
      const tagEnd = buffer.indexOf('>', start);
      if (tagEnd < 0) break;
      let end: number;
      if (buffer[tagEnd - 1] === '/') end = tagEnd + 1;
      else {
        const closeAt = buffer.indexOf(close, tagEnd);
        if (closeAt < 0) break;
        end = closeAt + close.length;
      }
      batch.push(buffer.slice(start, end));
      consumed = end;
      start = next(end);
    }
    // Keep what may still become an element, and what follows the last one (after the rows come <mergeCells>).
    buffer = buffer.slice(start >= 0 ? start : consumed);
    onProgress?.(bytes);
    if (batch.length) yield batch;
  }
  rest.tail = buffer + decoder.end();
}

export class Workbook {
  private constructor(
    readonly zip: ZipFile,
    readonly sheets: SheetInfo[],
    private readonly sharedStrings: string[],
  ) {}

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
    for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
      const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
      if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    }
    const sheets: SheetInfo[] = [];
    for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
      const name = unescapeXml(/\bname="([^"]*)"/.exec(m[0])?.[1] ?? '');
      const id = /\br:id="([^"]+)"/.exec(m[0])?.[1] ?? /\b\w+:id="([^"]+)"/.exec(m[0])?.[1];
      const path = id ? targets.get(id) : undefined;
      if (path && zip.has(path)) sheets.push({ name, path });
    }
    if (!sheets.length) throw new PaichaError('invalid', `「${displayName}」里没有工作表。`);
    const sharedStrings: string[] = [];
    if (zip.has('xl/sharedStrings.xml')) {
      for await (const batch of elements(zip, 'xl/sharedStrings.xml', '<si', '</si>', { tail: '' })) for (const xml of batch) sharedStrings.push(runsText(xml));
    }
    return new Workbook(zip, sheets, sharedStrings);
  }

  /**
   * Streams the rows of a sheet. `wanted(col)` says which columns to decode (all when absent); `onProgress` gets the
   * fraction of the sheet read. After the last row, `merges` holds the merged ranges of the sheet.
   */
  async *rows(sheet: SheetInfo, options: { wanted?: (col: number) => boolean; onProgress?: (fraction: number) => void; merges?: string[] } = {}): AsyncGenerator<SheetRow> {
    const entry = this.zip.entries.get(sheet.path)!;
    const size = entry.size || 1;
    const rest = { tail: '' };
    let nextRowNo = 1;
    try {
      for await (const batch of elements(this.zip, sheet.path, '<row', '</row>', rest, (bytes) => options.onProgress?.(Math.min(1, bytes / size)))) {
        for (const xml of batch) {
          const rowAttr = /^<row\b[^>]*?\br="(\d+)"/.exec(xml);
          const rowNo = rowAttr ? Number(rowAttr[1]) : nextRowNo;
          nextRowNo = rowNo + 1;
          yield { rowNo, cells: this.cells(xml, rowNo, options.wanted) };
        }
      }
    } catch (error) {
      throw damaged(error, this.zip.displayName, sheet.name);
    }
    if (options.merges) for (const m of rest.tail.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g)) options.merges.push(m[1]!);
  }

  /** The cells of one <row> element. A scanner with indexOf: this runs for every cell of a county's export. */
  private cells(xml: string, rowNo: number, wanted?: (col: number) => boolean): Map<number, CellRead> {
    const cells = new Map<number, CellRead>();
    let nextCol = 0;
    let p = xml.indexOf('<c', 4);
    while (p >= 0) {
      const after = xml.charCodeAt(p + 2);
      // '<c ' or '<c>' starts a cell; anything else (<col…>) is not one.
      if (after !== 32 && after !== 62 && after !== 47) {
        p = xml.indexOf('<c', p + 2);
        continue;
      }
      const gt = xml.indexOf('>', p);
      if (gt < 0) break;
      const attrs = xml.slice(p + 2, gt);
      const selfClosing = xml.charCodeAt(gt - 1) === 47;
      const end = selfClosing ? gt + 1 : xml.indexOf('</c>', gt);
      if (end < 0) break;
      const r = attrs.indexOf('r="');
      let col = nextCol;
      if (r >= 0) {
        let letters = '';
        for (let i = r + 3; i < attrs.length; i++) {
          const c = attrs.charCodeAt(i);
          if (c < 65 || c > 90) break;
          letters += attrs[i];
        }
        if (letters) col = columnIndex(letters);
      }
      nextCol = col + 1;
      if (!selfClosing && (!wanted || wanted(col))) {
        const t = attrs.indexOf('t="');
        const type = t >= 0 ? attrs.slice(t + 3, attrs.indexOf('"', t + 3)) : 'n';
        const cell = this.decode(type, xml.slice(gt + 1, end), rowNo, col);
        if (cell) cells.set(col, cell);
      }
      p = xml.indexOf('<c', selfClosing ? end : end + 4);
    }
    return cells;
  }

  private decode(type: string, body: string, rowNo: number, col: number): CellRead | null {
    const vStart = body.indexOf('<v>');
    const v = vStart < 0 ? undefined : body.slice(vStart + 3, body.indexOf('</v>', vStart));
    let text: string;
    if (type === 's') text = v === undefined ? '' : (this.sharedStrings[Number(v)] ?? '');
    else if (type === 'inlineStr') text = runsText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
    else text = v === undefined ? '' : unescapeXml(v);
    if (text.length > MAX_CELL_CHARS) {
      throw new PaichaError('invalid', `「${this.zip.displayName}」第 ${rowNo} 行 ${columnLetters(col)} 列的内容过长（${text.length} 个字符），不像是表格数据。请检查该单元格。`);
    }
    if (type === 'n' && text !== '') return { kind: 'number', value: Number(text), text };
    if (type === 'b') return { kind: 'bool', value: text === '1', text: text === '1' ? '是' : '否' };
    if (type === 'e') return { kind: 'error', text };
    return text === '' ? null : { kind: 'text', text };
  }
}

/** A broken stream (truncated or corrupt deflate data) in the words of the clerk. */
function damaged(error: unknown, displayName: string, sheetName?: string): unknown {
  if (error instanceof PaichaError) return error;
  return new PaichaError('invalid', `「${displayName}」已损坏${sheetName ? `，读取工作表「${sheetName}」时出错` : ''}（文件可能不完整，请重新导出或复制）。`);
}
