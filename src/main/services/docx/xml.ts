// The little of WordprocessingML the template engine reads: text nodes (<w:t>), and the paragraph (<w:p>), table
// row (<w:tr>) or table (<w:tbl>) around a position — found by counting tags, so tables in table cells and text
// boxes in paragraphs are nested correctly. The XML is handled as text: what the engine does not touch stays byte
// for byte as Word or WPS wrote it.
import { unescapeXml } from '../xlsx/unescape';

export { unescapeXml };

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Every text node: its whole element, where it starts, and its text as written (escaped). */
export const TEXT_NODE = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;

/** A run of text as Word keeps it: `xml:space` so leading and trailing spaces survive. */
export const textNode = (text: string): string => `<w:t xml:space="preserve">${escapeXml(text)}</w:t>`;

/** The plain text of a piece of XML: its text nodes, concatenated. */
export function plainText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(TEXT_NODE)) text += unescapeXml(m[1]!);
  return text;
}

export interface Span {
  start: number;
  end: number;
}

/** Opening (not self-closing) and closing tags of one element name, e.g. w:p (not w:pPr). */
const tagPattern = (tag: string) => new RegExp(`<${tag}(?=[\\s/>])[^>]*>|</${tag}>`, 'g');

/**
 * The innermost element `tag` (w:p, w:tr, w:tbl) that contains `position`, from its opening tag to the end of its
 * closing tag; null when there is none.
 */
export function enclosing(xml: string, position: number, tag: string): Span | null {
  const tags = [...xml.matchAll(tagPattern(tag))].filter((m) => !m[0].endsWith('/>'));
  let start = -1;
  let depth = 0;
  let index = tags.length - 1;
  for (; index >= 0; index--) {
    const m = tags[index]!;
    if (m.index! >= position) continue;
    if (m[0].startsWith('</')) depth++;
    else if (depth === 0) {
      start = m.index!;
      break;
    } else depth--;
  }
  if (start < 0) return null;
  depth = 0;
  for (let i = index + 1; i < tags.length; i++) {
    const m = tags[i]!;
    if (!m[0].startsWith('</')) depth++;
    else if (depth === 0) return m.index! >= position ? { start, end: m.index! + m[0].length } : null;
    else depth--;
  }
  return null;
}

/** Whether a piece of XML opens and closes the same elements: a cut through it keeps the document well-formed. */
export function balanced(xml: string): boolean {
  return ['w:p', 'w:tr', 'w:tc', 'w:tbl', 'w:txbxContent', 'w:sdt'].every((tag) => {
    let depth = 0;
    for (const m of xml.matchAll(tagPattern(tag))) {
      if (m[0].endsWith('/>')) continue;
      depth += m[0].startsWith('</') ? -1 : 1;
      if (depth < 0) return false;
    }
    return depth === 0;
  });
}
