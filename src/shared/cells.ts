// Turning what a clerk typed, pasted or imported into the value a column stores. One function for every path in
// (grid, paste, import, CLI), so a value means the same thing wherever it came from. Malformed but storable values
// (an ID with a wrong checksum, a phone of 10 digits, an unknown 民族) are kept as typed: the checks report them.
// Only what cannot be stored faithfully is refused, and what is longer than its column allows (maxLengthOf).
import { normalizeIdNumber } from './idcard';
import type { CellValue, ColumnSpec } from './tables';
import { maxLengthOf } from './tables/kit';
import { canonicalValue, vocabularies } from './vocab';

export type CellResult = { ok: true; value: CellValue } | { ok: false; message: string };

const ok = (value: CellValue): CellResult => ({ ok: true, value });
/** A phone already as stored (most of what an import or a re-check meets). */
const DIGITS = /^\d+$/;
/** The answer for an empty cell, made once: a county's import asks for millions of them. */
const EMPTY: CellResult = Object.freeze({ ok: true, value: null });
const refuse = (column: ColumnSpec, why: string): CellResult => ({ ok: false, message: `「${column.label}」${why}` });

function parseNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.replace(/[\s,，]/g, '').replace(/元$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) return undefined;
  // Digits past what a number holds (a pasted page of them) are not a number either.
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The values of an enum column already met, as they normalise, per vocabulary and kind (multi or not): a county's
 * import meets the same few texts millions of times. Bounded, so typed free text cannot make it grow without end.
 */
const enumMemo = new Map<string, Map<string, string>>();
const ENUM_MEMO_SIZE = 2_000;

function normalizeEnum(column: ColumnSpec, text: string): string {
  const vocab = column.vocab;
  if (!vocab) return text;
  const multi = column.multi ?? vocabularies[vocab].multi ?? false;
  const memoKey = multi ? `${vocab}+` : vocab;
  const memo = enumMemo.get(memoKey) ?? enumMemo.set(memoKey, new Map()).get(memoKey)!;
  const known = memo.get(text);
  if (known !== undefined) return known;
  const value = !multi
    ? (canonicalValue(vocab, text) ?? text)
    : text
        .split(/[,，、;；\s]+/)
        .filter(Boolean)
        .map((part) => canonicalValue(vocab, part) ?? part)
        .join(',');
  if (memo.size < ENUM_MEMO_SIZE) memo.set(text, value);
  return value;
}

/** A date already as stored: most of what an import or a re-check meets. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const pad = (n: number | string, width = 2) => String(n).padStart(width, '0');

/** An Excel date serial (days since 1899-12-30, the 1900 date system) as 'YYYY-MM-DD'. */
function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 109_574) return null;
  return new Date(Math.round((serial - 25_569) * 86_400_000)).toISOString().slice(0, 10);
}

/** 1964-6-9, 1964/06/09, 1964.6.9, 19640609, 1964年6月9日 or an Excel serial → '1964-06-09'; else as typed. */
function normalizeDate(raw: string | number): string {
  if (typeof raw === 'string' && ISO_DATE.test(raw)) return raw;
  if (typeof raw === 'number') return (Number.isInteger(raw) && raw > 19_000_000 ? normalizeDate(String(raw)) : excelSerialDate(raw)) ?? String(raw);
  const text = raw.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  return m ? `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` : text;
}

/** 2023-3, 2023/03, 2023.3, 2023年3月, 202303 → '202303'; else as typed. */
function normalizeMonth(raw: string | number): string {
  const text = String(raw).trim();
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(text);
  return m ? `${m[1]}${pad(m[2]!)}` : text;
}

/** A value quoted in a message: at most 30 characters of it (a pasted page must not come back as a page). */
function quoted(raw: unknown): string {
  const text = String(raw);
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** Characters as a clerk counts them (a character outside the BMP, e.g. a rare 汉字 of a name, is one). */
function characters(text: string, atMost: number): number {
  if (text.length <= atMost) return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function normalizeCell(column: ColumnSpec, raw: unknown): CellResult {
  const result = normalizeValue(column, raw);
  const limit = maxLengthOf(column);
  if (!result.ok || typeof result.value !== 'string' || limit === undefined) return result;
  const length = characters(result.value, limit);
  if (length <= limit) return result;
  const unit = column.type === 'idNumber' || column.type === 'phone' ? '位' : '个字';
  return refuse(column, `最多 ${limit} ${unit}，现为 ${length} ${unit}`);
}

function normalizeValue(column: ColumnSpec, raw: unknown): CellResult {
  if (raw === null || raw === undefined || raw === '') return EMPTY;
  if (typeof raw === 'string' && raw.trim() === '') return EMPTY;
  if (typeof raw === 'boolean' || typeof raw === 'object') return refuse(column, `的值无法识别：${quoted(raw)}`);

  switch (column.type) {
    case 'int': {
      const n = parseNumber(raw);
      if (n === undefined || !Number.isInteger(n)) return refuse(column, `应填写整数，现为「${quoted(raw)}」`);
      return ok(n);
    }
    case 'money':
    case 'decimal': {
      const n = parseNumber(raw);
      if (n === undefined) return refuse(column, `应填写${column.type === 'money' ? '金额' : ''}数字，现为「${quoted(raw)}」`);
      return ok(Math.round(n * 100) / 100);
    }
    case 'ref': {
      if (typeof raw !== 'number' || !Number.isInteger(raw) || raw === 0) {
        return refuse(column, '没有指向有效的记录');
      }
      return ok(raw);
    }
    case 'idNumber': {
      // A number here means Excel already turned the ID into 1.23E+17: its last digits are gone for good.
      if (typeof raw === 'number') {
        return refuse(column, '是数字格式，末几位已经丢失（Excel 会把长数字改写），请按文本格式重新填写');
      }
      return ok(normalizeIdNumber(String(raw)));
    }
    case 'enum':
      return ok(normalizeEnum(column, String(raw).trim()));
    case 'phone':
      return ok(typeof raw === 'string' && DIGITS.test(raw) ? raw : String(raw).replace(/[\s-]+/g, ''));
    case 'date':
      return ok(normalizeDate(raw as string | number));
    case 'month':
      return ok(normalizeMonth(raw as string | number));
    default:
      return ok(String(raw).trim());
  }
}
