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
