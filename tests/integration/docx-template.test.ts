// The docx template engine on documents as Word writes them: placeholders split over runs, spelling marks and
// bookmarks, a table placeholder, rows and paragraphs repeated per item, unknown placeholders reported and left
// standing, and templates that are no .docx at all refused with a Chinese message.
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { fillDocx, type WordTable } from '../../src/main/services/docx/template';
import { readDocxParts, writeDocxParts } from '../../src/main/services/docx/zip';
import { thrownBy } from '../helpers';

const body = (bytes: Buffer) => readDocxParts(bytes, 'x.docx').get('word/document.xml')!.toString('utf8');
/** The document's text, paragraph by paragraph. */
const paragraphs = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

/** A template as Word leaves it after editing: text in several runs, a spelling mark and a bookmark in a placeholder. */
async function template(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun('全乡共有农户'), new TextRun('SPLIT_HERE'), new TextRun('户，其中监测户{{监测户数}}户。')] }),
          new Paragraph({ children: [new TextRun('{{分村统计表}}')] }),
          new Paragraph({ children: [new TextRun('{{#家庭成员}}')] }),
          new Paragraph({ children: [new TextRun('成员：{{姓名}}，{{与户主关系}}（{{乡镇}}）')] }),
          new Paragraph({ children: [new TextRun('{{/家庭成员}}')] }),
          new Table({
            rows: [
              new TableRow({ children: [new TableCell({ children: [new Paragraph('收入项目')] }), new TableCell({ children: [new Paragraph('金额')] })] }),
              new TableRow({ children: [new TableCell({ children: [new Paragraph('{{#收入}}{{项目}}')] }), new TableCell({ children: [new Paragraph('{{金额}}{{/收入}}')] })] }),
            ],
          }),
          new Paragraph({ children: [new TextRun('备注：{{没有这个数}}，{{年度}}年')] }),
        ],
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  const parts = readDocxParts(bytes, 't.docx');
  // What Word does to a placeholder typed at once: a spelling mark, a bookmark and a formatting change inside it.
  const split =
    '</w:t></w:r><w:r><w:t>{{</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>总户</w:t></w:r>' +
    '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:proofErr w:type="spellEnd"/><w:r><w:t>数}</w:t></w:r><w:r><w:t>}';
  parts.set('word/document.xml', Buffer.from(parts.get('word/document.xml')!.toString('utf8').replace('SPLIT_HERE', split)));
  return writeDocxParts(parts);
}

const villages: WordTable = { columns: [{ header: '行政村', width: 6 }, { header: '户数', width: 3, group: '合计' }, { header: '人数', width: 3, group: '合计' }], rows: [['东塬村', 14, 49], ['南庄村', 13, 40]] };

describe('the docx template engine', () => {
  it('fills placeholders split over runs, spelling marks and bookmarks, and keeps the rest of the paragraph', async () => {
    const result = fillDocx(await template(), 't.docx', { 总户数: 40, 监测户数: 9, 乡镇: '五顷塬回族乡', 年度: 2023, 分村统计表: villages, 家庭成员: [], 收入: [] });
    const text = paragraphs(body(result.bytes));
    expect(text).toContain('全乡共有农户40户，其中监测户9户。');
    expect(result.filled).toEqual(expect.arrayContaining(['总户数', '监测户数', '分村统计表']));
  });

  it('replaces a table placeholder with a Word table whose header rows repeat on every page', async () => {
    const xml = body(fillDocx(await template(), 't.docx', { 分村统计表: villages }).bytes);
    const table = /<w:tbl>(?:(?!<\/w:tbl>)[\s\S])*南庄村[\s\S]*?<\/w:tbl>/.exec(xml)![0];
    expect(table.match(/<w:tblHeader\/>/g)).toHaveLength(2);
    expect(paragraphs(table)).toEqual(['行政村', '合计', '', '户数', '人数', '东塬村', '14', '49', '南庄村', '13', '40']);
    expect(xml).not.toContain('{{分村统计表}}');
  });

  it('repeats paragraphs and table rows once per item, with the item’s values and the document’s', async () => {
    const result = fillDocx(await template(), 't.docx', {
      乡镇: '五顷塬回族乡',
      家庭成员: [
        { 姓名: '马海军', 与户主关系: '户主' },
        { 姓名: '冯淑珍', 与户主关系: '配偶' },
      ],
      收入: [
        { 项目: '务工收入', 金额: 24000 },
        { 项目: '种植业收入', 金额: 3000 },
      ],
    });
    const text = paragraphs(body(result.bytes));
    expect(text).toContain('成员：马海军，户主（五顷塬回族乡）');
    expect(text).toContain('成员：冯淑珍，配偶（五顷塬回族乡）');
    // The marker paragraphs go; the rows of the income table are the header and one per item.
    expect(text.some((t) => t.includes('家庭成员'))).toBe(false);
    expect(text.slice(text.indexOf('收入项目'), text.indexOf('收入项目') + 6)).toEqual(['收入项目', '金额', '务工收入', '24000', '种植业收入', '3000']);
    expect(result.filled).toEqual(expect.arrayContaining(['#家庭成员', '#收入']));
  });

  it('reports unknown placeholders and leaves them standing for the clerk to see', async () => {
    const result = fillDocx(await template(), 't.docx', { 年度: 2023 });
    expect(result.unknown).toEqual(expect.arrayContaining(['没有这个数', '总户数', '分村统计表', '#家庭成员']));
    expect(paragraphs(body(result.bytes))).toContain('备注：{{没有这个数}}，2023年');
  });

  it('says what is wrong with a file that is no Word document', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(thrownBy(() => fillDocx(ole, '旧模板.doc', {})).message).toContain('「旧模板.doc」是旧版 Word 文档（.doc）或设置了打开密码');
    expect(thrownBy(() => fillDocx(Buffer.from('不是文档'), '模板.docx', {})).message).toContain('「模板.docx」不是 Word 文档（.docx）');
    expect(thrownBy(() => fillDocx(Buffer.alloc(0), '空.docx', {})).message).toContain('是空文件');
    const whole = await template();
    expect(thrownBy(() => fillDocx(whole.subarray(0, whole.length - 40), '半个.docx', {})).message).toContain('不完整或已损坏');
    const xlsx = writeDocxParts(new Map([['xl/workbook.xml', Buffer.from('<workbook/>')]]));
    expect(thrownBy(() => fillDocx(xlsx, '表格.docx', {})).message).toContain('其中没有正文');
  });
});
