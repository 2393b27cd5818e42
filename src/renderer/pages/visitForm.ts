// The lines of the 附件2 paper form for one household, top to bottom: A 户基本信息 (the register's, editable), B 家庭成员
// with their changes, C 收支情况 (from 附件1, computed), then D–G of the visit record by the dictionary's groups.
// An answer that differs from last year's visit is named under its section.
// A line's key says where its value goes: 「households::address」, 「members:12:changeType」, 「visits::dropout」 —
// without the visit's id, so the lines stay the same while the record is being made by the first value keyed.
import type { HouseholdRow } from '../../shared/api';
import { yuanText } from '../../shared/income';
import type { IncomeSheetRow } from '../../shared/incomeSheet';
import { doubleSigned } from '../../shared/progress';
import { columnSpec, tableSpec, type ColumnSpec, type Row, type TableName } from '../../shared/tables';
import type { FormLine, FormSection, LineChoices } from '../form/PaperForm';

/** Where a line's value is stored. */
export interface LineTarget {
  table: TableName;
  /** The row, for members; the household's own row and its visit are known from the form. */
  rowId: number | null;
  field: string;
}

export const lineKey = (t: LineTarget) => `${t.table}:${t.rowId ?? ''}:${t.field}`;

export function lineTarget(key: string): LineTarget {
  const [table, rowId, field] = key.split(':') as [TableName, string, string];
  return { table, rowId: rowId ? Number(rowId) : null, field };
}

function field(target: LineTarget, row: Row | undefined, options: { label?: string; number?: string; indent?: boolean; choices?: LineChoices } = {}): FormLine {
  const column = columnSpec(target.table, target.field)!;
  const keyed: ColumnSpec = { ...column, key: lineKey(target), label: options.label ?? column.label };
  return { kind: 'field', column: keyed, value: row?.[target.field] ?? null, number: options.number, indent: options.indent, choices: options.choices };
}

/** 户基本信息 the clerk confirms or corrects at the door (section A of REFERENCE.md Table 2). */
const householdFields = ['address', 'phone', 'householdType', 'monitoringType', 'identifiedMonth', 'riskEliminated', 'militaryFamily', 'relocationSite', 'relocationAddress', 'noLaborSupport'];

/** A member's lines: who, and the change (新增: 新生儿、婚入 …; 减少: 死亡、婚出、迁出 …, with the date). */
const memberFields = ['name', 'relation', 'idNumber', 'changeType', 'changeReason', 'changeDate'];

/** Sections D–G: the visit's columns by their dictionary group. */
const visitSections: [string, string][] = [
  ['D 两不愁三保障及饮水安全', '两不愁三保障及饮水安全'],
  ['E 生产生活条件', '生产生活条件'],
  ['F 风险研判与结论', '风险研判与结论'],
  ['G 入户排查与签字', '签字'],
];

const money = (n: number | null | undefined) => (n == null ? '—' : `${yuanText(n)} 元`);
const signature = (record: Row | null | undefined) =>
  !record ? '未签' : doubleSigned(record) ? '已双签字' : record.headSigned === '是' ? '户主已签，信息采集员未签' : record.collectorSigned === '是' ? '信息采集员已签，户主未签' : '未签';

export interface VisitFormData {
  household: HouseholdRow;
  villageName: string;
  groupName: string;
  members: Row[];
  visit: Row | undefined;
  /** Last year's visit, to show the answers that changed since. */
  previousVisit: Row | undefined;
  income: IncomeSheetRow | undefined;
  /** 工作人员 the 排查人 and 信息采集员 are chosen from (by name or number), the household's village first. */
  people: LineChoices;
}

const answer = (row: Row | undefined, key: string) => (row?.[key] == null ? '' : String(row[key]).trim());

/** The answers of a section given both years and different this year, as 「label：上年 x」. */
function changedSince(columns: readonly ColumnSpec[], visit: Row | undefined, previous: Row | undefined): string[] {
  return columns.filter((c) => answer(visit, c.key) && answer(previous, c.key) && answer(visit, c.key) !== answer(previous, c.key)).map((c) => `${c.label}：上年「${answer(previous, c.key)}」`);
}

export function visitFormSections({ household, villageName, groupName, members, visit, previousVisit, income, people }: VisitFormData): FormSection[] {
  const visitLines = (group: string): FormLine[] => {
    const columns = tableSpec('visits').columns.filter((c) => c.group === group);
    const changed = changedSince(columns, visit, previousVisit);
    const lines = columns.map((c) => field({ table: 'visits', rowId: null, field: c.key }, visit, { choices: c.ref === 'people' ? people : undefined }));
    return changed.length ? [...lines, { kind: 'computed', label: '与上年不同', value: `${changed.length} 项`, hint: changed.join('；') }] : lines;
  };
  const summary = income?.summary;
  return [
    {
      title: 'A 户基本信息',
      lines: [
        { kind: 'computed', label: '行政村、村民小组', value: `${villageName} ${groupName}` },
        { kind: 'computed', label: '户编号', value: String(household.hhNo ?? '（无户编号）') },
        { kind: 'computed', label: '户主姓名', value: household.headName ?? '（无户主）' },
        ...householdFields.map((key) => field({ table: 'households', rowId: null, field: key }, household)),
        { kind: 'computed', label: '家庭人口数', value: `${household.size} 人`, strong: true, hint: '不含自然减少（死亡、婚出、迁出等）人员' },
      ],
    },
    {
      title: 'B 家庭成员及人员变动（Ctrl+Enter 新增成员）',
      lines: members.flatMap((m, i) =>
        memberFields.map((key, j) => field({ table: 'members', rowId: m.id, field: key }, m, { label: `第${i + 1}人 ${columnSpec('members', key)!.label}`, number: j ? undefined : String(i + 1), indent: j > 0 })),
      ),
    },
    {
      title: 'C 收支情况（来自附件1 收入信息采集表）',
      lines: [
        { kind: 'computed', label: '年总收入', value: money(summary?.total) },
        { kind: 'computed', label: '家庭纯收入', value: money(summary?.net) },
        { kind: 'computed', label: '家庭人口数', value: `${income?.size ?? household.size} 人` },
        { kind: 'computed', label: '人均纯收入', value: money(summary?.perCapita), strong: true, hint: income?.record ? '家庭纯收入 ÷ 家庭人口数' : '本年度收入尚未录入' },
        { kind: 'computed', label: '收入信息采集表签字', value: signature(income?.record) },
      ],
    },
    ...visitSections.map(([title, group]) => ({ title, lines: visitLines(group) })),
    { title: '签字状态', lines: [{ kind: 'computed', label: '入户调查表签字', value: signature(visit), strong: true, hint: '户主和信息采集员都签字即「已双签字」' }] },
  ];
}
