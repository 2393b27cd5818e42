// A template filled once per item into ONE document — the household forms: the template is one household's form,
// the document that form for every household of a village. Each item's copy of the body ends in a section break,
// so it starts on a new page and has headers and footers of its own: they are filled with the item's values (its
// 户编号 and QR code stand on every page it takes, however long it runs). Everything else of the template —
// styles, numbering, fonts, page set-up — is the template's, unchanged.
import { addRelationship, MediaSink, relsPathOf, renumberDrawings } from './image';
import { fillPartXml, finishDocument, isTextPart, newFillReport, type FillResult, type TemplateValues } from './template';
import type { DocxParts } from './zip';

const HEADER_FOOTER = /\/relationships\/(header|footer)$/;
const REFERENCE = /<w:(?:header|footer)Reference\b[^>]*\/>/g;

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationshipsOf(parts: DocxParts, part: string): Relationship[] {
  const xml = parts.get(relsPathOf(part))?.toString('utf8') ?? '';
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: /\bId="([^"]*)"/.exec(m[0])?.[1] ?? '',
    type: /\bType="([^"]*)"/.exec(m[0])?.[1] ?? '',
    target: /\bTarget="([^"]*)"/.exec(m[0])?.[1] ?? '',
  }));
}

/** The body of document.xml in three: what comes before its content, the content, and the last section's properties. */
function splitBody(xml: string): { head: string; content: string; lastSection: string; tail: string } {
  const open = /<w:body\b[^>]*>/.exec(xml)!;
  const bodyStart = open.index + open[0].length;
  const bodyEnd = xml.lastIndexOf('</w:body>');
  const at = xml.lastIndexOf('<w:sectPr', bodyEnd);
  // The body's own section properties come last, after every paragraph and table.
  const own = at > Math.max(xml.lastIndexOf('</w:p>', bodyEnd), xml.lastIndexOf('</w:tbl>', bodyEnd)) ? at : bodyEnd;
  return { head: xml.slice(0, bodyStart), content: xml.slice(bodyStart, own), lastSection: xml.slice(own, bodyEnd), tail: xml.slice(bodyEnd) };
}

/** Each item's part names: header3.xml of the template becomes header4.xml, header5.xml … (Word's own naming). */
function partNamer(parts: DocxParts) {
  const next: Record<string, number> = {};
  for (const name of parts.keys()) {
    const m = /^word\/(header|footer)(\d+)\.xml$/.exec(name);
    if (m) next[m[1]!] = Math.max(next[m[1]!] ?? 0, Number(m[2]));
  }
  return (kind: string) => `${kind}${(next[kind] = (next[kind] ?? 0) + 1)}.xml`;
}

/** The content type a part is declared with, declared again for its copy. */
function declareCopy(parts: DocxParts, original: string, copy: string): void {
  const types = parts.get('[Content_Types].xml')!.toString('utf8');
  const type = new RegExp(`<Override\\b[^>]*PartName="/${original.replace(/[.]/g, '\\.')}"[^>]*ContentType="([^"]*)"`).exec(types)?.[1] ?? new RegExp(`<Override\\b[^>]*ContentType="([^"]*)"[^>]*PartName="/${original.replace(/[.]/g, '\\.')}"`).exec(types)?.[1];
  if (type) parts.set('[Content_Types].xml', Buffer.from(types.replace('</Types>', `<Override PartName="/${copy}" ContentType="${type}"/></Types>`)));
}

/** A part taken out of the package with its relationships and its content type (the template's headers, once copied). */
function removePart(parts: DocxParts, part: string, relationshipId: string): void {
  parts.delete(part);
  parts.delete(relsPathOf(part));
  const rels = relsPathOf('word/document.xml');
  parts.set(rels, Buffer.from(parts.get(rels)!.toString('utf8').replace(new RegExp(`<Relationship\\b[^>]*\\bId="${relationshipId}"[^>]*/>`), '')));
  const types = parts.get('[Content_Types].xml')!.toString('utf8');
  parts.set('[Content_Types].xml', Buffer.from(types.replace(new RegExp(`<Override\\b[^>]*PartName="/${part.replace(/[.]/g, '\\.')}"[^>]*/>`), '')));
}

/** A copy of an item's body starting on a new page: its first section break is not 「continuous」 (nor odd/even page). */
const startsOnNewPage = (xml: string) => xml.replace(/(<w:sectPr\b[\s\S]*?)<w:type\b[^>]*\/>/, '$1');

/**
 * The template (openTemplate) filled once per item, every copy on new pages with its own headers and footers.
 * `onItem` is told after each item (for a progress bar).
 */
export function fillTemplateEach(template: DocxParts, items: readonly TemplateValues[], onItem?: (done: number, total: number) => void): FillResult {
  const report = newFillReport();
  const parts: DocxParts = new Map(template);
  const media = new MediaSink(parts);
  const nameOf = partNamer(template);
  const headersAndFooters = relationshipsOf(template, 'word/document.xml').filter((r) => HEADER_FOOTER.test(r.type));
  const documentXml = template.get('word/document.xml')!.toString('utf8');
  const newParts: string[] = [];
  let head = '';
  let tail = '';
  const bodies: string[] = [];
  items.forEach((values, index) => {
    // The item's own headers and footers: copies of the template's, filled with its values.
    const ids = new Map<string, string>();
    for (const r of headersAndFooters) {
      const original = `word/${r.target.replace(/^\.?\//, '')}`;
      const source = template.get(original);
      if (!source) continue;
      const copy = `word/${nameOf(/footer/.test(r.type) ? 'footer' : 'header')}`;
      const ownRels = template.get(relsPathOf(original));
      if (ownRels) parts.set(relsPathOf(copy), ownRels);
      parts.set(copy, Buffer.from(fillPartXml(source.toString('utf8'), values, report, media, copy)));
      declareCopy(parts, original, copy);
      ids.set(r.id, addRelationship(parts, 'word/document.xml', r.type, copy.slice('word/'.length)));
      newParts.push(copy);
    }
    const filled = splitBody(fillPartXml(documentXml, values, report, media, 'word/document.xml'));
    if (index === 0) ({ head, tail } = filled);
    const own = (xml: string) => xml.replace(REFERENCE, (reference) => reference.replace(/\br:id="([^"]*)"/, (whole, id: string) => (ids.has(id) ? `r:id="${ids.get(id)}"` : whole)));
    const content = own(filled.content);
    const lastSection = own(filled.lastSection);
    // The item ends in a section break: a paragraph holding the section's properties (the last item keeps them in the body).
    const body = index < items.length - 1 ? `${content}<w:p><w:pPr>${lastSection}</w:pPr></w:p>` : `${content}${lastSection}`;
    bodies.push(index === 0 ? body : startsOnNewPage(body));
    onItem?.(index + 1, items.length);
  });
  if (!items.length) return finishDocument(parts, media, report);
  for (const r of headersAndFooters) removePart(parts, `word/${r.target.replace(/^\.?\//, '')}`, r.id);
  parts.set('word/document.xml', Buffer.from(head + bodies.join('') + tail));
  renumberDrawings(parts, ['word/document.xml', ...newParts].filter(isTextPart));
  return finishDocument(parts, media, report);
}
