// Operations a page asks for, each built here as ONE change set (principle 2): pages call these and never compose
// changes themselves. The store expands a delete into its dependants (the dictionary's onDelete), so deleting a
// household takes its members, income and visit records along, and one undo brings them all back.
import { autofill } from './autofill';
import { normalizeCell } from './cells';
import type { Change, ChangeSet } from './changes';
import { PaichaError } from './errors';
import { judgeStep, type MonitoringFile, type StepInput } from './monitoring';
import { findingTarget } from './rules';
import type { Finding } from './rules/types';
import { settingKeys, tableSpec, type CellValue, type Row, type TableName } from './tables';
import { keyedValue } from './tsv';
import { canonicalValue, vocabularies } from './vocab';

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

/** A cell of a paste or fill that would not be stored, and why; the cell keeps its value. */
export interface RefusedCell extends CellUpdate {
  reason: string;
}

/**
 * Cells as a clerk pasted or filled them, read as typing reads them: text trimmed (empty clears), a vocabulary cell
 * taking a value's number or 拼音 initials. A cell is refused when the store would refuse it (text in a number
 * column, too long …) or when it names no value of its vocabulary (as the vocabulary editor refuses it); fields the
 * table does not have (derived columns) are skipped.
 */
function resolveCells(table: TableName, updates: readonly CellUpdate[]): { accepted: CellUpdate[]; refused: RefusedCell[] } {
  const columns = new Map(tableSpec(table).columns.map((c) => [c.key, c]));
  const accepted: CellUpdate[] = [];
  const refused: RefusedCell[] = [];
  for (const u of updates) {
    const column = columns.get(u.field);
    if (!column) continue;
    let value = typeof u.value === 'string' ? u.value.trim() : u.value;
    if (value === '') value = null;
    if (column.type === 'enum' && column.vocab && typeof value === 'string') {
      const multi = column.multi ?? !!vocabularies[column.vocab].multi;
      value = keyedValue(column.vocab, multi, value);
      const unknown = (multi ? value.split(',') : [value]).find((part) => canonicalValue(column.vocab!, part) === undefined);
      if (unknown !== undefined) {
        refused.push({ ...u, reason: `「${column.label}」没有「${unknown}」这一项` });
        continue;
      }
    }
    const cell = normalizeCell(column, value);
    if (cell.ok) accepted.push({ ...u, value });
    else refused.push({ ...u, reason: cell.message });
  }
  return { accepted, refused };
}

/** The cells of a paste or fill that would not be stored, with the reason for each (pasteCells and fillCells leave them out). */
export const refusedCells = (table: TableName, updates: readonly CellUpdate[]): RefusedCell[] => resolveCells(table, updates).refused;

/** A block pasted from Excel/WPS (or one value into a chosen range), as ONE change set of the cells it can store. */
export function pasteCells(table: TableName, updates: readonly CellUpdate[]): ChangeSet {
  const { accepted } = resolveCells(table, updates);
  return updateCells(table, `粘贴 ${accepted.length} 个单元格`, accepted);
}

/** Values filled down (Ctrl+D) or right (Ctrl+R) across a range, as ONE change set of the cells it can store. */
export function fillCells(table: TableName, updates: readonly CellUpdate[], direction: 'down' | 'right' = 'down'): ChangeSet {
  const { accepted } = resolveCells(table, updates);
  return updateCells(table, `向${direction === 'down' ? '下' : '右'}填充 ${accepted.length} 个单元格`, accepted);
}

