// GB 11643 居民身份证号码 and the 残疾人证 numbers built on it.

const FULL_WIDTH_DIGIT = /[０-９]/g;

/**
 * An ID number as keyed or exported, made comparable: spaces (also full-width ones) removed, full-width digits
 * and Ｘ made half-width, a lower-case x made upper-case.
 */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\s\u3000]+/g, '')
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[xＸｘ]/g, 'X');
}
