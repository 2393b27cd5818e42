// Export of every table in its official layout, and of the person-level list for the national system in the
// national export's own column names and order. Columns come from the data dictionary (labels, groups); what is
// derived (户主, 家庭人口数, income totals) is computed here, never stored.
import { basename } from 'node:path';
import { exportTableNames, type ExportRequest, type ExportResult, type ExportTableName } from '../../shared/api';
import { PaichaError } from '../../shared/errors';
import { householdFactsById, type HouseholdFacts, type MemberFacts } from '../../shared/household';
import { headerMeaning } from '../../shared/importMap';
import { incomeSummary } from '../../shared/income';
import { sizeRuleOf, type Profile } from '../../shared/profile';
import { settingKeys, tableSpec, type CellValue, type ColumnSpec, type Row, type TableName } from '../../shared/tables';
import type { Store } from '../store';
import { profileOf, workYear } from './checks';
import { writeOfficialWorkbook, type OfficialColumn } from './xlsx/officialSheet';

export const exportTables = exportTableNames;
export type ExportTable = ExportTableName;

/** The column names and order of the national system's person-level export (家庭成员信息). */
export const nationalColumns = ['县', '乡', '村', '组', '户编号', '姓名', '证件类型', '证件号码', '性别', '出生日期', '与户主关系', '民族', '政治面貌', '文化程度', '在校生状况', '义务教育阶段未上学原因', '健康状况', '劳动技能', '务工所在地', '务工时间（月）', '是否参加城乡居民基本医疗保险', '是否参加城镇职工基本医疗保险', '是否参加大病保险', '是否参加城乡居民基本养老保险', '享受低保政策情况', '享受特困供养政策情况', '家庭成员联系电话', '户类型', '监测对象类别', '识别监测时间', '风险是否已消除', '风险消除方式', '消除监测时间', '致贫/返贫风险1', '致贫/返贫风险2', '户联系电话', '家庭人口数', '工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出', '家庭纯收入', '人均纯收入（元）', '理赔收入', '合规自付支出', '是否危房户', '是否解决安全饮用水', '是否义务教育阶段适龄儿童少年失学辍学', '信息采集人', '信息采集人联系电话'];

export type ExportOptions = ExportRequest & { path: string };

/** Everything an export reads about households: their village and group, members, derived facts, year records. */
interface Context {
  profile: Profile;
  county: string;
  township: string;
  villages: Map<number, Row>;
  groups: Map<number, Row>;
  households: Row[];
  householdById: Map<number, Row>;
  membersByHousehold: Map<number, Row[]>;
  facts: Map<number, HouseholdFacts>;
  incomeByHousehold: Map<number, Row>;
  visitByHousehold: Map<number, Row>;
}

const text = (v: CellValue | undefined) => (v == null ? '' : String(v));
const byHousehold = (rows: Row[]) => new Map(rows.map((r) => [Number(r.householdId), r]));

function load(store: Store, options: ExportOptions, year: number): Context {
  const villages = new Map(store.rows('villages').map((v) => [v.id, v]));
  let households = store.rows('households');
  if (options.village) {
    const village = [...villages.values()].find((v) => v.name === options.village);
    if (!village) throw new PaichaError('notFound', `没有名为「${options.village}」的行政村。`);
    households = households.filter((h) => h.villageId === village.id);
  }
  const ids = households.map((h) => h.id);
  const members = options.village ? store.rowsIn('members', 'householdId', ids) : store.rows('members');
  const membersByHousehold = new Map<number, Row[]>();
  for (const m of members) {
    const list = membersByHousehold.get(Number(m.householdId)) ?? [];
    list.push(m);
    membersByHousehold.set(Number(m.householdId), list);
  }
  const profile = profileOf(store, year);
  return {
    profile,
    county: store.setting(settingKeys.county) ?? '',
    township: store.setting(settingKeys.township) ?? '',
    villages,
    groups: new Map(store.rows('groups').map((g) => [g.id, g])),
    households,
    householdById: new Map(households.map((h) => [h.id, h])),
    membersByHousehold,
    facts: householdFactsById(members as unknown as MemberFacts[], sizeRuleOf(profile)),
    incomeByHousehold: byHousehold(store.rowsIn('incomes', 'householdId', ids).filter((r) => r.year === year)),
    visitByHousehold: byHousehold(store.rowsIn('visits', 'householdId', ids).filter((r) => r.year === year)),
  };
}

