import { describe, expect, it } from 'vitest';
import { autofill } from '../../src/shared/autofill';
import { ageOn, checkCharacter, parseIdNumber } from '../../src/shared/idcard';

// 11010519491231002X is the GB 11643 standard's own example number.
describe('ID numbers', () => {
  it('computes the GB 11643 check character', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(checkCharacter('62102519640609679')).toBe('6');
  });

  it('reads birth date and sex from a valid number', () => {
    expect(parseIdNumber('11010519491231002X', '2023-12-31')).toMatchObject({ birthDate: '1949-12-31', sex: '女', problems: [] });
    expect(parseIdNumber('621025196406096796', '2023-12-31')).toMatchObject({ birthDate: '1964-06-09', sex: '男', problems: [] });
  });

  it('normalises before checking: spaces, full-width digits, lower-case x', () => {
    expect(parseIdNumber(' 110105 19491231 002x').problems).toEqual([]);
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ').number).toBe('11010519491231002X');
  });

  it('finds a wrong check digit, a wrong length, an impossible date and a placeholder', () => {
    expect(parseIdNumber('110105194912310021').problems).toEqual(['checksum']);
    expect(parseIdNumber('11010519491231002').problems).toContain('length');
    expect(parseIdNumber('110105194902301234', '2023-12-31').problems).toContain('birthDate');
    expect(parseIdNumber('110105203001011234', '2023-12-31').problems).toContain('birthDate');
    expect(parseIdNumber('999999194912310021').problems).toContain('placeholder');
    expect(parseIdNumber('').problems).toEqual(['empty']);
    expect(parseIdNumber('abc').problems).toEqual(['length', 'characters']);
    expect(parseIdNumber(6.21e17).problems).not.toEqual([]);
  });

  it('reads 残疾人证 numbers: the ID, then category and grade', () => {
    const info = parseIdNumber('62102519640609679642');
    expect(info).toMatchObject({ base: '621025196406096796', disability: { category: '肢体残疾', grade: 2 }, problems: [] });
    expect(parseIdNumber('6210251964060967964201').problems).toEqual([]);
    expect(parseIdNumber('62102519640609679695').problems).toEqual(['disabilitySuffix']);
  });

  it('counts whole years of age', () => {
    expect(ageOn('2007-12-31', '2023-12-30')).toBe(15);
    expect(ageOn('2007-12-31', '2023-12-31')).toBe(16);
  });
});

describe('filling a member from a typed ID number', () => {
  const member = (fields: Record<string, unknown>) => ({ id: 1, ...fields }) as never;

  it('fills 性别 and 出生日期 when they are empty', () => {
    expect(autofill('members', member({ idType: '居民身份证' }), 'idNumber', '11010519491231002X')).toEqual({ sex: '女', birthDate: '1949-12-31' });
  });

  it('leaves what the clerk typed, for the checks to compare', () => {
    expect(autofill('members', member({ sex: '男', birthDate: '1950-01-01', idType: '居民身份证' }), 'idNumber', '11010519491231002X')).toEqual({});
  });

  it('marks a 20-character number as a 残疾人证, and fills nothing from an invalid number', () => {
    expect(autofill('members', member({ sex: '男', birthDate: '1964-06-09', idType: '居民身份证' }), 'idNumber', '62102519640609679642')).toEqual({ idType: '残疾人证' });
    expect(autofill('members', member({}), 'idNumber', '110105194912310021')).toEqual({});
    expect(autofill('households', member({}), 'idNumber', '11010519491231002X')).toEqual({});
  });
});
