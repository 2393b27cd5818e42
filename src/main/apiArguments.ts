// The arguments of every api method, checked where calls enter src/main/api.ts, whatever the transport (IPC, HTTP,
// the CLI): a call with a value of the wrong type is refused as 'invalid' (HTTP 400) with a Chinese message, before
// any service sees it, instead of failing deep inside as an internal error. What a value means (whether a table or
// a layout exists, whether a year is plausible) is still judged by the services, with their own messages.
import type { ApiMethod, PaichaApi } from '../shared/api';
import { PaichaError } from '../shared/errors';

/** Null when `value` (found at `at`, e.g. scope.householdIds) fits; else what is wrong, e.g. 「scope.householdIds 应为列表」. */
type Check = (value: unknown, at: string) => string | null;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const fits =
  (test: (value: unknown) => boolean, expected: string): Check =>
  (value, at) =>
    test(value) ? null : `${at} 应为${expected}`;

const integer = fits(Number.isInteger, '整数');
const text = fits((value) => typeof value === 'string', '文字');
const flag = fits((value) => typeof value === 'boolean', ' true 或 false');
const cellValue = fits((value) => value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)), '文字、数字或空值');

/**
 * Absent: undefined, null or NaN. JSON has neither undefined nor NaN: over HTTP both arrive as null, so IPC, which
 * keeps them, must read them the same way (a 收入年度 typed as letters is Number('…') = NaN: no year given).
 */
const isAbsent = (value: unknown) => value === undefined || value === null || Number.isNaN(value);

const optional =
  (check: Check): Check =>
  (value, at) =>
    isAbsent(value) ? null : check(value, at);

const listOf =
  (item: Check): Check =>
  (value, at) => {
    if (!Array.isArray(value)) return `${at} 应为列表`;
    for (let i = 0; i < value.length; i++) {
      const wrong = item(value[i], `${at}[${i}]`);
      if (wrong) return wrong;
    }
    return null;
  };

/** An object whose listed fields fit; other fields are left to the method. */
const object =
  (fields: Record<string, Check>): Check =>
  (value, at) => {
    if (!isObject(value)) return `${at} 应为对象（{…}）`;
    for (const [key, check] of Object.entries(fields)) {
      const wrong = check(value[key], `${at}.${key}`);
      if (wrong) return wrong;
    }
    return null;
  };

/** An object of any fields, each of which fits `check`. */
const recordOf =
  (check: Check): Check =>
  (value, at) => {
    if (!isObject(value)) return `${at} 应为对象（{…}）`;
    for (const [key, field] of Object.entries(value)) {
      const wrong = check(field, `${at}.${key}`);
      if (wrong) return wrong;
    }
    return null;
  };

const rowQuery = object({ where: optional(recordOf(cellValue)), villageId: optional(integer), ids: optional(listOf(integer)), limit: optional(integer) });

/** A change of a change set; its table, columns and values are judged by the store. */
const change: Check = (value, at) => {
  if (!isObject(value)) return `${at} 应为对象（{…}）`;
  if (value.op === 'delete') return text(value.table, `${at}.table`) ?? listOf(integer)(value.ids, `${at}.ids`);
  if (value.op === 'insert' || value.op === 'update') return text(value.table, `${at}.table`) ?? listOf(object({}))(value.rows, `${at}.rows`);
  return `${at}.op 应为 insert、update 或 delete`;
};

const progressFields = { year: optional(integer), villageId: optional(integer), today: optional(text) };

const changeSet = object({ label: text, changes: listOf(change), bookkeeping: optional(flag) });

const exportRequest = object({
  layout: optional(text),
  path: optional(text),
  village: optional(text),
  year: optional(integer),
  changedOnly: optional(flag),
  allowErrors: optional(flag),
});

/** Each method's parameters, by name and check, in order. Every method of the contract must say what it takes. */
const parameters: { readonly [M in ApiMethod]: readonly (readonly [name: string, check: Check])[] } = {
  info: [],
  stats: [],
  rows: [
    ['table', text],
    ['query', optional(rowQuery)],
  ],
  households: [['query', optional(rowQuery)]],
  apply: [['changeSet', changeSet]],
  undo: [],
  redo: [],
  history: [['limit', optional(integer)]],
  profile: [['year', optional(integer)]],
  check: [['scope', optional(object({ householdIds: optional(listOf(integer)), villageId: optional(integer), year: optional(integer) }))]],
  incomeSheet: [['scope', object({ householdIds: optional(listOf(integer)), villageId: optional(integer), year: optional(integer) })]],
  progress: [['query', optional(object(progressFields))]],
  exportProgress: [['request', optional(object({ ...progressFields, path: optional(text) }))]],
  listFeedback: [['request', object({ path: text, displayName: optional(text), out: optional(text) })]],
  monitoringFile: [['householdId', integer]],
  monitoringNumbers: [['query', optional(object({ year: optional(integer), villageId: optional(integer), today: optional(text) }))]],
  keyGroups: [['query', optional(object({ year: optional(integer), villageId: optional(integer) }))]],
  importFile: [['options', object({ path: optional(text), displayName: optional(text), year: optional(integer), dryRun: optional(flag) })]],
  taskProgress: [],
  exportGate: [['request', exportRequest]],
  exportLayout: [['request', exportRequest]],
  saveImportReport: [['options', optional(object({ path: optional(text) }))]],
  reportPreview: [['query', optional(object({ year: optional(integer), template: optional(text) }))]],
  writeReport: [['request', optional(object({ year: optional(integer), template: optional(text), path: optional(text) }))]],
  writeReportTemplate: [['options', optional(object({ path: optional(text) }))]],
  writeForms: [
    [
      'request',
      object({
        kind: optional(text),
        village: optional(text),
        group: optional(text),
        household: optional(text),
        householdIds: optional(listOf(integer)),
        onlyOutdated: optional(flag),
        template: optional(text),
        year: optional(integer),
        path: optional(text),
      }),
    ],
  ],
  writeFormsTemplate: [['options', optional(object({ kind: optional(text), path: optional(text) }))]],
  formsStatus: [['query', object({ villageId: optional(integer), householdIds: optional(listOf(integer)), year: optional(integer) })]],
  writePublicity: [['request', optional(object({ village: optional(text), year: optional(integer), path: optional(text) }))]],
  markFormsReturned: [['request', object({ householdIds: listOf(integer), kind: text, year: optional(integer), date: optional(text) })]],
  backups: [],
  backupNow: [],
  backupContent: [['name', text]],
  restoreBackup: [['name', text]],
};

/**
 * The api with every call's arguments checked first. Optional arguments given as null reach the method as undefined
 * (so its defaults apply); arguments beyond those a method takes are not passed on.
 */
export function withCheckedArguments(api: PaichaApi): PaichaApi {
  const checked = Object.entries(parameters).map(([method, params]) => {
    const call = async (...args: unknown[]) => {
      const passed = params.map(([name, check], i) => {
        const wrong = check(args[i], name);
        if (wrong) throw new PaichaError('invalid', `请求的参数不正确（${method}）：${wrong}。未执行任何操作。`);
        return isAbsent(args[i]) ? undefined : args[i];
      });
      return (api[method as ApiMethod] as (...a: unknown[]) => Promise<unknown>)(...passed);
    };
    return [method, call];
  });
  return { ...api, ...Object.fromEntries(checked) } as PaichaApi;
}
