// Health, insurance and disability (S1 2_01_006–009, 4_12_003, 3_01_007; S4 14/17/22).
import { isNo, isYes, memberRule, parts, text, who } from './helpers';
import type { HouseholdRule } from './types';

export const healthRules: HouseholdRule[] = [
  memberRule({ id: 'member.bothMedical', severity: 'error', title: '同时参加城乡居民和城镇职工基本医疗保险' }, 'insEmployeeMedical', (m) =>
    isYes(m.row.insResidentMedical) && isYes(m.row.insEmployeeMedical) ? `${who(m)}同时参加了城乡居民和城镇职工基本医疗保险，只能参加其一` : null,
  ),
  memberRule({ id: 'member.noMedical', severity: 'error', title: '未参加基本医疗保险' }, 'insResidentMedical', (m) =>
    !isYes(m.row.insResidentMedical) && !isYes(m.row.insEmployeeMedical) && (text(m.row.insResidentMedical) || text(m.row.insEmployeeMedical))
      ? `${who(m)}既未参加城乡居民基本医疗保险，也未参加城镇职工基本医疗保险`
      : null,
  ),
  memberRule({ id: 'member.noCriticalIllness', severity: 'warning', title: '未参加大病保险' }, 'insCriticalIllness', (m) =>
    isNo(m.row.insCriticalIllness) ? `${who(m)}未参加大病保险` : null,
  ),
  memberRule({ id: 'member.noPension', severity: 'warning', title: '养老保险未填写' }, 'insResidentPension', (m) =>
    m.age !== null && m.age >= 16 && !m.inSchool && !text(m.row.insResidentPension) && !text(m.row.insEmployeePension)
      ? `${who(m)} ${m.age} 岁，城乡居民和城镇职工基本养老保险都未填写`
      : null,
  ),
  // 提醒 as in the national rule 4_12_003: a disability may be real before the 残疾人证 is issued.
  memberRule({ id: 'member.disabledWithoutCertificate', severity: 'warning', title: '健康状况为残疾但证件不是残疾人证' }, 'idType', (m) =>
    parts(m.row.health).includes('残疾') && text(m.row.idType) !== '残疾人证' ? `${who(m)}的健康状况含「残疾」，证件类型却为「${text(m.row.idType) || '未填'}」` : null,
  ),
  memberRule({ id: 'member.certificateWithoutDisability', severity: 'error', title: '持残疾人证但健康状况不含残疾' }, 'health', (m) =>
    text(m.row.idType) === '残疾人证' && !parts(m.row.health).includes('残疾') ? `${who(m)}持残疾人证，健康状况却为「${text(m.row.health) || '未填'}」` : null,
  ),
  memberRule({ id: 'member.healthCombination', severity: 'error', title: '健康状况「健康」与疾病、残疾同时填写' }, 'health', (m) => {
    const values = parts(m.row.health);
    return values.includes('健康') && values.length > 1 ? `${who(m)}的健康状况「${values.join(',')}」中「健康」不能与其他状况同时填写` : null;
  }),
  memberRule({ id: 'member.assistanceWithoutInsurance', severity: 'warning', title: '未参保却接受医疗救助' }, 'medicalAssistance', (m) =>
    isYes(m.row.medicalAssistance) && !isYes(m.row.insResidentMedical) && !isYes(m.row.insEmployeeMedical) ? `${who(m)}未参加基本医疗保险，却登记接受医疗救助` : null,
  ),
  memberRule({ id: 'member.welfareJobAge', severity: 'warning', title: '公益性岗位人员年龄不符' }, 'welfareJob', (m) =>
    text(m.row.welfareJob) && m.age !== null && (m.age < 16 || m.age >= 70) ? `${who(m)} ${m.age} 岁，却在公益性岗位「${text(m.row.welfareJob)}」` : null,
  ),
  memberRule({ id: 'member.welfareJobMonths', severity: 'error', title: '公益性岗位与月数不一致' }, 'welfareJobMonths', (m) => {
    const months = typeof m.row.welfareJobMonths === 'number' ? m.row.welfareJobMonths : null;
    if (months !== null && months > 12) return `${who(m)}的公益性岗位月数为 ${months}，一年不超过 12 个月`;
    if (text(m.row.welfareJob) && !months) return `${who(m)}在公益性岗位「${text(m.row.welfareJob)}」，却未填月数`;
    if (!text(m.row.welfareJob) && months) return `${who(m)}填了公益性岗位月数 ${months}，却未填岗位`;
    return null;
  }),
  memberRule({ id: 'member.welfareJobNoLabor', severity: 'warning', title: '无劳动能力者在公益性岗位' }, 'welfareJob', (m) =>
    text(m.row.welfareJob) && ['无劳动力', '丧失劳动力'].includes(text(m.row.laborSkill)) ? `${who(m)}劳动技能为「${text(m.row.laborSkill)}」，却在公益性岗位` : null,
  ),
];
