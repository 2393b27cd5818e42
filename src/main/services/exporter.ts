// Export of any official form of src/shared/layouts: the year's data through loadYear, the form's rows and
// columns, the official sheet. Before writing, the export gate counts the 错误 in what goes out; the national list
// refuses them unless the clerk overrides, and records an export point (where "changed since" starts).
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { gateText, type CheckReport, type ExportGate, type ExportRequest, type ExportResult } from '../../shared/api';
import { PaichaError } from '../../shared/errors';
import { groupBy } from '../../shared/groupBy';
import { findLayout, layouts, type Layout } from '../../shared/layouts';
import type { Finding } from '../../shared/rules';
import type { Row, TableName } from '../../shared/tables';
import type { YearData } from '../../shared/yearData';
import { writeWhole } from '../fileWrite';
import type { Store } from '../store';
import { workerTasks } from '../tasks';
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

/**
 * The 错误 in what a form writes: of its households, or of its own records for village-level forms. `findings`:
 * those of the whole year, found elsewhere (see checkApart); else the data's are found here.
 */
function gateOf(store: Store, layout: Layout, { data, rows, partial }: ReturnType<typeof exported>, findings = findingsIn(store, data, { partial, villageRules: true })): ExportGate {
  let inForm: (f: Finding) => boolean;
  if (householdTables.includes(layout.table)) {
    const households = new Set(rows.map((r) => (layout.table === 'households' ? r.id : Number(r.householdId))));
    inForm = (f) => f.householdId != null && households.has(f.householdId);
  } else {
    const ids = new Set(rows.map((r) => r.id));
    inForm = (f) => f.table === layout.table && ids.has(f.rowId);
  }
  const errors = findings.filter((f) => f.severity === 'error' && inForm(f));
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

/**
 * From how many households a whole year's export checks its data in a worker thread while it writes the file (on a
 * machine of more than one core).
 */
const CHECK_APART_FROM = 10_000;
/**
 * The checking worker's heap: a young generation that holds a village's rows and contexts, so that they die young
 * instead of being copied to the old one (measured on a county: some 10–30 % less CPU), and an old generation bounded — it
 * holds the indexes across the county and one village at a time. (A worker out of memory is a failed worker: the
 * gate is then found here.)
 */
const CHECKER_HEAP: ResourceLimits = { maxYoungGenerationSizeMb: 192, maxOldGenerationSizeMb: 512 };

/**
 * The findings of a whole year, found in a worker thread on its own connection (village by village, see
 * yearFindings) while this thread reads the rows and writes the file: the check costs about as much as the rest
 * of a county's export, and there are two cores. Undefined when the worker fails or the data changed meanwhile (a
 * change set after `readUpTo`): then the gate is found here, on the rows written.
 */
async function checkApart(tasks: ReturnType<typeof workerTasks>, store: Store, year: number, readUpTo: number): Promise<Finding[] | undefined> {
  try {
    const report = (await tasks.offload('check', [{ year }], () => {})) as CheckReport;
    return store.lastChangeSetId() === readUpTo ? report.findings : undefined;
  } catch {
    return undefined;
  }
}

/** Why a gate stops the export, or null when it lets it through. */
function refusal(layout: Layout, gate: ExportGate, request: ExportRequest): PaichaError | null {
  if (!gate.refuses || request.allowErrors) return null;
  return new PaichaError(
    'blocked',
    `「${layout.label}」中还有 ${gate.errors} 条错误（${gateText(gate)}），未导出。请先在「数据核查」中改正；确需导出，请选择「仍然导出」（命令行加 --allow-errors）。`,
  );
}

/**
 * Writes a form. A whole year's export of a large county (or with `checkApart`, as tests ask) finds the gate's
 * 错误 in a worker while the file is written, and stops writing as soon as the gate refuses: no file is left then.
 */
export async function exportLayout(store: Store, request: ExportOptions, options: { checkApart?: boolean } = {}): Promise<ExportResult> {
  const layout = layoutOf(request);
  // The export point is where the data were read, before any await lets another edit in.
  const readUpTo = store.lastChangeSetId();
  const apart = !request.village && (options.checkApart ?? (availableParallelism() > 1 && store.count('households') >= CHECK_APART_FROM));
  const tasks = apart ? workerTasks(store.path, { resourceLimits: CHECKER_HEAP }) : undefined;
  try {
    return await exportWith(store, request, layout, readUpTo, tasks && checkApart(tasks, store, request.year ?? workYear(store), readUpTo));
  } finally {
    await tasks?.stop();
  }
}

/** The export itself, with the whole year's findings when they are being found elsewhere (`found`). */
async function exportWith(store: Store, request: ExportOptions, layout: Layout, readUpTo: number, found: Promise<Finding[] | undefined> | undefined): Promise<ExportResult> {
  const content = exported(store, request, layout);
  const { data, rows } = content;
  let refused: PaichaError | null = null;
  const gated = (found ?? Promise.resolve(undefined)).then((findings) => {
    const gate = gateOf(store, layout, content, findings);
    refused = refusal(layout, gate, request);
    return gate;
  });
  gated.catch(() => undefined); // awaited below; a failure is told there
  // Checked here, the gate is known before anything is written.
  if (!found) await gated;
  if (refused) throw refused;
  function* untilRefused(): Generator<Row> {
    for (const row of rows) {
      if (refused) throw refused;
      yield row;
    }
  }
  const sheet = {
    name: layout.sheetName,
    title: layout.title(data.place, data.year),
    unit: data.place.township ? `${data.place.township}人民政府` : '',
    date: new Date().toISOString().slice(0, 10),
    columns: layout.columns.map((c) => ({ ...c, value: (row: Row, index: number) => c.value(row, data, index) ?? null })),
    rows: untilRefused(),
    pagesWide: layout.pagesWide,
  };
  // Whole or not at all: on a full disk or a bad path the clerk reads why, and no truncated file is left to download
  // (nor one the gate refused).
  const written = await writeWhole(request.path, async (temporary) => {
    const count = await writeOfficialWorkbook(temporary, [sheet]);
    await gated;
    if (refused) throw refused;
    return count;
  });
  const gate = await gated;
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
