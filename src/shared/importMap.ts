// How the columns of an export map onto the data dictionary: by name, never by position. Header names are
// compared after removing spaces and asterisks and unifying brackets, so 人均纯收入(元) finds 人均纯收入（元）.
import { tableSpec, type ColumnSpec, type TableName } from './tables';

/** Tables an export of the national system (person or household level) fills. */
export const importTables: readonly TableName[] = ['villages', 'groups', 'households', 'members', 'incomes', 'visits'];

export interface ImportTarget {
  table: TableName;
  column: ColumnSpec;
}

/** Columns that are read to verify, not stored: they are derived here (户主, 家庭人口数). */
export const verificationHeaders = {
  headName: ['户主姓名'],
  headIdNumber: ['户主证件号码', '户主身份证号码', '户主身份证号'],
  size: ['家庭人口数', '家庭人口', '人口数'],
} as const;

export type VerificationKey = keyof typeof verificationHeaders;

export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/:/g, '：');
}

/** Columns never filled from a file: references (resolved from names) and free notes (ambiguous between tables). */
const importable = (c: ColumnSpec) => c.type !== 'ref' && c.key !== 'note' && c.key !== 'year';

/** The 信息采集人 of a household in a national export: a person of 工作人员, by name and phone (import/people.ts). */
const collectorHeaders: readonly (readonly [string, string])[] = [
  ['信息采集人', 'name'],
  ['信息采集人联系电话', 'phone'],
];

function buildTargets(): Map<string, ImportTarget> {
  const targets = new Map<string, ImportTarget>();
  for (const [header, key] of collectorHeaders) targets.set(normalizeHeader(header), { table: 'people', column: tableSpec('people').columns.find((c) => c.key === key)! });
  for (const table of importTables) {
    for (const column of tableSpec(table).columns.filter(importable)) {
      for (const name of [column.label, ...(column.synonyms ?? [])]) {
        const key = normalizeHeader(name);
        if (!targets.has(key)) targets.set(key, { table, column });
      }
    }
  }
  return targets;
}

export const importTargets: ReadonlyMap<string, ImportTarget> = buildTargets();

const verification = new Map<string, VerificationKey>(
  (Object.entries(verificationHeaders) as [VerificationKey, readonly string[]][]).flatMap(([key, names]) => names.map((n) => [normalizeHeader(n), key] as const)),
);

export type HeaderMeaning = { kind: 'target'; target: ImportTarget } | { kind: 'verify'; key: VerificationKey } | { kind: 'unknown' };

export function headerMeaning(text: string): HeaderMeaning {
  const key = normalizeHeader(text);
  const verify = verification.get(key);
  if (verify) return { kind: 'verify', key: verify };
  const target = importTargets.get(key);
  return target ? { kind: 'target', target } : { kind: 'unknown' };
}

/** How many cells of a row are known header names: the header row is the one that scores best. */
export function headerScore(cells: readonly string[]): number {
  return cells.filter((c) => headerMeaning(c).kind !== 'unknown').length;
}

/** A cell of a totals row: 合计, 总计 or 小计 (also spaced, as in 合 计, or with a colon). */
export function isTotalsLabel(text: string): boolean {
  return /^(合计|总计|小计)[:：]?$/.test(text.replace(/[\s\u3000]+/g, ''));
}
