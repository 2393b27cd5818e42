// After a write, the register re-checks the households it touched (not every household in view).
import { describe, expect, it } from 'vitest';
import { householdsToRecheck, mergeFindings } from '../../src/renderer/recheck';
import type { Finding } from '../../src/shared/rules/types';

const finding = (ruleId: string, householdId: number): Finding => ({ ruleId, severity: 'error', table: 'members', rowId: 1, field: null, message: '…', householdId, villageId: 1, hhNo: null, idNumber: null });

describe('the households a write makes worth checking again', () => {
  it('are those written, those of the members written, and those whose findings depend on others', () => {
    const members = [{ id: 11, householdId: 3 }, { id: 12, householdId: 3 }];
    expect(householdsToRecheck({ members: [11] }, members, 3, [])).toEqual(new Set([3]));
    expect(householdsToRecheck({ members: [99] }, members, 3, [])).toEqual(new Set([3]));
    expect(householdsToRecheck({ households: [5] }, members, 3, [finding('member.duplicateId', 8)])).toEqual(new Set([5, 8]));
  });

  it('are all of them when the write is unknown or touched other tables', () => {
    expect(householdsToRecheck(null, [], 3, [])).toBeNull();
    expect(householdsToRecheck({ incomes: [1] }, [], 3, [])).toBeNull();
    expect(householdsToRecheck({ members: [99] }, [], null, [])).toBeNull();
  });

  it('replace the findings of the households checked again, keeping the others', () => {
    const previous = [finding('a', 1), finding('b', 2)];
    expect(mergeFindings(previous, new Set([2]), [finding('c', 2)]).map((f) => f.ruleId)).toEqual(['a', 'c']);
  });
});
