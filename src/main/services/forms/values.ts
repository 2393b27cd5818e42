// What a household's forms are filled with: every column of the dictionary by its 中文 label (户, 收入, 入户调查 — so a
// field added to the dictionary is a placeholder at once), the household's derived facts (户主, 家庭人口数 and the
// income roll-up of src/shared/income.ts, as the pages show them), its members and the lines of 附件1 as repeated
// blocks, and its 户编号 as a QR code. A question of the survey (是/否, a choice) prints its options with the
// answer on file ticked: ☑是 □否 — or all open (□是 □否) for the collector to tick at the door.
import { incomeFormLines } from '../../../shared/forms';
import { yuanText, type IncomeSummary } from '../../../shared/income';
import { personName, type PeopleById } from '../../../shared/people';
import { pairOf } from '../../../shared/progress';
import { text } from '../../../shared/rules/helpers';
import { incomeCategoryColumns, lineNoteKey, tableSpec, type CellValue, type ColumnSpec, type IncomeCategory, type Row, type TableName } from '../../../shared/tables';
import { vocabularies } from '../../../shared/vocab';
import { derivedOf, type YearData } from '../../../shared/yearData';
import type { TemplateValues, WordImage } from '../docx/template';
import { chineseDate } from '../docx/templateFile';

const CHECKED = '☑';
const OPEN = '□';

/** A question's options, the answers on file ticked. */
function options(column: ColumnSpec, value: CellValue): string {
  const chosen = new Set(text(value).split(/[,，、]/).filter(Boolean));
  return vocabularies[column.vocab!].values.map((v) => `${chosen.has(v) ? CHECKED : OPEN}${v}`).join(' ');
}

/** 202305 → 2023年5月, as the paper writes a month. */
const monthText = (value: CellValue) => (/^\d{6}$/.test(text(value)) ? `${text(value).slice(0, 4)}年${Number(text(value).slice(4))}月` : text(value));

/** A stored value as the form prints it; `asQuestion`: a 是/否 or choice column with its options (☑是 □否). */
export function printed(column: ColumnSpec, value: CellValue | undefined, asQuestion: boolean): string {
  if (column.type === 'enum' && asQuestion) return options(column, value ?? null);
  // An empty month is a blank to write the month in (收入统计期, 识别监测时间).
  if (value == null || value === '') return column.type === 'month' ? '　　　　年　　月' : '';
  if (column.type === 'money') return yuanText(Number(value));
  if (column.type === 'month') return monthText(value);
  return String(value);
}

/**
 * Every column of a row by its label (the year and references left out, but a person of 工作人员 — 排查人, 信息采集员,
 * 帮扶责任人 — by name when `people` are given). Survey questions print as options.
 */
function byLabel(table: TableName, row: Row | undefined, questions: 'all' | 'yesNo' | 'none', people?: PeopleById): TemplateValues {
  const values: TemplateValues = {};
  for (const column of tableSpec(table).columns) {
    if (column.type === 'ref' && column.ref === 'people' && people) values[column.label] = personName(people, row?.[column.key]);
    if (column.type === 'ref' || column.key === 'year') continue;
    const asQuestion = questions === 'all' || (questions === 'yesNo' && column.vocab === 'yesNo');
    values[column.label] = printed(column, row?.[column.key], asQuestion);
  }
  return values;
}

const money = (yuan: number | null | undefined) => (yuan == null ? '' : yuanText(yuan));

/** 附件1: the record's lines and notes, the category totals, subtotals and totals in use, and the lines as a block. */
function incomeValues(record: Row | undefined, summary: IncomeSummary | null, previous: IncomeSummary | null): TemplateValues {
  const values = byLabel('incomes', record, 'yesNo');
  const category = (c: IncomeCategory) => money(summary?.categories[c].amount);
  for (const [c, column] of Object.entries(incomeCategoryColumns)) values[column.label] = category(c as IncomeCategory);
  const lineAmount = (key: string) => (key === 'wageMigrant' && summary?.workIncome != null ? money(summary.workIncome) : printed(tableSpec('incomes').columns.find((c) => c.key === key)!, record?.[key], false));
  const lines = incomeFormLines().map((line) => {
    const amount = line.kind === 'category' ? category(line.category) : line.kind === 'subtotal' ? money(summary?.subtotals[line.key as keyof IncomeSummary['subtotals']]) : lineAmount(line.key);
    if (line.kind === 'subtotal') values[line.label] = amount;
    if (line.kind === 'line') values[line.label] = amount;
    const noteKey = line.kind === 'line' ? lineNoteKey(line.key) : line.kind === 'category' ? `${line.label}说明` : null;
    const note = noteKey === null ? '' : line.kind === 'line' ? text(record?.[noteKey]) : text(values[noteKey] as string);
    // Lines under a subtotal stand indented beneath it, as on paper.
    return { 序号: line.number, 项目: line.kind === 'line' && !line.number ? `　${line.label}` : line.label, 金额: amount, 说明: note };
  });
  return {
    ...values,
    收入明细: lines,
    年总收入: money(summary?.total),
    家庭纯收入: money(summary?.net),
    人均纯收入: money(summary?.perCapita),
    纳入监测对象的收入参考范围: money(summary?.reference),
    人均收入参考范围: money(summary?.referencePerCapita),
    上年家庭纯收入: money(previous?.net),
    上年人均纯收入: money(previous?.perCapita),
  };
}

/** The members, the head first, each by the labels of the dictionary and its 序号. */
function memberItems(members: readonly Row[]): TemplateValues[] {
  const ordered = [...members].sort((a, b) => Number(b.relation === '户主') - Number(a.relation === '户主'));
  return ordered.map((m, i) => ({ 序号: i + 1, ...byLabel('members', m, 'none') }));
}

/** The values of one household's forms. `qr`: its 户编号 as a QR code. */
export function householdValues(data: YearData, household: Row, qr: WordImage | null): TemplateValues {
  const derived = derivedOf(data, household.id);
  const visit = data.visitByHousehold.get(household.id);
  const group = data.groupById.get(Number(household.groupId));
  const pair = pairOf(data.assignments.filter((a) => a.groupId === household.groupId));
  const values: TemplateValues = {
    县: data.place.county,
    乡镇: data.place.township,
    年度: data.year,
    收入年度: data.year,
    上年度: data.year - 1,
    打印日期: chineseDate(new Date()),
    ...byLabel('households', household, 'yesNo', data.personById),
    行政村: text(data.villageById.get(Number(household.villageId))?.name),
    村民小组: text(group?.name),
    户主姓名: derived.headName ?? '',
    户主证件号码: derived.headIdNumber ?? '',
    家庭人口数: derived.size,
    联系电话: text(household.phone),
    家庭成员: memberItems(data.membersByHousehold.get(household.id) ?? []),
    ...incomeValues(data.incomeByHousehold.get(household.id), derived.income, derived.previousIncome),
    // The survey's questions print with their options; its fields win where a label is the income record's too (信息采集员).
    ...byLabel('visits', visit, 'all', data.personById),
  };
  if (qr) values.二维码 = qr;
  // The 排查人 of the visit, else the 片区's two 排查责任人 (入户责任分工表): their names print beside their signatures.
  values.排查人1 = personName(data.personById, visit?.visitor1Id) || personName(data.personById, pair?.person1Id);
  values.排查人2 = personName(data.personById, visit?.visitor2Id) || personName(data.personById, pair?.person2Id);
  return values;
}
