// The monitoring procedure of a household (防止返贫监测, REFERENCE.md d): its timeline of steps, where it stands
// (an identification under way, a 绿色通道 still to be completed, monitored, risk eliminated), which step may come
// next, and what refuses 风险消除 — the profile's 七不消 list, each blocker that holds named with the data behind it.
// Pure: the facts come from a household context of the checks (src/shared/rules/context.ts); commands.ts builds the
// change sets, main/api.ts reads the file of a household.
import { yuanWithUnit } from './income';
import { hasLabour, isNo, isYes, risks as risksOf, text, who } from './rules/helpers';
import type { HouseholdContext } from './rules/types';
import type { CellValue, Row } from './tables';

/** 识别纳入, in order (P21: 风险研判 → 入户核查 → 信息比对 → 民主评议 → 公示 → 乡镇审核 → 县级审定 → 录入系统). */
export const identificationChain = ['申请或风险研判', '入户核查', '信息比对', '民主评议', '公示', '乡镇审核', '县级审定', '录入系统'] as const;
/** The step of the chain that makes the household a 监测对象 (its 类别 and 识别监测时间 are set then). */
export const APPROVAL = '县级审定';
/** 因灾因意外 with clear facts: help first, the chain completed afterwards (P2). */
export const GREEN_CHANNEL = '绿色通道先行帮扶';
export const ELIMINATION = '风险消除';
export const REVERT = '风险消除回退';
export const RELABEL = '风险再标注';
export const IMPORTED = '国家系统导入';
/** The risks a 绿色通道 is for: 因灾 and 因意外. */
export const greenChannelRisks = ['因自然灾害', '因意外事故'];

/** The steps in the order they were taken (by date, then as recorded). */
export function timeline(steps: readonly Row[]): Row[] {
  return [...steps].sort((a, b) => text(a.date).localeCompare(text(b.date)) || a.id - b.id);
}

/** An identification under way: the steps taken since it began, and those still to take, in order. */
export interface OpenRound {
  /** Begun by the 绿色通道: monitored already, flagged until the chain is complete. */
  green: boolean;
  startedOn: string;
  done: string[];
  missing: string[];
}

export interface ProcedureState {
  monitored: boolean;
  eliminated: boolean;
  round: OpenRound | null;
  /** The steps the clerk may record now (风险消除 still has its blockers to pass). */
  next: string[];
}

/** The identification begun last, if its 录入系统 is not yet recorded. */
function openRound(steps: readonly Row[]): OpenRound | null {
  const ordered = timeline(steps);
  const start = ordered.findLastIndex((s) => s.step === identificationChain[0] || s.step === GREEN_CHANNEL);
  if (start < 0) return null;
  const green = ordered[start]!.step === GREEN_CHANNEL;
  const done = ordered.slice(start).map((s) => text(s.step)).filter((s) => (identificationChain as readonly string[]).includes(s));
  if (green) done.unshift(identificationChain[0]);
  if (done.includes('录入系统')) return null;
  return { green, startedOn: text(ordered[start]!.date), done, missing: identificationChain.filter((s) => !done.includes(s)) };
}

export function procedureState(household: Readonly<Row>, steps: readonly Row[]): ProcedureState {
  const monitored = text(household.monitoringType) !== '';
  const eliminated = monitored && isYes(household.riskEliminated);
  const round = openRound(steps);
  const next: string[] = [];
  if (round) next.push(round.missing[0]!);
  if (!monitored && !round) next.push(identificationChain[0], GREEN_CHANNEL);
  if (monitored && !eliminated) next.push(ELIMINATION);
  if (eliminated) next.push(REVERT, RELABEL);
  return { monitored, eliminated, round, next };
}

/** What 风险消除 is judged on, from the household's records of the work year (plain data, for any transport). */
export interface EliminationFacts {
  incomeYear: number;
  /** 人均纯收入 of the year; null when the year has no income record. */
  perCapita: number | null;
  /** 纳入监测对象的人均收入参考范围 (after 合规自付支出 and 理赔收入). */
  referencePerCapita: number | null;
  selfPaid: number;
  monitoringLine: number | null;
  /** Members counted in 家庭人口数, and of them 普通或技能劳动力. */
  members: number;
  labourers: number;
  measures: number;
  /** 三保障 and 饮水 still open: the year's 入户调查 answers, and members with no basic medical insurance. */
  safetyProblems: string[];
}

