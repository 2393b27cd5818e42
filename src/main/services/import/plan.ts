// The plan of an import: from the rows read and what is on file, the ONE change set that merges them (in dependency
// order, new rows under negative placeholders), a line for every row, and what the clerk should check. Pure: no
// store, no file — the strategies read what is on file and pass it in as plain rows and maps.
import type { Change, NewRow, RowPatch } from '../../../shared/changes';
import { groupBy } from '../../../shared/groupBy';
import { householdFacts, type MemberFacts } from '../../../shared/household';
import { normalizeIdNumber } from '../../../shared/idcard';
import type { ImportLine, ImportReport } from '../../../shared/imports';
import type { Reimport } from '../../../shared/layouts';
import { importedStep } from '../../../shared/monitoring';
import { sizeRuleOf, type Profile } from '../../../shared/profile';
import { tableSpec, type CellValue, type Row, type TableName } from '../../../shared/tables';
import { ImportedCollectors } from './people';
import type { Counts, ParsedRow, ParsedSheet, RecordRow } from './types';

/** What is on file for a national export: the households it names and their records of the year, and the places. */
export interface OnFile {
  /** Households on file with the file's 户编号, by 户编号. */
  households: ReadonlyMap<string, Row>;
  membersByHousehold: ReadonlyMap<number, readonly Row[]>;
  /** Income records of the file's income year, and visit records of its round, by household id. */
  incomeByHousehold: ReadonlyMap<number, Row>;
  visitByHousehold: ReadonlyMap<number, Row>;
  /** Every village and group (names resolve against all of them). */
  villages: readonly Row[];
  groups: readonly Row[];
  /** Households on file in the villages the file names (those it no longer lists are reported). */
  villageHouseholds: readonly Row[];
}

export interface PlanInput {
  kind: 'persons' | 'households';
  sheet: ParsedSheet<ParsedRow>;
  onFile: OnFile;
  /** The year of the file's income block. */
  year: number;
  /** The round its 入户调查 answers belong to (default: the income year). */
  roundYear?: number;
  profile: Profile;
}

export interface Plan {
  changes: Change[];
  /** Every row read, in row order: those of the sheet (refused, skipped) and those planned. */
  lines: ImportLine[];
  counts: Counts;
  disagreements: ImportReport['disagreements'];
  verifications: ImportReport['verifications'];
  absent: ImportReport['absent'];
}

/** The changes of one set, collected by table and put in dependency order; new rows get negative placeholders. */
class ChangeBuilder {
  private readonly inserts = new Map<TableName, NewRow[]>();
  private readonly updates = new Map<TableName, RowPatch[]>();

  /** `next` gives the placeholders: one counter for the batches of an import, so no two batches share one. */
  constructor(readonly next: () => number) {}

  insert(table: TableName, row: NewRow): void {
    (this.inserts.get(table) ?? this.inserts.set(table, []).get(table)!).push(row);
  }

  update(table: TableName, row: RowPatch): void {
    (this.updates.get(table) ?? this.updates.set(table, []).get(table)!).push(row);
  }

  /** Inserts first (parents before children), then updates. */
  changes(order: readonly TableName[]): Change[] {
    const inserts = order.flatMap((table): Change[] => (this.inserts.get(table)?.length ? [{ op: 'insert', table, rows: this.inserts.get(table)! }] : []));
    const updates = order.flatMap((table): Change[] => (this.updates.get(table)?.length ? [{ op: 'update', table, rows: this.updates.get(table)! }] : []));
    return [...inserts, ...updates];
  }
}

/** The fields of `incoming` that differ from `current`; empty cells in the file never erase what is on file. */
function changedFields(current: Row, incoming: Record<string, CellValue>): Record<string, CellValue> {
  const patch: Record<string, CellValue> = {};
  for (const [key, value] of Object.entries(incoming)) if (value !== null && current[key] !== value) patch[key] = value;
  return patch;
}

/** 户编号, 姓名 and 证件号码 of a row, for its line in the report. */
export function describeRow(row: ParsedRow): Pick<ImportLine, 'hhNo' | 'name' | 'idNumber'> {
  const member = row.values.get('members') ?? {};
  return { hhNo: row.hhNo || null, name: member.name == null ? null : String(member.name), idNumber: member.idNumber == null ? null : String(member.idNumber) };
}

