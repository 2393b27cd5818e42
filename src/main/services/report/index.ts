// The 总结报告: the year's figures and tables (figures.ts, tables.ts), a template — the clerk's .docx or the built-in
// one (defaultTemplate.ts) — and the docx engine that fills one with the other. The page previews what it will use;
// the file is written whole (fileWrite) or not at all.
import { basename } from 'node:path';
import type { ReportPreview, ReportQuery, ReportResult, SavedFile } from '../../../shared/api';
import type { Store } from '../../store';
import { check } from '../checks';
import { fillTemplate, type TemplateValues } from '../docx/template';
import { chineseDate, templateInfo, templateOf, writeBytes } from '../docx/templateFile';
import { loadYear } from '../loadYear';
import { defaultReportTemplate } from './defaultTemplate';
import { householdViews, reportFigures } from './figures';
import { reportTables } from './tables';

/** File names (without extension) of a report and of the default template, where the transport names them. */
export const REPORT_FILE_NAME = '总结报告';
export const REPORT_TEMPLATE_FILE_NAME = '总结报告模板';

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

export async function reportPreview(store: Store, query: ReportQuery = {}): Promise<ReportPreview> {
  const template = await templateOf(query.template, defaultReportTemplate);
  const { year, figures, tables, values } = reportContent(store, query.year);
  return {
    year,
    figures,
    tables: tables.map((t) => ({ name: t.name, title: t.title, source: t.source, rows: t.table.rows.length })),
    template: templateInfo(template, values),
  };
}

export async function writeReport(store: Store, request: ReportQuery & { path: string }): Promise<ReportResult> {
  const template = await templateOf(request.template, defaultReportTemplate);
  const { year, values } = reportContent(store, request.year);
  const filled = fillTemplate(template.parts, values);
  await writeBytes(request.path, filled.bytes);
  const info = templateInfo(template, values);
  return { path: request.path, name: basename(request.path), year, template: { ...info, unknown: filled.unknown }, filled: filled.filled.length, problems: filled.problems };
}

export async function writeReportTemplate(path: string): Promise<SavedFile> {
  await writeBytes(path, await defaultReportTemplate());
  return { path, name: basename(path) };
}
