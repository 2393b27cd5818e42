// Export of any official form of src/shared/layouts: the year's data through loadYear, the form's rows and
// columns, the official sheet. Before writing, the export gate counts the 错误 in what goes out; the national list
// refuses them unless the clerk overrides, and records an export point (where "changed since" starts).
import { basename } from 'node:path';
import { gateText, type ExportGate, type ExportRequest, type ExportResult } from '../../shared/api';
import { PaichaError } from '../../shared/errors';
import { groupBy } from '../../shared/groupBy';
import { findLayout, layouts, type Layout } from '../../shared/layouts';
import type { Finding } from '../../shared/rules';
import type { Row, TableName } from '../../shared/tables';
import type { YearData } from '../../shared/yearData';
import { writeWhole } from '../fileWrite';
import type { Store } from '../store';
import { findingsIn } from './checks';
import { loadYear } from './loadYear';
import { workYear } from './profile';
import { writeOfficialWorkbook } from './xlsx/officialSheet';

export type ExportOptions = ExportRequest & { path: string };

export function layoutOf(request: Pick<ExportRequest, 'layout'>): Layout {
  const layout = findLayout(request?.layout);
  if (!layout) throw new PaichaError('invalid', `没有「${String(request?.layout ?? '')}」这张表。可导出：${layouts.map((l) => `${l.id}（${l.label}）`).join('、')}。`);
  return layout;
}

/** The form's data and rows: one village or all, and for the national list optionally only what changed. */
function exported(store: Store, request: ExportRequest, layout: Layout): { data: YearData; rows: Row[]; partial: boolean } {
  let villageId: number | undefined;
  if (request.village) {
    const [village] = store.rows('villages', { name: request.village });
    if (!village) throw new PaichaError('notFound', `没有名为「${request.village}」的行政村。`);
    villageId = village.id;
  }
  const data = loadYear(store, { year: request.year ?? workYear(store), villageId });
  let rows = layout.rows(data);
  if (layout.national && request.changedOnly) {
    const changed = changedHouseholds(store, lastNationalPoint(store));
    rows = rows.filter((r) => changed.has(Number(r.householdId)));
  }
  return { data, rows, partial: villageId !== undefined };
}

/** Tables whose rows belong to a household: their 错误 are those of the households exported. */
const householdTables: readonly TableName[] = ['households', 'members', 'incomes', 'visits', 'keygroups'];

/** The 错误 in what a form writes: of its households, or of its own records for village-level forms. */
function gateOf(store: Store, layout: Layout, { data, rows, partial }: ReturnType<typeof exported>): ExportGate {
  const findings = findingsIn(store, data, { partial, villageRules: true }).filter((f) => f.severity === 'error');
  let inForm: (f: Finding) => boolean;
  if (householdTables.includes(layout.table)) {
    const households = new Set(rows.map((r) => (layout.table === 'households' ? r.id : Number(r.householdId))));
    inForm = (f) => f.householdId != null && households.has(f.householdId);
  } else {
    const ids = new Set(rows.map((r) => r.id));
    inForm = (f) => f.table === layout.table && ids.has(f.rowId);
  }
  const errors = findings.filter(inForm);
  const byVillage = [...groupBy(errors, (f) => f.villageId)]
    .map(([id, list]) => ({ village: String(data.villageById.get(id)?.name ?? '（未知村）'), errors: list.length }))
    .sort((a, b) => b.errors - a.errors);
  return {
    errors: errors.length,
    byVillage,
    examples: errors.slice(0, 5).map((f) => ({ hhNo: f.hhNo, message: f.message })),
    refuses: !!layout.national && errors.length > 0,
  };
}

export function exportGate(store: Store, request: ExportRequest): ExportGate {
  const layout = layoutOf(request);
  return gateOf(store, layout, exported(store, request, layout));
}

export async function exportLayout(store: Store, request: ExportOptions): Promise<ExportResult> {
  const layout = layoutOf(request);
  // The export point is where the data were read, before any await lets another edit in.
  const readUpTo = store.lastChangeSetId();
  const content = exported(store, request, layout);
  const { data, rows } = content;
  const gate = gateOf(store, layout, content);
  if (gate.refuses && !request.allowErrors) {
    throw new PaichaError(
      'blocked',
      `「${layout.label}」中还有 ${gate.errors} 条错误（${gateText(gate)}），未导出。请先在「数据核查」中改正；确需导出，请选择「仍然导出」（命令行加 --allow-errors）。`,
    );
  }
  const sheet = {
    name: layout.sheetName,
    title: layout.title(data.place, data.year),
    unit: data.place.township ? `${data.place.township}人民政府` : '',
    date: new Date().toISOString().slice(0, 10),
    columns: layout.columns.map((c) => ({ ...c, value: (row: Row, index: number) => c.value(row, data, index) ?? null })),
    rows,
    pagesWide: layout.pagesWide,
  };
  // Whole or not at all: on a full disk or a bad path the clerk reads why, and no truncated file is left to download.
  const written = await writeWhole(request.path, (temporary) => writeOfficialWorkbook(temporary, [sheet]));
  if (layout.national) {
    store.apply({
      label: '导出国家系统名单',
      bookkeeping: true,
      changes: [{ op: 'insert', table: 'exportPoints', rows: [{ kind: 'national', file: basename(request.path), exportedAt: new Date().toISOString(), lastChangeSetId: readUpTo, rows: written }] }],
    });
  }
  return { layout: layout.id, path: request.path, name: basename(request.path), rows: written, year: data.year, gate };
}

function lastNationalPoint(store: Store): number {
  const points = store.rows('exportPoints', { kind: 'national' });
  return points.length ? Number(points[points.length - 1]!.lastChangeSetId ?? 0) : 0;
}

/** Households whose own record, members, income or visit changed after a change set. */
export function changedHouseholds(store: Store, since: number): Set<number> {
  const touched = store.rowsTouchedSince(since, ['households', 'members', 'incomes', 'visits']);
  const ids = new Set<number>();
  const memberIds: number[] = [];
  const yearIds: { table: 'incomes' | 'visits'; id: number }[] = [];
  for (const t of touched) {
    if (typeof t.formerHouseholdId === 'number') ids.add(t.formerHouseholdId);
    if (t.table === 'households') ids.add(t.rowId);
    else if (t.deleted && typeof t.deleted.householdId === 'number') ids.add(t.deleted.householdId);
    else if (t.table === 'members') memberIds.push(t.rowId);
    else yearIds.push({ table: t.table as 'incomes' | 'visits', id: t.rowId });
  }
  for (const m of store.rowsIn('members', 'id', memberIds)) ids.add(Number(m.householdId));
  for (const table of ['incomes', 'visits'] as const) {
    for (const r of store.rowsIn(table, 'id', yearIds.filter((y) => y.table === table).map((y) => y.id))) ids.add(Number(r.householdId));
  }
  return ids;
}
