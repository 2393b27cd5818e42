// Writes tables in the official layout of the township's forms: a title row, a row with 填报单位 and the date,
// one or two rows of headers (columns grouped under merged headings), borders, A4 landscape with the header rows
// repeated on every printed page. The workbook's XML is made here, row by row, and deflated as it is made
// (zipWriter.ts), so a county's export never sits whole in memory and costs little more than its XML: the few
// styles the layout needs are written once, and every text is inline in its cell (no shared-strings table to
// build). Every text is written as text: an ID number stays digits, and a value starting with = + - @ never
// becomes a formula (there is no formula element at all).
import { markup, xmlText, XmlBytes } from './xmlBytes';
import { ZipWriter } from './zipWriter';

export interface OfficialColumn<R> {
  header: string;
  /** A heading over several columns (e.g. 工资性收入); consecutive columns with the same group share it. */
  group?: string;
  width: number;
  kind: 'text' | 'number';
  /** The cell of a row; `index` is the row's position in the sheet (for 序号). */
  value(row: R, index: number): string | number | null;
}

export interface OfficialSheet<R> {
  name: string;
  title: string;
  /** 填报单位 (e.g. 五顷塬回族乡人民政府). */
  unit: string;
  date: string;
  columns: OfficialColumn<R>[];
  rows: Iterable<R>;
  /** Printed pages across; default: as many as the column widths need. */
  pagesWide?: number;
}

/** About this many characters of column width fit across an A4 landscape page at 100 %. */
const PAGE_WIDTH = 150;
/** 填报日期：2023-11-20 with a margin. */
const DATE_WIDTH = 24;
/** A piece of a sheet's XML handed to the zip writer: large enough to cost little per piece, small enough to hold. */
const PIECE_BYTES = 1 << 20;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * The cell formats, by their index in styles.xml: the title (方正小标宋简体 16, bold, centred), the 填报日期 cell
 * (right-aligned), the header cells (宋体 10 bold, centred, wrapped, bordered) and the body cells (宋体 10, wrapped,
 * bordered; text columns formatted as text, 「@」, so what a clerk types into them stays text too).
 */
