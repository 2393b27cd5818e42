// Placeholders as the clerk types them in Word: {{新识别监测户数}} (a value), {{分村统计表}} (a table, alone in its
// paragraph), {{#家庭成员}} … {{/家庭成员}} (a block repeated per item). Word often splits what was typed at once
// over several runs — a spelling mark (w:proofErr), a bookmark, a change of formatting or an edit in the middle —
// so the text nodes of each paragraph are read together, and a placeholder spread over several is moved whole into
// the first of them (keeping that run's formatting); the others keep what they held outside it.
import { TEXT_NODE, textNode, unescapeXml } from './xml';

/** A placeholder in plain text; group 1 is # (block start), / (block end) or empty, group 2 the name. */
export const PLACEHOLDER = /\{\{\s*([#/]?)\s*([^{}#/\s][^{}]*?)\s*\}\}/g;

interface TextPiece {
  start: number;
  end: number;
  text: string;
}

const PARAGRAPH_END = '</w:p>';

/** The text nodes of the document, paragraph by paragraph (a paragraph ends at its </w:p>). */
function paragraphsOfText(xml: string): TextPiece[][] {
  const paragraphs: TextPiece[][] = [];
  let current: TextPiece[] = [];
  let searchFrom = 0;
  let nextEnd = xml.indexOf(PARAGRAPH_END);
  for (const m of xml.matchAll(TEXT_NODE)) {
    while (nextEnd >= 0 && nextEnd < m.index!) {
      if (current.length) paragraphs.push(current);
      current = [];
      searchFrom = nextEnd + PARAGRAPH_END.length;
      nextEnd = xml.indexOf(PARAGRAPH_END, searchFrom);
    }
    current.push({ start: m.index!, end: m.index! + m[0].length, text: unescapeXml(m[1]!) });
  }
  if (current.length) paragraphs.push(current);
  return paragraphs;
}

/** The document with every placeholder inside a single text node. Paragraphs without a split one stay as they are. */
export function joinSplitPlaceholders(xml: string): string {
  const edits: { start: number; end: number; xml: string }[] = [];
  for (const pieces of paragraphsOfText(xml)) {
    if (pieces.length < 2) continue;
    const whole = pieces.map((p) => p.text).join('');
    // Which piece each character of the paragraph goes to: its own, or for a split placeholder the first one's.
    const owner = pieces.flatMap((p, i) => Array<number>(p.text.length).fill(i));
    let changed = false;
    for (const m of whole.matchAll(PLACEHOLDER)) {
      const from = m.index!;
      const to = from + m[0].length;
      if (owner[from] === owner[to - 1]) continue;
      changed = true;
      owner.fill(owner[from]!, from, to);
    }
    if (!changed) continue;
    const texts = pieces.map(() => '');
    for (let position = 0; position < whole.length; position++) texts[owner[position]!] = `${texts[owner[position]!]}${whole[position]}`;
    pieces.forEach((p, i) => {
      if (texts[i] !== p.text) edits.push({ start: p.start, end: p.end, xml: textNode(texts[i]!) });
    });
  }
  let out = '';
  let cursor = 0;
  for (const e of edits) {
    out += xml.slice(cursor, e.start) + e.xml;
    cursor = e.end;
  }
  return out + xml.slice(cursor);
}

/** The names of the placeholders in a piece of XML (after joinSplitPlaceholders), blocks marked #名. */
export function placeholderNames(xml: string): string[] {
  const names = new Set<string>();
  for (const node of xml.matchAll(TEXT_NODE)) {
    for (const m of unescapeXml(node[1]!).matchAll(PLACEHOLDER)) if (m[1] !== '/') names.add(`${m[1]}${m[2]}`);
  }
  return [...names];
}
