// The rules engine: every rule, run over household and village contexts, and the record rules over the records each
// household and each village owns. A rule that throws becomes a finding of its own and the other rules still run;
// disabled rules are skipped; confirmed 提醒 carry their confirmation.
import type { Profile } from '../profile';
import { campaignRules } from './campaign';
import { buildIndex, householdContexts, householdRecords, villageContexts, villageRecords, type CheckData } from './context';
import { educationRules } from './education';
import { fieldRules } from './fields';
import { healthRules } from './health';
import { text } from './helpers';
import { identityRules } from './identity';
import { incomeRules, monitoringLineRule } from './income';
import { monitoringRules } from './monitoring';
import { safetyRules } from './safety';
import { structureRules } from './structure';
import { needKey, type DataNeed, type Finding, type GlobalIndex, type Hit, type HouseholdContext, type Rule, type TableRecord, type VillageContext } from './types';
import { villageRules } from './village';
import { workRules } from './work';

export * from './types';
export type { CheckData } from './context';

export const rules: readonly Rule[] = [
  ...fieldRules,
  ...identityRules,
  ...structureRules,
  ...educationRules,
  ...healthRules,
  ...incomeRules,
  ...safetyRules,
  ...monitoringRules,
  ...workRules,
  ...villageRules,
  ...campaignRules,
  monitoringLineRule,
];

export const ruleById = new Map(rules.map((r) => [r.id, r]));

/** The key under which a confirmation is stored for a finding: table:row:field. */
export const findingTarget = (f: Pick<Finding, 'table' | 'rowId' | 'field'>) => `${f.table}:${f.rowId}:${f.field ?? ''}`;

export interface Confirmation {
  ruleId: string;
  target: string;
  reason: string;
  by: string | null;
  at: string | null;
}

export interface CheckOptions {
  /** Only these households (and no village-level rules); all when absent. */
  householdIds?: readonly number[];
  /** Run the village-level rules over the villages given (default: only when no householdIds are given). */
  villageRules?: boolean;
  confirmations?: readonly Confirmation[];
  /** The day of the check, 'YYYY-MM-DD'. */
  today?: string;
  /** The rules to run (all by default). */
  rules?: readonly Rule[];
  /**
   * The data needs (needKey) met on file: a rule waiting for data not yet on file does not run. When absent, every
   * rule runs (as on plain rows in tests).
   */
  needsMet?: ReadonlySet<string>;
  /**
   * The indexes across households, built over the whole county, when the rows given are one part of it (a village
   * of a county checked village by village): duplicate IDs and shared phones are then found as in one piece.
   */
  index?: GlobalIndex;
  /**
   * The rows given continue a check begun on an earlier part: the finding about the whole check (the profile) was
   * put on the first village of the first part, and is not put again.
   */
  continues?: boolean;
}

/** The rules still waiting for their data, given the needs met on file. */
export function waitingRules(needsMet: ReadonlySet<string>, all: readonly Rule[] = rules): Rule[] {
  return all.filter((r) => r.waitsFor && !needsMet.has(needKey(r.waitsFor)));
}

/** Every distinct need of the rules, for the store to tell which are met. */
export const dataNeeds: readonly DataNeed[] = [...new Map(rules.flatMap((r) => (r.waitsFor ? [[needKey(r.waitsFor), r.waitsFor] as const] : []))).values()];

/** What a rule reads: a household's or a village's context, or the records one owns (as the rule's scope says). */
type Subject = HouseholdContext | VillageContext | readonly TableRecord[];

/**
 * Runs one rule on what it reads and appends its findings; a rule that throws becomes a finding of its own. (The
 * rule and its subject are passed as they are, not in a closure: a county runs some 10 million rules.)
 */
