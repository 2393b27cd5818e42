// The vocabulary of the checks (数据核查): rules read one household (or village) at a time, or the records of one
// household or village, and report findings.
import type { IdInfo } from '../idcard';
import type { IncomeSummary } from '../income';
import type { Profile } from '../profile';
import type { Row, TableName } from '../tables';
import type { MembersById } from './membersById';

/** 错误 must be fixed before export; 提醒 may be confirmed with a reason. */
export type Severity = 'error' | 'warning';

export const severityText: Record<Severity, string> = { error: '错误', warning: '提醒' };

/** One 疑似问题: which rule, which cell, and what is wrong, in Chinese. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  table: TableName;
  rowId: number;
  /** The column at fault, or null when the finding is about the whole row. */
  field: string | null;
  message: string;
  householdId: number | null;
  villageId: number | null;
  /** 户编号 and 证件号码 of the record, for lists and the CLI. */
  hhNo: string | null;
  idNumber: string | null;
  /** Set when a 提醒 was confirmed: the reason and who gave it. */
  confirmation?: { reason: string; by: string | null; at: string | null };
}

/** Where a rule points: a row and optionally a cell, with the message. */
export interface Hit {
  table: TableName;
  row: Row;
  field: string | null;
  message: string;
}

export interface MemberView {
  row: Row;
  id: IdInfo;
  /** 'YYYY-MM-DD', from the ID number, else as keyed; null when unknown. */
  birthDate: string | null;
  /** Whole years on the profile's reference date; null when the birth date is unknown or after that date. */
  age: number | null;
  /** Counted in 家庭人口数 (not 自然减少). */
  active: boolean;
  /** Has an 在校生状况 other than 学龄前儿童. */
  inSchool: boolean;
  work: Row[];
}

export interface GlobalIndex {
  /** Member rows by the 18-character ID, over all households. */
  membersByIdBase: MembersById;
  /** How many households give each 户联系电话. */
  householdsPerPhone: Map<string, number>;
  /** 入户责任分工 rows by group id. */
  assignmentsByGroup: Map<number, Row[]>;
  /** 工作人员 by id, to name the people records refer to (src/shared/people.ts). */
  personById: Map<number, Row>;
  /** The county the township is in (设置 › 县), to tell work inside the county from work outside it. */
  homeCounty: string | null;
}

export interface HouseholdContext {
  household: Row;
  members: MemberView[];
  /** Members counted in 家庭人口数. */
  active: MemberView[];
  income: Row | undefined;
  previousIncome: Row | undefined;
  summary: IncomeSummary | null;
  previousSummary: IncomeSummary | null;
  visit: Row | undefined;
  measures: Row[];
  /** The household's 监测程序 steps. */
  steps: Row[];
  profile: Profile;
  /** The day of the check ('YYYY-MM-DD'), for deadlines. */
  today: string;
  index: GlobalIndex;
}

export interface VillageContext {
  village: Row;
  /** The first village checked: where a finding about the whole check (the profile) is put, once. */
  first: boolean;
  groups: Row[];
  /** The village's 脱贫村指标 of the profile year. */
  indicators: Row | undefined;
  assignments: Row[];
  problems: Row[];
  /** The 工作人员 of the village (驻村工作队, 村干部 …). */
  people: Row[];
  profile: Profile;
  today: string;
}

/** One record and its table: what a record rule reads. */
export interface TableRecord {
  table: TableName;
  row: Row;
}

/**
 * Data a rule is about that the national export never carries and the clerk keys later (帮扶措施, 监测联系人, this
 * round's income …): until some is on file the rule waits, rather than flag every household for what nobody could
 * have entered yet. `ofYear`: records of the year checked; `column`: a value in that column.
 */
export interface DataNeed {
  table: TableName;
  column?: string;
  ofYear?: boolean;
  /** What is waited for, in Chinese (e.g. 帮扶措施). */
  what: string;
}

/** The key under which a need is told met or not. */
export const needKey = (need: DataNeed) => `${need.table}.${need.column ?? '*'}${need.ofYear ? '@year' : ''}`;

interface RuleBase {
  /** Stable identifier, e.g. member.idChecksum; confirmations and disabled-rule lists refer to it. */
  id: string;
  severity: Severity;
  /** 中文 title, as the 数据核查 page lists it. */
  title: string;
  waitsFor?: DataNeed;
}

/** What a rule's builder is given besides its test. */
export type RuleHead = Pick<RuleBase, 'id' | 'severity' | 'title' | 'waitsFor'>;

export interface HouseholdRule extends RuleBase {
  scope: 'household';
  check(ctx: HouseholdContext): Hit[];
}

export interface VillageRule extends RuleBase {
  scope: 'village';
  check(ctx: VillageContext): Hit[];
}

/**
 * A rule about single records, whoever owns them: the engine gives it the records of each household and those of
 * each village (the field rules of the data dictionary).
 */
export interface RecordRule extends RuleBase {
  scope: 'records';
  check(records: readonly TableRecord[]): Hit[];
}

export type Rule = HouseholdRule | VillageRule | RecordRule;
