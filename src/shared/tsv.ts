// What a clerk pastes and copies in a grid: the tab/newline-separated block Excel and WPS put on the clipboard, and
// what a keyed vocabulary value (a number, 拼音 initials) stands for. Pure: no DOM.
import { matchKeyed, type VocabKey } from './vocab';

/**
 * A clipboard block as rows of cells. Lines end in \n, \r\n or \r; cells are separated by tabs; a cell Excel quoted
 * (because it holds a tab, a line break or a quote) is unquoted. The line break after the last row is not a row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      // A quoted cell runs to the quote that is not doubled; what follows it up to the separator is kept too.
      const close = closingQuote(text, i + 1);
      if (close >= 0) {
        cell = text.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        continue;
      }
    }
    if (ch === '\t') endCell();
    else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}

/** The index of the quote closing a quoted cell opened before `from`, or -1 when it is not a quoted cell. */
function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') {
      i++;
      continue;
    }
    const next = text[i + 1];
    return next === undefined || next === '\t' || next === '\n' || next === '\r' ? i : -1;
  }
  return -1;
}

/** Whether pasted text is a block of cells rather than one value. */
export const isBlock = (text: string): boolean => /[\t\r\n]/.test(text.replace(/[\r\n]+$/, ''));

/** Cells as a clipboard block: a cell with a tab, line break or quote is quoted, as Excel does. */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[\t\r\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((r) => r.map(quote).join('\t')).join('\n');
}

/**
 * What a clerk means by a keyed vocabulary value: its number, its 拼音 initials or the value itself, when that
 * names one value; otherwise the text as typed (the checks report it). Several values of a multi-valued vocabulary
 * are separated by spaces or commas and stored comma-separated.
 */
export function keyedValue(vocab: VocabKey, multi: boolean, text: string): string {
  const one = (part: string) => {
    const matches = matchKeyed(vocab, part);
    return matches.length === 1 ? matches[0]! : part.trim();
  };
  if (!multi) return one(text);
  return text
    .split(/[,，、;；\s]+/)
    .filter(Boolean)
    .map(one)
    .filter((v, i, all) => all.indexOf(v) === i)
    .join(',');
}

/**
 * Cells as the HTML table Excel and WPS put on the clipboard beside the TSV. A cell of a text column carries
 * `mso-number-format:"\@"`, so Excel and WPS keep an ID number or a 户编号 as text instead of turning it into
 * 6.21025E+17; numbers stay numbers. `text[c]` says whether column c is a text column.
 */
export function formatHtmlTable(rows: readonly (readonly string[])[], text: readonly boolean[]): string {
  const escape = (cell: string) =>
    cell.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r\n|\r|\n/g, '<br style="mso-data-placement:same-cell;">');
  const cell = (value: string, c: number) => (text[c] === false ? `<td>${escape(value)}</td>` : `<td style='mso-number-format:"\\@"'>${escape(value)}</td>`);
  const body = rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('');
  return `<html><head><meta charset="utf-8"></head><body><table>${body}</table></body></html>`;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

const decodeEntities = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return entities[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });

/** The number in an attribute such as colspan=2 or rowspan="3" of a tag; 1 when absent. */
function span(tag: string, name: string): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(tag);
  return m ? Math.max(1, Math.min(Number(m[1]), 1000)) : 1;
}

/**
 * The cells of the first table in clipboard HTML (Excel, WPS, a web page), as rows of text — or null when the HTML
 * holds no table. Text is read as a browser shows it: tags dropped, entities decoded, runs of white space as one
 * space, <br> as a line break. A merged cell gives its text to its first cell and leaves the others empty, so the
 * block keeps its shape.
 */
export function parseHtmlTable(html: string): string[][] | null {
  const source = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(style|script|head|title)\b[\s\S]*?<\/\1\s*>/gi, '');
  const start = source.search(/<table\b/i);
  if (start < 0) return null;
  const rows: string[][] = [];
  /** Per column, how many more rows a cell merged from above still covers. */
  const covered: number[] = [];
  let row: string[] | null = null;
  let cell: string | null = null;
  let colspan = 1;
  let depth = 0;
  const skipCovered = () => {
    while (row && (covered[row.length] ?? 0) > 0) {
      covered[row.length]!--;
      row.push('');
    }
  };
  const endCell = () => {
    if (!row || cell === null) return;
    const text = cell.replace(/[ \t\r\n\f]+/g, ' ').replace(/ ?\u0000 ?/g, '\n');
    row.push(decodeEntities(text).trim());
    for (let i = 1; i < colspan; i++) row.push('');
    cell = null;
  };
  const endRow = () => {
    endCell();
    if (!row) return;
    skipCovered();
    rows.push(row);
    row = null;
  };
  const token = /<(\/?)([a-z0-9]+)\b[^>]*>|<[^>]*>|[^<]+/gi;
  token.lastIndex = start;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    const [whole, closing, name] = m;
    const tag = name?.toLowerCase();
    if (tag === 'table') {
      depth += closing ? -1 : 1;
      if (depth === 0) break;
      continue;
    }
    if (!tag || depth > 1) {
      // Text, including that of a table inside a cell, belongs to the cell it is in; other tags are dropped.
      if (cell !== null && !whole.startsWith('<')) cell += whole;
      continue;
    }
    if (tag === 'tr') {
      endRow();
      if (!closing) row = [];
    } else if (tag === 'td' || tag === 'th') {
      endCell();
      if (closing) continue;
      row ??= [];
      skipCovered();
      const rowspan = span(whole, 'rowspan');
      colspan = span(whole, 'colspan');
      for (let i = 0; i < colspan; i++) covered[row.length + i] = rowspan - 1;
      cell = '';
    } else if (tag === 'br' && cell !== null) cell += '\u0000';
  }
  endRow();
  return rows;
}
