import { columnKit } from './kit';
import type { TableSpec } from './types';

// 附件3 重点人群汇总表, 附件4 问题台账, 附件5 入户责任分工表, and the 帮扶措施 and 务工 records the checks read.
const k = columnKit(2);

/** The clerk's part of 附件3; categories the data show (low income, falling income …) are derived, not stored. */
export const keygroupsTable: TableSpec = {
  name: 'keygroups',
  label: '重点人群汇总表',
  rowLabel: '重点人群记录',
  since: 2,
  help: '第二轮排查重点人群汇总表：收入类重点人群由数据自动识别，此处登记需人工判断的类别和排查结论',
  columns: [
    k.ref('householdId', '户', 'households', { notNull: true, onDelete: 'cascade' }),
    k.year(),
    k.enumOf('categories', '重点人群类别', 'keyGroup', { help: '人工认定的类别（如受灾户、务工不稳定户）；收入类由数据自动识别' }),
    k.text('riskPoints', '主要风险点或问题'),
    k.enumOf('conclusion', '排查结论', 'visitConclusion'),
    k.text('decision', '是否纳入监测或风险消除'),
    k.text('visitor', '排查人'),
    k.text('note', '备注'),
  ],
  uniqueTogether: [['householdId', 'year']],
};

/**
 * What the issue of 问题台账 adds in version 4: who the problem is about, when and how it was found and checked,
 * and, for a row of an outside list (the county's 疑似问题, a department's 预警), where it came from — so the
 * list goes back in its own layout with 核实结果 filled in.
 */
const problems4 = columnKit(4);

export const problemsTable: TableSpec = {
  name: 'problems',
  label: '问题台账',
  rowLabel: '问题',
  since: 2,
  help: '第二轮排查问题台账：明确整改措施、时限、责任人，整改完成后销号',
  columns: [
    k.ref('villageId', '行政村', 'villages', { notNull: true, required: true, onDelete: 'restrict' }),
    k.ref('householdId', '户', 'households', { onDelete: 'cascade' }),
    k.enumOf('category', '问题类别', 'problemCategory', { required: true }),
    k.text('description', '问题描述', { required: true }),
    k.enumOf('source', '问题来源', 'problemSource'),
    problems4.text('personName', '问题人员姓名', { synonyms: ['姓名'] }),
    problems4.idNumber('idNumber', '问题人员证件号码', { synonyms: ['证件号码', '身份证号'] }),
    problems4.date('foundDate', '发现日期'),
    problems4.text('verification', '核实结果', { help: '属实、不属实或部分属实' }),
    problems4.text('verificationNote', '核实情况说明'),
    k.text('measure', '整改措施', { required: true }),
    k.text('responsibleUnit', '责任单位'),
    k.text('responsiblePerson', '责任人', { required: true }),
    k.date('deadline', '整改时限', { required: true }),
    k.text('progress', '整改进展或结果'),
    k.flag('closed', '是否整改完成（销号）'),
    k.date('closedDate', '销号日期'),
    k.text('note', '备注'),
    problems4.text('listFile', '来源名单', { help: '从县级疑似问题数据或部门预警名单导入时的文件名；导出反馈时按它和行号找回原行' }),
    problems4.int('listRow', '名单行号'),
  ],
};

/**
 * Version 4: the 村医 and 网格员 of a 片区 (the work plan names them among the people who visit), and every person of
 * the row a reference to 工作人员 — the 排查责任人's 职务 and 联系电话 are the person's (the names of version 2 are
 * moved there by the migration).
 */
const assignments4 = columnKit(4);

export const assignmentsTable: TableSpec = {
  name: 'assignments',
  label: '入户责任分工表',
  rowLabel: '分工',
  since: 2,
  help: '第二轮排查入户责任分工表：每个片区（村民小组）两名排查责任人；户数、人数由数据计算',
  columns: [
    k.ref('villageId', '行政村', 'villages', { notNull: true, required: true, onDelete: 'cascade' }),
    k.ref('groupId', '片区（村民小组）', 'groups', { required: true, onDelete: 'cascade' }),
    assignments4.ref('townLeaderId', '包村乡镇领导', 'people'),
    assignments4.ref('villageCadreId', '包村干部', 'people'),
    assignments4.ref('partySecretaryId', '村党支部书记', 'people'),
    assignments4.ref('firstSecretaryId', '驻村第一书记或工作队员', 'people'),
    assignments4.ref('villageDoctorId', '村医', 'people'),
    assignments4.ref('gridWorkerId', '网格员', 'people', { synonyms: ['防贫网格员'] }),
    assignments4.ref('person1Id', '排查责任人1', 'people', { required: true, status: 'C' }),
    assignments4.ref('person2Id', '排查责任人2', 'people', { required: true, status: 'C' }),
    k.date('plannedDate', '计划完成时间'),
    k.text('note', '备注'),
  ],
  uniqueTogether: [['villageId', 'groupId']],
};

export const measuresTable: TableSpec = {
  name: 'measures',
  label: '帮扶措施',
  rowLabel: '帮扶措施',
  since: 2,
  help: '已落实的帮扶措施，每项一条',
  columns: [
    k.ref('householdId', '户', 'households', { notNull: true, onDelete: 'cascade' }),
    k.enumOf('category', '帮扶措施类别', 'measureCategory', { required: true, status: 'C' }),
    k.text('item', '具体措施', { help: '如：外出务工补贴、雨露计划、低保、残疾人补贴', status: 'C' }),
    k.month('startMonth', '落实时间', { help: '格式 YYYYMM' }),
    k.text('note', '备注'),
  ],
};

export const workRecordsTable: TableSpec = {
  name: 'workRecords',
  label: '务工信息',
  rowLabel: '务工记录',
  since: 2,
  help: '家庭成员的务工情况（务工月监测口径），每段务工一条',
  columns: [
    k.ref('memberId', '家庭成员', 'members', { notNull: true, onDelete: 'cascade' }),
    k.year(),
    k.flag('isWorking', '是否已务工', { status: 'C' }),
    k.month('startMonth', '开始时间', { help: '格式 YYYYMM', status: 'C' }),
    k.month('endMonth', '结束时间', { help: '格式 YYYYMM；仍在务工则留空', status: 'C' }),
    k.text('county', '务工所在县', { help: '省/市/县', status: 'C' }),
    k.text('employer', '务工企业名称', { status: 'C' }),
    k.text('industry', '所属行业', { status: 'C' }),
    k.enumOf('channel', '就业渠道', 'workChannel', { status: 'C' }),
    k.money('monthlyIncome', '务工月收入', { status: 'C' }),
    k.flag('pointToPoint', '是否点对点输送', { status: 'C' }),
    k.money('transportSubsidy', '年度交通费补助', { status: 'C' }),
  ],
};