const statusCount = (lines: readonly ImportLine[], status: ImportLine['status']) => lines.filter((l) => l.status === status).length;

/** The lines of an import's report in the order of their rows. */
export function inRowOrder(lines: ImportLine[]): ImportLine[] {
  return lines.sort((a, b) => a.rowNo - b.rowNo);
}

const label = (table: TableName, key: string) => tableSpec(table).columns.find((c) => c.key === key)?.label ?? key;

/** Names of the villages a file's rows name. */
function villageNamesOf(rows: readonly ParsedRow[]): Set<string> {
  return new Set(rows.map((r) => r.values.get('villages')?.name).filter((n): n is string => typeof n === 'string' && n !== ''));
}

const HOUSEHOLD_TABLES: readonly TableName[] = ['households', 'incomes', 'visits', 'villages', 'groups'];

/**
 * Household fields on which the rows of one household disagree (the 户主 row is imported). Each row is compared with
 * the first; only a field that differs somewhere has its values collected (this runs for every household of a county).
 */
function disagreementsOf(households: ReadonlyMap<string, ParsedRow[]>): Plan['disagreements'] {
  const found: Plan['disagreements'] = [];
  for (const [hhNo, rows] of households) {
    if (rows.length < 2) continue;
    for (const table of HOUSEHOLD_TABLES) {
      let differing: Set<string> | null = null;
      const first = rows[0]!.values.get(table) ?? {};
      for (let i = 1; i < rows.length; i++) {
        const values = rows[i]!.values.get(table);
        if (!values) continue;
        for (const key in values) {
          const value = values[key];
          if (value == null || value === first[key]) continue;
          if (first[key] == null || String(value) !== String(first[key])) (differing ??= new Set()).add(key);
        }
      }
      if (!differing) continue;
      // In the order the fields first appear in the rows, as the report lists them.
      for (const key of new Set(rows.flatMap((r) => Object.keys(r.values.get(table) ?? {})))) {
        if (!differing.has(key)) continue;
        const values = [...new Set(rows.map((r) => r.values.get(table)?.[key]).filter((v) => v != null).map(String))];
        if (values.length > 1) found.push({ hhNo, field: label(table, key), values });
      }
    }
  }
  return found;
}

/** What is on file for some households of the file: the part of OnFile a batch of households is planned against. */
export type HouseholdsOnFile = Pick<OnFile, 'households' | 'membersByHousehold' | 'incomeByHousehold' | 'visitByHousehold'>;

export interface PlannerInput {
  kind: 'persons' | 'households';
  /** Every village and group on file (names resolve against all of them). */
  villages: readonly Row[];
  groups: readonly Row[];
  /** 工作人员 on file: a household's 信息采集人 is matched to one of them (import/people.ts). */
  people?: readonly Row[];
  year: number;
  roundYear?: number;
  profile: Profile;
}

/**
 * Merges the rows of a national export (person or household level) with what is on file, a batch of households at a
 * time: a county's export is planned, written and forgotten batch by batch, never held whole. Each batch's changes
 * are a part of one change set (see Store.changeSetWriter): the villages, groups and people a batch creates, later
 * batches name by the same placeholders. Each batch's lines go to the caller; the counts and what to check
 * accumulate, and `finish` adds the households on file that the file no longer lists and returns them.
 */
export class NationalPlanner {
  private readonly counts: Counts;
  private readonly disagreements: Plan['disagreements'] = [];
  private readonly verifications: Plan['verifications'] = [];
  /** Members on file that the file no longer lists in their household (reported after the households). */
  private readonly absentMembers: Plan['absent'] = [];
  private readonly villages: Map<string, number>;
  private readonly groups: Map<string, number>;
  private readonly newVillages = new Map<string, number>();
  private readonly newGroups = new Map<string, number>();
  /** The 户编号 of the file, and the villages its rows name. */
  private readonly hhNos = new Set<string>();
  private readonly villageNames = new Set<string>();
  private placeholder = 0;
  private readonly collectors: ImportedCollectors;

