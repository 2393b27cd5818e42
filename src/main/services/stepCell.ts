// Where an undo or redo leaves the clerk: the cell it changed, the household it belongs to, and whose value it was
// — 「马海军户」 (the household's 户主) for a household and its records, 「家庭成员马海军」 for a member — so the grid goes
// there and the message says more than the field.
import type { HistoryStep, StepCell } from '../../shared/changes';
import { columnSpec, type Row, type TableName } from '../../shared/tables';
import type { Store } from '../store';

const one = (store: Store, table: TableName, id: unknown): Row | undefined =>
  Number.isInteger(id) ? store.rowsIn(table, 'id', [id as number])[0] : undefined;

function householdWhose(store: Store, householdId: number): string {
  const head = store.rows('members', { householdId, relation: '户主' })[0];
  if (head?.name) return `${String(head.name)}户`;
  const hhNo = one(store, 'households', householdId)?.hhNo;
  return hhNo ? `户编号 ${String(hhNo)} 的户` : '未填户主的户';
}

/** The household a row belongs to, and whose it is; nulls for a row that no longer exists or belongs to none. */
function ownerOf(store: Store, table: TableName, rowId: number): Pick<StepCell, 'householdId' | 'whose'> {
  const row = one(store, table, rowId);
  if (!row) return { householdId: null, whose: null };
  if (table === 'households') return { householdId: row.id, whose: householdWhose(store, row.id) };
  if (table === 'members') return { householdId: Number(row.householdId), whose: `家庭成员${String(row.name ?? '（未填姓名）')}` };
  if (columnSpec(table, 'householdId') && Number.isInteger(row.householdId)) return { householdId: Number(row.householdId), whose: householdWhose(store, Number(row.householdId)) };
  if (columnSpec(table, 'memberId')) return ownerOf(store, 'members', Number(row.memberId));
  return { householdId: null, whose: null };
}

/** The step with the cell it leaves the clerk at (none when it did nothing). */
export function withStepCell(store: Store, step: HistoryStep, which: 'undo' | 'redo'): HistoryStep {
  if (!step.label) return step;
  const cell = store.latestStepCell(which === 'undo');
  return cell ? { ...step, cell: { ...cell, ...ownerOf(store, cell.table, cell.rowId) } } : step;
}
