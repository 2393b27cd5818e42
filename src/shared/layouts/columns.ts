// The columns forms are made of: dictionary fields, the lead columns that say whose row it is, derived values.
// Widths follow the content, so an ID number or a 户编号 prints whole and a header wraps to at most three lines.
import { columnSpec, tableSpec, type CellValue, type ColumnSpec, type Row, type TableName } from '../tables';
import { personName } from '../people';
import { derivedOf, type YearData } from '../yearData';
import type { LayoutColumn } from './types';

/** Characters of a text in Excel widths: a Chinese character is two. */
export const textWidth = (text: string): number => [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);

/** The width of the longest value a type holds, with a margin. */
const contentWidths: Partial<Record<ColumnSpec['type'], number>> = {
  idNumber: 24, // 18-digit ID, or a 22-character 残疾人证号
  phone: 14,
  date: 12,
  month: 9,
  money: 12,
  decimal: 10,
  int: 8,
  enum: 12,
};

/** A width that holds the content and lets the header wrap to at most three lines. */
export function fitWidth(header: string, content: number): number {
  return Math.max(content, Math.ceil(textWidth(header) / 3) + 2, 6);
}

export const HH_NO_WIDTH = 19; // 16 digits

function widthOf(column: ColumnSpec): number {
  if (column.key === 'hhNo') return HH_NO_WIDTH;
  return fitWidth(column.label, contentWidths[column.type] ?? 14);
}

const numeric = (column: ColumnSpec) => column.type === 'int' || column.type === 'money' || column.type === 'decimal';

/** A dictionary column, read from the row itself or from a related row (`of`). */
export function field(table: TableName, key: string, of: (row: Row, data: YearData) => Row | undefined = (row) => row, header?: string): LayoutColumn {
  const column = columnSpec(table, key);
  if (!column) throw new Error(`no column ${table}.${key}`);
  return {
    header: header ?? column.label,
    group: column.group,
    width: widthOf(column),
    kind: numeric(column) ? 'number' : 'text',
    value: (row, data) => of(row, data)?.[key],
    source: { column },
  };
}

/** A reference to 工作人员 (排查人, 信息采集员, 帮扶责任人 …): the person's name, read back to the person of that name. */
export function personField(table: TableName, key: string, of: (row: Row, data: YearData) => Row | undefined = (row) => row): LayoutColumn {
  const column = columnSpec(table, key);
  if (column?.ref !== 'people') throw new Error(`no person column ${table}.${key}`);
  return { header: column.label, group: column.group, width: fitWidth(column.label, 8), kind: 'text', value: (row, data) => personName(data.personById, of(row, data)?.[key]), source: { person: column, part: 'name' } };
}

/**
 * A table's own columns in dictionary order — a person of 工作人员 by name — without the other references, the year
 * and those named in `skip`.
 */
export function ownFields(table: TableName, skip: readonly string[] = [], of?: (row: Row, data: YearData) => Row | undefined): LayoutColumn[] {
  return tableSpec(table)
    .columns.filter((c) => (c.type !== 'ref' || c.ref === 'people') && c.key !== 'year' && !skip.includes(c.key))
    .map((c) => (c.type === 'ref' ? personField(table, c.key, of) : field(table, c.key, of)));
}

/** A value computed from the data: never read back. */
export function derived(header: string, value: LayoutColumn['value'], options: { kind?: 'text' | 'number'; width?: number; group?: string } = {}): LayoutColumn {
  const kind = options.kind ?? 'number';
  return { header, group: options.group, kind, width: options.width ?? fitWidth(header, kind === 'number' ? 12 : 10), value };
}

export const sequence = (): LayoutColumn => derived('序号', (_row, _data, index) => index + 1, { width: 6 });

/** The household a row is about: the row itself, or the one its householdId points at. */
export const ownHousehold = (row: Row) => row;
export const householdOfRow = (row: Row, data: YearData) => data.householdById.get(Number(row.householdId));

type HouseholdOf = (row: Row, data: YearData) => Row | undefined;

const villageName = (household: Row | undefined, data: YearData): CellValue | undefined => data.villageById.get(Number(household?.villageId))?.name;

/** 行政村, 村民小组, 户编号, 户主姓名 — and with facts, 户主证件号码 and 家庭人口数 — in front of household forms. */
export function householdLead(of: HouseholdOf, withFacts: boolean): LayoutColumn[] {
  const lead: LayoutColumn[] = [
    { header: '行政村', width: 12, kind: 'text', value: (row, data) => villageName(of(row, data), data), source: { lead: 'village' } },
    { header: '村民小组', width: 10, kind: 'text', value: (row, data) => data.groupById.get(Number(of(row, data)?.groupId))?.name, source: { lead: 'group' } },
    { header: '户编号', width: HH_NO_WIDTH, kind: 'text', value: (row, data) => of(row, data)?.hhNo, source: { lead: 'hhNo' } },
    derived('户主姓名', (row, data) => derivedOf(data, of(row, data)?.id).headName, { kind: 'text', width: 10 }),
  ];
  if (withFacts) {
    lead.push(derived('户主证件号码', (row, data) => derivedOf(data, of(row, data)?.id).headIdNumber, { kind: 'text', width: contentWidths.idNumber }));
    lead.push(derived('家庭人口数', (row, data) => derivedOf(data, of(row, data)?.id).size, { width: 7 }));
  }
  return lead;
}

/** 序号 and 行政村 in front of a village-level record form (问题台账, 入户责任分工表). */
export function villageLead(): LayoutColumn[] {
  return [sequence(), { header: '行政村', width: 12, kind: 'text', value: (row, data) => data.villageById.get(Number(row.villageId))?.name, source: { lead: 'village' } }];
}

/** Rows of a per-household table of the year, in the order of the households. */
export function rowsByHousehold(byHousehold: (data: YearData) => ReadonlyMap<number, Row>) {
  return (data: YearData): Row[] => data.households.flatMap((h) => byHousehold(data).get(h.id) ?? []);
}
