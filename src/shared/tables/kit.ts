// Shorthands for column specs, and the defaults of what a spec may leave out. A kit is bound to the schema version
// its columns were added in.
import { vocabularies, type VocabKey } from '../vocab';
import type { ColumnSpec, TableName } from './types';

type Extra = Partial<Omit<ColumnSpec, 'key' | 'label' | 'type' | 'since'>>;

export function columnKit(since: number) {
  const make =
    (type: ColumnSpec['type']) =>
    (key: string, label: string, extra: Extra = {}): ColumnSpec => ({ key, label, type, since, ...extra });
  return {
    text: make('text'),
    int: make('int'),
    money: make('money'),
    decimal: make('decimal'),
    date: make('date'),
    month: make('month'),
    phone: make('phone'),
    idNumber: make('idNumber'),
    enumOf: (key: string, label: string, vocab: VocabKey, extra: Extra = {}): ColumnSpec => ({ key, label, type: 'enum', vocab, since, ...extra }),
    /** A 是/否 question of the national forms. */
    flag: (key: string, label: string, extra: Extra = {}): ColumnSpec => ({ key, label, type: 'enum', vocab: 'yesNo', status: 'C', since, ...extra }),
    ref: (key: string, label: string, ref: TableName, extra: Extra = {}): ColumnSpec => ({ key, label, type: 'ref', ref, since, ...extra }),
    /** The year a per-year record belongs to. */
    year: (): ColumnSpec => ({ key: 'year', label: '年度', type: 'int', notNull: true, required: true, since }),
  };
}

/** Columns of sentences rather than names, told by their label: 备注, 收入说明, 问题描述, 整改措施, 整改进展, 帮扶需求 …. */
const freeTextLabel = /备注|说明|描述|措施|进展|需求|理由|风险点/;

/** Lists kept in one cell that grow with the app, by key: 停用的核查规则 (rule ids, comma-separated). */
const listMaxLength: Readonly<Record<string, number>> = { disabledRules: 20_000 };

/** The longest value an enum column stores: its vocabulary's longest (all of it, for several values), or 20 for a value the checks will report. */
function enumMaxLength(column: ColumnSpec): number {
  const vocab = column.vocab && vocabularies[column.vocab];
  if (!vocab) return 200;
  const longest = (column.multi ?? vocab.multi) ? vocab.values.join(',').length : Math.max(...vocab.values.map((v) => v.length));
  return Math.max(longest, 20);
}

/**
 * The longest value a column stores, in characters (the one place of these defaults): the spec's own maxLength,
 * else by type — text 200 (free text 2,000), idNumber 22 (18 digits, 20 for a 残疾人证), phone 20, date and month 30,
 * enum by its vocabulary. Numbers have none: they are numbers.
 */
export function maxLengthOf(column: ColumnSpec): number | undefined {
  // Asked for every cell written (a county's import: 30 million times); a column's answer never changes.
  if (maxLengths.has(column)) return maxLengths.get(column);
  const length = computedMaxLength(column);
  maxLengths.set(column, length);
  return length;
}

const maxLengths = new WeakMap<ColumnSpec, number | undefined>();

function computedMaxLength(column: ColumnSpec): number | undefined {
  if (column.maxLength !== undefined) return column.maxLength;
  switch (column.type) {
    case 'text':
      return listMaxLength[column.key] ?? (freeTextLabel.test(column.label) ? 2000 : 200);
    case 'idNumber':
      return 22;
    case 'phone':
      return 20;
    case 'date':
    case 'month':
      return 30;
    case 'enum':
      return enumMaxLength(column);
    default:
      return undefined;
  }
}
