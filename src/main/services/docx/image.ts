// Pictures a template is filled with (a household's QR code): a PNG placed where its placeholder stands, inline in
// the text like a character, at a given size. A picture is a part of its own (word/media/…png) that the part
// showing it (the body, a header) names in its relationships; the package says what a .png is in [Content_Types].xml.
import type { DocxParts } from './zip';

/** A PNG as a template value, and its printed size in millimetres. */
export interface WordImage {
  png: Buffer;
  widthMm: number;
  heightMm: number;
  /** What the picture is, for the document's own description of it (e.g. 户编号二维码). */
  description: string;
}

export const isImage = (value: unknown): value is WordImage => typeof value === 'object' && value !== null && 'png' in value;

const NS = {
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
};
const IMAGE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const EMU_PER_MM = 36000;

/** The relationships part of a part: word/header1.xml → word/_rels/header1.xml.rels. */
export const relsPathOf = (part: string): string => {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
};

const EMPTY_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/** Adds a relationship to a part's relationships (creating them when the part has none); returns its id. */
export function addRelationship(parts: DocxParts, part: string, type: string, target: string): string {
  const path = relsPathOf(part);
  // An empty list may be written self-closing (<Relationships …/>): opened, so a relationship can go in.
  const xml = (parts.get(path)?.toString('utf8') ?? EMPTY_RELS).replace(/<Relationships\b([^>]*?)\s*\/>/, '<Relationships$1></Relationships>');
  const taken = new Set([...xml.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]));
  let n = taken.size + 1;
  while (taken.has(`rIdPaicha${n}`)) n++;
  const id = `rIdPaicha${n}`;
  parts.set(path, Buffer.from(xml.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`)));
  return id;
}

/** [Content_Types].xml knowing .png. */
function declarePng(parts: DocxParts): void {
  const types = parts.get('[Content_Types].xml')?.toString('utf8');
  if (!types || /Extension="png"/i.test(types)) return;
  parts.set('[Content_Types].xml', Buffer.from(types.replace('</Types>', '<Default Extension="png" ContentType="image/png"/></Types>')));
}

/** The part's root element declaring the prefixes a picture uses (Word's own parts do; others may not). */
export function withDrawingNamespaces(xml: string): string {
  const root = /<(w:(?:document|hdr|ftr))\b[^>]*>/.exec(xml);
  if (!root) return xml;
  const missing = (['wp', 'r'] as const).filter((prefix) => !root[0].includes(`xmlns:${prefix}=`));
  if (!missing.length) return xml;
  const declared = root[0].replace(/>$/, `${missing.map((prefix) => ` xmlns:${prefix}="${NS[prefix]}"`).join('')}>`);
  return xml.slice(0, root.index) + declared + xml.slice(root.index + root[0].length);
}

/** The pictures of one document being filled: each becomes a media part, related to the part that shows it. */
export class MediaSink {
  private count = 0;
  /** The parts that show a picture: their root element must declare the drawing prefixes. */
  readonly showing = new Set<string>();

  constructor(private readonly parts: DocxParts) {}

  /** The run content (<w:drawing>) showing `image` in `part`, its bytes added to the package. */
  drawing(part: string, image: WordImage): string {
    const n = ++this.count;
    let name = `media/paicha-${n}.png`;
    while (this.parts.has(`word/${name}`)) name = `media/paicha-${n}-${Math.random().toString(36).slice(2, 8)}.png`;
    this.parts.set(`word/${name}`, image.png);
    declarePng(this.parts);
    // Parts sit in word/ (document, headers, footers): their targets are relative to it.
    const id = addRelationship(this.parts, part, IMAGE_RELATIONSHIP, name);
    this.showing.add(part);
    const cx = Math.round(image.widthMm * EMU_PER_MM);
    const cy = Math.round(image.heightMm * EMU_PER_MM);
    const description = image.description.replace(/[&<>"]/g, '');
    // The docPr id is made unique over the whole document when it is written (renumberDrawings).
    return (
      `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
      `<wp:docPr id="${n}" name="${description} ${n}" descr="${description}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${NS.a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
      `<a:graphic xmlns:a="${NS.a}"><a:graphicData uri="${NS.pic}"><pic:pic xmlns:pic="${NS.pic}"><pic:nvPicPr><pic:cNvPr id="0" name="${name.slice(6)}"/><pic:cNvPicPr/></pic:nvPicPr>` +
      `<pic:blipFill><a:blip r:embed="${id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
      `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>`
    );
  }
}

/** Every drawing of the document numbered anew (1, 2, 3 … over all parts): Word wants each docPr id once. */
export function renumberDrawings(parts: DocxParts, textParts: readonly string[]): void {
  let n = 0;
  for (const part of textParts) {
    const xml = parts.get(part)!.toString('utf8');
    if (!xml.includes('<wp:docPr')) continue;
    parts.set(part, Buffer.from(xml.replace(/(<wp:docPr\b[^>]*?\sid=")\d+"/g, (_m, start: string) => `${start}${++n}"`)));
  }
}