export function eliminationFacts(ctx: HouseholdContext): EliminationFacts {
  const visit = ctx.visit;
  const uninsured = ctx.active.filter((m) => !isYes(m.row.insResidentMedical) && !isYes(m.row.insEmployeeMedical));
  const safetyProblems = [
    visit && isYes(visit.unsafeHousing) && '住房不安全（危房）',
    visit && isNo(visit.safeWater) && '饮水安全未解决',
    visit && isYes(visit.dropout) && '有义务教育阶段失学辍学',
    uninsured.length > 0 && `${uninsured.map(who).join('、')}未参加基本医疗保险`,
  ].filter((p): p is string => !!p);
  return {
    incomeYear: ctx.profile.year,
    perCapita: ctx.summary?.perCapita ?? null,
    referencePerCapita: ctx.summary?.referencePerCapita ?? null,
    selfPaid: ctx.summary?.selfPaid ?? 0,
    monitoringLine: ctx.profile.monitoringLine,
    members: ctx.active.length,
    labourers: ctx.active.filter(hasLabour).length,
    measures: ctx.measures.length,
    safetyProblems,
  };
}

/** A household's monitoring file: its status, its steps, its measures, and the facts 风险消除 is judged on. */
export interface MonitoringFile {
  household: Row;
  village: string;
  headName: string | null;
  steps: Row[];
  measures: Row[];
  facts: EliminationFacts;
  /** The profile's 七不消 list in force. */
  blockers: string[];
}

/** Whole months from one YYYYMM to another. */
const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(4, 6)) - Number(from.slice(4, 6)));
export const monthOf = (date: string) => date.slice(0, 7).replace('-', '');

type Judge = (file: MonitoringFile, method: string, date: string) => string | null;

/**
 * The blockers the data decide, by the name the profile lists them under; a name of the profile that is none of
 * these is for the clerk to judge, ticked before 风险消除. The income and measure conditions are those of 帮扶消除
 * (S1 4_11_010, 1_11_009: a risk gone by itself needs no measures); the others hold for both ways (P5, P7).
 */
export const judgedBlockers: Readonly<Record<string, Judge>> = {
  收入不稳定: ({ facts }, method) => {
    if (method !== '帮扶消除') return null;
    if (facts.monitoringLine === null) return '监测范围未填写，无法判断人均纯收入是否稳定超过监测范围';
    if (facts.perCapita === null) return `没有${facts.incomeYear}年度收入信息`;
    return facts.perCapita <= facts.monitoringLine ? `${facts.incomeYear}年人均纯收入 ${yuanWithUnit(facts.perCapita)}，未稳定超过监测范围 ${yuanWithUnit(facts.monitoringLine)}` : null;
  },
  刚性支出未解决: ({ facts }) =>
    facts.selfPaid > 0 && facts.referencePerCapita !== null && facts.monitoringLine !== null && facts.referencePerCapita <= facts.monitoringLine
      ? `合规自付支出 ${yuanWithUnit(facts.selfPaid)}，扣除后人均收入参考范围 ${yuanWithUnit(facts.referencePerCapita)}，未超过监测范围 ${yuanWithUnit(facts.monitoringLine)}`
      : null,
  三保障或饮水安全未解决: ({ facts }) => (facts.safetyProblems.length ? facts.safetyProblems.join('、') : null),
  识别未满半年: ({ household }, _method, date) => {
    const from = text(household.identifiedMonth);
    if (!/^\d{6}$/.test(from)) return '识别监测时间未填写，无法判断是否识别满半年';
    const months = monthsBetween(from, monthOf(date));
    return months < 6 ? `${from} 识别，至 ${monthOf(date)} 仅 ${Math.max(months, 0)} 个月` : null;
  },
  未落实帮扶措施: ({ facts }, method) => (method === '帮扶消除' && facts.measures === 0 ? '没有任何帮扶措施记录' : null),
  整户无劳动能力: ({ household, facts }) =>
    (facts.members > 0 && facts.labourers === 0) || isYes(household.noLaborSupport) ? '整户无劳动能力的监测对象暂不标注风险消除' : null,
  识别程序未完成: ({ household, steps }) => {
    const round = procedureState(household, steps).round;
    return round ? `${round.green ? '绿色通道先行帮扶后' : '识别纳入'}尚缺：${round.missing.join('、')}` : null;
  },
};

