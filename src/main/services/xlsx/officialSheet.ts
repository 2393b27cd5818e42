// Writes tables in the official layout of the township's forms: a title row, a row with 填报单位 and the date,
// one or two rows of headers (columns grouped under merged headings), borders, A4 landscape with the header rows
// repeated on every printed page. Streams, so a county's export never sits whole in memory. Every text is written
// as text: an ID number stays digits, and a value starting with = + - @ never becomes a formula.
import type ExcelJS from 'exceljs';
import { writeWorkbookFile } from './workbookFile';

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

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const font = { name: '宋体', size: 10 };
/** About this many characters of column width fit across an A4 landscape page at 100 %. */
const PAGE_WIDTH = 150;
/** 填报日期：2023-11-20 with a margin. */
const DATE_WIDTH = 24;

/** Writes the sheets as one workbook; rejects with the file's error when writing fails (see workbookFile.ts). */
export async function writeOfficialWorkbook<R>(path: string, sheets: OfficialSheet<R>[]): Promise<number> {
  return writeWorkbookFile(path, { useStyles: true }, (workbook) => sheets.reduce((written, sheet) => written + writeSheet(workbook, sheet), 0));
}

function writeSheet<R>(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sheet: OfficialSheet<R>): number {
  const grouped = sheet.columns.some((c) => c.group);
  const headerRows = grouped ? 2 : 1;
  const lastHeaderRow = 2 + headerRows;
  // A wide form prints on several pages side by side, each repeating the first columns (村, 组, 户编号, 户主) so a
  // page can be read on its own; PAGE_WIDTH characters fit across a page.
  const totalWidth = sheet.columns.reduce((sum, c) => sum + c.width, 0);
  const pagesWide = sheet.pagesWide ?? Math.max(1, Math.ceil(totalWidth / PAGE_WIDTH));
  const repeatedColumns = pagesWide > 1 ? Math.min(4, sheet.columns.length) : 0;
  // The title and the 填报单位/日期 line sit over the first printed page, where they are read.
  let firstPage = 0;
  const pageWidth = pagesWide === 1 ? totalWidth : PAGE_WIDTH;
  for (let width = 0; firstPage < sheet.columns.length && width + sheet.columns[firstPage]!.width <= pageWidth; firstPage++) width += sheet.columns[firstPage]!.width;
  firstPage = Math.max(1, firstPage);
  const ws = workbook.addWorksheet(sheet.name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: pagesWide,
      fitToHeight: 0,
      printTitlesRow: `1:${lastHeaderRow}`,
      ...(repeatedColumns ? { printTitlesColumn: `A:${String.fromCharCode(64 + repeatedColumns)}` } : {}),
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: lastHeaderRow }],
  });
  const n = sheet.columns.length;
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  // One style object per column, shared by all its cells: exceljs recognises a style it has seen by identity, so a
  // county's 16 million cells cost one style lookup each instead of one style build each.
  const styles: Partial<ExcelJS.Style>[] = sheet.columns.map((c) => ({
    font,
    border: thin,
    alignment: { vertical: 'middle', wrapText: true },
    ...(c.kind === 'text' ? { numFmt: '@' } : {}),
  }));

  const title = ws.getRow(1);
  title.getCell(1).value = sheet.title;
  title.getCell(1).font = { name: '方正小标宋简体', size: 16, bold: true };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.getCell(1).border = {};
  title.height = 32;
  // The title and date lines have no grid lines.
  for (let c = 2; c <= n; c++) title.getCell(c).border = {};
  if (firstPage > 1) ws.mergeCells(1, 1, 1, firstPage);
  title.commit();

  // 填报单位 on the left and 填报日期 on the right of the first page, each in cells merged wide enough to hold it
  // whole (a date squeezed into one narrow cell loses its first characters in print).
  const unit = ws.getRow(2);
  const unitText = `填报单位：${sheet.unit}`;
  const dateText = `填报日期：${sheet.date}`;
  let dateStart = firstPage;
  for (let width = sheet.columns[firstPage - 1]!.width; dateStart > 1 && width < DATE_WIDTH; dateStart--) width += sheet.columns[dateStart - 2]!.width;
  if (dateStart <= 1) unit.getCell(1).value = `${unitText}　${dateText}`;
  else {
    unit.getCell(1).value = unitText;
    unit.getCell(dateStart).value = dateText;
    unit.getCell(dateStart).alignment = { horizontal: 'right' };
    if (dateStart > 2) ws.mergeCells(2, 1, 2, dateStart - 1);
    if (firstPage > dateStart) ws.mergeCells(2, dateStart, 2, firstPage);
  }
  for (let c = 1; c <= n; c++) unit.getCell(c).border = {};
  unit.commit();

  // Header rows: a grouped column has its group above it; an ungrouped one spans both rows.
  const top = ws.getRow(3);
  const bottom = grouped ? ws.getRow(4) : top;
  let i = 0;
  while (i < n) {
    const column = sheet.columns[i]!;
    if (column.group) {
      let j = i;
      while (j + 1 < n && sheet.columns[j + 1]!.group === column.group) j++;
      top.getCell(i + 1).value = column.group;
      if (j > i) ws.mergeCells(3, i + 1, 3, j + 1);
      for (let k = i; k <= j; k++) bottom.getCell(k + 1).value = sheet.columns[k]!.header;
      i = j + 1;
    } else {
      top.getCell(i + 1).value = column.header;
      if (grouped) ws.mergeCells(3, i + 1, 4, i + 1);
      i++;
    }
  }
  for (const row of grouped ? [top, bottom] : [top]) {
    row.font = { ...font, bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.height = 30;
    for (let c = 1; c <= n; c++) row.getCell(c).border = thin;
    row.commit();
  }

  let count = 0;
  for (const record of sheet.rows) {
    const index = count;
    const values = sheet.columns.map((c) => {
      const v = c.value(record, index);
      if (v === null || v === undefined) return null;
      return c.kind === 'number' && typeof v === 'number' ? v : String(v);
    });
    const row = ws.addRow(values);
    for (let c = 0; c < n; c++) row.getCell(c + 1).style = styles[c]!;
    row.commit();
    count++;
  }
  ws.commit();
  return count;
}
