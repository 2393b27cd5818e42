// Age, schooling and labour ability (REFERENCE.md e "Age ↔ school ↔ labor"; S1 2_01_010–016, 5_12_013–019, S4 04).
import { memberRule, parts, text, who } from './helpers';
import { isCompulsoryAge, lowEducationAges, outOfCompulsorySchool, schoolEntryAge, stageAges } from './school';
import type { HouseholdRule, MemberView } from './types';

const noLabour = ['无劳动力'];
const weakLabour = ['弱劳动力或半劳动力', '丧失劳动力', '无劳动力'];
const isHealthy = (m: MemberView) => parts(m.row.health).join(',') === '健康';
const school = (m: MemberView) => text(m.row.schoolStatus);

export const educationRules: HouseholdRule[] = [
  memberRule({ id: 'member.minorLabor', severity: 'error', title: '未满 16 周岁却有劳动能力' }, 'laborSkill', (m) => {
    const skill = text(m.row.laborSkill);
    return m.age !== null && m.age < 16 && skill && !noLabour.includes(skill) ? `${who(m)}只有 ${m.age} 岁，劳动技能却为「${skill}」（未满16周岁应为无劳动力）` : null;
  }),
  memberRule({ id: 'member.studentLabor', severity: 'warning', title: '在校生却有劳动能力' }, 'laborSkill', (m) => {
    const skill = text(m.row.laborSkill);
    return m.inSchool && (m.age === null || m.age >= 16) && skill && !noLabour.includes(skill) ? `${who(m)}在校（${school(m)}），劳动技能却为「${skill}」` : null;
  }),
  memberRule({ id: 'member.adultHealthyNoLabor', severity: 'warning', title: '16–60 岁健康且不在校却无劳动能力' }, 'laborSkill', (m) => {
    const skill = text(m.row.laborSkill);
    return m.age !== null && m.age >= 16 && m.age <= 60 && isHealthy(m) && !m.inSchool && weakLabour.includes(skill)
      ? `${who(m)} ${m.age} 岁，身体健康且不在校，劳动技能却为「${skill}」`
      : null;
  }),
  memberRule({ id: 'member.elderlyLabor', severity: 'warning', title: '60 岁以上为普通或技能劳动力' }, 'laborSkill', (m) => {
    const skill = text(m.row.laborSkill);
    return m.age !== null && m.age > 60 && ['普通劳动力', '技能劳动力'].includes(skill) ? `${who(m)}已 ${m.age} 岁，劳动技能为「${skill}」，请核实` : null;
  }),
  memberRule({ id: 'member.eduAndSchool', severity: 'error', title: '文化程度与在校生状况同时填写' }, 'education', (m) =>
    text(m.row.education) && school(m) ? `${who(m)}同时填写了文化程度「${text(m.row.education)}」和在校生状况「${school(m)}」，只能填其一` : null,
  ),
  memberRule({ id: 'member.eduNorSchool', severity: 'error', title: '文化程度与在校生状况都未填写' }, 'education', (m) =>
    !text(m.row.education) && !school(m) ? `${who(m)}的文化程度和在校生状况都未填写，须填其一` : null,
  ),
  // Not for a child who has completed 初中 (文化程度), nor one of 6 who may start school next September.
  memberRule({ id: 'member.compulsoryNotInSchool', severity: 'error', title: '义务教育阶段适龄儿童未在校且无未上学原因' }, 'schoolStatus', (m) =>
    outOfCompulsorySchool(m) && m.age! >= schoolEntryAge && !text(m.row.outOfSchoolReason)
      ? `${who(m)} ${m.age} 岁，处于义务教育阶段，未填在校生状况，也未填义务教育阶段未上学原因${text(m.row.education) ? `（文化程度「${text(m.row.education)}」，尚未完成初中）` : ''}`
      : null,
  ),
  memberRule({ id: 'member.schoolStageAge', severity: 'warning', title: '在校生状况与年龄不符' }, 'schoolStatus', (m) => {
    const stage = stageAges.find((s) => s.test(school(m)));
    return stage && m.age !== null && (m.age < stage.min || m.age > stage.max)
      ? `${who(m)} ${m.age} 岁，在校生状况为「${school(m)}」（${stage.name}一般为 ${stage.min}–${stage.max} 岁）`
      : null;
  }),
  memberRule({ id: 'member.preschoolTooOld', severity: 'warning', title: `${schoolEntryAge} 岁以上健康儿童仍为学龄前` }, 'schoolStatus', (m) =>
    m.age !== null && m.age >= schoolEntryAge && isHealthy(m) && ['学龄前儿童', '学前教育'].includes(school(m)) ? `${who(m)}已 ${m.age} 岁，在校生状况仍为「${school(m)}」` : null,
  ),
  memberRule({ id: 'member.youngLowEducation', severity: 'warning', title: `${lowEducationAges.from}–${lowEducationAges.to} 岁文化程度为小学或文盲` }, 'education', (m) => {
    const education = text(m.row.education);
    return m.age !== null && m.age >= lowEducationAges.from && m.age <= lowEducationAges.to && ['小学', '文盲或半文盲'].includes(education) ? `${who(m)} ${m.age} 岁，文化程度为「${education}」，请核实` : null;
  }),
  memberRule({ id: 'member.outOfSchoolHealthy', severity: 'warning', title: '因病因残未上学但健康状况为健康' }, 'outOfSchoolReason', (m) => {
    const reason = text(m.row.outOfSchoolReason);
    return ['因病', '因残'].includes(reason) && isHealthy(m) ? `${who(m)}未上学原因为「${reason}」，健康状况却为「健康」` : null;
  }),
  memberRule({ id: 'member.outOfSchoolReasonNotApplicable', severity: 'warning', title: '非义务教育阶段或在校却填了未上学原因' }, 'outOfSchoolReason', (m) =>
    text(m.row.outOfSchoolReason) && (m.inSchool || (m.age !== null && !isCompulsoryAge(m)))
      ? `${who(m)}${m.inSchool ? '在校' : `${m.age} 岁`}，却填了义务教育阶段未上学原因`
      : null,
  ),
  memberRule({ id: 'member.studentWorking', severity: 'warning', title: '在校生有务工信息' }, 'workPlace', (m) =>
    m.inSchool && (text(m.row.workPlace) || m.work.some((w) => text(w.isWorking) === '是')) ? `${who(m)}在校（${school(m)}），却登记了务工` : null,
  ),
  memberRule({ id: 'member.minorWorking', severity: 'warning', title: '未满 16 周岁有务工信息' }, 'workPlace', (m) =>
    m.age !== null && m.age < 16 && (text(m.row.workPlace) || m.work.some((w) => text(w.isWorking) === '是')) ? `${who(m)}只有 ${m.age} 岁，却登记了务工` : null,
  ),
  memberRule({ id: 'member.workMonths', severity: 'error', title: '务工所在地与务工时间不一致' }, 'workMonths', (m) => {
    const place = text(m.row.workPlace);
    const months = typeof m.row.workMonths === 'number' ? m.row.workMonths : null;
    if (months !== null && months > 12) return `${who(m)}的务工时间为 ${months} 个月，一年不超过 12 个月`;
    if (place && !months) return `${who(m)}填了务工所在地「${place}」，务工时间却为空或 0`;
    if (!place && months) return `${who(m)}务工 ${months} 个月，却未填务工所在地`;
    return null;
  }),
  memberRule({ id: 'member.severeDisabilityLabor', severity: 'warning', title: '一、二级肢体残疾却为普通劳动力' }, 'laborSkill', (m) =>
    m.id.disability?.category === '肢体残疾' && (m.id.disability.grade ?? 9) <= 2 && text(m.row.laborSkill) === '普通劳动力'
      ? `${who(m)}为${m.id.disability.grade}级肢体残疾（重度），劳动技能却为「普通劳动力」`
      : null,
  ),
];
