// Findings of 数据核查, indexed for a grid: per row (for the 核查 column) and per cell (for marks and tooltips).
import type { Finding } from '../../shared/rules/types';
import type { TableName } from '../../shared/tables';

export interface FindingIndex {
  byRow: Map<number, Finding[]>;
  byCell: Map<string, Finding[]>;
  /**
   * The view's check is not in yet (a county's takes seconds): no row is said to be without problems meanwhile —
   * a ✓ before the check would tell the clerk what nobody has looked at.
   */
  checking?: boolean;
}

export const emptyFindings: FindingIndex = { byRow: new Map(), byCell: new Map() };

const push = <K>(map: Map<K, Finding[]>, key: K, f: Finding) => {
  const list = map.get(key);
  if (list) list.push(f);
  else map.set(key, [f]);
};

/**
 * Open findings (confirmed 提醒 are settled) for a table's grid. `rowOf` says which grid row a finding belongs to:
 * for the household grid, a household collects the findings of its members and records too.
 */
export function indexFindings(findings: readonly Finding[], table: TableName, rowOf: (f: Finding) => number | null = (f) => (f.table === table ? f.rowId : null)): FindingIndex {
  const index: FindingIndex = { byRow: new Map(), byCell: new Map() };
  for (const f of findings) {
    if (f.confirmation) continue;
    const row = rowOf(f);
    if (row !== null) push(index.byRow, row, f);
    if (f.table === table && f.field) push(index.byCell, `${f.rowId}:${f.field}`, f);
  }
  return index;
}

export const worst = (list: readonly Finding[] | undefined): 'error' | 'warning' | null =>
  !list?.length ? null : list.some((f) => f.severity === 'error') ? 'error' : 'warning';

export const describe = (list: readonly Finding[]): string =>
  list.map((f) => `${f.severity === 'error' ? '【错误】' : '【提醒】'}${f.message}`).join('\n');
