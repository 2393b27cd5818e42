// Shorthands for column specs. A kit is bound to the schema version its columns were added in.
import type { VocabKey } from '../vocab';
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
