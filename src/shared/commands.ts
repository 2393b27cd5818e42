// Operations a page asks for, each built here as ONE change set (principle 2): pages call these and never compose
// changes themselves. The store expands a delete into its dependants (the dictionary's onDelete), so deleting a
// household takes its members, income and visit records along, and one undo brings them all back.
import { autofill } from './autofill';
import type { Change, ChangeSet } from './changes';
import { findingTarget } from './rules';
import type { Finding } from './rules/types';
import { settingKeys, tableSpec, type CellValue, type Row, type TableName } from './tables';
import { keyedValue } from './tsv';
import { vocabularies } from './vocab';

/** The placeholder id of the row a command inserts; ApplyResult.insertedIds[NEW_ROW] is its real id. */
export const NEW_ROW = '-1';

/** Inserts one row; its id comes back under NEW_ROW. */
export function addRow(table: TableName, values: Record<string, CellValue>): ChangeSet {
  return { label: `新增${tableSpec(table).rowLabel}`, changes: [{ op: 'insert', table, rows: [{ id: Number(NEW_ROW), ...values }] }] };
}

/** Inserts rows, e.g. a year's records for every household of a village that has none yet. */
export function addRows(table: TableName, rows: Record<string, CellValue>[]): ChangeSet {
  return { label: `新增 ${rows.length} 条${tableSpec(table).rowLabel}`, changes: [{ op: 'insert', table, rows }] };
}

/** Deletes rows with everything that depends on them (members, income, visits … of a household). */
export function deleteRows(table: TableName, ids: readonly number[]): ChangeSet {
  const spec = tableSpec(table);
  return { label: `删除 ${ids.length} ${spec.rowLabel === '户' ? '户' : `条${spec.rowLabel}`}`, changes: [{ op: 'delete', table, ids: [...ids] }] };
}

/** A new member of a household; the first one is the 户主. */
export function addMember(householdId: number, first: boolean): ChangeSet {
  return { ...addRow('members', { householdId, idType: '居民身份证', relation: first ? '户主' : null }), label: '新增家庭成员' };
}

/** Moves households to another 村民小组 (and its village). */
export function moveHouseholds(ids: readonly number[], group: Pick<Row, 'id' | 'villageId'>): ChangeSet {
  return { label: `移动 ${ids.length} 户`, changes: [{ op: 'update', table: 'households', rows: ids.map((id) => ({ id, villageId: group.villageId, groupId: group.id })) }] };
}

/** Moves members to another household (a marriage, a split household). */
export function moveMembers(ids: readonly number[], householdId: number): ChangeSet {
  return { label: `移动 ${ids.length} 名家庭成员`, changes: [{ op: 'update', table: 'members', rows: ids.map((id) => ({ id, householdId })) }] };
}

/** One cell typed in a grid, with what it fills in elsewhere in the row (e.g. 性别 from an ID number). */
export function editCell(table: TableName, row: Readonly<Row>, field: string, value: CellValue): ChangeSet {
  const spec = tableSpec(table);
  const label = spec.columns.find((c) => c.key === field)?.label ?? field;
  const filled = autofill(table, row, field, typeof value === 'string' ? value.trim() : value);
  return { label: `修改${spec.rowLabel}${whose(row, field)}的「${label}」`, changes: [{ op: 'update', table, rows: [{ id: row.id, [field]: value, ...filled }] }] };
}

/**
 * Whose value it is, for the undo button and the journal: 「马海军」 of a member, the 户编号 of a household — as it
 * was before the edit, unless the edit is of that very name.
 */
function whose(row: Readonly<Row>, field: string): string {
  const key = ['name', 'hhNo'].find((k) => k !== field && row[k] != null && String(row[k]).trim());
  return key ? `「${String(row[key]).trim()}」` : '';
}

/** One cell of a paste: the row as shown, the field, and the text (or, for a ref, the id) that goes in. */
export interface CellUpdate {
  row: Readonly<Row>;
  field: string;
  value: CellValue;
}

/** The rows of cell updates as one update, with what each row's typed values fill in elsewhere (性别 from an ID). */
function updateCells(table: TableName, label: string, updates: readonly CellUpdate[]): ChangeSet {
  const patches = new Map<number, { row: Readonly<Row>; patch: Record<string, CellValue>; filled: Record<string, CellValue> }>();
  for (const { row, field, value } of updates) {
    const entry = patches.get(row.id) ?? { row, patch: {}, filled: {} };
    patches.set(row.id, entry);
    entry.patch[field] = value;
    Object.assign(entry.filled, autofill(table, row, field, typeof value === 'string' ? value.trim() : value));
  }
  const rows = [...patches.entries()].map(([id, { patch, filled }]) => ({ id, ...filled, ...patch }));
  return { label, changes: [{ op: 'update', table, rows }] };
}

