// The template engine: a .docx in, the same .docx with its placeholders filled out. Values fill {{名}} where it
// stands; a table fills a paragraph that holds nothing but its {{表名}}; a list of items repeats the table rows or
// paragraphs from {{#名}} to {{/名}} once per item, filled with the item's values (and the document's). The clerk
// may move, reword or delete anything in Word/WPS: what is found is filled, a placeholder the data do not know is
// left standing and reported, and nothing else of the document changes. A picture (image.ts) fills a placeholder
// in the text as an inline image. Used by the report and the household forms (sections.ts: once per household).
import { PaichaError } from '../../../shared/errors';
import { isImage, MediaSink, withDrawingNamespaces, type WordImage } from './image';
import { PLACEHOLDER, joinSplitPlaceholders, placeholderNames } from './placeholders';
import { tableXml, type WordTable } from './table';
import { TEXT_NODE, balanced, enclosing, plainText, textNode, unescapeXml, type Span } from './xml';
import { readDocxParts, writeDocxParts, type DocxParts } from './zip';

export type { WordColumn, WordTable, CellText } from './table';
export type { WordImage } from './image';

/** What a template is filled with, by placeholder name: a value, a table, a picture, or the items of a repeated block. */
export type TemplateValue = string | number | WordTable | WordImage | TemplateValues[];
export interface TemplateValues {
  [name: string]: TemplateValue;
}

export interface FillResult {
  bytes: Buffer;
  /** Placeholders filled, by name (blocks as #名). */
  filled: string[];
  /** Placeholders the values do not know, by name: left in the document as they were typed. */
  unknown: string[];
  /** What could not be done as the template asks, in Chinese (a block without its end, a table inside a line …). */
  problems: string[];
}

/** The parts that hold text the clerk edits: the body, headers and footers. */
const TEXT_PART = /^word\/(document|header\d*|footer\d*)\.xml$/;
export const isTextPart = (part: string): boolean => TEXT_PART.test(part);

/** Table fonts and size of the template's body: 仿宋_GB2312 小四, headers in 黑体. */
const TABLE_FONTS = { size: 24, font: '仿宋_GB2312', headerFont: '黑体' };
/** A4 portrait with the 公文 margins, when a section does not say. */
const DEFAULT_TEXT_WIDTH = 8844;

const isTable = (value: TemplateValue | undefined): value is WordTable => typeof value === 'object' && value !== null && !Array.isArray(value) && 'columns' in value;
const isBlock = (value: TemplateValue | undefined): value is TemplateValues[] => Array.isArray(value);

/** What filling found, gathered over all parts (and all households of a form). */
export interface FillReport {
  filled: Set<string>;
  unknown: Set<string>;
  problems: string[];
}

export const newFillReport = (): FillReport => ({ filled: new Set(), unknown: new Set(), problems: [] });

/** How one part is filled: what is found goes to `report`; tables take the width at their place; pictures go to the package. */
interface Context {
  report: FillReport;
  widthAt: (position: number) => number;
  picture: (image: WordImage) => string;
}

/** The text width (twips) of the section a position lies in: its page width less its left and right margins. */
function textWidthAt(documentXml: string, position: number): number {
  const at = documentXml.indexOf('<w:sectPr', position);
  if (at < 0) return DEFAULT_TEXT_WIDTH;
  const section = documentXml.slice(at, documentXml.indexOf('</w:sectPr>', at));
  const width = Number(/<w:pgSz[^>]*\sw:w="(\d+)"/.exec(section)?.[1]);
  const left = Number(/<w:pgMar[^>]*\sw:left="(\d+)"/.exec(section)?.[1] ?? 0);
  const right = Number(/<w:pgMar[^>]*\sw:right="(\d+)"/.exec(section)?.[1] ?? 0);
  return width > left + right ? width - left - right : DEFAULT_TEXT_WIDTH;
}

/** A value as it stands in the text: line breaks become Word's. */
function valueRuns(value: string): string {
  return value
    .split(/\r?\n/)
    .map((line) => textNode(line))
    .join('<w:br/>');
}