function runRule(rule: Rule, subject: Subject, locate: (hit: Hit) => Pick<Finding, 'householdId' | 'villageId' | 'hhNo' | 'idNumber'>, fallback: Hit, out: Finding[]): void {
  let hits: Hit[];
  let ruleId = rule.id;
  let severity = rule.severity;
  try {
    hits = (rule.check as (subject: Subject) => Hit[])(subject);
  } catch {
    hits = [{ ...fallback, field: null, message: `核查规则「${rule.title}」（${rule.id}）对这条记录运行出错，请把这条记录报告给技术支持；其他规则不受影响` }];
    ruleId = 'engine.ruleFailed';
    severity = 'warning';
  }
  for (const hit of hits) {
    out.push({ ruleId, severity, table: hit.table, rowId: hit.row.id, field: hit.field, message: hit.message, ...locate(hit) });
  }
}

export function runChecks(data: CheckData, profile: Profile, options: CheckOptions = {}): Finding[] {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const waiting = new Set(options.needsMet ? waitingRules(options.needsMet, options.rules).map((r) => r.id) : []);
  const active = (options.rules ?? rules).filter((r) => !profile.disabledRules.includes(r.id) && !waiting.has(r.id));
  const wanted = options.householdIds ? new Set(options.householdIds) : null;
  const households = wanted ? data.households.filter((h) => wanted.has(h.id)) : data.households;
  const findings: Finding[] = [];
  // The indexes span all the rows given, also households outside the ones checked (duplicate IDs, shared phones).
  const index = options.index ?? buildIndex(data);
  const householdRules = active.filter((r) => r.scope !== 'village');
  const villageRules = active.filter((r) => r.scope !== 'household');

  for (const ctx of householdContexts({ ...data, households }, profile, today, index)) {
    const locate = (hit: Hit) => locateInHousehold(ctx, hit);
    const fallback: Hit = { table: 'households', row: ctx.household, field: null, message: '' };
    const records = householdRecords(ctx);
    for (const rule of householdRules) runRule(rule, rule.scope === 'records' ? records : ctx, locate, fallback, findings);
  }
  if (options.villageRules ?? !wanted) {
    for (const ctx of villageContexts(data, profile, today, !options.continues)) {
      // Village records are edited on their own pages (问题台账, 分工 …), not in a household: no householdId, also
      // for a problem about one household, so that a finding's householdId always means a record of that household.
      const locate = () => ({ householdId: null, villageId: ctx.village.id, hhNo: null, idNumber: null });
      const fallback: Hit = { table: 'villages', row: ctx.village, field: null, message: '' };
      const records = villageRecords(ctx);
      for (const rule of villageRules) runRule(rule, rule.scope === 'records' ? records : ctx, locate, fallback, findings);
    }
  }
  return attachConfirmations(findings, options.confirmations ?? []);
}

function locateInHousehold(ctx: HouseholdContext, hit: Hit): Pick<Finding, 'householdId' | 'villageId' | 'hhNo' | 'idNumber'> {
  const member =
    hit.table === 'members' ? hit.row : hit.table === 'workRecords' ? ctx.members.find((m) => m.row.id === hit.row.memberId)?.row : undefined;
  return {
    householdId: ctx.household.id,
    villageId: typeof ctx.household.villageId === 'number' ? ctx.household.villageId : null,
    hhNo: text(ctx.household.hhNo) || null,
    idNumber: member ? text(member.idNumber) || null : null,
  };
}

/** A confirmed 提醒 keeps its confirmation; an 错误 cannot be confirmed away. */
function attachConfirmations(findings: Finding[], confirmations: readonly Confirmation[]): Finding[] {
  if (!confirmations.length) return findings;
  const byKey = new Map(confirmations.map((c) => [`${c.ruleId}|${c.target}`, c]));
  return findings.map((f) => {
    const c = f.severity === 'warning' ? byKey.get(`${f.ruleId}|${findingTarget(f)}`) : undefined;
    return c ? { ...f, confirmation: { reason: c.reason, by: c.by, at: c.at } } : f;
  });
}
