// The county's index of members by ID: who else has a member's ID, in the order they were added.
import { describe, expect, it } from 'vitest';
import { MembersById } from '../../src/shared/rules/membersById';

describe('MembersById', () => {
  it('gives the other members with an ID, none for a member alone with it or an ID no one has', () => {
    const index = new MembersById(5);
    index.add('62102519780510001X', 1, 10);
    index.add('621025198002190022', 2, 10);
    index.add('62102519780510001X', 3, 11);
    index.add('62102519780510001X', 4, 12);
    expect(index.othersThan('62102519780510001X', 3)).toEqual([{ memberId: 1, householdId: 10 }, { memberId: 4, householdId: 12 }]);
    expect(index.othersThan('621025198002190022', 2)).toEqual([]);
    // A member not in the index (keyed, not yet saved) with a saved member's ID.
    expect(index.othersThan('621025198002190022', 9)).toEqual([{ memberId: 2, householdId: 10 }]);
    expect(index.othersThan('110105194912310029', 1)).toEqual([]);
  });
});
