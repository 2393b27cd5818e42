// Which households' forms were printed, and when (the formPrints table, written as bookkeeping like an export
// point), and what became of them since: a form printed before a later edit of its household is stale — what the
// paper says is no longer what the data say (edits are found as the national list's "changed since" finds them) —
// until it comes back signed (双签字 on its record). Marking a form returned is an edit too, but not of what the
// paper says: a form that was current stays current.
import type { FormState, HouseholdForms } from '../../../shared/api';
import { formsOf, formsReturned, type SingleFormKind } from '../../../shared/forms';
import { doubleSigned } from '../../../shared/progress';
import type { Row } from '../../../shared/tables';
import type { YearData } from '../../../shared/yearData';
import type { Store } from '../../store';
import { changedHouseholds } from '../exporter';

/** Records that these households' forms were printed, from the data as they stood at change set `readUpTo`. */
export function recordPrints(store: Store, print: { householdIds: readonly number[]; kinds: readonly SingleFormKind[]; year: number; readUpTo: number; file: string }): void {
  const printedAt = new Date().toISOString();
  store.apply({
    label: '打印入户签字表',
    bookkeeping: true,
    changes: [
      {
        op: 'insert',
        table: 'formPrints',
        rows: print.householdIds.flatMap((householdId) => print.kinds.map((kind) => ({ householdId, year: print.year, kind, printedAt, lastChangeSetId: print.readUpTo, file: print.file }))),
      },
    ],
  });
}

/** The latest print of each household of `data` and form, by `householdId:kind` (rows come in id order). */
function latestPrints(store: Store, data: YearData): Map<string, Row> {
  const latest = new Map<string, Row>();
  for (const p of store.rowsIn('formPrints', 'householdId', data.households.map((h) => h.id))) if (p.year === data.year) latest.set(`${String(p.householdId)}:${String(p.kind)}`, p);
  return latest;
}

/** The forms of the households of `data`: latest print, stale, signed. */
export function formsStatusOf(store: Store, data: YearData): HouseholdForms[] {
  const latest = latestPrints(store, data);
  // One look at the journal per print run (a village's prints share their point), not per household.
  const changedSince = new Map<number, Set<number>>();
  const changed = (point: number) => changedSince.get(point) ?? changedSince.set(point, changedHouseholds(store, point)).get(point)!;
  const state = (household: Row, kind: SingleFormKind, record: Row | undefined): FormState => {
    const print = latest.get(`${household.id}:${kind}`);
    const signed = doubleSigned(record);
    return {
      printedAt: print ? String(print.printedAt) : null,
      stale: !!print && !signed && changed(Number(print.lastChangeSetId ?? 0)).has(household.id),
      signed,
      record: record ?? null,
    };
  };
  return data.households.map((h) => {
    const facts = data.derived.get(h.id);
    return {
      householdId: h.id,
      hhNo: h.hhNo == null ? null : String(h.hhNo),
      headName: facts?.headName ?? null,
      groupId: typeof h.groupId === 'number' ? h.groupId : null,
      income: state(h, 'income', data.incomeByHousehold.get(h.id)),
      visit: state(h, 'visit', data.visitByHousehold.get(h.id)),
    };
  });
}

/**
 * The households' `kind` forms came back signed by 户主 and 信息采集员: their records say so (one change set, the
 * clerk's to undo). Prints that were current stay current: the signature is not what the paper printed.
 */
export function markReturned(store: Store, data: YearData, kind: SingleFormKind, date: string): void {
  const before = formsStatusOf(store, data);
  const latest = latestPrints(store, data);
  const { changeSetId } = store.apply(formsReturned(kind, before.map((h) => ({ householdId: h.householdId, record: h[kind].record })), data.year, date));
  const current = before.flatMap((h) => formsOf('both').flatMap((k) => (h[k].printedAt && !h[k].stale ? [latest.get(`${h.householdId}:${k}`)!] : [])));
  if (!changeSetId || !current.length) return;
  store.apply({ label: '打印记录随签字更新', bookkeeping: true, changes: [{ op: 'update', table: 'formPrints', rows: current.map((p) => ({ id: p.id, lastChangeSetId: changeSetId })) }] });
}
