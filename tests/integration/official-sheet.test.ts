// The official sheet as Excel/WPS and our own reader see it: texts exactly as they were (markup, spaces kept),
// numbers as numbers, the layout's styles, merges, frozen header and printed titles, rows taken as they come.
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeOfficialWorkbook, type OfficialColumn } from '../../src/main/services/xlsx/officialSheet';
import { Workbook } from '../../src/main/services/xlsx/sheet';
import { tempDir } from '../helpers';

interface Line {
  name: string;
  amount: number | null;
}

const columns: OfficialColumn<Line>[] = [
  { header: '序号', width: 6, kind: 'number', value: (_, i) => i + 1 },
  { header: '姓名', group: '家庭成员', width: 12, kind: 'text', value: (l) => l.name },
  { header: '证件号码', group: '家庭成员', width: 24, kind: 'text', value: () => '62102519700102000X' },
  { header: '金额', width: 10, kind: 'number', value: (l) => l.amount },
];

const lines: Line[] = [
  { name: 'A&B <c> "d"', amount: 12.5 },
  { name: '  前后有空格 ', amount: null },
  { name: '控制\u0001字符', amount: Number.NaN },
  { name: '=1+1', amount: 0 },
];

async function written() {
  const path = join(tempDir(), 'sheet.xlsx');
  // A generator: the rows are taken as they come, never as a whole list.
  const rows = (function* () {
    yield* lines;
  })();
  const count = await writeOfficialWorkbook(path, [{ name: '名单', title: '标题', unit: '五顷塬回族乡人民政府', date: '2023-11-20', columns, rows }]);
  return { path, count };
}

describe('the official sheet', () => {
  it('keeps every text as it was and every number a number, as Excel reads it', async () => {
    const { path, count } = await written();
    expect(count).toBe(4);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    const body = [5, 6, 7, 8].map((r) => [1, 2, 3, 4].map((c) => sheet.getRow(r).getCell(c).value));
    expect(body).toEqual([
      [1, 'A&B <c> "d"', '62102519700102000X', 12.5],
      [2, '  前后有空格 ', '62102519700102000X', null],
      [3, '控制字符', '62102519700102000X', null],
      [4, '=1+1', '62102519700102000X', 0],
    ]);
    expect(sheet.getCell('B8').formula).toBeUndefined();
    // Our own reader (CRC-checked) reads the same.
    const ours = await Workbook.open(path, path);
    const names: string[] = [];
    for await (const row of ours.rows(ours.sheets[0]!)) if (row.rowNo > 4) names.push(row.cells.get(1)!.text);
    expect(names).toEqual(lines.map((l) => l.name.replace('\u0001', '')));
  });

  it('has the official layout: grouped headers merged, styles, frozen headers, titles printed on every page', async () => {
    const { path } = await written();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('名单');
    expect(sheet.getCell('A1').value).toBe('标题');
    expect(sheet.getCell('A1').font).toMatchObject({ name: '方正小标宋简体', size: 16, bold: true });
    expect(sheet.getCell('B3').value).toBe('家庭成员');
    expect(sheet.getCell('C3').isMerged).toBe(true);
    expect(sheet.getCell('A4').isMerged).toBe(true);
    expect(sheet.getCell('C4').value).toBe('证件号码');
    expect(sheet.getCell('C4').font).toMatchObject({ name: '宋体', size: 10, bold: true });
    expect(sheet.getCell('C5').numFmt).toBe('@');
    expect(sheet.getCell('D6').border).toMatchObject({ top: { style: 'thin' }, left: { style: 'thin' } });
    expect(sheet.getColumn(3).width).toBe(24);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, printTitlesRow: '1:4' });
  });
});
