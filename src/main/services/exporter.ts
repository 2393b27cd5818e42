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
import type { Place, YearData } from '../../shared/yearData';
import { writeWhole } from '../fileWrite';
import type { Store } from '../store';
import { workerTasks } from '../tasks';
import { check, findingsIn } from './checks';
import { loadYear } from './loadYear';
import { placeOf, workYear } from './profile';
import { writeOfficialWorkbook } from './xlsx/officialSheet';

export type ExportOptions = ExportRequest & { path: string };

export function layoutOf(request: Pick<ExportRequest, 'layout'>): Layout {
  const layout = findLayout(request?.layout);
  if (!layout) throw new PaichaError('invalid', `没有「${String(request?.layout ?? '')}」这张表。可导出：${layouts.map((l) => `${l.id}（${l.label}）`).join('、')}。`);
  return layout;
}

/** A row of a form, and the data it is read with: the year's, or those of its slice of households. */
interface Item {
  row: Row;
  data: YearData;
}

/**
 * What a form writes: its rows, each with its data, and what its gate counts — the households its rows belong to
 * (the rows themselves for a village-level form). Read whole, `whole` has the data and `scope` is complete from the
 * start; read a slice of households at a time, `scope` fills as the rows are read.
 */
interface Form {
  year: number;
  place: Place;
  items: Iterable<Item>;
  scope: Set<number>;
  villageName(id: number | null): string;
  whole?: { data: YearData; partial: boolean };
}

/** Tables whose rows belong to a household: their 错误 are those of the households exported. */
const householdTables: readonly TableName[] = ['households', 'members', 'incomes', 'visits', 'keygroups'];

/** What of a row the gate counts: its household, or the row itself for a village-level form. */
function scopeKey(layout: Layout, row: Row): number {
  if (!householdTables.includes(layout.table)) return row.id;
  return layout.table === 'households' ? row.id : Number(row.householdId);
}

/** The same of a finding: its household, or its row when it is one of the form's; null when it is about neither. */
function findingKey(layout: Layout, finding: Finding): number | null {
  if (householdTables.includes(layout.table)) return finding.householdId;
  return finding.table === layout.table ? finding.rowId : null;
}

/** A village's name for the gate's count by village. */
const villageNameIn = (villages: ReadonlyMap<number, Row>) => (id: number | null) => String(villages.get(id ?? NaN)?.name ?? '（未知村）');

/** The one village asked for, by name. */
function villageIdOf(store: Store, request: ExportRequest): number | undefined {
  if (!request.village) return undefined;
  const [village] = store.rows('villages', { name: request.village });
  if (!village) throw new PaichaError('notFound', `没有名为「${request.village}」的行政村。`);
  return village.id;
}

/** The households the national list takes when only what changed is asked for; null for all. */
function changedOnly(store: Store, request: ExportRequest, layout: Layout): Set<number> | null {
  return layout.national && request.changedOnly ? changedHouseholds(store, lastNationalPoint(store)) : null;
}

/** The form read whole: one village or all, and for the national list optionally only what changed. */
function wholeForm(store: Store, request: ExportRequest, layout: Layout): Form {
  const villageId = villageIdOf(store, request);
  const data = loadYear(store, { year: request.year ?? workYear(store), villageId });
  let rows = layout.rows(data);
  const changed = changedOnly(store, request, layout);
  if (changed) rows = rows.filter((r) => changed.has(Number(r.householdId)));
  return {
    year: data.year,
    place: data.place,
    items: rows.map((row) => ({ row, data })),
    scope: new Set(rows.map((row) => scopeKey(layout, row))),
    villageName: villageNameIn(data.villageById),
    whole: { data, partial: villageId !== undefined },
  };
}

/** Households a whole year's export reads at a time when its form is in household order (a county: 2,000 of 100,000). */
const HOUSEHOLDS_PER_SLICE = 2_000;

/**
 * A whole year's form in household order (Layout.householdOrder) read a slice of households at a time: a county's
 * year is never held whole. The rows come in the order the whole year's would.
 */
function slicedForm(store: Store, request: ExportRequest, layout: Layout, perSlice: number): Form {
  const year = request.year ?? workYear(store);
  const changed = changedOnly(store, request, layout);
  const householdIds = (store.columns('households', ['id']).map((h) => h.id) as number[]).filter((id) => !changed || changed.has(id)).sort((a, b) => a - b);
  const villages = new Map(store.rows('villages').map((v) => [v.id, v]));
  const scope = new Set<number>();
  function* items(): Generator<Item> {
    for (let start = 0; start < householdIds.length; start += perSlice) {
      const data = loadYear(store, { year, householdIds: householdIds.slice(start, start + perSlice) });
      for (const row of layout.rows(data)) {
        scope.add(scopeKey(layout, row));
        yield { row, data };
      }
    }
  }
  return { year, place: placeOf(store), items: items(), scope, villageName: villageNameIn(villages) };
}

/** The 错误 among `findings` in what a form writes (its scope so far). */
function gateOf(layout: Layout, form: Form, findings: readonly Finding[]): ExportGate {
  const errors = findings.filter((f) => {
    const key = findingKey(layout, f);
    return f.severity === 'error' && key !== null && form.scope.has(key);
  });
  const byVillage = [...groupBy(errors, (f) => f.villageId)]
    .map(([id, list]) => ({ village: form.villageName(id), errors: list.length }))
    .sort((a, b) => b.errors - a.errors);
  return {
    errors: errors.length,
    byVillage,
    examples: errors.slice(0, 5).map((f) => ({ hhNo: f.hhNo, message: f.message })),
    refuses: !!layout.national && errors.length > 0,
  };
}

/** The findings of a form read whole, found here. */
function findingsOf(store: Store, form: Form): Finding[] {
  const { data, partial } = form.whole!;
  return findingsIn(store, data, { partial, villageRules: true });
}

