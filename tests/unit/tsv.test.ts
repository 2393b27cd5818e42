// The clipboard block of Excel/WPS, and what keyed vocabulary values stand for (src/shared/tsv.ts).
import { describe, expect, it } from 'vitest';
import { formatTsv, isBlock, keyedValue, parseTsv } from '../../src/shared/tsv';

describe('parseTsv', () => {
  it('reads rows of tab-separated cells, with Windows or Unix line ends, without the last line break', () => {
    expect(parseTsv('马海军\t男\r\n马小红\t女\r\n')).toEqual([['马海军', '男'], ['马小红', '女']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseTsv('一个值')).toEqual([['一个值']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('keeps empty cells, which clear their targets', () => {
    expect(parseTsv('a\t\tc\n\tb\t\n')).toEqual([['a', '', 'c'], ['', 'b', '']]);
    expect(parseTsv('\n')).toEqual([['']]);
  });

  it('unquotes cells Excel quoted for a line break, tab or quote', () => {
    expect(parseTsv('"第一行\n第二行"\tx\r\n"说""是"""\ty')).toEqual([['第一行\n第二行', 'x'], ['说"是"', 'y']]);
    // A quote that does not open a quoted cell is text.
    expect(parseTsv('"半个\tb')).toEqual([['"半个', 'b']]);
  });

  it('writes what it reads', () => {
    const rows = [['a\tb', '说"是"'], ['第一行\n第二行', '']];
    expect(parseTsv(formatTsv(rows))).toEqual(rows);
    expect(formatTsv([['健康'], ['残疾']])).toBe('健康\n残疾');
  });

  it('tells a block from one value copied with its line break', () => {
    expect(isBlock('马海军\r\n')).toBe(false);
    expect(isBlock('马海军')).toBe(false);
    expect(isBlock('a\tb')).toBe(true);
    expect(isBlock('a\nb')).toBe(true);
  });
});

describe('keyedValue', () => {
  it('takes a value, its number or its 拼音 initials, and keeps what names nothing', () => {
    expect(keyedValue('sex', false, '2')).toBe('女');
    expect(keyedValue('relation', false, 'hz')).toBe('户主');
    expect(keyedValue('relation', false, '户主')).toBe('户主');
    expect(keyedValue('relation', false, ' 不知道 ')).toBe('不知道');
    // 男 and 女 both start with n: ambiguous initials name nothing.
    expect(keyedValue('sex', false, 'n')).toBe('n');
  });

  it('stores several values of a multi-valued vocabulary comma-separated', () => {
    expect(keyedValue('health', true, 'jk')).toBe('健康');
    expect(keyedValue('health', true, '1')).toBe('健康');
    expect(keyedValue('health', true, '2 cj')).toBe('长期慢性病,残疾');
    expect(keyedValue('health', true, '长期慢性病，4,4')).toBe('长期慢性病,残疾');
    expect(keyedValue('health', true, '')).toBe('');
  });
});