const col = <R>(header: string, width: number, value: (row: R) => CellValue | undefined, kind: 'text' | 'number' = 'text', group?: string): OfficialColumn<R> => ({
  header,
  width,
  kind,
  group,
  value: (row) => value(row) ?? null,
});

/** A dictionary column as an export column of rows of that table. */
function dictionaryColumn<R>(column: ColumnSpec, get: (row: R) => Row | undefined): OfficialColumn<R> {
  const numeric = column.type === 'int' || column.type === 'money' || column.type === 'decimal';
  const width = column.type === 'idNumber' ? 22 : column.type === 'phone' ? 14 : Math.max(8, Math.min(24, column.label.length * 1.6));
  return col(column.label, width, (row) => get(row)?.[column.key], numeric ? 'number' : 'text', column.group);
}

const ownColumns = (table: TableName, skip: string[] = []) =>
  tableSpec(table).columns.filter((c) => c.type !== 'ref' && c.key !== 'year' && !skip.includes(c.key));

/** 行政村, 村民小组, 户编号, 户主姓名 … in front of every household-level table. */
function householdLead<R>(ctx: Context, householdOf: (row: R) => Row | undefined, withFacts: boolean): OfficialColumn<R>[] {
  const lead: OfficialColumn<R>[] = [
    col('行政村', 10, (r) => ctx.villages.get(Number(householdOf(r)?.villageId))?.name),
    col('村民小组', 8, (r) => ctx.groups.get(Number(householdOf(r)?.groupId))?.name),
    col('户编号', 19, (r) => householdOf(r)?.hhNo),
    col('户主姓名', 9, (r) => ctx.facts.get(householdOf(r)?.id ?? 0)?.headName),
  ];
  if (withFacts) {
    lead.push(col('户主证件号码', 22, (r) => ctx.facts.get(householdOf(r)?.id ?? 0)?.headIdNumber));
    lead.push(col('家庭人口数', 7, (r) => ctx.facts.get(householdOf(r)?.id ?? 0)?.size ?? 0, 'number'));
  }
  return lead;
}

/** 序号 and 行政村 in front of a village-level record table (问题台账, 入户责任分工表). */
function villageRecordLead(ctx: Context, rows: Row[]): OfficialColumn<Row>[] {
  const numberOf = new Map(rows.map((r, i) => [r.id, i + 1]));
  return [col<Row>('序号', 6, (r) => numberOf.get(r.id), 'number'), col<Row>('行政村', 10, (r) => ctx.villages.get(Number(r.villageId))?.name)];
}

function incomeColumns(ctx: Context): OfficialColumn<Row>[] {
  const summary = (income: Row) => incomeSummary(income, ctx.facts.get(Number(income.householdId))?.size ?? 0);
  const household = (income: Row) => ctx.householdById.get(Number(income.householdId));
  return [
    ...householdLead<Row>(ctx, household, true),
    ...ownColumns('incomes', ['householdId']).map((c) => dictionaryColumn<Row>(c, (r) => r)),
    col('年总收入', 10, (r) => summary(r).total, 'number', '合计（自动计算）'),
    col('家庭纯收入', 10, (r) => summary(r).net, 'number', '合计（自动计算）'),
    col('人均纯收入', 10, (r) => summary(r).perCapita, 'number', '合计（自动计算）'),
    col('纳入监测对象的收入参考范围', 12, (r) => summary(r).reference, 'number', '合计（自动计算）'),
    col('纳入监测对象的人均收入参考范围', 12, (r) => summary(r).referencePerCapita, 'number', '合计（自动计算）'),
  ];
}

/**
 * How to read one column of the national list for a member, by the national column name (mapped through the
 * dictionary once per column, not per cell).
 */