const enum Style {
  Plain = 0,
  Title = 1,
  Date = 2,
  Header = 3,
  Text = 4,
  Number = 5,
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
  '<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="16"/><name val="方正小标宋简体"/></font><font><b/><sz val="10"/><name val="宋体"/></font><font><sz val="10"/><name val="宋体"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="right"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="49" fontId="3" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** Column letters: 0 → A, 27 → AB. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A cell holding a text, inline; leading or trailing spaces are kept (xml:space). */
function textCell(ref: string, style: Style, text: string): string {
  const space = text.length > 0 && (isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)));
  return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="inlineStr"><is><t${space ? ' xml:space="preserve"' : ''}>${xmlText(text)}</t></is></c>`;
}

/** Where a sheet's title, 填报单位 and date, headers and merged cells go: the same for any number of rows. */
function layoutOf<R>(sheet: OfficialSheet<R>) {
  const columns = sheet.columns;
  const n = columns.length;
  const grouped = columns.some((c) => c.group);
  const lastHeaderRow = 2 + (grouped ? 2 : 1);
  // A wide form prints on several pages side by side, each repeating the first columns (村, 组, 户编号, 户主) so a
  // page can be read on its own; PAGE_WIDTH characters fit across a page.
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0);
  const pagesWide = sheet.pagesWide ?? Math.max(1, Math.ceil(totalWidth / PAGE_WIDTH));
  const repeatedColumns = pagesWide > 1 ? Math.min(4, n) : 0;
  // The title and the 填报单位/日期 line sit over the first printed page, where they are read.
  let firstPage = 0;
  const pageWidth = pagesWide === 1 ? totalWidth : PAGE_WIDTH;
  for (let width = 0; firstPage < n && width + columns[firstPage]!.width <= pageWidth; firstPage++) width += columns[firstPage]!.width;
  firstPage = Math.max(1, firstPage);
  const merges: string[] = [];
  const merge = (row1: number, col1: number, row2: number, col2: number) => merges.push(`${columnName(col1 - 1)}${row1}:${columnName(col2 - 1)}${row2}`);
  if (firstPage > 1) merge(1, 1, 1, firstPage);

  // 填报单位 on the left and 填报日期 on the right of the first page, each in cells merged wide enough to hold it
  // whole (a date squeezed into one narrow cell loses its first characters in print).
  const unitText = `填报单位：${sheet.unit}`;
  const dateText = `填报日期：${sheet.date}`;
  let dateStart = firstPage;
  for (let width = columns[firstPage - 1]!.width; dateStart > 1 && width < DATE_WIDTH; dateStart--) width += columns[dateStart - 2]!.width;
  let unitRow: string;
  if (dateStart <= 1) unitRow = textCell('A2', Style.Plain, `${unitText}　${dateText}`);
  else {
    unitRow = textCell('A2', Style.Plain, unitText) + textCell(`${columnName(dateStart - 1)}2`, Style.Date, dateText);
    if (dateStart > 2) merge(2, 1, 2, dateStart - 1);
    if (firstPage > dateStart) merge(2, dateStart, 2, firstPage);
  }

  // Header rows: a grouped column has its group above it; an ungrouped one spans both rows. Every header cell is
  // written, also those a merge covers, so the borders are whole.
  const top: string[] = [];
  const bottom: string[] = [];
  const empty = (ref: string) => `<c r="${ref}" s="${Style.Header}"/>`;
  for (let i = 0; i < n; ) {
    const column = columns[i]!;
    if (column.group) {
      let j = i;
      while (j + 1 < n && columns[j + 1]!.group === column.group) j++;
      top.push(textCell(`${columnName(i)}3`, Style.Header, column.group));
      for (let k = i + 1; k <= j; k++) top.push(empty(`${columnName(k)}3`));
      if (j > i) merge(3, i + 1, 3, j + 1);
      for (let k = i; k <= j; k++) bottom.push(textCell(`${columnName(k)}4`, Style.Header, columns[k]!.header));
      i = j + 1;
    } else {
      top.push(textCell(`${columnName(i)}3`, Style.Header, column.header));
      if (grouped) {
        bottom.push(empty(`${columnName(i)}4`));
        merge(3, i + 1, 4, i + 1);
      }
      i++;
    }
  }
  const head =
    `<row r="1" ht="32" customHeight="1">${textCell('A1', Style.Title, sheet.title)}</row>` +
    `<row r="2">${unitRow}</row>` +
    `<row r="3" ht="30" customHeight="1">${top.join('')}</row>` +
    (grouped ? `<row r="4" ht="30" customHeight="1">${bottom.join('')}</row>` : '');
  return { lastHeaderRow, pagesWide, repeatedColumns, head, merges };
}

/** A sheet's XML in pieces: the head, the rows as they are read, the merges and the page setup. */
function* sheetXml<R>(sheet: OfficialSheet<R>, layout: ReturnType<typeof layoutOf<R>>, counted: (rows: number) => void): Generator<string | Buffer> {
  const { columns } = sheet;
  const n = columns.length;
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  const frozen = `<pane ySplit="${layout.lastHeaderRow}" topLeftCell="A${layout.lastHeaderRow + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>`;
  yield `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0">${frozen}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${layout.head}`;

  // Per column, the markup around its cells, encoded once: `<c r="E`, then the row number, then the rest.
  const opens = columns.map((_, i) => markup(`<c r="${columnName(i)}`));
  const styled = columns.map((c) => `" s="${c.kind === 'text' ? Style.Text : Style.Number}"`);
  const empties = styled.map((s) => markup(`${s}/>`));
  const numbers = styled.map((s) => markup(`${s}><v>`));
  const texts = styled.map((s) => markup(`${s} t="inlineStr"><is><t>`));
  const spaced = styled.map((s) => markup(`${s} t="inlineStr"><is><t xml:space="preserve">`));
  const [numberEnd, textEnd, rowStart, rowEnd] = ['</v></c>', '</t></is></c>', '<row r="', '</row>'].map(markup) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const numeric = columns.map((c) => c.kind === 'number');
  const xml = new XmlBytes(PIECE_BYTES + (1 << 16));
  let count = 0;
  for (const record of sheet.rows) {
    const rowNo = String(layout.lastHeaderRow + 1 + count);
    xml.bytes(rowStart);
    xml.ascii(rowNo);
    xml.ascii('">');
    for (let c = 0; c < n; c++) {
      const v = columns[c]!.value(record, count);
      xml.bytes(opens[c]!);
      xml.ascii(rowNo);
      if (v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v))) xml.bytes(empties[c]!);
      else if (numeric[c] && typeof v === 'number') {
        xml.bytes(numbers[c]!);
        xml.ascii(String(v));
        xml.bytes(numberEnd);
      } else {
        const text = String(v);
        xml.bytes(isSpace(text.charCodeAt(0)) || isSpace(text.charCodeAt(text.length - 1)) ? spaced[c]! : texts[c]!);
        xml.text(text);
        xml.bytes(textEnd);
      }
    }
    xml.bytes(rowEnd);
    count++;
    if (xml.length >= PIECE_BYTES) yield xml.take();
  }
  counted(count);
  const merges = layout.merges.length ? `<mergeCells count="${layout.merges.length}">${layout.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
  yield xml.take();
  yield (
    `</sheetData>${merges}` +
    '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="${layout.pagesWide}" fitToHeight="0"/>` +
    '<headerFooter><oddFooter>第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter></worksheet>'
  );
}

