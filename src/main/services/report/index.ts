// The 总结报告: the year's figures and tables (figures.ts, tables.ts), a template — the clerk's .docx or the built-in
// one (defaultTemplate.ts) — and the docx engine that fills one with the other. The page previews what it will use;
// the file is written whole (fileWrite) or not at all.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ReportPreview, ReportQuery, ReportResult, ReportTemplateInfo, SavedFile } from '../../../shared/api';
import { PaichaError } from '../../../shared/errors';
import { writeWhole } from '../../fileWrite';
import type { Store } from '../../store';
import { check } from '../checks';
import { fillTemplate, openTemplate, templatePlaceholders, type TemplateValues } from '../docx/template';
import type { DocxParts } from '../docx/zip';
import { loadYear } from '../loadYear';
import { defaultReportTemplate } from './defaultTemplate';
import { householdViews, reportFigures } from './figures';
import { reportTables } from './tables';

export const DEFAULT_TEMPLATE_NAME = '默认模板';
/** File names (without extension) of a report and of the default template, where the transport names them. */
export const REPORT_FILE_NAME = '总结报告';
export const REPORT_TEMPLATE_FILE_NAME = '总结报告模板';

/** The file name a clerk knows: an upload's private copy carries a random prefix before it. */
const shownName = (path: string) => basename(path).replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/, '');

/** The template's parts and name: the clerk's file, or the built-in one. */
async function templateOf(path: string | undefined): Promise<{ parts: DocxParts; name: string; isDefault: boolean }> {
  if (!path) return { parts: openTemplate(await defaultReportTemplate(), DEFAULT_TEMPLATE_NAME), name: DEFAULT_TEMPLATE_NAME, isDefault: true };
  const name = shownName(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new PaichaError('invalid', `「${name}」是一个文件夹，不是 Word 文档。`);
    throw new PaichaError('notFound', `找不到模板「${name}」${code === 'ENOENT' ? '：它不存在（可能已被移动、改名或删除）' : '，或没有权限读取它'}。`);
  }
  return { parts: openTemplate(bytes, name), name, isDefault: false };
}

/** A document written whole or not at all. */
const writeBytes = (path: string, bytes: Buffer) => writeWhole(path, async (temporary) => writeFileSync(temporary, bytes));

/** 2023年11月20日: the date under the signature. */
const chineseDate = (date: Date) => `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;

/** Everything the report says, from the year's data, and the values a template is filled with. */
function reportContent(store: Store, year: number | undefined) {
  const data = loadYear(store, { year });
  const { findings } = check(store, { year: data.year });
  const views = householdViews(data);
  const figures = reportFigures(data, views, findings);
  const tables = reportTables(data, views, findings);
  const values: TemplateValues = { 成文日期: chineseDate(new Date()) };
  for (const f of figures) values[f.name] = f.value;
  for (const t of tables) {
    values[t.name] = t.table;
    values[`${t.name}标题`] = t.title;
  }
  return { year: data.year, figures, tables, values };
}

function templateInfo(parts: DocxParts, name: string, isDefault: boolean, values: TemplateValues): ReportTemplateInfo {
  const placeholders = templatePlaceholders(parts);
  return { name, isDefault, placeholders, unknown: placeholders.filter((p) => !(p.replace(/^#/, '') in values)) };
}

export async function reportPreview(store: Store, query: ReportQuery = {}): Promise<ReportPreview> {
  const template = await templateOf(query.template);
  const { year, figures, tables, values } = reportContent(store, query.year);
  return {
    year,
    figures,
    tables: tables.map((t) => ({ name: t.name, title: t.title, source: t.source, rows: t.table.rows.length })),
    template: templateInfo(template.parts, template.name, template.isDefault, values),
  };
}

export async function writeReport(store: Store, request: ReportQuery & { path: string }): Promise<ReportResult> {
  const template = await templateOf(request.template);
  const { year, values } = reportContent(store, request.year);
  const filled = fillTemplate(template.parts, values);
  await writeBytes(request.path, filled.bytes);
  const info = templateInfo(template.parts, template.name, template.isDefault, values);
  return { path: request.path, name: basename(request.path), year, template: { ...info, unknown: filled.unknown }, filled: filled.filled.length, problems: filled.problems };
}

export async function writeReportTemplate(path: string): Promise<SavedFile> {
  await writeBytes(path, await defaultReportTemplate());
  return { path, name: basename(path) };
}
