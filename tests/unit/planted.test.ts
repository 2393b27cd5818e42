// The problems planted in ../shared/fixtures/national-export-2022.xlsx, as unit cases until the importer can read
// the file itself: each planted kind is found by the rule meant for it, with the planted values.
import { describe, expect, it } from 'vitest';
import { runChecks, type CheckData } from '../../src/shared/rules';
import type { Row } from '../../src/shared/tables';
import { expected, ruleForPlanted, type Planted } from '../support/planted';
import { cleanData, profile2023 } from './rules-fixture';

/** The clean fixture with the planted record put in place of the spouse (or the household's phone). */
function plant(p: Planted): CheckData {
  const d = cleanData();
  const household = d.households[0]!;
  household.hhNo = p.hhNo;
  const spouse = d.members[1]!;
  if (p.id) Object.assign(spouse, { idNumber: p.id, name: p.name, sex: Number(p.id[16]) % 2 ? '男' : '女', relation: Number(p.id[16]) % 2 ? '之子' : '之女', education: '初中' });
  switch (p.kind) {
    case 'phone_format':
      household.phone = p.phone!;
      break;
    case 'minor_with_labor':
      Object.assign(spouse, { education: null, schoolStatus: '小学', laborSkill: '普通劳动力' });
      break;
    case 'edu_and_school_both':
      Object.assign(spouse, { education: '小学', schoolStatus: '小学', laborSkill: '无劳动力' });
      break;
    case 'relation_sex_mismatch':
      spouse.relation = Number(p.id![16]) % 2 ? '之女' : '之子';
      break;
    case 'both_medical_insurance':
      spouse.insEmployeeMedical = '是';
      break;
    case 'two_heads':
      spouse.relation = '户主';
      break;
    case 'duplicate_id':
      d.households.push({ id: 2, villageId: 1, hhNo: p.otherHhNo, phone: '13800000000', householdType: '一般农户' } as Row);
      d.members.push({ ...spouse, id: 20, householdId: 2, relation: '户主' });
      break;
  }
  return d;
}

describe('the problems planted in the national export sample', () => {
  it.each(expected.planted.map((p) => [p.kind, p] as const))('%s is found', (kind, p) => {
    const findings = runChecks(plant(p), profile2023(), { today: '2023-12-01' });
    const found = findings.filter((f) => f.ruleId === ruleForPlanted[kind]);
    expect(found.length, JSON.stringify(findings.map((f) => f.ruleId))).toBeGreaterThan(0);
    expect(found.some((f) => f.hhNo === p.hhNo)).toBe(true);
    if (p.id && kind !== 'phone_format') expect(found.some((f) => f.idNumber === p.id)).toBe(true);
  });
});
