import { columnKit } from './kit';
import type { TableSpec } from './types';

// 入户调查表 section B (家庭成员), one row per person, with the person columns of the national export.
const v1 = columnKit(1);
const v4 = columnKit(4);
const national = { status: 'C' } as const;

export const membersTable: TableSpec = {
  name: 'members',
  label: '家庭成员',
  rowLabel: '家庭成员',
  since: 1,
  columns: [
    v1.ref('householdId', '所属户', 'households', { notNull: true, onDelete: 'cascade' }),
    v1.text('name', '姓名', { required: true, ...national }),
    v1.enumOf('sex', '性别', 'sex', { required: true, ...national }),
    v1.enumOf('idType', '证件类型', 'idType', { required: true, help: '残疾人以残疾人证登记，证号为身份证号加残疾类别和等级', ...national }),
    v1.idNumber('idNumber', '证件号码', {
      required: true,
      help: '18 位居民身份证号码；残疾人证号为 20 或 22 位',
      synonyms: ['身份证号码', '身份证号', '证件号'],
      ...national,
    }),
    v1.date('birthDate', '出生日期', national),
    v1.enumOf('relation', '与户主关系', 'relation', { required: true, ...national }),
    v1.enumOf('ethnicity', '民族', 'ethnicity', { required: true, ...national }),
    v1.enumOf('politicalStatus', '政治面貌', 'politicalStatus', national),
    v1.enumOf('education', '文化程度', 'education', { help: '不在校者填写；与在校生状况只填其一', ...national }),
    v1.enumOf('schoolStatus', '在校生状况', 'schoolStatus', { help: '在校生及学龄前儿童填写；与文化程度只填其一', ...national }),
    v1.enumOf('outOfSchoolReason', '义务教育阶段未上学原因', 'outOfSchoolReason', { synonyms: ['失学或辍学原因'], ...national }),
    v1.enumOf('health', '健康状况', 'health', { required: true, ...national }),
    v1.enumOf('laborSkill', '劳动技能', 'laborSkill', { required: true, ...national }),
    v1.enumOf('workPlace', '务工所在地', 'workPlace', national),
    v1.int('workMonths', '务工时间（月）', { synonyms: ['务工时间(月)', '务工时间'], ...national }),
    // 计划外出务工信息 of the national system (REFERENCE.md Table 1, per member), asked in the income round.
    v4.flag('plansWork', '是否计划外出务工', { synonyms: ['是否计划务工'], status: 'C' }),
    v4.text('plannedWorkCounty', '计划务工所在县', { help: '省/市/县', status: 'C' }),
    v4.text('employmentNeeds', '就业服务需求', { help: '如：技能培训、岗位推荐、劳务输出', status: 'C' }),
    v1.flag('insResidentMedical', '是否参加城乡居民基本医疗保险', { required: true }),
    v1.flag('insEmployeeMedical', '是否参加城镇职工基本医疗保险'),
    v1.flag('insCriticalIllness', '是否参加大病保险', { required: true }),
    v1.flag('insCommercialMedical', '是否参加商业补充医疗保险'),
    v1.flag('medicalAssistance', '是否接受医疗救助'),
    v1.flag('insResidentPension', '是否参加城乡居民基本养老保险'),
    v1.flag('insEmployeePension', '是否参加城镇职工基本养老保险'),
    v1.enumOf('dibao', '享受低保政策情况', 'dibao', national),
    v1.enumOf('tekun', '享受特困供养政策情况', 'tekun', national),
    v1.flag('relocated', '是否易地扶贫搬迁人口', { synonyms: ['是否异地扶贫搬迁人口'] }),
    v1.text('welfareJob', '公益性岗位', national),
    v1.int('welfareJobMonths', '公益性岗位（月数）', { synonyms: ['公益性岗位(月数)'], ...national }),
    v1.phone('phone', '家庭成员联系电话', national),
    v1.enumOf('changeType', '人员变动', 'changeType', {
      help: '新生儿、婚入等为自然增加；死亡、婚出、迁出等为自然减少（自然减少人员保留记录，不计入家庭人口数）',
      status: 'I',
    }),
    v1.enumOf('changeReason', '变动原因', 'changeReason', { status: 'M' }),
    v1.date('changeDate', '变动日期', { status: 'I' }),
    v1.text('note', '备注'),
  ],
};