/** Scalars and pictures into the text nodes; unknown names stay as typed. */
function fillScalars(xml: string, values: TemplateValues, { report, picture }: Context): string {
  return xml.replace(TEXT_NODE, (node, written: string) => {
    const text = unescapeXml(written);
    if (!text.includes('{{')) return node;
    let changed = false;
    const pieces: string[] = [];
    let cursor = 0;
    for (const m of text.matchAll(PLACEHOLDER)) {
      const [whole, kind, name] = m as unknown as [string, string, string];
      const value = values[name];
      if (kind === '/') report.problems.push(`「{{/${name}}}」前面没有对应的「{{#${name}}}」，未处理。`);
      else if (kind === '#') continue;
      else if (value === undefined) report.unknown.add(name);
      else if (isTable(value)) report.problems.push(`表格「{{${name}}}」须单独成段（该段中不能有其他文字），未填入。`);
      else if (isBlock(value)) report.problems.push(`「${name}」是重复块，应写作「{{#${name}}}」…「{{/${name}}}」，未填入。`);
      else {
        // A picture stands in the run beside the text around it (\u0001 and its <w:drawing>).
        pieces.push(text.slice(cursor, m.index), isImage(value) ? `\u0001${picture(value)}` : `\u0000${String(value)}`);
        cursor = m.index! + whole.length;
        report.filled.add(name);
        changed = true;
      }
    }
    if (!changed) return node;
    pieces.push(text.slice(cursor));
    // Plain text keeps the run; each value may bring its own line breaks.
    return pieces
      .filter((p) => p !== '')
      .map((p) => (p.startsWith('\u0000') ? valueRuns(p.slice(1)) : p.startsWith('\u0001') ? p.slice(1) : textNode(p)))
      .join('');
  });
}

/** Paragraphs that hold nothing but a table's placeholder become the table. */
function fillTables(xml: string, values: TemplateValues, { report, widthAt }: Context, offset: number): string {
  const edits: (Span & { xml: string })[] = [];
  for (const node of xml.matchAll(TEXT_NODE)) {
    for (const m of unescapeXml(node[1]!).matchAll(PLACEHOLDER)) {
      const value = values[m[2]!];
      if (m[1] || !isTable(value)) continue;
      const paragraph = enclosing(xml, node.index!, 'w:p');
      if (!paragraph || plainText(xml.slice(paragraph.start, paragraph.end)).trim() !== m[0]) continue;
      if (edits.some((e) => e.start === paragraph.start)) continue;
      edits.push({ ...paragraph, xml: tableXml(value, { ...TABLE_FONTS, size: value.size ?? TABLE_FONTS.size, width: widthAt(offset + paragraph.start) }) });
      report.filled.add(m[2]!);
    }
  }
  let out = '';
  let cursor = 0;
  for (const e of edits.sort((a, b) => a.start - b.start)) {
    out += xml.slice(cursor, e.start) + e.xml;
    cursor = e.end;
  }
  return out + xml.slice(cursor);
}

interface Marker {
  name: string;
  start: number;
  end: number;
}

/** The first block start {{#名}} at or after `from`, and its matching end (nested blocks of the same name counted). */
function nextBlock(xml: string, from: number): { open: Marker; close: Marker | null } | null {
  const markers: (Marker & { kind: string })[] = [];
  for (const node of xml.slice(from).matchAll(TEXT_NODE)) {
    for (const m of unescapeXml(node[1]!).matchAll(PLACEHOLDER)) {
      if (m[1]) markers.push({ kind: m[1], name: m[2]!, start: from + node.index!, end: from + node.index! + node[0].length });
    }
  }
  const openIndex = markers.findIndex((m) => m.kind === '#');
  if (openIndex < 0) return null;
  const open = markers[openIndex]!;
  let depth = 0;
  for (const m of markers.slice(openIndex + 1)) {
    if (m.name !== open.name) continue;
    if (m.kind === '#') depth++;
    else if (depth === 0) return { open, close: m };
    else depth--;
  }
  return { open, close: null };
}

/** The text with a block marker taken out; a paragraph left empty by it goes with it. */
function withoutMarker(xml: string, kind: '#' | '/', name: string): string {
  const pattern = new RegExp(`\\{\\{\\s*${kind}\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`);
  // The block's own markers: its first start, its last end (a nested block of the same name lies between).
  const nodes = [...xml.matchAll(TEXT_NODE)].filter((n) => pattern.test(unescapeXml(n[1]!)));
  const node = kind === '#' ? nodes[0] : nodes.at(-1);
  if (!node) return xml;
  const paragraph = enclosing(xml, node.index!, 'w:p');
  const rest = unescapeXml(node[1]!).replace(pattern, '');
  if (paragraph && !enclosing(xml, node.index!, 'w:tr') && plainText(xml.slice(paragraph.start, paragraph.end)).replace(pattern, '').trim() === '') {
    return xml.slice(0, paragraph.start) + xml.slice(paragraph.end);
  }
  return xml.slice(0, node.index!) + textNode(rest) + xml.slice(node.index! + node[0].length);
}

/** The rows (when both markers stand in rows of one table) or paragraphs a block repeats. */
function blockSpan(xml: string, open: Marker, close: Marker): Span | null {
  const [firstRow, lastRow] = [enclosing(xml, open.start, 'w:tr'), enclosing(xml, close.start, 'w:tr')];
  if (firstRow && lastRow) {
    const [a, b] = [enclosing(xml, firstRow.start, 'w:tbl'), enclosing(xml, lastRow.start, 'w:tbl')];
    if (a && b && a.start === b.start) return { start: firstRow.start, end: lastRow.end };
  }
  const [first, last] = [enclosing(xml, open.start, 'w:p'), enclosing(xml, close.start, 'w:p')];
  if (!first || !last) return null;
  const span = { start: first.start, end: Math.max(first.end, last.end) };
  return balanced(xml.slice(span.start, span.end)) ? span : null;
}

