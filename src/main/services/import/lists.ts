// Lists that come from outside into the 问题台账: the county's 疑似问题数据 feedback (数据清洗) and the departments'
// 预警 lists (医保 high self-payment, 教育, 民政, 应急 …). Their layouts differ by county [I], so they are recognised by
// their header names, in any column order below any title rows: a row names a person (证件号码) or a household (户编号)
// and says what is wrong (疑似问题描述, 预警原因 …). Each row becomes a ledger entry of its household, with where it
// came from (file and row), so feedback.ts can write the list back with 核实结果 filled in. A row whose person and
// household are not on file is reported, never dropped.
import { basename } from 'node:path';
import type { ImportLine } from '../../../shared/imports';
import { normalizeHeader } from '../../../shared/importMap';
import { columnSpec, type CellValue, type Row } from '../../../shared/tables';
import { PaichaError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/imports';
import type { Store } from '../../store';
import type { Workbook } from '../xlsx/sheet';
import { detectYear, findHeader, mapColumns, type ColumnMeaning, type Header } from './header';
import { cellValue, readDataRows } from './parse';
import { recordCounts } from './plan';
import type { Planner } from './report';
import { ReportLines } from './reportLines';

/** What a column of a list holds. `detail`: any other column, kept in the description as 「表头 值」. */
export type ListField = 'hhNo' | 'idNumber' | 'name' | 'village' | 'kind' | 'description' | 'verification' | 'verificationNote' | 'detail';

/** Header names by what they hold (normalised as the national import compares them). */
const names: Readonly<Record<Exclude<ListField, 'detail'>, readonly string[]>> = {
  hhNo: ['户编号', '户码'],
  idNumber: ['证件号码', '身份证号', '身份证号码', '证件号'],
  name: ['问题人员姓名', '姓名', '人员姓名'],
  village: ['行政村', '所属村', '村'],
  kind: ['疑似问题类型', '问题类型', '预警类型'],
  description: ['疑似问题描述', '问题描述', '预警原因', '预警内容', '疑似问题'],
  verification: ['核实结果'],
  verificationNote: ['核实情况说明', '核实情况'],
};
/** Columns read past: the row's number, the place above the village, and the head (the household says who). */
const passed = ['序号', '县', '乡', '乡镇', '所属乡镇', '户主姓名'];

const fieldOf = new Map(Object.entries(names).flatMap(([field, list]) => list.map((n) => [normalizeHeader(n), field as ListField])));

function meaningOf(header: string): ColumnMeaning<ListField> {
  const key = normalizeHeader(header);
  if (passed.map(normalizeHeader).includes(key)) return { kind: 'pass', target: null };
  const field = fieldOf.get(key);
  if (field) return { kind: 'read', use: field, id: field, target: `问题台账 › ${header}` };
  return { kind: 'read', use: 'detail', id: `detail.${key}`, target: '问题台账 › 问题描述（附记）' };
}

/** An outside list found in a workbook: its header, and whether it is the county's 疑似问题 or a department's 预警. */
export interface ListForm {
  header: Header;
  source: '系统疑似问题数据反馈' | '部门预警或比对';
  /** The department a 预警 list comes from, as its title says (医保部门); null when it does not. */
  department: string | null;
}

/**
 * The outside list a workbook is, judged by its header: a row naming a person or household and what is wrong. Null
 * for any other file (the national export has 户编号 and 证件号码 but no problem column).
 */
export async function listFormOf(workbook: Workbook): Promise<ListForm | null> {
  let header: Header;
  try {
    header = await findHeader(workbook, { sheets: workbook.sheets.slice(0, 1), isColumnName: (t) => fieldOf.has(normalizeHeader(t)), minScore: 2, notFound: '' });
  } catch (error) {
    if (error instanceof PaichaError) return null;
    throw error;
  }
  const fields = new Set([...header.row.cells.values()].map((c) => fieldOf.get(normalizeHeader(c.text))));
  if (!fields.has('description') || !(fields.has('hhNo') || fields.has('idNumber'))) return null;
  const text = [...header.titles, header.sheet.name].join(' ');
  const suspect = /疑似问题/.test(text) || fields.has('kind');
  const department = /[（(]([^（）()]*?部门)[）)]/.exec(text)?.[1] ?? null;
  return { header, source: suspect ? '系统疑似问题数据反馈' : '部门预警或比对', department };
}

/** The 问题类别 of a list row, from its 疑似问题类型 and text. */
const categoryRules: readonly [RegExp, string][] = [
  [/医疗|医保|参保|大病|就诊|自付/, '基本医疗'],
  [/住房|危房/, '住房安全'],
  [/饮水/, '饮水安全'],
  [/辍学|失学|义务教育/, '义务教育'],
  [/未纳入监测|应纳未纳/, '应纳未纳'],
  [/帮扶措施/, '帮扶措施未落实或不精准'],
  [/收入/, '收入骤减或低于监测范围'],
  [/家庭成员信息|身份证|证件|信息/, '信息数据错误'],
];
const categoryOf = (text: string) => categoryRules.find(([rule]) => rule.test(text))?.[1] ?? '其他';

/** The feedback date in a title row (反馈日期：2023-11-08), else null. */
function listDate(titles: readonly string[]): string | null {
  for (const title of titles) {
    const m = /日期\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(title);
    if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  }
  return null;
}

interface ListRow {
  rowNo: number;
  values: Partial<Record<Exclude<ListField, 'detail'>, string>>;
  details: string[];
}

const idColumn = columnSpec('members', 'idNumber')!;

export async function readList(workbook: Workbook, form: ListForm, options: ImportOptions): Promise<Planner> {
  const file = options.displayName ?? options.path;
  const { header } = form;
  const mapping = mapColumns(header, file, form.source === '部门预警或比对' ? '部门预警名单' : '疑似问题数据', meaningOf);
  const sheet = await readDataRows<ListRow>(workbook, header, file, {
    mapped: mapping.mapped,
    hhNoCol: mapping.mapped.find((m) => m.use === 'hhNo')?.col,
    parseRow: (row) => {
      const result: ListRow = { rowNo: row.rowNo, values: {}, details: [] };
      for (const { col, header: name, use } of mapping.mapped) {
        const cell = row.cells.get(col);
        if (!cell?.text.trim()) continue;
        if (use === 'idNumber') {
          // An ID that Excel turned into a number has lost its last digits: refused, never guessed.
          const read = cellValue(idColumn, cell, col);
          if (!read.ok) return { line: { rowNo: row.rowNo, status: '拒绝', hhNo: null, name: null, idNumber: null, reason: read.message } };
          result.values.idNumber = String(read.value ?? '');
        } else if (use === 'detail') result.details.push(`${name} ${cell.text.trim()}`);
        else result.values[use] = cell.text.trim();
      }
      return { row: result };
    },
  });
  const listFile = basename(file);
  return (store) => {
    const year = detectYear(options, header.titles, store);
    const today = listDate(header.titles) ?? new Date().toISOString().slice(0, 10);
    const onFile = listOnFile(store, sheet.rows, listFile);
    const lines: ImportLine[] = [...sheet.lines];
    const rows: Record<string, CellValue>[] = [];
    for (const r of sheet.rows) {
      const v = r.values;
      const line = { rowNo: r.rowNo, hhNo: v.hhNo ?? null, name: v.name ?? null, idNumber: v.idNumber ?? null };
      const household = (v.idNumber ? onFile.householdOfId.get(v.idNumber) : undefined) ?? (v.hhNo ? onFile.householdByNo.get(v.hhNo) : undefined);
      if (!household) {
        const who = [v.idNumber && `证件号码为「${v.idNumber}」的人员`, v.hhNo && `户编号为「${v.hhNo}」的户`].filter(Boolean).join('，也没有');
        lines.push({ ...line, status: '拒绝', reason: `库中没有${who}，未导入（请核对后手工登记）` });
        continue;
      }
      if (onFile.listed.has(r.rowNo)) {
        lines.push({ ...line, status: '未变', reason: '此行已在问题台账中' });
        continue;
      }
      const said = [v.kind, v.description].filter(Boolean).join('：');
      const description = form.source === '部门预警或比对' ? `${form.department ?? '部门'}预警：${said}` : said;
      rows.push({
        villageId: household.villageId ?? null,
        householdId: household.id,
        category: categoryOf(`${v.kind ?? ''} ${v.description ?? ''} ${form.department ?? ''}`),
        description: r.details.length ? `${description}（${r.details.join('；')}）` : description,
        source: form.source,
        personName: v.name ?? null,
        idNumber: v.idNumber ?? null,
        foundDate: today,
        verification: v.verification ?? null,
        verificationNote: v.verificationNote ?? null,
        listFile,
        listRow: r.rowNo,
      });
      lines.push({ ...line, status: '新增', reason: '' });
    }
    lines.sort((a, b) => a.rowNo - b.rowNo);
    return {
      found: { file, header, kind: 'records', table: '问题台账', year, mapping, missingColumns: [], lines: ReportLines.of(lines), counts: recordCounts(lines, sheet.rowCount) },
      changes: rows.length ? [{ op: 'insert', table: 'problems', rows }] : [],
    };
  };
}

/** The households the rows name (by a member's 证件号码, or by 户编号), and the rows of this list already on the ledger. */
function listOnFile(store: Store, rows: readonly ListRow[], listFile: string) {
  const ids = [...new Set(rows.map((r) => r.values.idNumber).filter((v): v is string => !!v))];
  const hhNos = [...new Set(rows.map((r) => r.values.hhNo).filter((v): v is string => !!v))];
  const members = store.rowsIn('members', 'idNumber', ids);
  const households = store.rowsIn('households', 'id', [...new Set(members.map((m) => Number(m.householdId)))]);
  const byId = new Map(households.map((h) => [h.id, h]));
  const householdOfId = new Map<string, Row>();
  for (const m of members) {
    const household = byId.get(Number(m.householdId));
    if (household) householdOfId.set(String(m.idNumber), household);
  }
  return {
    householdOfId,
    householdByNo: new Map(store.rowsIn('households', 'hhNo', hhNos).map((h) => [String(h.hhNo), h])),
    listed: new Set(store.rows('problems', { listFile }).map((p) => Number(p.listRow))),
  };
}
