// What the docx engine does for the household forms, on the package itself: a picture fills a placeholder as an
// inline image whose part, relationship and content type are all there; a template filled once per item gives one
// section per item — its own headers and footers filled with the item's values, starting on a new page even where
// the template's section said 「continuous」 — with every relationship resolving, every part declared and every
// drawing numbered once, as Word requires.
import { Document, Footer, Header, Packer, Paragraph, SectionType, TextRun } from 'docx';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { fillTemplateEach } from '../../src/main/services/docx/sections';
import { fillTemplate, openTemplate, type TemplateValues, type WordImage } from '../../src/main/services/docx/template';
import { readDocxParts, type DocxParts } from '../../src/main/services/docx/zip';
import { isPng } from '../support/png';

const picture = async (text: string): Promise<WordImage> => ({ png: await QRCode.toBuffer(text, { type: 'png' }), widthMm: 18, heightMm: 18, description: '二维码' });

/** One household's form: the 户编号 in the header, the QR code and the members in the body, the 户主 in the footer. */
async function template(sectionType?: (typeof SectionType)[keyof typeof SectionType]): Promise<DocxParts> {
  const bytes = await Packer.toBuffer(
    new Document({
      sections: [
        {
          properties: sectionType ? { type: sectionType } : {},
          headers: { default: new Header({ children: [new Paragraph('户编号：{{户编号}}')] }) },
          footers: { default: new Footer({ children: [new Paragraph('户主：{{户主姓名}}')] }) },
          children: [
            new Paragraph({ children: [new TextRun('二维码：{{二维码}}')] }),
            new Paragraph('{{#家庭成员}}'),
            new Paragraph('成员：{{姓名}}'),
            new Paragraph('{{/家庭成员}}'),
          ],
        },
      ],
    }),
  );
  return openTemplate(bytes, '模板.docx');
}

const household = async (hhNo: string, head: string): Promise<TemplateValues> => ({ 户编号: hhNo, 户主姓名: head, 二维码: await picture(hhNo), 家庭成员: [{ 姓名: head }, { 姓名: `${head}之子` }] });

/** Every relationship id a part uses resolves to a part of the package. */
function assertResolves(parts: DocxParts, part: string): void {
  const xml = parts.get(part)!.toString('utf8');
  const rels = parts.get(part.replace(/^word\//, 'word/_rels/') + '.rels')?.toString('utf8') ?? '';
  for (const [, id] of xml.matchAll(/r:(?:id|embed)="([^"]+)"/g)) {
    const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)?.[1];
    expect(target, `${part} ${id}`).toBeTruthy();
    expect(parts.has(`word/${target}`), `${part} → ${target}`).toBe(true);
  }
}

describe('pictures in a template', () => {
  it('fill a placeholder as an inline PNG the package relates and declares', async () => {
    const result = fillTemplate(await template(), { ...(await household('6210251030010001', '马海军')), 家庭成员: [] });
    const parts = readDocxParts(result.bytes, 'out.docx');
    const xml = parts.get('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/二维码：<\/w:t><w:drawing><wp:inline/);
    expect(result.filled).toContain('二维码');
    const media = [...parts.keys()].filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(isPng(parts.get(media[0]!)!)).toBe(true);
    expect(parts.get('[Content_Types].xml')!.toString('utf8')).toMatch(/Extension="png"/);
    assertResolves(parts, 'word/document.xml');
  });
});

describe('a template filled once per household', () => {
  it('gives every household a section of its own, with its own header, footer and QR code', async () => {
    const items = [await household('6210251030010001', '马海军'), await household('6210251030010002', '冯淑珍'), await household('6210251030010003', '李思源')];
    const result = fillTemplateEach(await template(), items);
    expect(result.unknown).toEqual([]);
    const parts = readDocxParts(result.bytes, 'out.docx');
    const xml = parts.get('word/document.xml')!.toString('utf8');
    // Two section breaks inside the body, the last section's properties at its end.
    expect(xml.match(/<w:pPr><w:sectPr/g)).toHaveLength(2);
    expect(xml.match(/<w:sectPr/g)).toHaveLength(3);
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0].replace(/<[^>]+>/g, ''));
    expect(paragraphs.filter((t) => t.startsWith('成员：'))).toEqual(['成员：马海军', '成员：马海军之子', '成员：冯淑珍', '成员：冯淑珍之子', '成员：李思源', '成员：李思源之子']);
    const headers = [...parts.keys()].filter((name) => /^word\/header\d+\.xml$/.test(name));
    const footers = [...parts.keys()].filter((name) => /^word\/footer\d+\.xml$/.test(name));
    const textOf = (part: string) => parts.get(part)!.toString('utf8').replace(/<[^>]+>/g, '');
    expect(headers.map((h) => /户编号：(\d+)/.exec(textOf(h))![1]).sort()).toEqual(['6210251030010001', '6210251030010002', '6210251030010003']);
    expect(footers.map((f) => /户主：(\S+)/.exec(textOf(f))![1]).sort()).toEqual(['冯淑珍', '李思源', '马海军']);
    // Each section names its own header: three different ones, in the order of the households.
    const sectionHeaders = [...xml.matchAll(/<w:headerReference [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(sectionHeaders).size).toBe(3);
    for (const part of ['word/document.xml', ...headers, ...footers]) assertResolves(parts, part);
    const types = parts.get('[Content_Types].xml')!.toString('utf8');
    for (const part of [...headers, ...footers]) expect(types).toContain(`PartName="/${part}"`);
    // Every drawing numbered once over the document.
    const ids = [...xml.matchAll(/<wp:docPr [^>]*id="(\d+)"/g)].map((m) => m[1]);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(xml).not.toContain('{{');
  });

  it('starts every household on a new page even where the template’s section is continuous', async () => {
    const result = fillTemplateEach(await template(SectionType.CONTINUOUS), [await household('6210251030010001', '马海军'), await household('6210251030010002', '冯淑珍')]);
    const xml = readDocxParts(result.bytes, 'out.docx').get('word/document.xml')!.toString('utf8');
    const sections = [...xml.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    // The second household's section (the document's last) starts on a new page: no 「continuous」 left on it.
    expect(sections[1]).not.toContain('continuous');
  });
});