  constructor(private readonly input: PlannerInput) {
    this.collectors = new ImportedCollectors(input.people ?? []);
    this.counts = { rows: 0, households: 0, members: 0, newHouseholds: 0, updatedHouseholds: 0, newMembers: 0, updatedMembers: 0, unchanged: 0, skipped: 0, refused: 0 };
    this.villages = new Map(input.villages.map((v) => [String(v.name), v.id]));
    this.groups = new Map(input.groups.map((g) => [`${g.villageId}|${g.name}`, g.id]));
  }

  /**
   * Plans households (their rows, by 户编号; household fields come from the 户主 row); returns the batch's changes and
   * the lines of its rows (a county's 320,000 lines are not held here: the caller collects them).
   */
  households(households: ReadonlyMap<string, ParsedRow[]>, onFile: HouseholdsOnFile): { changes: Change[]; lines: ImportLine[] } {
    const { kind, year, profile } = this.input;
    const { counts, verifications } = this;
    const lines: ImportLine[] = [];
    const build = new ChangeBuilder(() => --this.placeholder);
    const headRowOf = (rows: ParsedRow[]) => rows.find((r) => r.values.get('members')?.relation === '户主') ?? rows[0]!;
    this.disagreements.push(...disagreementsOf(households));
    for (const rows of households.values()) for (const name of villageNamesOf(rows)) this.villageNames.add(name);

    const villageIdFor = (head: ParsedRow): number | null => {
      const village = head.values.get('villages');
      const name = village?.name == null ? null : String(village.name);
      if (!name) return null;
      const known = this.villages.get(name);
      if (known !== undefined) return known;
      let id = this.newVillages.get(name);
      if (id === undefined) {
        this.newVillages.set(name, (id = build.next()));
        build.insert('villages', { id, ...village });
      }
      return id;
    };
    const groupIdFor = (head: ParsedRow, villageId: number): number | null => {
      const name = head.values.get('groups')?.name;
      if (name == null) return null;
      const key = `${villageId}|${name}`;
      const known = this.groups.get(key);
      if (known !== undefined) return known;
      let id = this.newGroups.get(key);
      if (id === undefined) {
        this.newGroups.set(key, (id = build.next()));
        build.insert('groups', { id, villageId, name });
      }
      return id;
    };

    for (const [hhNo, rows] of households) {
      this.hhNos.add(hhNo);
      counts.households++;
      const head = headRowOf(rows);
      const existing = onFile.households.get(hhNo);
      const villageId = villageIdFor(head) ?? (existing ? Number(existing.villageId) : null);
      if (villageId === null) {
        for (const r of rows) lines.push({ rowNo: r.rowNo, status: '拒绝', ...describeRow(r), reason: '新的户缺少「村」，无法确定所属行政村' });
        continue;
      }
      const groupId = groupIdFor(head, villageId);
      const householdValues: Record<string, CellValue> = { ...head.values.get('households'), villageId, ...(groupId !== null ? { groupId } : {}) };
      // 信息采集人 / 信息采集人联系电话 → a person of 工作人员 (import/people.ts): the one place the plan reads them.
      const collectorId = this.collectors.idFor(head.values.get('people'), villageId, build);
      if (collectorId !== null) householdValues.collectorId = collectorId;
      let householdId: number;
      let householdChanged = false;
      if (existing) {
        householdId = existing.id;
        const patch = changedFields(existing, householdValues);
        if (Object.keys(patch).length) {
          build.update('households', { id: existing.id, ...patch });
          householdChanged = true;
        }
      } else {
        householdId = build.next();
        build.insert('households', { id: householdId, ...householdValues });
        counts.newHouseholds++;
      }
      noteImportedStatus(build, householdId, householdValues, existing);
      for (const [table, known] of [['incomes', onFile.incomeByHousehold], ['visits', onFile.visitByHousehold]] as const) {
        const values = head.values.get(table);
        if (!values) continue;
        const current = existing ? known.get(existing.id) : undefined;
        if (current) {
          const patch = changedFields(current, values);
          if (Object.keys(patch).length) {
            build.update(table, { id: current.id, ...patch });
            householdChanged = true;
          }
        } else {
          build.insert(table, { householdId, year: table === 'visits' ? (this.input.roundYear ?? year) : year, ...values });
          householdChanged ||= !!existing;
        }
      }
      if (existing && householdChanged) counts.updatedHouseholds++;

      // Members, matched by 证件号码 within the household.
      const onFileMembers = existing ? (onFile.membersByHousehold.get(existing.id) ?? []) : [];
      const byId = new Map(onFileMembers.map((m) => [normalizeIdNumber(String(m.idNumber ?? '')), m]));
      const seenIds = new Set<string>();
      const facts: MemberFacts[] = [];
      for (const r of kind === 'persons' ? rows : []) {
        const member = r.values.get('members')!;
        const id = String(member.idNumber);
        if (seenIds.has(id)) {
          lines.push({ rowNo: r.rowNo, status: '拒绝', ...describeRow(r), reason: '同一户中证件号码重复出现，只导入第一行' });
          continue;
        }
        seenIds.add(id);
        counts.members++;
        facts.push({ householdId, name: member.name ?? null, idNumber: id, relation: member.relation ?? null, changeType: member.changeType ?? null });
        const current = byId.get(id);
        if (current) {
          const patch = changedFields(current, member);
          if (Object.keys(patch).length) {
            build.update('members', { id: current.id, ...patch });
            counts.updatedMembers++;
            lines.push({ rowNo: r.rowNo, status: '更新', ...describeRow(r), reason: `修改：${Object.keys(patch).map((k) => label('members', k)).join('、')}` });
          } else {
            counts.unchanged++;
            lines.push({ rowNo: r.rowNo, status: '未变', ...describeRow(r), reason: householdChanged ? '成员信息未变（户信息有修改）' : '' });
          }
        } else {
          build.insert('members', { householdId, ...member });
          counts.newMembers++;
          lines.push({ rowNo: r.rowNo, status: '新增', ...describeRow(r), reason: existing ? '已有户的新成员' : '' });
        }
      }
      if (kind === 'households') {
        for (const r of rows) {
          const status = existing ? (householdChanged ? '更新' : '未变') : '新增';
          if (status === '未变') counts.unchanged++;
          lines.push({ rowNo: r.rowNo, status, ...describeRow(r), reason: r === head ? '' : '同一户编号的重复行，按第一行导入' });
        }
      }

      // What the file states that the app derives: report disagreements, store nothing.
      const derived = householdFacts(kind === 'persons' ? facts : (onFileMembers as unknown as MemberFacts[]), sizeRuleOf(profile));
      const check = (what: string, fileValue: string | undefined, appValue: string | null | undefined) => {
        if (fileValue && appValue != null && fileValue !== appValue) verifications.push({ hhNo, what, file: fileValue, app: appValue });
      };
      check('户主姓名', head.checks.headName, derived.headName);
      check('户主证件号码', head.checks.headIdNumber && normalizeIdNumber(head.checks.headIdNumber), derived.headIdNumber);
      if (derived.memberCount) check('家庭人口数', head.checks.size, String(derived.size));

      // Members on file that the export no longer lists: reported, never deleted.
      if (kind === 'persons' && existing) {
        const inFile = new Set(rows.map((r) => String(r.values.get('members')?.idNumber)));
        for (const m of onFileMembers) {
          if (!inFile.has(normalizeIdNumber(String(m.idNumber ?? '')))) this.absentMembers.push({ hhNo, name: m.name == null ? null : String(m.name), idNumber: m.idNumber == null ? null : String(m.idNumber) });
        }
      }
    }
    counts.refused += statusCount(lines, '拒绝');
    return { changes: build.changes(['villages', 'groups', 'people', 'households', 'members', 'incomes', 'visits', 'monitoringSteps']), lines };
  }

