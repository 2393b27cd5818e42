import { describe, expect, it } from 'vitest';
import { normalizeCell } from '../../src/shared/cells';
import { columnSpec, type TableName } from '../../src/shared/tables';
import { maxLengthOf } from '../../src/shared/tables/kit';

const cell = (table: TableName, key: string, raw: unknown) => normalizeCell(columnSpec(table, key)!, raw);

describe('normalizeCell', () => {
  it('stores an empty cell as empty, whatever its type', () => {
    for (const key of ['name', 'workMonths', 'relation', 'idNumber']) {
      expect(cell('members', key, '  ')).toEqual({ ok: true, value: null });
      expect(cell('members', key, undefined)).toEqual({ ok: true, value: null });
    }
  });

  it('normalises ID numbers: spaces, full-width digits, lower-case x', () => {
    expect(cell('members', 'idNumber', ' 621025 19631015 211x ')).toEqual({ ok: true, value: '62102519631015211X' });
    expect(cell('members', 'idNumber', '６２１０２５１９６３１０１５２１１Ｘ')).toEqual({ ok: true, value: '62102519631015211X' });
  });

  it('refuses an ID number that arrives as a number: its last digits are already lost', () => {
    const result = cell('members', 'idNumber', 6.21025196310152e17);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('「证件号码」是数字格式');
  });

  it('reads numbers typed as text and refuses text that is not a number', () => {
    expect(cell('members', 'workMonths', ' 6 ')).toEqual({ ok: true, value: 6 });
    expect(cell('members', 'workMonths', 6.5).ok).toBe(false);
    expect(cell('members', 'workMonths', '六').ok).toBe(false);
  });

  it('keeps a negative or absurd number for the checks to report', () => {
    expect(cell('members', 'workMonths', -5)).toEqual({ ok: true, value: -5 });
  });

  it('maps synonyms and half-width brackets to the national vocabulary', () => {
    expect(cell('members', 'workPlace', '乡(镇)内务工')).toEqual({ ok: true, value: '乡（镇）内务工' });
    expect(cell('members', 'schoolStatus', '硕士生及以上')).toEqual({ ok: true, value: '硕士研究生及以上' });
    expect(cell('households', 'householdType', '普通农户')).toEqual({ ok: true, value: '一般农户' });
  });

  it('keeps an unknown vocabulary value as typed', () => {
    expect(cell('members', 'relation', '表哥')).toEqual({ ok: true, value: '表哥' });
  });

  it('joins the parts of a multi-valued cell with commas', () => {
    expect(cell('members', 'health', '残疾、长期慢性病')).toEqual({ ok: true, value: '残疾,长期慢性病' });
  });

  it('writes phone numbers as text without spaces or dashes', () => {
    expect(cell('members', 'phone', 15834703683)).toEqual({ ok: true, value: '15834703683' });
    expect(cell('members', 'phone', '158-3470 3683')).toEqual({ ok: true, value: '15834703683' });
  });

  it('refuses values that are not cell values', () => {
    expect(cell('members', 'name', { a: 1 }).ok).toBe(false);
    expect(cell('households', 'villageId', 'abc').ok).toBe(false);
  });
});

describe('lengths, as the dictionary bounds them', () => {
  it('refuses a value longer than its column allows, naming the field and the limit', () => {
    expect(cell('members', 'name', '马'.repeat(1_000_000))).toEqual({ ok: false, message: '「姓名」最多 200 个字，现为 1000000 个字' });
    expect(cell('members', 'name', '马'.repeat(200))).toEqual({ ok: true, value: '马'.repeat(200) });
    expect(cell('members', 'idNumber', '6'.repeat(23))).toEqual({ ok: false, message: '「证件号码」最多 22 位，现为 23 位' });
    expect(cell('members', 'phone', '1'.repeat(21))).toEqual({ ok: false, message: '「家庭成员联系电话」最多 20 位，现为 21 位' });
  });

  it('counts what is stored: spaces and dashes a phone number loses do not count', () => {
    expect(cell('members', 'phone', '158 3470 3683 - - - - - - - - - -')).toEqual({ ok: true, value: '15834703683' });
    expect(cell('members', 'idNumber', ` ${'6210251963 1015211 X'} `)).toEqual({ ok: true, value: '62102519631015211X' });
  });

  it('counts a character outside the BMP (a rare 汉字 of a name) as one', () => {
    expect(cell('members', 'name', '𠀀'.repeat(200))).toEqual({ ok: true, value: '𠀀'.repeat(200) });
    expect(cell('members', 'name', '𠀀'.repeat(201))).toEqual({ ok: false, message: '「姓名」最多 200 个字，现为 201 个字' });
  });

  it('lets free text (备注, 说明, 问题描述, 整改措施, 进展) hold 2,000 characters', () => {
    for (const [table, key] of [['households', 'note'], ['incomes', 'wageNote'], ['problems', 'description'], ['problems', 'measure'], ['problems', 'progress']] as const) {
      expect(cell(table, key, '核'.repeat(2000)).ok).toBe(true);
      const refused = cell(table, key, '核'.repeat(2001));
      expect(!refused.ok && refused.message).toMatch(/最多 2000 个字，现为 2001 个字$/);
    }
  });

  it('bounds a vocabulary value by its vocabulary, keeping room for one the checks will report', () => {
    expect(maxLengthOf(columnSpec('members', 'relation')!)).toBe(20);
    expect(cell('members', 'relation', '表哥')).toEqual({ ok: true, value: '表哥' });
    expect(cell('members', 'relation', '户主'.repeat(11)).ok).toBe(false);
    // Several values in one cell: all of them fit.
    const health = columnSpec('members', 'health')!;
    expect(cell('members', 'health', '健康、长期慢性病、患有大病、残疾')).toEqual({ ok: true, value: '健康,长期慢性病,患有大病,残疾' });
    expect(maxLengthOf(health)).toBe(20);
    expect(maxLengthOf(columnSpec('keygroups', 'categories')!)).toBeGreaterThan(20);
  });

  it('quotes at most 30 characters of a refused value, and refuses digits past what a number holds', () => {
    const refused = cell('members', 'workMonths', '六'.repeat(10_000));
    expect(!refused.ok && refused.message).toBe(`「务工时间（月）」应填写整数，现为「${'六'.repeat(30)}…」`);
    expect(cell('incomes', 'wageIncome', '9'.repeat(400)).ok).toBe(false);
  });
});

describe('dates and months as exports and clerks write them', () => {
  it('reads the usual ways of writing a date, and Excel serials', () => {
    for (const raw of ['1964-06-09', '1964-6-9', '1964/6/9', '1964.06.09', '19640609', '1964年6月9日', 23537]) {
      expect(cell('members', 'birthDate', raw)).toEqual({ ok: true, value: '1964-06-09' });
    }
  });

  it('reads months as YYYYMM, and keeps nonsense as typed for the checks', () => {
    for (const raw of ['202303', '2023-03', '2023-3', '2023/3', '2023年3月', 202303]) {
      expect(cell('households', 'identifiedMonth', raw)).toEqual({ ok: true, value: '202303' });
    }
    expect(cell('households', 'identifiedMonth', '三月')).toEqual({ ok: true, value: '三月' });
    expect(cell('members', 'birthDate', '去年')).toEqual({ ok: true, value: '去年' });
  });
});
