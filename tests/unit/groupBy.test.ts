import { describe, expect, it } from 'vitest';
import { groupBy } from '../../src/shared/groupBy';

describe('groupBy', () => {
  const rows = [
    { id: 1, householdId: 10 },
    { id: 2, householdId: 20 },
    { id: 3, householdId: 10 },
    { id: 4, householdId: null },
    { id: 5 },
  ] as { id: number; householdId?: number | null }[];

  it('groups items by their key, in their order, and leaves out items without a key', () => {
    const groups = groupBy(rows, (r) => r.householdId);
    expect([...groups.keys()]).toEqual([10, 20]);
    expect(groups.get(10)?.map((r) => r.id)).toEqual([1, 3]);
    expect(groups.get(20)?.map((r) => r.id)).toEqual([2]);
  });

  it('keeps 0, empty text and false as keys, and tells 1 from "1"', () => {
    const groups = groupBy<unknown, unknown>([0, '', false, 1, '1', null, undefined], (v) => v);
    expect([...groups.keys()]).toEqual([0, '', false, 1, '1']);
  });

  it('takes any iterable and gives an empty map for no items', () => {
    expect(groupBy(new Set(['甲', '乙', '甲乙']), (s) => s.length)).toEqual(new Map([[1, ['甲', '乙']], [2, ['甲乙']]]));
    expect(groupBy([], () => 1).size).toBe(0);
  });
});
