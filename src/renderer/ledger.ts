// One step into the 问题台账 from the pages that find problems: findings of 数据核查 and a visit's 排查结论, each
// through its command (problemsFromFindings, problemFromVisit) as ONE change set; what is on the ledger already
// is not added again, and the clerk is told so.
import { problemFromVisit, problemsFromFindings } from '../shared/commands';
import type { Finding } from '../shared/rules/types';
import type { Row } from '../shared/tables';
import { api } from './api';
import type { Workspace } from './workspace';

const today = () => new Date().toISOString().slice(0, 10);

/** The chosen findings as ledger entries (those on the ledger already, or of no village, are left out and counted). */
export async function findingsToLedger({ apply, notify }: Pick<Workspace, 'apply' | 'notify'>, findings: readonly Finding[]): Promise<void> {
  const stored = await api.rows('problems');
  const set = problemsFromFindings(findings, stored, today());
  const added = set?.changes[0]?.op === 'insert' ? set.changes[0].rows.length : 0;
  const skipped = findings.length - added;
  if (set && !(await apply(set))) return;
  const rest = skipped ? `${added ? '；' : ''}${skipped} 条已在问题台账中（或不属于任何行政村），未重复加入` : '';
  notify({ kind: 'info', text: `${added ? `已加入问题台账 ${added} 条` : ''}${rest}。` });
}

/** A visit's 排查结论 as a ledger entry of its household, unless it calls for none or is on the ledger already. */
export async function visitToLedger({ apply, notify }: Pick<Workspace, 'apply' | 'notify'>, visit: Row | undefined, household: Row): Promise<void> {
  const set = visit && problemFromVisit(visit, household, today());
  if (!set) return notify({ kind: 'info', text: `本户排查结论为「${String(visit?.conclusion ?? '') || '未填写'}」，无需加入问题台账。` });
  const entry = set.changes[0]?.op === 'insert' ? set.changes[0].rows[0] : undefined;
  const stored = await api.rows('problems', { where: { householdId: household.id } });
  if (stored.some((p) => p.description === entry?.description)) return notify({ kind: 'info', text: '本户的排查结论已在问题台账中，未重复加入。' });
  if (await apply(set)) notify({ kind: 'info', text: `已加入问题台账：${String(entry?.description ?? '')}` });
}
