// What a household is, derived from its members (principle 4): the head, and 家庭人口数.
import type { CellValue } from './tables';

export interface MemberFacts {
  householdId: CellValue;
  name: CellValue;
  idNumber: CellValue;
  relation: CellValue;
  changeType: CellValue;
}

export interface HouseholdFacts {
  headName: string | null;
  headIdNumber: string | null;
  /** 家庭人口数: members counted by the size rule. */
  size: number;
  /** Every member row, including those who left the household. */
  memberCount: number;
}

/**
 * How 家庭人口数 is counted. By default members marked 自然减少 (died, married out, moved away) are kept on record
 * but not counted (REFERENCE.md c, [I]); the policy-year profile may change it.
 */
export interface SizeRule {
  excludedChangeTypes: readonly string[];
}

export const defaultSizeRule: SizeRule = { excludedChangeTypes: ['自然减少'] };

export function householdFacts(members: readonly MemberFacts[], rule: SizeRule = defaultSizeRule): HouseholdFacts {
  const counted = members.filter((m) => !rule.excludedChangeTypes.includes(String(m.changeType ?? '')));
  const head = counted.find((m) => m.relation === '户主') ?? members.find((m) => m.relation === '户主');
  return {
    headName: head?.name == null ? null : String(head.name),
    headIdNumber: head?.idNumber == null ? null : String(head.idNumber),
    size: counted.length,
    memberCount: members.length,
  };
}

/** Facts for every household, from one pass over all members. */
export function householdFactsById(members: readonly MemberFacts[], rule?: SizeRule): Map<number, HouseholdFacts> {
  const grouped = new Map<number, MemberFacts[]>();
  for (const m of members) {
    const id = Number(m.householdId);
    let list = grouped.get(id);
    if (!list) grouped.set(id, (list = []));
    list.push(m);
  }
  return new Map([...grouped].map(([id, list]) => [id, householdFacts(list, rule)]));
}
