// Templates as files: the clerk's own .docx (a path under Electron, an upload's private copy in a browser) or a
// built-in one, opened with a message that names the file as the clerk knows it; what a template's placeholders
// match; and a document written whole or not at all. Shared by the report and the household forms.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ReportTemplateInfo } from '../../../shared/api';
import { PaichaError } from '../../../shared/errors';
import { writeWhole } from '../../fileWrite';
import { openTemplate, templatePlaceholders, type TemplateValues } from './template';
import type { DocxParts } from './zip';

export const DEFAULT_TEMPLATE_NAME = '默认模板';

/** The file name a clerk knows: an upload's private copy carries a random prefix before it. */
export const shownName = (path: string): string => basename(path).replace(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/, '');

export interface OpenedTemplate {
  parts: DocxParts;
  name: string;
  isDefault: boolean;
}

/** The template's parts and name: the clerk's file at `path`, or the built-in one `builtIn` makes. */
export async function templateOf(path: string | undefined, builtIn: () => Promise<Buffer>): Promise<OpenedTemplate> {
  if (!path) return { parts: openTemplate(await builtIn(), DEFAULT_TEMPLATE_NAME), name: DEFAULT_TEMPLATE_NAME, isDefault: true };
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

/** The template's placeholders, and those the values do not know (left in the document as typed). */
export function templateInfo(template: OpenedTemplate, values: TemplateValues): ReportTemplateInfo {
  const placeholders = templatePlaceholders(template.parts);
  return { name: template.name, isDefault: template.isDefault, placeholders, unknown: placeholders.filter((p) => !(p.replace(/^#/, '') in values)) };
}

/** A document written whole or not at all. */
export const writeBytes = (path: string, bytes: Buffer): Promise<unknown> => writeWhole(path, async (temporary) => writeFileSync(temporary, bytes));

/** 2023年11月20日: the date under a signature. */
export const chineseDate = (date: Date): string => `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日`;
