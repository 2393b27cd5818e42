// GB 11643 居民身份证号码 and the 残疾人证 numbers built on it (REFERENCE.md e, rules 1_01_002–004).

const FULL_WIDTH_DIGIT = /[０-９]/g;
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** A number already as stored (digits, a capital X): most of what an import or a re-check meets. */
const STORED_FORM = /^[0-9]*X?$/;

/**
 * An ID number as keyed or exported, made comparable: spaces (also full-width ones) removed, full-width digits
 * and Ｘ made half-width, a lower-case x made upper-case.
 */
export function normalizeIdNumber(raw: string): string {
  if (STORED_FORM.test(raw)) return raw;
  return raw
    .replace(/[\s\u3000]+/g, '')
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[xＸｘ]/g, 'X');
}

/** The check character that the first 17 digits call for. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** 残疾类别 by the 19th character of a 残疾人证号 [M: consistent with S1, not confirmed]. */
export const disabilityCategories: Readonly<Record<string, string>> = {
  '1': '视力残疾',
  '2': '听力残疾',
  '3': '言语残疾',
  '4': '肢体残疾',
  '5': '智力残疾',
  '6': '精神残疾',
  '7': '多重残疾',
};

export type IdProblem = 'empty' | 'length' | 'characters' | 'placeholder' | 'birthDate' | 'checksum' | 'disabilitySuffix';

export interface IdInfo {
  /** The normalised number. */
  number: string;
  /** The 18-character 居民身份证号码 part. */
  base: string;
  /** 'YYYY-MM-DD', when the date in the number is a real date. */
  birthDate: string | null;
  sex: '男' | '女' | null;
  /** For a 20/22-character 残疾人证号. */
  disability: { category: string | null; grade: number | null } | null;
  /** What is wrong, in the order checked; empty when the number is valid. */
  problems: IdProblem[];
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Reads an ID number (or 残疾人证号). `today` bounds the birth date: a date after it, or before 1900, is a problem.
 * Never throws: anything malformed comes back as problems.
 */
export function parseIdNumber(raw: unknown, today: string = new Date().toISOString().slice(0, 10)): IdInfo {
  const number = typeof raw === 'string' ? normalizeIdNumber(raw) : raw == null ? '' : String(raw);
  const info: IdInfo = { number, base: number.slice(0, 18), birthDate: null, sex: null, disability: null, problems: [] };
  if (!number) {
    info.problems.push('empty');
    return info;
  }
  if (![18, 20, 22].includes(number.length)) info.problems.push('length');
  if (number.startsWith('999999')) info.problems.push('placeholder');
  const base = info.base;
  if (!/^\d{17}[\dX]$/.test(base)) {
    info.problems.push('characters');
    return info;
  }
  const [y, m, d] = [Number(base.slice(6, 10)), Number(base.slice(10, 12)), Number(base.slice(12, 14))];
  const birth = `${base.slice(6, 10)}-${base.slice(10, 12)}-${base.slice(12, 14)}`;
  if (isRealDate(y, m, d) && y >= 1900 && birth <= today) info.birthDate = birth;
  else info.problems.push('birthDate');
  info.sex = Number(base[16]) % 2 === 1 ? '男' : '女';
  if (checkCharacter(base) !== base[17]) info.problems.push('checksum');
  if (number.length > 18) {
    const suffix = number.slice(18, 20);
    const category = disabilityCategories[suffix[0] ?? ''] ?? null;
    const grade = /^[1-4]$/.test(suffix[1] ?? '') ? Number(suffix[1]) : null;
    info.disability = { category, grade };
    if (!category || !grade || !/^\d*$/.test(number.slice(18))) info.problems.push('disabilitySuffix');
  }
  return info;
}

/** Whole years between a birth date and a day, both 'YYYY-MM-DD'. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Chinese words for a problem, for messages. */
export const idProblemText: Record<IdProblem, string> = {
  empty: '未填写',
  length: '位数不对（应为 18 位，残疾人证号 20 或 22 位）',
  characters: '含有不应出现的字符',
  placeholder: '是以 999999 开头的临时号码',
  birthDate: '中的出生日期不存在或不合理',
  checksum: '校验位不正确（可能有数字录错）',
  disabilitySuffix: '末尾的残疾类别或等级不正确',
};