/** The 七不消 by default (REFERENCE.md d, unconfirmed [I]): the ones the data decide, and one for the clerk. */
export const defaultBlockers = [...Object.keys(judgedBlockers), '存在新风险或群众不认可'];

export interface Blocker {
  name: string;
  /** Why it holds, from the data. */
  reason: string;
}

/** The blockers that hold against 风险消除 by `method` on `date`, and the profile's items the clerk must judge. */
export function eliminationBlockers(file: MonitoringFile, method: string, date: string): { holding: Blocker[]; toConfirm: string[] } {
  const holding: Blocker[] = [];
  const toConfirm: string[] = [];
  for (const name of file.blockers) {
    const judge = judgedBlockers[name];
    if (!judge) toConfirm.push(name);
    else {
      const reason = judge(file, method, date);
      if (reason) holding.push({ name, reason });
    }
  }
  return { holding, toConfirm };
}

/** What a step asks for: the step, its date, and what it decides. */
export interface StepInput {
  step: string;
  /** 'YYYY-MM-DD'. */
  date: string;
  monitoringType?: string | null;
  risks?: readonly string[];
  eliminationMethod?: string | null;
  note?: string | null;
  /** The profile's blockers the clerk has checked and found cleared (those the data cannot decide). */
  confirmed?: readonly string[];
}

/** The household's status fields a step sets, or why it is refused. */
export type StepOutcome = { patch: Record<string, CellValue>; row: Record<string, CellValue> } | { refused: string };

const riskFields = (list: readonly string[]): Record<string, CellValue> =>
  Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`risk${n}`, list[n - 1] ?? null]));
const notEliminated = { riskEliminated: '否', eliminationMethod: null, eliminatedMonth: null };

/** A value the round decided before this step (the 类别 of 风险研判, kept for 县级审定). */
function decidedInRound(steps: readonly Row[], round: OpenRound, key: 'monitoringType' | 'risks'): string {
  const since = timeline(steps).filter((s) => text(s.date) >= round.startedOn && text(s[key]));
  return text(since.at(-1)?.[key]);
}

/**
 * Judges a step against the household's file on `today`: refused with the reason (in Chinese), or the step's row and
 * the household's status fields it sets.
 */