/** A sheet's name in a formula: quoted, a quote doubled. */
const sheetRef = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** workbook.xml: the sheets, and per sheet the rows (and columns) printed on every page. */
function workbookXml(sheets: { name: string; lastHeaderRow: number; repeatedColumns: number }[]): string {
  const entries = sheets.map((s, i) => `<sheet name="${xmlText(s.name).replace(/"/g, '&quot;')}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const titles = sheets
    .map((s, i) => {
      const ref = sheetRef(s.name);
      const rows = `${ref}!$1:$${s.lastHeaderRow}`;
      const range = s.repeatedColumns ? `${ref}!$A:$${columnName(s.repeatedColumns - 1)},${rows}` : rows;
      return `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(range)}</definedName>`;
    })
    .join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>${entries}</sheets><definedNames>${titles}</definedNames></workbook>`;
}

function packageParts(sheetCount: number): [string, string][] {
  const sheets = Array.from({ length: sheetCount }, (_, i) => i + 1);
  const types =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheets.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '</Types>';
  const rels = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((i) => `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join('') +
    `<Relationship Id="rId${sheetCount + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`;
  return [
    ['[Content_Types].xml', types],
    ['_rels/.rels', rels],
    ['xl/_rels/workbook.xml.rels', workbookRels],
    ['xl/styles.xml', STYLES],
  ];
}

/** Writes the sheets as one workbook; the rows written. Rejects with the file's error when writing fails. */
export async function writeOfficialWorkbook<R>(path: string, sheets: OfficialSheet<R>[]): Promise<number> {
  return ZipWriter.write(path, async (zip) => {
    for (const [name, xml] of packageParts(sheets.length)) await zip.add(name, xml);
    const layouts = sheets.map(layoutOf);
    await zip.add('xl/workbook.xml', workbookXml(sheets.map((s, i) => ({ name: s.name, ...layouts[i]! }))));
    let written = 0;
    for (const [i, sheet] of sheets.entries()) await zip.add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(sheet, layouts[i]!, (rows) => (written += rows)));
    return written;
  });
}