/**
 * A block pasted from Excel/WPS, as ONE change set: text goes in as typed, except that a vocabulary cell takes a
 * value's number or 拼音 initials as typing does. Fields the table does not have (derived columns) are skipped.
 */
export function pasteCells(table: TableName, updates: readonly CellUpdate[]): ChangeSet {
  const spec = tableSpec(table);
  const columns = new Map(spec.columns.map((c) => [c.key, c]));
  const resolved = updates.flatMap((u) => {
    const column = columns.get(u.field);
    if (!column) return [];
    const text = typeof u.value === 'string' ? u.value.trim() : u.value;
    if (typeof text === 'string' && text === '') return [{ ...u, value: null }];
    if (column.type === 'enum' && column.vocab && typeof text === 'string') {
      return [{ ...u, value: keyedValue(column.vocab, column.multi ?? !!vocabularies[column.vocab].multi, text) }];
    }
    return [{ ...u, value: text }];
  });
  return updateCells(table, `粘贴 ${resolved.length} 个单元格`, resolved);
}

/** One value filled down a column (Ctrl+D) into the given rows, as ONE change set. */
export function fillCells(table: TableName, rows: readonly Readonly<Row>[], field: string, value: CellValue): ChangeSet {
  return updateCells(table, `向下填充 ${rows.length} 个单元格`, rows.map((row) => ({ row, field, value })));
}

/** Clears cells of one column (Delete), as one change set. */
export function clearCells(table: TableName, rows: readonly Readonly<Row>[], field: string): ChangeSet {
  return updateCells(table, `清除 ${rows.length} 个单元格`, rows.map((row) => ({ row, field, value: null })));
}

/** Confirms 提醒 as correct, with the reason, who and when (错误 cannot be confirmed). */
export function confirmFindings(findings: readonly Finding[], reason: string, operator: string | null, at: string): ChangeSet {
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.confirmation);
  return {
    label: `确认 ${warnings.length} 条提醒`,
    changes: [{ op: 'insert', table: 'confirmations', rows: warnings.map((f) => ({ ruleId: f.ruleId, target: findingTarget(f), reason, confirmedBy: operator, confirmedAt: at })) }],
  };
}

/** Takes confirmations back: the stored confirmation rows of these findings are deleted. */
export function unconfirmFindings(findings: readonly Finding[], stored: readonly Row[]): ChangeSet {
  const keys = new Set(findings.map((f) => `${f.ruleId}|${findingTarget(f)}`));
  const ids = stored.filter((c) => keys.has(`${String(c.ruleId)}|${String(c.target)}`)).map((c) => c.id);
  return { label: `取消确认 ${ids.length} 条提醒`, changes: [{ op: 'delete', table: 'confirmations', ids }] };
}

/** Settings saved from a form: keys on file are updated, new non-empty ones inserted; null when nothing to do. */
export function saveSettings(stored: readonly Row[], values: Record<string, string>, label = '修改设置'): ChangeSet | null {
  const byKey = new Map(stored.map((s) => [String(s.key), s]));
  const changes: Change[] = [];
  const inserts = Object.entries(values).filter(([key, value]) => !byKey.has(key) && value.trim());
  const updates = Object.entries(values).filter(([key, value]) => byKey.has(key) && byKey.get(key)!.value !== value);
  if (inserts.length) changes.push({ op: 'insert', table: 'settings', rows: inserts.map(([key, value]) => ({ key, value })) });
  if (updates.length) changes.push({ op: 'update', table: 'settings', rows: updates.map(([key, value]) => ({ id: byKey.get(key)!.id, value })) });
  return changes.length ? { label, changes } : null;
}

/** An import's proposal of the 工作年度, kept until the clerk sets one in 设置; null when there is nothing to change. */
export function proposeWorkYear(settings: readonly Row[], year: number): ChangeSet | null {
  if (settings.some((s) => s.key === settingKeys.workYear && String(s.value ?? '').trim())) return null;
  return saveSettings(settings, { [settingKeys.proposedWorkYear]: String(year) }, '推定工作年度');
}

/**
 * The 政策年度参数 form: the work year (a setting), and the profile of that year when the year stays the same (a
 * new year's parameters are entered after switching to it).
 */
export function saveProfile(settings: readonly Row[], workYear: number, newYear: string, stored: Row | undefined, values: Record<string, string>): ChangeSet | null {
  const yearSet = settings.some((s) => s.key === settingKeys.workYear);
  const year = saveSettings(settings, yearSet && newYear === String(workYear) ? {} : { [settingKeys.workYear]: newYear });
  const changes: Change[] = [...(year?.changes ?? [])];
  if (newYear === String(workYear)) {
    changes.push(stored ? { op: 'update', table: 'profiles', rows: [{ id: stored.id, ...values }] } : { op: 'insert', table: 'profiles', rows: [{ year: workYear, ...values }] });
  }
  return changes.length ? { label: '修改政策年度参数', changes } : null;
}
