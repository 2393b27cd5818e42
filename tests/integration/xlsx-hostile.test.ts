// Damaged and hostile .xlsx files: the importer refuses them whole, with a Chinese message naming the file, the part
// or sheet and row, and the limit passed, quickly and without exhausting memory, and the database stays as it was.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/main/services/import';
import { Workbook } from '../../src/main/services/xlsx/sheet';
import { ZipFile } from '../../src/main/services/xlsx/zip';
import type { Store } from '../../src/main/store';
import { tempDir, tempStore, thrownByAsync } from '../helpers';
import { writeNationalExport } from '../support/nationalExport';
import { fixturesDir } from '../support/planted';
import { deflated, entryData, flipped, repeated, SHEET_HEAD, SHEET_TAIL, stored, textCell, workbookParts, writeZip, type ZipPart } from '../support/zipParts';

const exportFile = join(fixturesDir, 'national-export-2022.xlsx');
const SHEET = 'xl/worksheets/sheet1.xml';
const SHARED = 'xl/sharedStrings.xml';

/** What must not change when an import is refused. */
function snapshot(store: Store) {
  return JSON.stringify([store.rows('villages'), store.rows('households'), store.rows('members'), store.count('change_sets')]);
}

/** Imports a file that must be refused; returns the message, having checked that nothing was written. */
async function refused(store: Store, path: string, displayName = '导出.xlsx'): Promise<string> {
  const before = snapshot(store);
  const error = await thrownByAsync(() => importFile(store, { path, displayName }));
  expect(snapshot(store)).toBe(before);
  return error.message;
}

/** Writes a copy of `source` with `count` bytes flipped at `fraction` of the way through the compressed data of `part`. */
function damagedCopy(source: string, part: string, fraction: number, count = 4): string {
  const bytes = readFileSync(source);
  const { start, length } = entryData(source, part);
  const file = join(tempDir(), '损坏.xlsx');
  writeFileSync(file, flipped(bytes, start + Math.floor(length * fraction), count));
  return file;
}

/** The parts of an archive, each stored (not compressed) as it is. */
async function storedParts(path: string): Promise<ZipPart[]> {
  const zip = ZipFile.open(path);
  const parts: ZipPart[] = [];
  for (const name of zip.entries.keys()) {
    const chunks: Buffer[] = [];
    for await (const chunk of zip.stream(name)) chunks.push(chunk as Buffer);
    parts.push(stored(name, Buffer.concat(chunks)));
  }
  return parts;
}

/** A one-sheet workbook around the XML of its rows (`rows`, or a huge part built by `sheet`). */
function workbook(rows: string | ZipPart, extra: ZipPart[] = []): string {
  const file = join(tempDir(), '导出.xlsx');
  writeZip(file, [...workbookParts(), typeof rows === 'string' ? deflated(SHEET, SHEET_HEAD + rows + SHEET_TAIL) : rows, ...extra]);
  return file;
}

const titleRow = (title: string) => `<row r="1">${textCell('A1', title)}</row>`;

