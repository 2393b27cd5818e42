// This app's own exports of the record tables (附件3 重点人群汇总表, 附件4 问题台账, 附件5 入户责任分工表) read back:
// recognised by the title phrase of their layout (src/shared/layouts), columns mapped by the layout's columns (the
// lead columns name the village, group or household; derived columns are read past), rows matched to what is on
// file by the layout's natural key.
import { normalizeHeader } from '../../../shared/importMap';
import type { ImportOptions } from '../../../shared/imports';
import { layoutByTitle, type Layout, type Reimport } from '../../../shared/layouts';
import { tableSpec, type Row, type TableName } from '../../../shared/tables';
import type { Store } from '../../store';
import type { Workbook } from '../xlsx/sheet';
import { detectYear, findHeader, leadingRows, mapColumns, type ColumnMeaning } from './header';
import { readDataRows, recordRow, type RecordUse } from './parse';
import { withPeople } from './people';
import { planRecords, type RecordsOnFile } from './plan';
import type { Planner } from './report';
import { ReportLines } from './reportLines';

/** Rows of the first sheet in which an own form's title stands. */
const TITLE_ROWS = 3;

export interface OwnForm {
  layout: Layout;
  reimport: Reimport;
}

/** The own form a workbook is an export of, judged by the title rows of its first sheet: one that can be read back. */
export async function ownFormOf(workbook: Workbook): Promise<OwnForm | null> {
  for (const title of await leadingRows(workbook, workbook.sheets[0]!, TITLE_ROWS)) {
    const layout = layoutByTitle(title);
    if (layout?.reimport) return { layout, reimport: layout.reimport };
  }
  return null;
}

/** What each header of the layout means, by its name (and the dictionary's names of the field it shows). */
function meanings(layout: Layout): Map<string, ColumnMeaning<RecordUse>> {
  const label = tableSpec(layout.table).label;
  const byName = new Map<string, ColumnMeaning<RecordUse>>();
  const add = (names: readonly string[], meaning: ColumnMeaning<RecordUse>) => {
    for (const name of names) if (!byName.has(normalizeHeader(name))) byName.set(normalizeHeader(name), meaning);
  };
  for (const c of layout.columns) {
    const source = c.source;
    if (!source) continue;
    if ('lead' in source) add([c.header], { kind: 'read', use: source, id: `lead.${source.lead}`, target: '对应的村、组或户' });
    else if ('person' in source) {
      const names = source.part === 'name' ? [c.header, source.person.label] : [c.header];
      add(names, { kind: 'read', use: source, id: `${source.person.key}.${source.part}`, target: `${label} › ${source.person.label}（按${source.part === 'name' ? '姓名' : '电话'}对应工作人员）` });
    }
    else add([c.header, source.column.label, ...(source.column.synonyms ?? [])], { kind: 'read', use: source, id: source.column.key, target: `${label} › ${source.column.label}` });
  }
  for (const c of layout.columns) if (!c.source) add([c.header], { kind: 'pass', target: null });
  return byName;
}

/**
 * What an own-table form is merged with: every village and group, each household's 户编号, and the table's records
 * (of the year, for a table with a year) — not the year's whole data, which the plan does not need.
 */
function recordsOnFile(store: Store, table: TableName, year: number): RecordsOnFile {
  const columns = tableSpec(table).columns;
  const perYear = columns.some((c) => c.key === 'year');
  return {
    villages: store.rows('villages'),
    groups: store.rows('groups'),
    households: store.columns('households', ['id', 'hhNo']) as Row[],
    members: columns.some((c) => c.key === 'memberId') ? (store.columns('members', ['id', 'idNumber']) as Row[]) : [],
    records: store.rows(table, perYear ? { year } : {}),
  };
}

/**
 * Reads an own-table form (its header, then its rows, streamed: only the mapped values of each row are kept) and
 * returns the synchronous rest: merging the rows with what is on file, inside the caller's transaction.
 */
export async function readRecords(workbook: Workbook, { layout, reimport }: OwnForm, options: ImportOptions): Promise<Planner> {
  const file = options.displayName ?? options.path;
  const byName = meanings(layout);
  const meaningOf = (header: string): ColumnMeaning<RecordUse> => byName.get(normalizeHeader(header)) ?? { kind: 'unknown' };
  const header = await findHeader(workbook, {
    sheets: workbook.sheets.slice(0, 1),
    isColumnName: (text) => byName.has(normalizeHeader(text)),
    minScore: 2,
    notFound: `「${file}」看起来是${layout.label}，但没有找到它的表头。`,
  });
  const mapping = mapColumns(header, file, `本程序导出的${layout.label}`, meaningOf);
  const sheet = await readDataRows(workbook, header, file, {
    mapped: mapping.mapped,
    hhNoCol: mapping.mapped.find((m) => 'lead' in m.use && m.use.lead === 'hhNo')?.col,
    parseRow: recordRow(mapping.mapped),
  });
  return (store) => {
    const year = detectYear(options, header.titles, store);
    const onFile = recordsOnFile(store, layout.table, year.year);
    const named = withPeople(sheet, store.rows('people'), onFile.villages);
    const { changes, ...planned } = planRecords({ table: layout.table, key: reimport.key, sheet: named, onFile, year: year.year });
    return { found: { file, header, kind: 'records', table: tableSpec(layout.table).label, year, mapping, missingColumns: [], ...planned, lines: ReportLines.of(planned.lines) }, changes };
  };
}