function nationalGetter(ctx: Context, header: string): (member: Row) => CellValue | undefined {
  const meaning = headerMeaning(header);
  const householdOf = (member: Row) => ctx.householdById.get(Number(member.householdId));
  if (meaning.kind === 'unknown') return () => null;
  if (meaning.kind === 'verify') {
    const key = meaning.key;
    return (member) => {
      const household = householdOf(member);
      const facts = household ? ctx.facts.get(household.id) : undefined;
      if (key === 'size') return facts?.size ?? 0;
      if (key === 'headName') return facts?.headName;
      if (key === 'headIdNumber') return facts?.headIdNumber;
      const income = household ? ctx.incomeByHousehold.get(household.id) : undefined;
      if (!income) return null;
      const summary = incomeSummary(income, facts?.size ?? 0);
      return key === 'net' ? summary.net : summary.perCapita;
    };
  }
  const { table, column } = meaning.target;
  const rowOf: (member: Row, household: Row) => Row | undefined = {
    members: (m: Row) => m,
    households: (_m: Row, h: Row) => h,
    villages: (_m: Row, h: Row) => ctx.villages.get(Number(h.villageId)),
    groups: (_m: Row, h: Row) => ctx.groups.get(Number(h.groupId)),
    incomes: (_m: Row, h: Row) => ctx.incomeByHousehold.get(h.id),
    visits: (_m: Row, h: Row) => ctx.visitByHousehold.get(h.id),
  }[table as 'members'];
  return (member) => {
    const household = householdOf(member);
    return household ? rowOf?.(member, household)?.[column.key] : null;
  };
}