  /** The villages the file's rows name so far. */
  namedVillages(): ReadonlySet<string> {
    return this.villageNames;
  }

  /**
   * The whole plan's report but the lines (the caller has them: those of each batch, and the sheet's): `sheet` has the
   * lines of the rows refused or skipped while reading and the number of non-blank rows; `villageHouseholds` are the
   * households on file in the villages the file names (those it no longer lists are reported, never deleted),
   * `villages` every village on file.
   */
  finish(sheet: Pick<ParsedSheet<ParsedRow>, 'lines' | 'rowCount'>, villageHouseholds: readonly Row[], villages: readonly Row[]): Omit<Plan, 'changes' | 'lines'> {
    const absent: Plan['absent'] = [];
    // One pass over the households on file (a file naming 300,000 villages must not cost villages × households).
    const covered = new Set(villages.filter((v) => this.villageNames.has(String(v.name))).map((v) => v.id));
    for (const h of villageHouseholds) {
      if (covered.has(h.villageId as number) && h.hhNo && !this.hhNos.has(String(h.hhNo))) absent.push({ hhNo: String(h.hhNo), name: null, idNumber: null });
    }
    absent.push(...this.absentMembers);
    const { counts } = this;
    counts.rows = sheet.rowCount;
    counts.refused += statusCount(sheet.lines, '拒绝');
    counts.skipped = statusCount(sheet.lines, '跳过');
    return { counts, disagreements: this.disagreements, verifications: this.verifications, absent };
  }
}