export function exportGate(store: Store, request: ExportRequest): ExportGate {
  const layout = layoutOf(request);
  const form = wholeForm(store, request, layout);
  return gateOf(layout, form, findingsOf(store, form));
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
 * Such an export of a form in household order reads the year a slice of households at a time (`householdsPerSlice`).
 */
export async function exportLayout(
  store: Store,
  request: ExportOptions,
  options: { checkApart?: boolean; householdsPerSlice?: number } = {},
): Promise<ExportResult> {
  const layout = layoutOf(request);
  // The export point is where the data were read, before any await lets another edit in.
  const readUpTo = store.lastChangeSetId();
  const apart = !request.village && (options.checkApart ?? (availableParallelism() > 1 && store.count('households') >= CHECK_APART_FROM));
  const tasks = apart ? workerTasks(store.path, { resourceLimits: CHECKER_HEAP }) : undefined;
  try {
    // Checked here, the gate needs the year whole before anything is written.
    const form = apart && layout.householdOrder ? slicedForm(store, request, layout, options.householdsPerSlice ?? HOUSEHOLDS_PER_SLICE) : wholeForm(store, request, layout);
    return await exportWith(store, request, layout, form, readUpTo, tasks && checkApart(tasks, store, form.year, readUpTo));
  } finally {
    await tasks?.stop();
  }
}

/** The export itself, with the whole year's findings when they are being found elsewhere (`found`). */
async function exportWith(store: Store, request: ExportOptions, layout: Layout, form: Form, readUpTo: number, found: Promise<Finding[] | undefined> | undefined): Promise<ExportResult> {
  // Not found elsewhere: found here, from the year read whole, or village by village for a form read in slices.
  const findings = (found ?? Promise.resolve(undefined)).then((list) => list ?? (form.whole ? findingsOf(store, form) : check(store, { year: form.year }).findings));
  findings.catch(() => undefined); // awaited below; a failure is told there
  // Once the findings are known, a refusing gate stops the writing: at once when what is written so far has 错误, else
  // at the first row of a household with 错误.
  let known: { findings: Finding[]; errorKeys: Set<number | null> } | undefined;
  let stop = false;
  const refuses = !!layout.national && !request.allowErrors;
  void findings.then((list) => {
    known = { findings: list, errorKeys: new Set(list.filter((f) => f.severity === 'error').map((f) => findingKey(layout, f))) };
    stop = refuses && !!refusal(layout, gateOf(layout, form, list), request);
  }, () => undefined);
  // Checked here, the gate is known before anything is written.
  if (!found) await findings;
  const items = form.items[Symbol.iterator]();
  const refusedWhole = (): PaichaError => {
    while (!items.next().done); // the rest of the form's scope, so that the message counts every 错误
    return refusal(layout, gateOf(layout, form, known!.findings), request)!;
  };
  if (stop) throw refusedWhole();
  function* untilRefused(): Generator<Item> {
    for (let next = items.next(); !next.done; next = items.next()) {
      if (refuses && known?.errorKeys.has(scopeKey(layout, next.value.row))) stop = true;
      if (stop) throw refusedWhole();
      yield next.value;
    }
  }
  const sheet = {
    name: layout.sheetName,
    title: layout.title(form.place, form.year),
    unit: form.place.township ? `${form.place.township}人民政府` : '',
    date: new Date().toISOString().slice(0, 10),
    columns: layout.columns.map((c) => ({ ...c, value: (item: Item, index: number) => c.value(item.row, item.data, index) ?? null })),
    rows: untilRefused(),
    pagesWide: layout.pagesWide,
  };
  // Whole or not at all: on a full disk or a bad path the clerk reads why, and no truncated file is left to download
  // (nor one the gate refused).
  let gate: ExportGate | undefined;
  const written = await writeWhole(request.path, async (temporary) => {
    const count = await writeOfficialWorkbook(temporary, [sheet]);
    // Read a slice at a time, the form is of one state of the file only if nothing was written meanwhile.
    if (!form.whole && store.lastChangeSetId() !== readUpTo) {
      throw new PaichaError('conflict', `导出「${layout.label}」期间数据有修改，文件可能前后不一致，未导出。请重新导出。`);
    }
    gate = gateOf(layout, form, await findings);
    const refused = refusal(layout, gate, request);
    if (refused) throw refused;
    return count;
  });
  if (layout.national) {
    store.apply({
      label: '导出国家系统名单',
      bookkeeping: true,
      changes: [{ op: 'insert', table: 'exportPoints', rows: [{ kind: 'national', file: basename(request.path), exportedAt: new Date().toISOString(), lastChangeSetId: readUpTo, rows: written }] }],
    });
  }
  return { layout: layout.id, path: request.path, name: basename(request.path), rows: written, year: form.year, gate: gate! };
}

function lastNationalPoint(store: Store): number {
  const points = store.rows('exportPoints', { kind: 'national' });
  return points.length ? Number(points[points.length - 1]!.lastChangeSetId ?? 0) : 0;
}

/** Households whose own record, members, income or visit changed after a change set. */
export function changedHouseholds(store: Store, since: number): Set<number> {
  const touched = store.rowsTouchedSince(since, ['households', 'members', 'incomes', 'visits'], ['householdId']);
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
  // Their households only (a county's import touched 620,000 rows: not read whole).
  for (const m of store.columnsIn('members', ['householdId'], 'id', memberIds)) ids.add(Number(m.householdId));
  for (const table of ['incomes', 'visits'] as const) {
    for (const r of store.columnsIn(table, ['householdId'], 'id', yearIds.filter((y) => y.table === table).map((y) => y.id))) ids.add(Number(r.householdId));
  }
  return ids;
}