/** Fills a piece of the document: its blocks once per item, then its tables and values. */
function fill(xml: string, values: TemplateValues, context: Context, offset: number): string {
  const { report } = context;
  let out = '';
  let cursor = 0;
  const flat = (to: number) => {
    out += fillScalars(fillTables(xml.slice(cursor, to), values, context, offset + cursor), values, context);
  };
  for (let found = nextBlock(xml, cursor); found; found = nextBlock(xml, cursor)) {
    const { open, close } = found;
    const span = close ? blockSpan(xml, open, close) : null;
    if (!close || !span || span.start < cursor) {
      report.problems.push(close ? `「{{#${open.name}}}」与「{{/${open.name}}}」须在同一表格的行中，或在同一层的段落中，未重复。` : `「{{#${open.name}}}」没有对应的结束标记「{{/${open.name}}}」，未重复。`);
      // The marker stays; what follows is filled as usual.
      flat(open.end);
      cursor = open.end;
      continue;
    }
    flat(span.start);
    const items = values[open.name];
    const fragment = withoutMarker(withoutMarker(xml.slice(span.start, span.end), '/', open.name), '#', open.name);
    if (isBlock(items)) {
      report.filled.add(`#${open.name}`);
      out += items.map((item) => fill(fragment, { ...values, ...item }, context, offset + span.start)).join('');
    } else {
      report.unknown.add(`#${open.name}`);
      out += fill(fragment, values, context, offset + span.start);
    }
    cursor = span.end;
  }
  flat(xml.length);
  return out;
}

/** A table that ends a table cell needs a paragraph after it, or Word refuses the document. */
const closeCells = (xml: string) => xml.replace(/<\/w:tbl>(?=<\/w:tc>)/g, '</w:tbl><w:p/>');

/** The parts of a template, or a clear message when it is not one; `name` is how the clerk knows the file. */
export function openTemplate(bytes: Buffer, name: string): DocxParts {
  const parts = readDocxParts(bytes, name);
  for (const [part, data] of parts) if (TEXT_PART.test(part)) parts.set(part, Buffer.from(joinSplitPlaceholders(data.toString('utf8'))));
  return parts;
}

/** The placeholders a template holds (blocks as #名), in the order of the document. */
export function templatePlaceholders(parts: DocxParts): string[] {
  return [...new Set([...parts].filter(([part]) => TEXT_PART.test(part)).flatMap(([, data]) => placeholderNames(data.toString('utf8'))))];
}

/**
 * One text part's XML filled with the values. Its pictures go to `media` as pictures of the part `owner` (the name
 * the XML is written under: the template's own, or a household's copy of a header).
 */
export function fillPartXml(xml: string, values: TemplateValues, report: FillReport, media: MediaSink, owner: string): string {
  const context: Context = { report, widthAt: (position) => textWidthAt(xml, position), picture: (image) => media.drawing(owner, image) };
  return closeCells(fill(xml, values, context, 0));
}

/** The parts that show pictures declaring the drawing prefixes, and the document written. */
export function finishDocument(parts: DocxParts, media: MediaSink, report: FillReport): FillResult {
  for (const part of media.showing) parts.set(part, Buffer.from(withDrawingNamespaces(parts.get(part)!.toString('utf8'))));
  return { bytes: writeDocxParts(parts), filled: [...report.filled], unknown: [...report.unknown], problems: [...new Set(report.problems)] };
}

/** Fills an opened template (openTemplate) with the values. */
export function fillTemplate(template: DocxParts, values: TemplateValues): FillResult {
  const report = newFillReport();
  const parts: DocxParts = new Map(template);
  const media = new MediaSink(parts);
  for (const [part, data] of template) {
    if (TEXT_PART.test(part)) parts.set(part, Buffer.from(fillPartXml(data.toString('utf8'), values, report, media, part)));
  }
  return finishDocument(parts, media, report);
}

/** A template's bytes filled with the values; a broken template is refused with a message naming `name`. */
export function fillDocx(bytes: Buffer, name: string, values: TemplateValues): FillResult {
  try {
    return fillTemplate(openTemplate(bytes, name), values);
  } catch (error) {
    if (error instanceof PaichaError) throw error;
    throw new PaichaError('invalid', `模板「${name}」的内容无法读取，不能用作模板。请在 Word/WPS 中打开它，另存为「Word 文档（*.docx）」后再试。`);
  }
}
