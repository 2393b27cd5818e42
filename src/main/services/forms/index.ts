// 打印: the pre-filled household forms for the 双签字 — 附件1 收入信息采集表, 附件2 入户调查表 or both — for a village,
// one of its 片区 (村民小组), or one household, as ONE .docx: the template (the clerk's own, edited in Word/WPS, or
// the built-in one of defaultTemplates.ts) filled once per household from the year's data (values.ts), each
// household on new pages with its 户编号 and QR code on every page (docx/sections.ts). Each print is recorded
// (prints.ts), so the 打印 dialog tells what was printed, what went stale since, and what came back signed.
import { basename } from 'node:path';
import type { FormsRequest, FormsResult, FormsReturnedRequest, FormsStatus, FormsStatusQuery, SavedFile } from '../../../shared/api';
import { PaichaError } from '../../../shared/errors';
import { formKindLabels, formKinds, formsOf, isFormKind, type FormKind } from '../../../shared/forms';
import type { Row } from '../../../shared/tables';
import type { YearData } from '../../../shared/yearData';
import type { Store } from '../../store';
import { fillTemplateEach } from '../docx/sections';
import { templateInfo, templateOf, writeBytes } from '../docx/templateFile';
import { loadYear } from '../loadYear';
import { defaultFormsTemplate } from './defaultTemplates';
import { formsStatusOf, markReturned, recordPrints } from './prints';
import { hhNoQrCode } from './qr';
import { householdValues } from './values';

export { writePublicity } from './publicity';

/** File names (without extension) where the transport names them. */
export const FORMS_FILE_NAME = '入户签字表';
export const FORMS_TEMPLATE_FILE_NAME = '入户签字表模板';
export const PUBLICITY_FILE_NAME = '新识别监测户公示';

type Progress = (phase: string, fraction: number) => void;

/** The year's data of the households asked for, and how the clerk named them (for messages). */
function chosen(store: Store, request: FormsRequest): { data: YearData; households: Row[]; scope: string } {
  if (request.household) {
    const [household] = store.rows('households', { hhNo: request.household.trim() });
    if (!household) throw new PaichaError('notFound', `没有户编号为「${request.household}」的户。`);
    const data = loadYear(store, { year: request.year, householdIds: [household.id] });
    return { data, households: data.households, scope: `户编号 ${request.household}` };
  }
  if (request.householdIds?.length) {
    const data = loadYear(store, { year: request.year, householdIds: request.householdIds });
    return { data, households: data.households, scope: '所选的户' };
  }
  if (!request.village) throw new PaichaError('invalid', '请指定要打印的行政村（可再指定村民小组）或户编号。');
  const [village] = store.rows('villages', { name: request.village.trim() });
  if (!village) throw new PaichaError('notFound', `没有名为「${request.village}」的行政村。`);
  const data = loadYear(store, { year: request.year, villageId: village.id });
  if (!request.group) return { data, households: data.households, scope: request.village };
  const group = data.groups.find((g) => String(g.name) === request.group!.trim());
  if (!group) throw new PaichaError('notFound', `${request.village}没有名为「${request.group}」的村民小组（片区）。可选：${data.groups.map((g) => String(g.name)).join('、') || '（本村还没有村民小组）'}。`);
  return { data, households: data.households.filter((h) => h.groupId === group.id), scope: `${request.village}${request.group}` };
}

/** The kind asked for (default: 附件1), or a clear message. */
function kindOf(kind: unknown): FormKind {
  if (kind === undefined) return 'income';
  if (isFormKind(kind)) return kind;
  throw new PaichaError('invalid', `没有「${String(kind)}」这种表。可选：${formKinds.map((k) => `${k}（${formKindLabels[k]}）`).join('、')}。`);
}

const byHhNo = (a: Row, b: Row) => String(a.hhNo ?? '').localeCompare(String(b.hhNo ?? ''));

export async function writeForms(store: Store, request: FormsRequest & { path: string }, progress: Progress = () => {}): Promise<FormsResult> {
  const kind = kindOf(request.kind);
  const kinds = formsOf(kind);
  const template = await templateOf(request.template, () => defaultFormsTemplate(kind));
  // The print stands for the data as read now: an edit after this point makes the printed forms stale.
  const readUpTo = store.lastChangeSetId();
  progress('读取数据', 0);
  const { data, households, scope } = chosen(store, request);
  let printed = households;
  if (request.onlyOutdated) {
    const outdated = new Set(formsStatusOf(store, data).filter((h) => kinds.some((k) => !h[k].printedAt || h[k].stale)).map((h) => h.householdId));
    printed = households.filter((h) => outdated.has(h.id));
  }
  if (!printed.length) throw new PaichaError('notFound', request.onlyOutdated ? `${scope}没有需要打印的户：各户的表都已打印，且打印后没有修改。` : `${scope}没有户。`);
  printed = [...printed].sort(byHhNo);
  const items = [];
  for (const [i, household] of printed.entries()) {
    const hhNo = household.hhNo == null ? '' : String(household.hhNo);
    items.push({ ...householdValues(data, household, hhNo ? await hhNoQrCode(hhNo) : null), ...(hhNo ? {} : { 户编号: '（尚无户编号）', 二维码: '' }) });
    progress('生成二维码', (i + 1) / printed.length);
  }
  const filled = fillTemplateEach(template.parts, items, (done, total) => progress('填写各户的表', done / total));
  progress('保存', 1);
  await writeBytes(request.path, filled.bytes);
  recordPrints(store, { householdIds: printed.map((h) => h.id), kinds, year: data.year, readUpTo, file: basename(request.path) });
  const info = templateInfo(template, items[0]!);
  return { path: request.path, name: basename(request.path), year: data.year, kind, households: printed.length, template: { ...info, unknown: filled.unknown }, filled: filled.filled.length, problems: filled.problems };
}

export async function writeFormsTemplate(kind: unknown, path: string): Promise<SavedFile> {
  await writeBytes(path, await defaultFormsTemplate(kindOf(kind)));
  return { path, name: basename(path) };
}

export function formsStatus(store: Store, query: FormsStatusQuery): FormsStatus {
  const data = loadYear(store, { year: query.year, villageId: query.villageId, householdIds: query.householdIds });
  return { year: data.year, households: formsStatusOf(store, data) };
}

/** Marks the households' forms of a kind returned and signed (on `date`, default today); answers their status. */
export function formsReturnedSigned(store: Store, request: FormsReturnedRequest): FormsStatus {
  if (request.kind !== 'income' && request.kind !== 'visit') throw new PaichaError('invalid', '请指定收回的是哪种表：income（收入信息采集表）或 visit（入户调查表）。');
  if (request.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(request.date)) throw new PaichaError('invalid', `收回日期「${request.date}」无效，应为 YYYY-MM-DD，如 2023-11-20。`);
  const data = loadYear(store, { year: request.year, householdIds: request.householdIds });
  if (!data.households.length) throw new PaichaError('notFound', '没有找到要标记的户（可能已被删除）。');
  markReturned(store, data, request.kind, request.date ?? new Date().toISOString().slice(0, 10));
  return formsStatus(store, { year: data.year, householdIds: request.householdIds });
}
