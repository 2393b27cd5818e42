// A Word table from plain data, as it replaces a table placeholder: single-line borders, fixed column widths in
// proportion to the given ones, header rows (a grouped heading over its columns, like the official forms) repeated
// on every page, rows that do not break across pages. Its cells name their fonts and spacing themselves, so the
// body's first-line indent and fixed line pitch of a 公文 template do not leak into them.
import { escapeXml, textNode } from './xml';

export type CellText = string | number | null | undefined;

export interface WordColumn {
  header: string;
  /** A heading over consecutive columns with the same group (e.g. 监测户). */
  group?: string;
  /** Relative width (e.g. in characters): the columns share the table's width in these proportions. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface WordTable {
  columns: readonly WordColumn[];
  rows: readonly (readonly CellText[])[];
  /** Font size in half-points; default that of the template's tables (小四). Wide forms take 小五 (18). */
  size?: number;
}

export interface TableStyle {
  /** The width of the table in twips (the text width of the page it stands on). */
  width: number;
  /** Font size in half-points (24 = 小四, 21 = 五号). */
  size: number;
  /** East Asian fonts of the body and of the header. */
  font: string;
  headerFont: string;
}

const runProperties = (style: TableStyle, font: string) =>
  `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${escapeXml(font)}" w:cs="Times New Roman"/><w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/></w:rPr>`;

function paragraph(text: CellText, align: string, style: TableStyle, font: string): string {
  const content = text === null || text === undefined || text === '' ? '' : `<w:r>${runProperties(style, font)}${textNode(String(text))}</w:r>`;
  return (
    `<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>` +
    `<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="${align}"/>${runProperties(style, font)}</w:pPr>${content}</w:p>`
  );
}

function cell(text: CellText, width: number, options: { align: string; style: TableStyle; font: string; span?: number; vMerge?: 'restart' | 'continue' }): string {
  const span = options.span && options.span > 1 ? `<w:gridSpan w:val="${options.span}"/>` : '';
  const merge = options.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : options.vMerge === 'continue' ? '<w:vMerge/>' : '';
  return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${span}${merge}<w:vAlign w:val="center"/></w:tcPr>${paragraph(options.vMerge === 'continue' ? '' : text, options.align, options.style, options.font)}</w:tc>`;
}

const headerRow = (cells: string) => `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${cells}</w:tr>`;

/** The header rows: one, or two when columns are grouped (the group over its columns, the others merged down). */
function headerRows(columns: readonly WordColumn[], widths: number[], style: TableStyle): string {
  const header = { align: 'center', style, font: style.headerFont };
  if (!columns.some((c) => c.group)) return headerRow(columns.map((c, i) => cell(c.header, widths[i]!, header)).join(''));
  let top = '';
  let bottom = '';
  for (let i = 0; i < columns.length; ) {
    const group = columns[i]!.group;
    if (!group) {
      top += cell(columns[i]!.header, widths[i]!, { ...header, vMerge: 'restart' });
      bottom += cell('', widths[i]!, { ...header, vMerge: 'continue' });
      i++;
      continue;
    }
    let j = i;
    while (j < columns.length && columns[j]!.group === group) j++;
    top += cell(group, widths.slice(i, j).reduce((a, b) => a + b, 0), { ...header, span: j - i });
    for (let k = i; k < j; k++) bottom += cell(columns[k]!.header, widths[k]!, header);
    i = j;
  }
  return headerRow(top) + headerRow(bottom);
}

const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;

export function tableXml(table: WordTable, style: TableStyle): string {
  const total = table.columns.reduce((n, c) => n + c.width, 0) || 1;
  const widths = table.columns.map((c) => Math.floor((c.width / total) * style.width));
  const properties =
    `<w:tblPr><w:tblW w:w="${style.width}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders>` +
    `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>`;
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const body = table.rows
    .map((row) => {
      const cells = table.columns.map((c, i) => cell(row[i], widths[i]!, { align: c.align ?? (typeof row[i] === 'number' ? 'right' : 'center'), style, font: style.font }));
      return `<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells.join('')}</w:tr>`;
    })
    .join('');
  return `<w:tbl>${properties}${grid}${headerRows(table.columns, widths, style)}${body}</w:tbl>`;
}