/** Clears cells (Delete, 清除内容), as one change set. */
export function clearCells(table: TableName, cells: readonly Omit<CellUpdate, 'value'>[]): ChangeSet {
  return updateCells(table, `清除 ${cells.length} 个单元格`, cells.map((c) => ({ ...c, value: null })));
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

/**
 * What an import of a national export dated `exportDate` (YYYY-MM-DD) notes: the date its data stand on (rules on
 * them read it), and the 工作年度 it proposes — the year it was exported in — until the clerk sets one in 设置.
 * Null when there is nothing to change.
 */
export function noteExport(settings: readonly Row[], exportDate: string): ChangeSet | null {
  const yearSet = settings.some((s) => s.key === settingKeys.workYear && String(s.value ?? '').trim());
  const values = { [settingKeys.dataDate]: exportDate, ...(yearSet ? {} : { [settingKeys.proposedWorkYear]: exportDate.slice(0, 4) }) };
  return saveSettings(settings, values, '记录导出时间');
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

/** The 问题类别 a finding of 数据核查 falls under, by its rule; what matches none is 信息数据错误. */
const findingCategories: readonly [RegExp, string][] = [
  [/^(income\.(belowMonitoringLine|ordinaryBelowLine)|safety\.problemNotMonitored)$/, '应纳未纳'],
  [/^income\./, '收入骤减或低于监测范围'],
  [/^member\.(noMedical|noCriticalIllness|bothMedical|assistanceWithoutInsurance)$/, '基本医疗'],
  [/^(member\.compulsoryNotInSchool|safety\.dropoutInconsistent)$/, '义务教育'],
  [/^safety\.housing/, '住房安全'],
  [/^(monitor\.(eliminat\w*|noLaborEliminated)|safety\.eliminatedWithProblem)$/, '风险消除不规范或不稳定'],
  [/^monitor\.(noMeasures|riskMeasureMismatch|noDevelopmentalMeasure|welfareWithoutMeasure)$/, '帮扶措施未落实或不精准'],
];

/**
 * Findings of 数据核查 as 问题台账 entries, one each (source 数据核查, found on `today`), in one change set. A finding
 * already on the ledger (same household and description) or about no village is left out; null when none is left.
 */
export function problemsFromFindings(findings: readonly Finding[], stored: readonly Row[], today: string): ChangeSet | null {
  const onLedger = new Set(stored.map((p) => `${p.householdId ?? ''}|${String(p.description ?? '')}`));
  const rows = findings
    .filter((f) => f.villageId != null && !onLedger.has(`${f.householdId ?? ''}|${f.message}`))
    .map((f) => ({
      villageId: f.villageId,
      householdId: f.householdId,
      category: findingCategories.find(([rule]) => rule.test(f.ruleId))?.[1] ?? '信息数据错误',
      description: f.message,
      source: '数据核查',
      idNumber: f.idNumber,
      foundDate: today,
    }));
  return rows.length ? { label: `转入问题台账 ${rows.length} 条`, changes: [{ op: 'insert', table: 'problems', rows }] } : null;
}

/** The 问题类别 of an 入户调查 排查结论 that calls for follow-up (无风险 calls for none). */
const conclusionCategories: Readonly<Record<string, string>> = {
  建议纳入监测: '应纳未纳',
  风险再标注: '应纳未纳',
  风险消除回退: '风险消除不规范或不稳定',
  建议风险消除: '其他',
  信息更正: '信息数据错误',
};

/**
 * A visit's 排查结论 as a 问题台账 entry (source 入户排查, found on the 排查日期 or else `today`), in one change set;
 * null for a visit concluding 无风险 or nothing.
 */
export function problemFromVisit(visit: Readonly<Row>, household: Readonly<Row>, today: string): ChangeSet | null {
  const conclusion = String(visit.conclusion ?? '').trim();
  const category = conclusionCategories[conclusion];
  if (!category) return null;
  const needs = String(visit.needs ?? '').trim();
  const row = {
    villageId: household.villageId,
    householdId: household.id,
    category,
    description: `入户排查结论：${conclusion}${needs ? `；帮扶需求：${needs}` : ''}`,
    source: '入户排查',
    foundDate: typeof visit.visitDate === 'string' && visit.visitDate ? visit.visitDate : today,
  };
  return { label: `入户排查结论转入问题台账（${String(household.hhNo ?? '')}）`, changes: [{ op: 'insert', table: 'problems', rows: [row] }] };
}

/**
 * A step of the household's 监测程序 (识别纳入, 绿色通道, 风险消除, 回退, 再标注), recorded with the date, who recorded
 * it and when (`now`, ISO), together with the household's status fields it sets (监测对象类别, 识别监测时间, 风险是否已消除,
 * 消除方式, 消除监测时间, 风险) in ONE change set. A step out of order, or 风险消除 while a 七不消 blocker holds, is
 * refused with the reason (every blocker named); nothing is written then.
 */
export function recordMonitoringStep(file: MonitoringFile, input: StepInput, operator: string | null, now: string): ChangeSet {
  const outcome = judgeStep(file, input, now.slice(0, 10));
  if ('refused' in outcome) throw new PaichaError('invalid', outcome.refused);
  const { household } = file;
  const changes: Change[] = [{ op: 'insert', table: 'monitoringSteps', rows: [{ householdId: household.id, ...outcome.row, recordedBy: operator, recordedAt: now }] }];
  if (Object.keys(outcome.patch).length) changes.push({ op: 'update', table: 'households', rows: [{ id: household.id, ...outcome.patch }] });
  const method = outcome.row.eliminationMethod ? `（${String(outcome.row.eliminationMethod)}）` : '';
  return { label: `监测程序：${input.step}${method}${household.hhNo ? `（${String(household.hhNo)}）` : ''}`, changes };
}

/**
 * A change set written to placeholder rows — rows a page shows for a record not made yet, under a negative id (the
 * income grid's households without an income record of the year) — with each placeholder's update turned into the
 * insert of its record; `owner` gives what the record needs besides the typed values (its household and year).
 */
export function withRecordsMade(set: ChangeSet, table: TableName, owner: (placeholder: number) => Record<string, CellValue>): ChangeSet {
  const changes = set.changes.flatMap((change): Change[] => {
    if (change.op !== 'update' || change.table !== table || !change.rows.some((r) => r.id < 0)) return [change];
    const made = change.rows.filter((r) => r.id < 0).map((r) => ({ ...r, ...owner(r.id) }));
    const existing = change.rows.filter((r) => r.id > 0);
    return [{ op: 'insert', table, rows: made }, ...(existing.length ? [{ op: 'update' as const, table, rows: existing }] : [])];
  });
  return { ...set, changes };
}
