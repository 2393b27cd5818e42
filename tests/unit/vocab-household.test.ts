import { describe, expect, it } from 'vitest';
import { householdFacts, householdFactsById } from '../../src/shared/household';
import { canonicalValue, matchKeyed, vocabOptions, vocabularies } from '../../src/shared/vocab';

describe('vocabularies', () => {
  it('lists each value once, and all 56 nationalities plus 其他', () => {
    for (const [key, spec] of Object.entries(vocabularies)) expect(new Set(spec.values).size, key).toBe(spec.values.length);
    expect(vocabularies.ethnicity.values).toHaveLength(57);
    expect(vocabularies.ethnicity.values).toContain('回族');
  });

  it('finds the canonical value of a synonym, and nothing for an unknown value', () => {
    expect(canonicalValue('schoolStatus', '高中二年级')).toBe('普通高中二年级');
    expect(canonicalValue('sex', ' 女 ')).toBe('女');
    expect(canonicalValue('sex', '未知')).toBeUndefined();
  });
});

describe('household facts derived from members', () => {
  const m = (name: string, relation: string, changeType: string | null = null, householdId = 1) => ({
    householdId,
    name,
    idNumber: `${name}-id`,
    relation,
    changeType,
  });

  it('names the head and counts members, leaving out those who left the household', () => {
    const facts = householdFacts([m('马海军', '户主'), m('冯淑珍', '配偶'), m('马奶奶', '之母', '自然减少'), m('马小宝', '之子', '自然增加')]);
    expect(facts).toEqual({ headName: '马海军', headIdNumber: '马海军-id', size: 3, memberCount: 4 });
  });

  it('has no head when nobody is 户主', () => {
    expect(householdFacts([m('冯淑珍', '配偶')]).headName).toBeNull();
  });

  it('groups members by household', () => {
    const facts = householdFactsById([m('甲', '户主', null, 1), m('乙', '户主', null, 2), m('丙', '之子', null, 2)]);
    expect(facts.get(2)?.size).toBe(2);
    expect(facts.get(1)?.headName).toBe('甲');
  });
});

describe('keying vocabulary values', () => {
  it('numbers each value from 1 and knows its 拼音 initials', () => {
    const labour = vocabOptions('laborSkill');
    expect(labour[0]).toEqual({ value: '普通劳动力', code: '1', initials: 'ptldl' });
    expect(vocabOptions('ethnicity').find((o) => o.value === '回族')?.initials).toBe('hz');
  });

  it('takes a number, the start of the initials, the value or a synonym', () => {
    expect(matchKeyed('laborSkill', '3')).toEqual(['弱劳动力或半劳动力']);
    expect(matchKeyed('laborSkill', 'jn')).toEqual(['技能劳动力']);
    expect(matchKeyed('relation', 'HZ')).toEqual(['户主']);
    expect(matchKeyed('schoolStatus', '硕士生及以上')).toEqual(['硕士研究生及以上']);
    expect(matchKeyed('workPlace', '乡(镇)内务工')).toEqual(['乡（镇）内务工']);
  });

  it('offers every candidate when the typing is ambiguous, and none for nonsense', () => {
    expect(matchKeyed('relation', 'zw').length).toBeGreaterThan(1);
    expect(matchKeyed('sex', '9')).toEqual([]);
    expect(matchKeyed('sex', 'qqq')).toEqual([]);
  });
});
