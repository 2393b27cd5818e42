// Small pieces the rule files share: field labels, values, and rule constructors.
import { columnSpec, type CellValue, type Row, type TableName } from '../tables';
import type { Hit, HouseholdContext, HouseholdRule, MemberView, RuleHead } from './types';

export const label = (table: TableName, field: string): string => columnSpec(table, field)?.label ?? field;

/** A cell as text, '' when empty. */
export const text = (value: CellValue | undefined): string => (value == null ? '' : String(value).trim());

export const isYes = (value: CellValue | undefined) => text(value) === '是';
export const isNo = (value: CellValue | undefined) => text(value) === '否';

/** The parts of a multi-valued cell. */
export const parts = (value: CellValue | undefined): string[] => text(value).split(/[,，、]/).filter(Boolean);

/** 「姓名」, with the person's name when known, for messages. */
export const who = (m: MemberView): string => (text(m.row.name) ? `${text(m.row.name)}` : `第 ${m.row.id} 号成员`);

export const isMonitored = (ctx: HouseholdContext) => text(ctx.household.monitoringType) !== '';

export const risks = (household: Row): string[] =>
  [1, 2, 3, 4, 5].map((n) => text(household[`risk${n}`])).filter(Boolean);

export const measureCategories = (ctx: HouseholdContext): Set<string> => new Set(ctx.measures.map((m) => text(m.category)));

export const hasLabour = (m: MemberView) => ['普通劳动力', '技能劳动力'].includes(text(m.row.laborSkill));

/** Enjoys 低保 or 特困供养. */
export const receivesWelfare = (m: MemberView) =>
  ['农村低保', '城市低保'].includes(text(m.row.dibao)) || ['农村特困', '城市特困'].includes(text(m.row.tekun));

export const memberHit = (m: MemberView, field: string | null, message: string): Hit => ({ table: 'members', row: m.row, field, message });
export const householdHit = (ctx: HouseholdContext, field: string | null, message: string): Hit => ({
  table: 'households',
  row: ctx.household,
  field,
  message,
});

/**
 * What a rule without findings returns: one shared empty list, not a new one per household (a county runs some 10
 * million rules, nearly all without findings). Frozen: the engine only reads what a rule returns.
 */
export const noHits: Hit[] = Object.freeze([]) as unknown as Hit[];

/** `hits` with `hit` added: a list of its own is made for the first (noHits stays empty). */
export function withHit(hits: Hit[], hit: Hit): Hit[] {
  if (hits === noHits) return [hit];
  hits.push(hit);
  return hits;
}

/**
 * A rule about each member counted in the household: `test` returns the message when the member is at fault.
 * `field` names the cell to mark.
 */
export function memberRule(
  head: RuleHead,
  field: string | null,
  test: (m: MemberView, ctx: HouseholdContext) => string | null | false | undefined,
  options: { includeLeft?: boolean } = {},
): HouseholdRule {
  return {
    ...head,
    scope: 'household',
    check(ctx) {
      let hits = noHits;
      for (const m of options.includeLeft ? ctx.members : ctx.active) {
        const message = test(m, ctx);
        if (message) hits = withHit(hits, memberHit(m, field, message));
      }
      return hits;
    },
  };
}

/** A rule about the household as a whole: `test` returns the message when it is at fault. */
export function householdRule(
  head: RuleHead,
  field: string | null,
  test: (ctx: HouseholdContext) => string | null | false | undefined,
): HouseholdRule {
  return {
    ...head,
    scope: 'household',
    check(ctx) {
      const message = test(ctx);
      return message ? [householdHit(ctx, field, message)] : noHits;
    },
  };
}