/** Merges the rows of a national export (person or household level) with what is on file, all at once. */
export function plan(input: PlanInput): Plan {
  const { sheet, onFile } = input;
  const planner = new NationalPlanner({ ...input, villages: onFile.villages, groups: onFile.groups });
  const { changes, lines } = planner.households(groupBy(sheet.rows, (r) => r.hhNo), onFile);
  return { changes, lines: inRowOrder([...lines, ...sheet.lines]), ...planner.finish(sheet, onFile.villageHouseholds, onFile.villages) };
}

/** What is on file for an own-table form: the places and households its rows name, and the table's records. */
export interface RecordsOnFile {
  villages: readonly Row[];
  groups: readonly Row[];
  households: readonly Row[];
  /** Members' ids and 证件号码, for a table of member records (务工). */
  members: readonly Row[];
  /** The table's records (of the year, for a table with a year). */
  records: readonly Row[];
}

export interface RecordsPlanInput {
  table: TableName;
  key: Reimport['key'];
  sheet: ParsedSheet<RecordRow>;
  onFile: RecordsOnFile;
  year: number;
}

export type RecordsPlan = Pick<Plan, 'changes' | 'lines' | 'counts'>;

/**
 * Merges the rows of an own-table form with the table's records, matched by the form's natural key: the village,
 * group and household are found by name (a name that is not on file refuses the row); in a table that holds a key
 * once, a record listed twice is taken once.
 */