export async function exportTable(store: Store, options: ExportOptions): Promise<ExportResult> {
  if (!exportTables.includes(options.table)) throw new PaichaError('invalid', `没有「${String(options.table)}」这张表。可导出：${exportTables.join('、')}。`);
  const year = options.year ?? workYear(store);
  // The export point is where the data were read, before any await lets another edit in.
  const readUpTo = store.lastChangeSetId();
  const ctx = load(store, options, year);
  const place = `${ctx.county}${ctx.township}`;
  const unit = ctx.township ? `${ctx.township}人民政府` : '';
  const date = new Date().toISOString().slice(0, 10);
  const sheet = (name: string, title: string, columns: OfficialColumn<never>[], rows: Iterable<never>) => ({ name, title, unit, date, columns, rows });
  const householdOfRow = (row: Row) => ctx.householdById.get(Number(row.householdId));
  const allMembers = () => ctx.households.flatMap((h) => ctx.membersByHousehold.get(h.id) ?? []);

  let content: ReturnType<typeof sheet>;
  switch (options.table) {
    case 'households':
      content = sheet('户', `${place}户籍台账（户）`, [...householdLead<Row>(ctx, (h) => h, true), ...ownColumns('households', ['hhNo']).map((c) => dictionaryColumn<Row>(c, (h) => h))] as never, ctx.households as never);
      break;
    case 'members':
      content = sheet('家庭成员', `${place}户籍台账（家庭成员）`, [...householdLead<Row>(ctx, householdOfRow, false), ...ownColumns('members', ['householdId']).map((c) => dictionaryColumn<Row>(c, (m) => m))] as never, allMembers() as never);
      break;
    case 'income':
      content = sheet('收入', `${ctx.county}${year}年度脱贫人口（监测对象）收入信息采集表`, incomeColumns(ctx) as never, [...ctx.incomeByHousehold.values()] as never);
      break;
    case 'visits':
      content = sheet('入户调查', `${ctx.county}防止返贫监测帮扶第二轮排查入户调查表（${year}年度）`, [...householdLead<Row>(ctx, householdOfRow, true), ...ownColumns('visits', ['householdId']).map((c) => dictionaryColumn<Row>(c, (v) => v))] as never, [...ctx.visitByHousehold.values()] as never);
      break;
    case 'keygroups': {
      const rows = store.rowsIn('keygroups', 'householdId', ctx.households.map((h) => h.id)).filter((r) => r.year === year);
      content = sheet('重点人群', `第二轮排查重点人群汇总表（${year}年度）`, [...householdLead<Row>(ctx, householdOfRow, true), ...ownColumns('keygroups', ['householdId']).map((c) => dictionaryColumn<Row>(c, (r) => r))] as never, rows as never);
      break;
    }
    case 'problems': {
      const villageIds = new Set(ctx.households.map((h) => Number(h.villageId)));
      const rows = store.rows('problems').filter((p) => !options.village || villageIds.has(Number(p.villageId)));
      content = sheet(
        '问题台账',
        '第二轮排查问题台账',
        [
          ...villageRecordLead(ctx, rows),
          col<Row>('户编号', 19, (r) => ctx.householdById.get(Number(r.householdId))?.hhNo),
          col<Row>('户主姓名', 9, (r) => ctx.facts.get(Number(r.householdId))?.headName),
          ...ownColumns('problems').map((c) => dictionaryColumn<Row>(c, (r) => r)),
        ] as never,
        rows as never,
      );
      break;
    }
    case 'assignments': {
      const rows = store.rows('assignments').filter((a) => !options.village || ctx.villages.get(Number(a.villageId))?.name === options.village);
      const byGroup = new Map<number, Row[]>();
      for (const h of ctx.households) {
        const list = byGroup.get(Number(h.groupId));
        if (list) list.push(h);
        else byGroup.set(Number(h.groupId), [h]);
      }
      const inGroup = (a: Row) => byGroup.get(Number(a.groupId)) ?? [];
      content = sheet(
        '入户责任分工',
        '第二轮排查入户责任分工表',
        [
          ...villageRecordLead(ctx, rows),
          col<Row>('片区（村民小组）', 10, (r) => ctx.groups.get(Number(r.groupId))?.name),
          col<Row>('户数', 6, (r) => inGroup(r).length, 'number', '片区户数、人数（自动计算）'),
          col<Row>('人数', 6, (r) => inGroup(r).reduce((n, h) => n + (ctx.facts.get(h.id)?.size ?? 0), 0), 'number', '片区户数、人数（自动计算）'),
          col<Row>('其中脱贫户', 8, (r) => inGroup(r).filter((h) => h.householdType === '脱贫户').length, 'number', '片区户数、人数（自动计算）'),
          col<Row>('其中监测户', 8, (r) => inGroup(r).filter((h) => text(h.monitoringType)).length, 'number', '片区户数、人数（自动计算）'),
          ...ownColumns('assignments').map((c) => dictionaryColumn<Row>(c, (r) => r)),
        ] as never,
        rows as never,
      );
      break;
    }
    case 'national': {
      let members = allMembers();
      if (options.changedOnly) {
        const since = lastNationalPoint(store);
        const changed = changedHouseholds(store, since);
        members = members.filter((m) => changed.has(Number(m.householdId)));
      }
      content = sheet(
        '家庭成员信息',
        '（自定义）家庭成员信息',
        nationalColumns.map((h) => col<Row>(h, h.length > 8 ? 14 : 10, nationalGetter(ctx, h), ['家庭人口数', '务工时间（月）'].includes(h) || headerMeaning(h).kind === 'verify' || /收入|支出/.test(h) ? 'number' : 'text')) as never,
        members as never,
      );
      break;
    }
  }
  const rows = await writeOfficialWorkbook(options.path, [content as never]);
  if (options.table === 'national') {
    store.apply({
      label: '导出国家系统名单',
      bookkeeping: true,
      changes: [{ op: 'insert', table: 'exportPoints', rows: [{ kind: 'national', file: basename(options.path), exportedAt: new Date().toISOString(), lastChangeSetId: readUpTo, rows }] }],
    });
  }
  return { table: options.table, path: options.path, name: basename(options.path), rows, year };
}

function lastNationalPoint(store: Store): number {
  const points = store.rows('exportPoints', { kind: 'national' });
  return points.length ? Number(points[points.length - 1]!.lastChangeSetId ?? 0) : 0;
}

/** Households whose own record, members, income or visit changed after a change set. */
function changedHouseholds(store: Store, since: number): Set<number> {
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