/** Runs `work`, sampling the process's memory meanwhile; returns how much it grew at most, and how long it took. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; growthMb: number; seconds: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / 2 ** 20, seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(sample);
  }
}

describe('a damaged export is refused whole, naming the part', () => {
  it('bytes flipped inside the compressed sheet: every copy refused, none imports', async () => {
    const store = tempStore();
    await importFile(store, { path: exportFile });
    for (let k = 0; k < 21; k++) {
      const message = await refused(store, damagedCopy(exportFile, SHEET, (k + 0.5) / 21), '损坏.xlsx');
      expect(message, `flip ${k}`).toContain(`「损坏.xlsx」已损坏：其中的 ${SHEET} `);
      expect(message).toContain('请重新从国家系统导出，或用 Excel/WPS 打开后另存一份再导入。');
    }
  });

  it('bytes flipped inside the shared strings: refused, no value shifts into another column', async () => {
    const store = tempStore();
    for (let k = 0; k < 8; k++) {
      const message = await refused(store, damagedCopy(exportFile, SHARED, (k + 0.5) / 8), '损坏.xlsx');
      expect(message, `flip ${k}`).toContain(`「损坏.xlsx」已损坏：其中的 ${SHARED} `);
    }
    expect(store.count('members')).toBe(0);
  });

  it('one digit of an ID changed in a part stored without compression: the CRC says so', async () => {
    const store = tempStore();
    const parts = await storedParts(exportFile);
    const shared = parts.find((p) => p.name === SHARED)!;
    const bytes = Buffer.from(shared.data[0]!);
    const id = bytes.indexOf('<t>62102519');
    bytes[id + 10] = bytes[id + 10] === 0x37 ? 0x38 : 0x37;
    parts[parts.indexOf(shared)] = { ...shared, data: [bytes] };
    const file = join(tempDir(), '导出.xlsx');
    writeZip(file, parts);
    expect(await refused(store, file)).toBe(`「导出.xlsx」已损坏：其中的 ${SHARED} 校验不一致（CRC）。请重新从国家系统导出，或用 Excel/WPS 打开后另存一份再导入。`);
  });

  it('damage that shows only at the end of a sheet of many chunks, after its rows were read: nothing is written', async () => {
    const source = join(tempDir(), '县级.xlsx');
    await writeNationalExport(source, 2_000);
    const { start, length } = entryData(source, SHEET);
    const bytes = readFileSync(source);
    // A place whose damage still inflates (to other bytes), so that every row streams before the check fails.
    let file = '';
    for (let at = Math.floor(length * 0.6); !file; at += 97) {
      const damaged = flipped(bytes, start + at, 2);
      try {
        inflateRawSync(damaged.subarray(start, start + length));
      } catch {
        continue;
      }
      file = join(tempDir(), '损坏.xlsx');
      writeFileSync(file, damaged);
    }
    const store = tempStore();
    await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
    const message = await refused(store, file, '损坏.xlsx');
    expect(message).toMatch(new RegExp(`^「损坏\\.xlsx」已损坏：其中的 ${SHEET} (校验不一致（CRC）|只有 .* 文件目录记载的是 |比文件目录记载的 .* 更长)。`));
  });

  it('a directory that claims less than the part holds: refused as soon as it is passed', async () => {
    const rows = repeated(SHEET, SHEET_HEAD + titleRow('问题台账'), `<row>${textCell('A2', '甲')}</row>`.repeat(10_000), 200, SHEET_TAIL);
    const { seconds, result } = await measured(() => refused(tempStore(), workbook({ ...rows, size: 1_000_000 })));
    expect(result).toBe(`「导出.xlsx」已损坏：其中的 ${SHEET} 比文件目录记载的 976.6 KB 更长。请重新从国家系统导出，或用 Excel/WPS 打开后另存一份再导入。`);
    expect(seconds).toBeLessThan(5);
  });
});

describe('hostile files are refused quickly, with the limit named, without exhausting memory', () => {
  it('one row of 300 MB', async () => {
    // Cells with their own references compress about as much as a real sheet (so no zip-bomb guard stops them first).
    const cells = Array.from({ length: 4_000 }, (_, i) => textCell(`A${i}`, `${(i * 7919) % 100_003}号`)).join('');
    const times = Math.ceil((300 * 2 ** 20) / cells.length);
    const file = workbook(repeated(SHEET, `${SHEET_HEAD}${titleRow('问题台账')}<row r="2">`, cells, times, `</row>${SHEET_TAIL}`));
    const { result, growthMb, seconds } = await measured(() => refused(tempStore(), file));
    expect(result).toBe('「导出.xlsx」工作表「名单」第 2 行的内容超过了 16 MB 的上限（每行的上限），不像是正常的表格数据，无法导入。请检查该文件，或重新从国家系统导出。');
    expect(seconds).toBeLessThan(5);
    expect(growthMb).toBeLessThan(500);
  });

  it('a row of 100,000 cells', async () => {
    const cells = Array.from({ length: 100_000 }, () => '<c t="inlineStr"><is><t>1</t></is></c>').join('');
    const message = await refused(tempStore(), workbook(`${titleRow('问题台账')}<row r="2">${cells}</row>`));
    expect(message).toBe('「导出.xlsx」工作表「名单」第 2 行超过了 16,384 个单元格（Excel 每行最多 16,384 列，到 XFD 列为止），不像是正常的表格数据，无法导入。请检查该文件，或重新从国家系统导出。');
  });

  it('a cell beyond column XFD', async () => {
    const message = await refused(tempStore(), workbook(`${titleRow('问题台账')}<row r="2">${textCell('XFE2', '甲')}</row>`));
    expect(message).toBe('「导出.xlsx」工作表「名单」第 2 行有 XFD 列之后的单元格（Excel 每行最多 16,384 列，到 XFD 列为止），不像是正常的表格数据，无法导入。请检查该文件，或重新从国家系统导出。');
  });

  it('a cell of more than 1 MB, also in a column the import does not read', async () => {
    const file = workbook(`${titleRow('问题台账')}<row r="2">${textCell('A2', '甲')}${textCell('C2', 'x'.repeat(2 ** 20))}</row>`);
    expect(await refused(tempStore(), file)).toContain('「导出.xlsx」工作表「名单」第 2 行 C 列的内容过长（超过 1 MB）');
    const book = await Workbook.open(file, '导出.xlsx');
    const error = await thrownByAsync(async () => {
      for await (const row of book.rows(book.sheets[0]!, { wanted: (col) => col === 0 })) void row;
    });
    expect(error.message).toContain('第 2 行 C 列的内容过长（超过 1 MB）');
  });

  it('more shared strings than allowed', async () => {
    const strings = Array.from({ length: 1_000 }, (_, i) => `<si><t>${(i * 7919) % 100_003}</t></si>`).join('');
    const shared = repeated(SHARED, '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', strings, 4_001, '</sst>');
    const { result, seconds } = await measured(() => refused(tempStore(), workbook(titleRow('问题台账'), [shared])));
    expect(result).toBe('「导出.xlsx」的共享字符串表（xl/sharedStrings.xml）超过了 4,000,000 项的上限，不像是正常的表格数据，无法导入。请检查该文件，或重新从国家系统导出。');
    expect(seconds).toBeLessThan(10);
  });

  it('shared strings larger in all than allowed', async () => {
    const shared = repeated(SHARED, '<sst>', `<si><t>${'甲'.repeat(1_000)}</t></si>`, 90_000, '</sst>');
    const message = await refused(tempStore(), workbook(titleRow('问题台账'), [shared]));
    expect(message).toMatch(/^「导出\.xlsx」的共享字符串表（xl\/sharedStrings\.xml）有 25\d\.\d MB，超过了 256 MB 的上限，/);
  });

  it('more rows than Excel has', async () => {
    const row = '<row><c t="inlineStr"><is><t>1</t></is></c></row>';
    const rows = repeated(SHEET, SHEET_HEAD, row.repeat(1_024), 1_024, row + SHEET_TAIL);
    const book = await Workbook.open(workbook(rows), '导出.xlsx');
    const error = await thrownByAsync(async () => {
      for await (const row of book.rows(book.sheets[0]!)) void row;
    });
    expect(error.message).toBe('「导出.xlsx」工作表「名单」超过了 1,048,576 行（Excel 的行数上限），不像是正常的表格数据，无法导入。请检查该文件，或重新从国家系统导出。');
  });

  it('the title 问题台账, then 1 GB of cells in a file of a few megabytes', async () => {
    const cells = '<c t="inlineStr"><is><t>问题</t></is></c>'.repeat(20_000);
    const bomb = repeated(SHEET, `${SHEET_HEAD}${titleRow('问题台账')}<row r="2">`, cells, Math.ceil(2 ** 30 / Buffer.byteLength(cells)), `</row>${SHEET_TAIL}`);
    const { result, growthMb, seconds } = await measured(() => refused(tempStore(), workbook(bomb)));
    expect(result).toMatch(/^「导出\.xlsx」中的 xl\/worksheets\/sheet1\.xml 压缩了 \d+ 倍（.* 解压后是 1 GB），超过了 100 倍的上限，不像是真实的表格。/);
    expect(seconds).toBeLessThan(5);
    expect(growthMb).toBeLessThan(500);
    // The same file with a directory that says its sheet is small: the row limit stops it while streaming.
    const lying = await measured(() => refused(tempStore(), workbook({ ...bomb, size: 60 * 2 ** 20 })));
    expect(lying.result).toContain('工作表「名单」第 2 行的内容超过了 16 MB 的上限');
    expect(lying.seconds).toBeLessThan(5);
    expect(lying.growthMb).toBeLessThan(500);
  });

  it('a county export is none of these: read whole, all its rows', async () => {
    const file = join(tempDir(), '县级.xlsx');
    const rows = await writeNationalExport(file, 300);
    const book = await Workbook.open(file, '县级.xlsx');
    let count = 0;
    let last = 0;
    for await (const row of book.rows(book.sheets[0]!)) {
      count++;
      last = row.cells.size;
    }
    expect(count).toBe(rows + 3);
    expect(last).toBeGreaterThan(30);
  });
});

describe('what the linear scanner still reads as before', () => {
  it('shared strings decoded as cells ask: each text as its bytes say, read once or many times, past the end empty', async () => {
    const strings = ['<t>马海军</t>', '<t>A&amp;B_x000D_</t>', '<r><t>马</t></r><r><t xml:space="preserve">海军</t></r>', '<t xml:space="preserve"> 是 </t>', '<t></t>', '<t>是</t>'];
    const shared = deflated(SHARED, `<sst>${strings.map((t) => `<si>${t}</si>`).join('')}</sst>`);
    // Index 5 (是) in 20 rows: kept decoded after a few readings; 9 is past the table's end.
    const rows = Array.from({ length: 20 }, (_, i) => {
      const r = i + 2;
      const cells = [0, 1, 2, 3, 4, 5, 9].map((index, col) => `<c r="${String.fromCharCode(65 + col)}${r}" t="s"><v>${index}</v></c>`).join('');
      return `<row r="${r}">${cells}</row>`;
    });
    const book = await Workbook.open(workbook(titleRow('名单') + rows.join(''), [shared]), '导出.xlsx');
    const texts: string[][] = [];
    for await (const row of book.rows(book.sheets[0]!)) if (row.rowNo > 1) texts.push([0, 1, 2, 3, 4, 5, 6].map((col) => row.cells.get(col)?.text ?? '∅'));
    expect(texts).toEqual(Array(20).fill(['马海军', 'A&B\r', '马海军', ' 是 ', '∅', '是', '∅']));
  });

  it('cells with and without references, rich text, phonetic runs, element names split between two chunks', async () => {
    const rich = '<r><rPr><color tint="0.5"/></rPr><t>马</t></r><r><t xml:space="preserve">海军</t></r><rPh sb="0" eb="1"><t>ma</t></rPh>';
    const shared = deflated(SHARED, `<sst><si>${rich}</si><si><t>户主</t></si></sst>`);
    const row2 = `<row r="2"><c r="B2" t="s"><v>0</v></c><c t="s"><v>1</v></c><c><v>12.5</v></c><c r="F2" t="inlineStr"><is>${rich}</is></c><c r="G2" t="b"><v>1</v></c></row>`;
    // A stored sheet is read in chunks of exactly 1 MiB: padding rows put '<row r="4"' across the first edge
    // ('<r' | 'ow r="4"') and '<rowBreaks' across the second ('<row' | 'Breaks'), which is no row.
    const MiB = 2 ** 20;
    const padTo = (xml: string, r: number, at: number) => {
      const row = (n: number) => `<row r="${r}"><c r="Z${r}" t="inlineStr"><is><t>${'x'.repeat(n)}</t></is></c></row>`;
      return xml + row(at - Buffer.byteLength(xml) - Buffer.byteLength(row(0)));
    };
    let xml = padTo(SHEET_HEAD + titleRow('名单') + row2, 3, MiB - 2);
    xml = padTo(`${xml}<row r="4"><c r="A4"><v>4</v></c></row>`, 5, 2 * MiB - 4);
    xml += `<rowBreaks count="0"/><row r="6"><c r="A6"><v>6</v></c></row>${SHEET_TAIL}`;
    const file = join(tempDir(), '导出.xlsx');
    writeZip(file, [...workbookParts(), stored(SHEET, xml), shared]);
    const book = await Workbook.open(file, '导出.xlsx');
    const rows = [];
    for await (const row of book.rows(book.sheets[0]!, { wanted: (col) => col < 25 })) rows.push(row);
    expect(rows.map((r) => r.rowNo)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Object.fromEntries([...rows[1]!.cells].map(([col, cell]) => [col, cell.text]))).toEqual({ 1: '马海军', 2: '户主', 3: '12.5', 5: '马海军', 6: '是' });
    expect(rows[3]!.cells.get(0)).toEqual({ kind: 'number', value: 4, text: '4' });
    expect(rows[5]!.cells.get(0)).toEqual({ kind: 'number', value: 6, text: '6' });
  });
});

describe('what is not an .xlsx file at all', () => {
  it('a folder', async () => {
    const folder = join(tempDir(), '导出');
    mkdirSync(folder);
    expect(await refused(tempStore(), folder, '导出')).toBe('「导出」是一个文件夹，不是 .xlsx 文件。请选择文件夹里的 .xlsx 文件。');
  });

  it('a file that does not exist', async () => {
    expect(await refused(tempStore(), join(tempDir(), '没有.xlsx'), '没有.xlsx')).toBe('找不到文件「没有.xlsx」：它不存在（可能已被移动、改名或删除）。');
  });
});
