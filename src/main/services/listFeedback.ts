// An outside list (the county's 疑似问题数据, a department's 预警) sent back as it came — same sheet, title rows,
// columns and widths — with the 核实结果 and 核实情况说明 of its ledger entries filled in (added as the last two
// columns where the list has none). Each row is found on the ledger by the file and row it was imported from
// (import/lists.ts), else by its 证件号码 and what it says.
import { basename } from 'node:path';
import { PaichaError } from '../../shared/errors';
import { normalizeHeader } from '../../shared/importMap';
import type { Row } from '../../shared/tables';
import { writeWhole } from '../fileWrite';
import type { Store } from '../store';
import { listFormOf } from './import/lists';
import { Workbook } from './xlsx/sheet';
import { excelJs } from './xlsx/workbookFile';

export interface ListFeedback {
  path: string;
  name: string;
  /** Data rows of the list, and those filled in from the ledger. */
  rows: number;
  filled: number;
  /** Rows with no ledger entry (not imported, or the entry deleted), by row number. */
  missing: number[];
}

const text = (value: unknown) => (value == null ? '' : String(value).trim());

/** The ledger entry of a list row: by file and row, else by the person and the text of the problem. */
function entryFor(entries: readonly Row[], listFile: string, rowNo: number, idNumber: string, said: string): Row | undefined {
  return (
    entries.find((p) => p.listFile === listFile && p.listRow === rowNo) ??
    entries.find((p) => !!idNumber && text(p.idNumber) === idNumber && !!said && text(p.description).includes(said))
  );
}

/** Writes `original` to `out` with the ledger's 核实结果 filled in. */
export async function writeListFeedback(store: Store, original: string, out: string, displayName = original): Promise<ListFeedback> {
  const form = await listFormOf(await Workbook.open(original, displayName));
  if (!form) throw new PaichaError('invalid', `「${displayName}」不像疑似问题数据或部门预警名单：表头中应有「户编号」或「证件号码」，以及「疑似问题描述」「预警原因」等列。`);
  const workbook = new (excelJs().Workbook)();
  await workbook.xlsx.readFile(original);
  const sheet = workbook.getWorksheet(form.header.sheet.name) ?? workbook.worksheets[0]!;
  const headerRow = sheet.getRow(form.header.row.rowNo);
  const columnOf = (names: readonly string[]) => {
    let found: number | undefined;
    headerRow.eachCell((cell, col) => {
      if (found === undefined && names.includes(normalizeHeader(text(cell.text)))) found = col;
    });
    return found;
  };
  const last = headerRow.cellCount;
  const resultCol = columnOf([normalizeHeader('核实结果')]) ?? last + 1;
  const noteCol = columnOf([normalizeHeader('核实情况说明'), normalizeHeader('核实情况')]) ?? Math.max(last, resultCol) + 1;
  const idCol = columnOf(['证件号码', '身份证号', '身份证号码', '证件号'].map(normalizeHeader));
  const saidCol = columnOf(['疑似问题描述', '问题描述', '预警原因', '预警内容', '疑似问题'].map(normalizeHeader));
  for (const [col, label] of [[resultCol, '核实结果'], [noteCol, '核实情况说明']] as const) {
    const cell = headerRow.getCell(col);
    if (!text(cell.value)) {
      cell.value = label;
      cell.style = headerRow.getCell(last).style;
      sheet.getColumn(col).width = Math.max(sheet.getColumn(col).width ?? 0, 14);
    }
  }

  const listFile = basename(displayName);
  const entries = store.rows('problems').filter((p) => p.listFile === listFile || p.source === form.source);
  const result: ListFeedback = { path: out, name: basename(out), rows: 0, filled: 0, missing: [] };
  for (let rowNo = form.header.row.rowNo + 1; rowNo <= sheet.rowCount; rowNo++) {
    const row = sheet.getRow(rowNo);
    if (!row.hasValues) continue;
    result.rows++;
    const entry = entryFor(entries, listFile, rowNo, idCol ? text(row.getCell(idCol).text) : '', saidCol ? text(row.getCell(saidCol).text) : '');
    if (!entry) {
      result.missing.push(rowNo);
      continue;
    }
    row.getCell(resultCol).value = text(entry.verification) || null;
    row.getCell(noteCol).value = text(entry.verificationNote) || text(entry.progress) || null;
    if (text(entry.verification)) result.filled++;
  }
  await writeWhole(out, (temporary) => workbook.xlsx.writeFile(temporary));
  return result;
}
