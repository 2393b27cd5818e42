// The sample export's expected results (../shared/fixtures), and which rule finds each kind of planted problem.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fixturesDir = join(__dirname, '../../../shared/fixtures');

export interface Planted {
  kind: string;
  hhNo: string;
  id?: string;
  name?: string;
  phone?: string;
  otherHhNo?: string;
}

export interface Expected {
  households: number;
  members: number;
  planted: Planted[];
  perCapBelow10000In2022: number;
  incomeFellFrom2021: number;
  monitored: number;
  byVillage: Record<string, number>;
}

export const expected = JSON.parse(readFileSync(join(fixturesDir, 'national-export-2022.expected.json'), 'utf8')) as Expected;

/** The rule meant to find each kind of planted problem. */
export const ruleForPlanted: Record<string, string> = {
  id_checksum: 'member.idChecksum',
  minor_with_labor: 'member.minorLabor',
  edu_and_school_both: 'member.eduAndSchool',
  relation_sex_mismatch: 'member.relationSex',
  phone_format: 'field.phone',
  both_medical_insurance: 'member.bothMedical',
  two_heads: 'household.heads',
  duplicate_id: 'member.duplicateId',
};
