// The index of members by ID across a county, for the rule that finds one person registered twice.
/**
 * The members with each 18-character ID, over all households: a county has 320,000, nearly all alone with theirs, so
 * they are kept in typed arrays (the first member of an ID by the map, the next ones chained), not as a list each.
 */
export class MembersById {
  private readonly first = new Map<string, number>();
  private readonly memberIds: Int32Array;
  private readonly householdIds: Int32Array;
  private readonly next: Int32Array;
  private size = 0;

  constructor(capacity: number) {
    this.memberIds = new Int32Array(capacity);
    this.householdIds = new Int32Array(capacity);
    this.next = new Int32Array(capacity).fill(-1);
  }

  add(base: string, memberId: number, householdId: number): void {
    const slot = this.size++;
    this.memberIds[slot] = memberId;
    this.householdIds[slot] = householdId;
    const first = this.first.get(base);
    if (first === undefined) {
      this.first.set(base, slot);
      return;
    }
    let last = first;
    while (this.next[last]! >= 0) last = this.next[last]!;
    this.next[last] = slot;
  }

  /** The members with this ID other than `memberId`, in the order added (none for a member alone with it). */
  othersThan(base: string, memberId: number): { memberId: number; householdId: number }[] {
    const others: { memberId: number; householdId: number }[] = [];
    for (let slot = this.first.get(base) ?? -1; slot >= 0; slot = this.next[slot]!) {
      if (this.memberIds[slot] !== memberId) others.push({ memberId: this.memberIds[slot]!, householdId: this.householdIds[slot]! });
    }
    return others;
  }
}
