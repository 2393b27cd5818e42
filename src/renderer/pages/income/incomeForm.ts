// The lines of the 附件1 paper form for one household, top to bottom: the five blocks with their detail lines (each
// with its 说明), the paper's subtotals and totals computed, then the reference income and the signatures.
import { incomeSummary, yuanText, type IncomeSummary } from '../../../shared/income';
import type { IncomeSheetRow } from '../../../shared/incomeSheet';
import type { Profile } from '../../../shared/profile';
import { columnSpec, incomeCategoryColumns, incomeDetailLines, incomeSubtotals, lineNoteKey, type CellValue, type IncomeCategory } from '../../../shared/tables';
import type { FormLine, FormSection } from '../../form/PaperForm';

const blocks: { category: IncomeCategory; number: string; title: string }[] = [
  { category: 'wage', number: '一', title: '工资性收入' },
  { category: 'business', number: '二', title: '生产经营性收入' },
  { category: 'property', number: '三', title: '财产性收入' },
  { category: 'transfer', number: '四', title: '转移性收入' },
  { category: 'cost', number: '五', title: '生产经营性支出' },
];

const column = (key: string) => columnSpec('incomes', key)!;
const money = (n: number | null | undefined) => (n == null ? '—' : `${yuanText(n)} 元`);


function field(key: string, values: Readonly<Record<string, CellValue>>, number?: string): FormLine {
  const noteKey = lineNoteKey(key);
  const note = columnSpec('incomes', noteKey);
  return { kind: 'field', column: column(key), value: values[key] ?? null, number, indent: true, note: note ? { column: note, value: values[noteKey] ?? null } : undefined };
}

/**
 * The detail lines of a block, numbered as on paper: a subtotal (4.5 生态补偿金, 4.6 其他转移性收入) takes a number
 * and stands in front of its lines, which take none.
 */
function blockLines(category: IncomeCategory, n: number, values: Readonly<Record<string, CellValue>>, row: IncomeSheetRow, s: IncomeSummary): FormLine[] {
  const lines: FormLine[] = [];
  let count = 0;
  for (const [key, label] of incomeDetailLines[category]) {
    const subtotal = incomeSubtotals.find((t) => t.lines[0] === key);
    if (subtotal) lines.push({ kind: 'computed', label: subtotal.label, value: money(s.subtotals[subtotal.key]), number: `${n}.${++count}`, hint: '自动计算' });
    const number = incomeSubtotals.some((t) => (t.lines as readonly string[]).includes(key)) ? undefined : `${n}.${++count}`;
    if (key === 'wageMigrant' && row.workFromRecords) {
      lines.push({ kind: 'computed', label, value: money(s.workIncome), number, indent: true, hint: '由下方家庭成员的务工记录计算（务工月收入 × 本年务工月数）' });
    } else lines.push(field(key, values, number));
  }
  return lines;
}

/**
 * The form's sections for one household: its lines show the stored `values`; the totals follow what is being
 * typed (`typing`, not saved yet) on top of them.
 */
export function incomeFormSections(row: IncomeSheetRow, values: Readonly<Record<string, CellValue>>, typing: Readonly<Record<string, CellValue>>, profile: Profile): FormSection[] {
  const s = incomeSummary({ ...values, ...typing }, row.size, row.summary?.workIncome ?? null);
  const sections: FormSection[] = [
    {
      title: '收入统计期',
      lines: [{ kind: 'field', column: column('periodStart'), value: values.periodStart ?? null }, { kind: 'field', column: column('periodEnd'), value: values.periodEnd ?? null }],
    },
  ];
  blocks.forEach(({ category, number, title }, i) => {
    const amount = s.categories[category];
    const block = incomeCategoryColumns[category];
    const source = amount.fromDetails ? '明细合计' : amount.amount ? '未填明细：国家系统导入的汇总数' : '明细合计';
    sections.push({
      title: `${number}、${title}`,
      lines: [
        { kind: 'computed', label: `${block.label}合计`, value: money(amount.amount), number: String(i + 1), strong: true, hint: source },
        ...blockLines(category, i + 1, values, row, s),
      ],
    });
  });
  const line = profile.monitoringLine;
  const below = (n: number | null) => (n == null ? '' : line != null && n < line ? `低于${profile.year}年度监测范围 ${yuanText(line)} 元` : n < profile.keyGroupLine ? `低于 ${profile.keyGroupLine} 元（重点人群）` : '');
  const previous = row.previousSummary;
  sections.push({
    title: '六、收入合计（自动计算）',
    lines: [
      { kind: 'computed', label: '年总收入', value: money(s.total), strong: true, hint: '一 + 二 + 三 + 四' },
      { kind: 'computed', label: '家庭纯收入', value: money(s.net), strong: true, hint: s.official ? `国家系统数；按明细计算为 ${money(s.computedNet)}` : '年总收入 − 生产经营性支出' },
      { kind: 'computed', label: '家庭人口数', value: `${row.size} 人`, hint: '按「设置」中的家庭人口计算规则' },
      { kind: 'computed', label: '人均纯收入', value: money(s.perCapita), strong: true, hint: [below(s.perCapita), line == null ? `${profile.year}年度监测范围未填写（设置）` : `监测范围 ${yuanText(line)} 元`, `重点人群线 ${profile.keyGroupLine} 元`].filter(Boolean).join('；') },
      {
        kind: 'computed',
        label: `上年（${row.previousSummary ? '' : '无记录，'}${profile.year - 1}年）人均纯收入`,
        value: money(previous?.perCapita),
        hint: previous ? `上年家庭人口数 ${row.previousSize} 人` : '',
      },
      { kind: 'computed', label: '人均纯收入增减', value: row.change ? `${money(row.change.amount)}（${row.change.percent == null ? '—' : `${row.change.percent}%`}）` : '—', hint: row.change && row.change.amount < 0 ? '收入下降' : '' },
      { kind: 'field', column: column('claims'), value: values.claims ?? null },
      { kind: 'field', column: column('selfPaid'), value: values.selfPaid ?? null },
      { kind: 'computed', label: '纳入监测对象的收入参考范围', value: money(s.reference), hint: '家庭纯收入 + 理赔收入 − 合规自付支出' },
      { kind: 'computed', label: '纳入监测对象的人均收入参考范围', value: money(s.referencePerCapita), strong: true, hint: below(s.referencePerCapita) },
    ],
  });
  sections.push({
    title: '七、签字（双签字）',
    lines: ['collector', 'collectedDate', 'headSigned', 'collectorSigned', 'reviewer'].map((key): FormLine => ({ kind: 'field', column: column(key), value: values[key] ?? null })),
  });
  return sections;
}
