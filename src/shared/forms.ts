// The printed household forms for the 双签字: which forms there are, the lines of 附件1 in the order and numbering
// of the paper, and what «returned and signed» writes. Pure: the forms service (src/main/services/forms) fills the
// Word templates with them; the 打印 dialog marks forms returned with formsReturned.
import type { ChangeSet } from './changes';
import { incomeCategoryColumns, incomeDetailLines, incomeSubtotals, type IncomeCategory, type Row, type TableName } from './tables';

/** 附件1 收入信息采集表, 附件2 入户调查表, or both for each household (附件1 then 附件2). */
export const formKinds = ['income', 'visit', 'both'] as const;
export type FormKind = (typeof formKinds)[number];
/** The forms a print record and a signature belong to. */
export type SingleFormKind = Exclude<FormKind, 'both'>;

export const formKindLabels: Record<FormKind, string> = {
  income: '附件1 收入信息采集表',
  visit: '附件2 入户调查表',
  both: '附件1 和附件2（每户两表）',
};

/** The single forms a kind prints. */
export const formsOf = (kind: FormKind): SingleFormKind[] => (kind === 'both' ? ['income', 'visit'] : [kind]);

export function isFormKind(value: unknown): value is FormKind {
  return (formKinds as readonly unknown[]).includes(value);
}

/** A line of 附件1: a category's total (1), a subtotal inside 转移性收入 (4.5), or a detail line with its 说明 (1.1). */
export interface IncomeFormLine {
  /** As printed: 1, 1.1, 4.5; empty for the lines under a subtotal (they stand beneath its number). */
  number: string;
  kind: 'category' | 'subtotal' | 'line';
  label: string;
  category: IncomeCategory;
  /** The line's column (detail lines), the subtotal's key, or the category's block column. */
  key: string;
}

const categoryOrder: IncomeCategory[] = ['wage', 'business', 'property', 'transfer', 'cost'];

/**
 * The lines of 附件1 top to bottom, numbered as on paper: each category's total, then its lines; a subtotal
 * (4.5 生态补偿金, 4.6 其他转移性收入) takes a number and stands in front of its lines, which take none.
 */
export function incomeFormLines(): IncomeFormLine[] {
  const lines: IncomeFormLine[] = [];
  categoryOrder.forEach((category, i) => {
    const n = i + 1;
    lines.push({ number: String(n), kind: 'category', label: incomeCategoryColumns[category].label, category, key: incomeCategoryColumns[category].key });
    let count = 0;
    for (const [key, label] of incomeDetailLines[category]) {
      const subtotal = incomeSubtotals.find((t) => t.lines[0] === key);
      if (subtotal) lines.push({ number: `${n}.${++count}`, kind: 'subtotal', label: subtotal.label, category, key: subtotal.key });
      const underSubtotal = incomeSubtotals.some((t) => (t.lines as readonly string[]).includes(key));
      lines.push({ number: underSubtotal ? '' : `${n}.${++count}`, kind: 'line', label, category, key });
    }
  });
  return lines;
}

/** The record a returned form signs: the household's income or visit record of the year, if it has one. */
export interface ReturnedForm {
  householdId: number;
  record: Row | null;
}

/**
 * Forms that came back signed by the household head and the 信息采集员 (双签字): their record of the year says so —
 * made where the household has none yet — and a 入户调查表 also when it came back (`date`, YYYY-MM-DD). One change set.
 */
export function formsReturned(kind: SingleFormKind, forms: readonly ReturnedForm[], year: number, date: string): ChangeSet {
  const table: TableName = kind === 'income' ? 'incomes' : 'visits';
  const signed = { headSigned: '是', collectorSigned: '是', ...(kind === 'visit' ? { signedReturnDate: date } : {}) };
  const existing = forms.filter((f) => f.record);
  const missing = forms.filter((f) => !f.record);
  return {
    label: `${kind === 'income' ? '收入信息采集表' : '入户调查表'}已收回并双签字（${forms.length} 户）`,
    changes: [
      ...(existing.length ? [{ op: 'update' as const, table, rows: existing.map((f) => ({ id: f.record!.id, ...signed })) }] : []),
      ...(missing.length ? [{ op: 'insert' as const, table, rows: missing.map((f) => ({ householdId: f.householdId, year, ...signed })) }] : []),
    ],
  };
}