export function planRecords(input: RecordsPlanInput): RecordsPlan {
  const { table, sheet, onFile, year } = input;
  const spec = tableSpec(table);
  const column = (key: string) => spec.columns.find((c) => c.key === key);
  const needed = (key: string) => !!(column(key)?.required || column(key)?.notNull);
  const villages = new Map(onFile.villages.map((v) => [String(v.name), v.id]));
  const groups = new Map(onFile.groups.map((g) => [`${g.villageId}|${g.name}`, g.id]));
  const households = new Map(onFile.households.map((h) => [String(h.hhNo), h.id]));
  const hhNoById = new Map(onFile.households.map((h) => [h.id, h.hhNo]));
  const members = new Map(onFile.members.map((m) => [normalizeIdNumber(String(m.idNumber ?? '')), m.id]));
  const idNumberById = new Map(onFile.members.map((m) => [m.id, normalizeIdNumber(String(m.idNumber ?? ''))]));
  const keyOf = (r: Record<string, CellValue>) => {
    const parts: Record<string, CellValue | undefined> = {
      ...r,
      hhNo: r.householdId == null ? null : hhNoById.get(Number(r.householdId)),
      idNumber: r.memberId == null ? null : idNumberById.get(Number(r.memberId)),
      village: r.villageId,
      group: r.groupId,
    };
    return input.key.map((k) => String(parts[k] ?? '')).join('|');
  };
  // Several records may share a natural key (two problems of one household with the same description): rows of the
  // form are matched to them one to one, in their order, so a form re-imported unchanged changes nothing.
  const onFileByKey = groupBy(onFile.records, keyOf);
  const matched = new Set<number>();
  /** Whether the table itself holds a key at most once (then a row listed twice in the form is taken once). */
  const uniqueKey = !!spec.uniqueTogether?.length;

  const lines: ImportLine[] = [...sheet.lines];
  let placeholder = 0;
  const build = new ChangeBuilder(() => --placeholder);
  /** Keys already taken from this file, with their row numbers. */
  const seen = new Map<string, number>();
  for (const row of sheet.rows) {
    const { village = '', group = '', hhNo = '' } = row.leads;
    const idNumber = normalizeIdNumber(row.leads.idNumber ?? '');
    const values: Record<string, CellValue> = { ...row.values };
    let refusal: string | null = null;
    /** Sets a reference found by name; a name not on file, or a missing one the table needs, refuses the row. */
    const refer = (key: string, id: number | undefined, name: string, notFound: string, missing: string) => {
      if (!column(key)) return;
      if (id !== undefined) values[key] = id;
      else if (name) refusal ??= notFound;
      else if (needed(key)) refusal ??= missing;
    };
    const villageId = villages.get(village);
    refer('villageId', villageId, village, `没有名为「${village}」的行政村`, '缺少行政村');
    refer('groupId', villageId === undefined ? undefined : groups.get(`${villageId}|${group}`), group, `${village}没有名为「${group}」的村民小组`, '缺少村民小组');
    refer('householdId', households.get(hhNo), hhNo, `没有户编号为「${hhNo}」的户`, '缺少户编号');
    refer('memberId', members.get(idNumber), idNumber, `台账中没有证件号码为「${idNumber}」的家庭成员`, '缺少证件号码');
    if (column('year')) values.year = year;
    const line = { rowNo: row.rowNo, hhNo: hhNo || null, name: null, idNumber: idNumber || null };
    if (refusal) {
      lines.push({ ...line, status: '拒绝', reason: refusal });
      continue;
    }
    const key = keyOf(values);
    const first = seen.get(key);
    if (first !== undefined && uniqueKey) {
      lines.push({ ...line, status: '拒绝', reason: `与第 ${first} 行是同一条记录，只导入第一行` });
      continue;
    }
    seen.set(key, first ?? row.rowNo);
    const current = onFileByKey.get(key)?.find((r) => !matched.has(r.id));
    if (current) matched.add(current.id);
    // A blank row of a form that lists what is derived (附件3: a household in a key group the clerk entered nothing
    // for) makes no empty record.
    if (!current && Object.values(row.values).every((v) => v == null || v === '')) {
      lines.push({ ...line, status: '跳过', reason: '本行没有填写任何内容' });
      continue;
    }
    if (!current) {
      build.insert(table, values);
      lines.push({ ...line, status: '新增', reason: '' });
      continue;
    }
    const patch = changedFields(current, values);
    if (Object.keys(patch).length) {
      build.update(table, { id: current.id, ...patch });
      lines.push({ ...line, status: '更新', reason: '' });
    } else lines.push({ ...line, status: '未变', reason: '' });
  }

  return { changes: build.changes([table]), lines: inRowOrder(lines), counts: recordCounts(lines, sheet.rowCount) };
}

/** The counts of an import of records (an own-table form, an outside list), from what happened to each row. */
export function recordCounts(lines: readonly ImportLine[], rows: number): Counts {
  const count = (status: ImportLine['status']) => statusCount(lines, status);
  return {
    rows,
    households: 0,
    members: 0,
    newHouseholds: 0,
    updatedHouseholds: 0,
    newMembers: 0,
    updatedMembers: 0,
    unchanged: count('未变'),
    skipped: count('跳过'),
    refused: count('拒绝'),
    newRecords: count('新增'),
    updatedRecords: count('更新'),
  };
}

/** The household's 「国家系统导入」 step of its 监测程序, when the import brings a 监测对象 or changes its monitoring status. */
function noteImportedStatus(build: ChangeBuilder, householdId: number, values: Record<string, CellValue>, existing: Row | undefined): void {
  const step = importedStep(householdId, values, existing);
  if (step) build.insert('monitoringSteps', step);
}
