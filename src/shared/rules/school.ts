// The school ages, in ONE place for every rule (REFERENCE.md e "Age ↔ school ↔ labor": S1 1_02_005, 5_12_013–019).
// Ages are whole years on the profile's reference date (31 December by default), so the pupils of one class span
// two ages: 小学一年级 are 6 or 7, 九年级 14 or 15 (entry is the September after the 6th birthday).
import { text } from './helpers';
import type { MemberView } from './types';

/** 义务教育阶段适龄儿童少年 (控辍保学 "6–16 周岁", S1 1_02_005). */
export const compulsoryAges = { from: 6, to: 16 } as const;

/** From this age every child should be at school: a child of 6 on the reference date may start only next September. */
export const schoolEntryAge = 7;

/** 16–22 with 文化程度 小学 or lower is doubtful (S1 5_12_019). */
export const lowEducationAges = { from: 16, to: 22 } as const;

/** 在校生状况 stages and the ages that fit them (S1 5_12_013–018). */
export const stageAges: readonly { test: (status: string) => boolean; name: string; min: number; max: number }[] = [
  { test: (s) => s === '小学', name: '小学', min: 6, max: 14 },
  { test: (s) => ['七年级', '八年级', '九年级'].includes(s), name: '初中', min: 12, max: 17 },
  { test: (s) => s.startsWith('普通高中') || s.startsWith('中职'), name: '高中或中职', min: 15, max: 20 },
  // 五年制高职 (五年一贯制) and 技师学院 take pupils straight from 初中, at 15.
  { test: (s) => s.startsWith('高职高专') || s.startsWith('技师学院'), name: '高职高专或技师学院（含五年制）', min: 15, max: 30 },
  { test: (s) => s.startsWith('本科'), name: '本科', min: 18, max: 30 },
  { test: (s) => s === '硕士研究生及以上', name: '研究生', min: 20, max: 60 },
];

/** 文化程度 values that mean 义务教育 is completed (初中 or higher). */
const completedCompulsory = new Set(['初中', '高中', '技师', '大专', '高职高专', '本科及以上', '本科及研究生及以上']);

export const isCompulsoryAge = (m: MemberView) => m.age !== null && m.age >= compulsoryAges.from && m.age <= compulsoryAges.to;

/** Has completed 义务教育 by 文化程度 (a 15-year-old who finished 初中 is no dropout). */
export const finishedCompulsory = (m: MemberView) => completedCompulsory.has(text(m.row.education));

/** Of compulsory school age, not at school, and without 初中 completed. */
export const outOfCompulsorySchool = (m: MemberView) => isCompulsoryAge(m) && !m.inSchool && !finishedCompulsory(m);