export function judgeStep(file: MonitoringFile, input: StepInput, today: string): StepOutcome {
  const { household, steps } = file;
  const date = text(input.date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return { refused: '请填写这一步的日期（年-月-日）。' };
  if (date > today) return { refused: `日期 ${date} 晚于今天，请填写已办理的日期。` };
  // The date an import was made says nothing of when things happened: only the clerk's own steps are ordered.
  const last = timeline(steps.filter((s) => s.step !== IMPORTED)).at(-1);
  if (last && text(last.date) > date) return { refused: `日期 ${date} 早于上一步「${text(last.step)}」的日期 ${text(last.date)}。` };
  const state = procedureState(household, steps);
  if (!state.next.includes(input.step)) return { refused: refusalOfOrder(input.step, state) };

  const type = text(input.monitoringType);
  const risks = (input.risks ?? []).map((r) => r.trim()).filter(Boolean);
  const row: Record<string, CellValue> = {
    step: input.step,
    date,
    monitoringType: type || null,
    risks: risks.length ? risks.join(',') : null,
    eliminationMethod: null,
    note: text(input.note) || null,
  };
  const month = monthOf(date);
  switch (input.step) {
    case GREEN_CHANNEL: {
      if (!type) return { refused: '绿色通道须认定监测对象类别。' };
      if (!risks.some((r) => greenChannelRisks.includes(r))) return { refused: '绿色通道只适用于因灾、因意外事故（致贫/返贫风险须含「因自然灾害」或「因意外事故」）。' };
      return { row, patch: { monitoringType: type, identifiedMonth: month, ...notEliminated, ...riskFields(risks) } };
    }
    case APPROVAL: {
      const round = state.round!;
      const decidedType = type || decidedInRound(steps, round, 'monitoringType');
      if (!decidedType) return { refused: '县级审定须认定监测对象类别。' };
      const decidedRisks = risks.length ? risks : decidedInRound(steps, round, 'risks').split(',').filter(Boolean);
      if (!decidedRisks.length) return { refused: '县级审定须认定致贫/返贫风险。' };
      // A 绿色通道 household was identified when it was helped: its 识别监测时间 stays.
      const identifiedMonth = round.green ? text(household.identifiedMonth) || month : month;
      return { row, patch: { monitoringType: decidedType, identifiedMonth, ...notEliminated, ...riskFields(decidedRisks) } };
    }
    case ELIMINATION: {
      const method = text(input.eliminationMethod);
      if (!['帮扶消除', '自然消除'].includes(method)) return { refused: '请选择风险消除方式：帮扶消除或自然消除。' };
      const { holding, toConfirm } = eliminationBlockers(file, method, date);
      const unchecked = toConfirm.filter((name) => !(input.confirmed ?? []).includes(name));
      const reasons = [...holding.map((b) => `「${b.name}」：${b.reason}`), ...unchecked.map((name) => `「${name}」：尚未核实排除`)];
      if (reasons.length) return { refused: `不能标注风险消除（${method}），下列情形仍未排除：${reasons.join('；')}。` };
      const confirmed = toConfirm.length ? `已核实排除：${toConfirm.join('、')}` : '';
      return {
        row: { ...row, eliminationMethod: method, note: [row.note, confirmed].filter(Boolean).join('；') || null },
        patch: { riskEliminated: '是', eliminationMethod: method, eliminatedMonth: month },
      };
    }
    case REVERT:
      return { row, patch: { ...notEliminated } };
    case RELABEL:
      if (!risks.length) return { refused: '风险再标注须认定新的致贫/返贫风险。' };
      return { row, patch: { ...notEliminated, identifiedMonth: month, ...(type ? { monitoringType: type } : {}), ...riskFields(risks) } };
    default:
      return { row, patch: {} };
  }
}

function refusalOfOrder(step: string, state: ProcedureState): string {
  if (state.round && (identificationChain as readonly string[]).includes(step)) return `识别纳入须按顺序办理，下一步是「${state.round.missing[0]}」。`;
  if (step === ELIMINATION) return state.eliminated ? '该户风险已消除。' : '该户不是监测对象，不能标注风险消除。';
  if (step === REVERT || step === RELABEL) return `该户风险尚未消除，不能「${step}」。`;
  if (step === IMPORTED) return '「国家系统导入」由导入时记录。';
  if (state.round) return `该户识别纳入尚未完成，下一步是「${state.round.missing[0]}」。`;
  return state.monitored ? '该户已是监测对象。' : `该户不是监测对象，请从「${identificationChain[0]}」或「${GREEN_CHANNEL}」开始。`;
}

/** The status an import brought, in words, for its 「国家系统导入」 step. */
export function importedStatusText(values: Readonly<Record<string, CellValue | undefined>>): string {
  const type = text(values.monitoringType);
  if (!type) return '非监测对象';
  const said = [`监测对象类别：${type}`];
  if (text(values.identifiedMonth)) said.push(`识别监测时间：${text(values.identifiedMonth)}`);
  const list = risksOf(values as Row);
  if (list.length) said.push(`风险：${list.join('、')}`);
  if (isYes(values.riskEliminated)) said.push(`风险已消除（${text(values.eliminationMethod) || '方式未填'}，${text(values.eliminatedMonth) || '时间未填'}）`);
  return said.join('；');
}

const statusFields = ['monitoringType', 'identifiedMonth', 'riskEliminated', 'eliminationMethod', 'eliminatedMonth'] as const;

/**
 * The 「国家系统导入」 step of a household an import brings or changes: for a 监测对象 new to the file, or one whose
 * monitoring status the import changes (what the national system decided, recorded where the clerk reads the
 * procedure); null otherwise. `householdId` may be the import's placeholder of a new household.
 */
export function importedStep(
  householdId: number,
  incoming: Readonly<Record<string, CellValue>>,
  existing: Readonly<Row> | undefined,
  date?: string,
): Record<string, CellValue> | null {
  // Asked of every household of a county's import, and true of few: the record after the import is made only then.
  const valueAfter = (field: string) => incoming[field] ?? existing?.[field];
  const changed = existing ? statusFields.some((f) => text(valueAfter(f)) !== text(existing[f])) : text(valueAfter('monitoringType')) !== '';
  if (!changed) return null;
  const after: Record<string, CellValue | undefined> = { ...existing, ...Object.fromEntries(Object.entries(incoming).filter(([, v]) => v !== null)) };
  return { householdId, step: IMPORTED, date: date ?? new Date().toISOString().slice(0, 10), monitoringType: text(after.monitoringType) || null, note: importedStatusText(after) };
}
