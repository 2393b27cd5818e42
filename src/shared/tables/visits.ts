import { columnKit } from './kit';
import type { TableSpec } from './types';

// 附件2 入户调查表, sections C–G (sections A and B are the household and member tables; C is the income record).
const k = columnKit(2);
/**
 * Version 4: the risk assessment, how the visit was made, and the 双签字 (the work plan's 电话访谈 and 双签字); the
 * 排查人 and 信息采集员 become references to 工作人员 (their names of version 2 are moved there by the migration).
 */
const v4 = columnKit(4);
const safety = '两不愁三保障及饮水安全';
const living = '生产生活条件';
const conclusion = '风险研判与结论';
const signing = '签字';

export const visitsTable: TableSpec = {
  name: 'visits',
  label: '入户调查表',
  rowLabel: '入户调查记录',
  since: 2,
  help: '附件2 防止返贫监测帮扶第二轮排查入户调查表：每户每年一条',
  columns: [
    k.ref('householdId', '户', 'households', { notNull: true, onDelete: 'cascade' }),
    k.year(),
    k.flag('foodClothingWorry', '是否存在吃穿困难', { group: safety, status: 'I' }),
    k.flag('dropout', '是否义务教育阶段适龄儿童少年失学辍学', { group: safety, status: 'C' }),
    k.flag('unsafeHousing', '是否危房户', { group: safety, synonyms: ['是否住房出现安全问题'], status: 'C' }),
    k.enumOf('housingLevel', '危房等级', 'housingLevel', { group: safety, status: 'M' }),
    k.flag('safeWater', '是否解决安全饮用水', { group: safety, help: '「是」表示饮水安全已解决', status: 'C' }),
    k.decimal('landFarm', '耕地面积（亩）', { group: living, status: 'C' }),
    k.decimal('landForest', '林地面积（亩）', { group: living, status: 'C' }),
    k.decimal('landOrchard', '林果面积（亩）', { group: living, status: 'C' }),
    k.decimal('landGrainToGreen', '退耕还林面积（亩）', { group: living, status: 'C' }),
    k.decimal('landGrass', '牧草地面积（亩）', { group: living, status: 'C' }),
    k.decimal('landWater', '水面面积（亩）', { group: living, status: 'C' }),
    k.enumOf('roadType', '入户路类型', 'roadType', { group: living, status: 'C' }),
    k.decimal('roadDistance', '与村主干路距离（公里）', { group: living, status: 'C' }),
    k.decimal('housingArea', '住房面积（㎡）', { group: living, status: 'C' }),
    k.flag('electricity', '是否通生活用电', { group: living, status: 'C' }),
    k.flag('broadcastTv', '是否通广播电视', { group: living, status: 'C' }),
    k.enumOf('fuelType', '主要燃料类型', 'fuelType', { group: living, status: 'C' }),
    k.flag('toilet', '是否有卫生厕所', { group: living, status: 'C' }),
    k.flag('toiletUsable', '卫生厕所是否能正常使用', { group: living, status: 'C' }),
    k.flag('cooperative', '是否加入农民专业合作组织', { group: living, status: 'C' }),
    k.flag('leadingEnterprise', '是否有龙头企业带动', { group: living, status: 'C' }),
    k.flag('entrepreneur', '是否有创业致富带头人带动', { group: living, status: 'C' }),
    k.text('industrySupportType', '到户产业帮扶类型', { group: living, status: 'C' }),
    v4.enumOf('keyGroups', '所属重点人群', 'keyGroup', { group: conclusion, help: '可多选（附件3 的重点人群类别）', status: 'I' }),
    k.flag('hasRisk', '是否存在返贫致贫风险', { group: conclusion, status: 'I' }),
    v4.enumOf('risks', '研判的致贫/返贫风险', 'risk', { group: conclusion, multi: true, help: '可多选，最多 5 项（对应风险1–5）', status: 'C' }),
    v4.text('riskNote', '风险说明', { group: conclusion, help: '风险为「其他」或「因自然灾害」时说明', status: 'C' }),
    k.enumOf('conclusion', '排查结论', 'visitConclusion', { group: conclusion, status: 'I' }),
    k.text('needs', '帮扶需求', { group: conclusion, status: 'I' }),
    k.enumOf('plannedMeasures', '拟落实帮扶措施', 'measureCategory', { group: conclusion, multi: true, status: 'I' }),
    v4.ref('visitor1Id', '排查人1', 'people', { group: signing, help: '工作人员中的一人；须为入户责任分工表中本片区的排查责任人', status: 'C' }),
    v4.ref('visitor2Id', '排查人2', 'people', { group: signing, help: '工作人员中的一人；须为入户责任分工表中本片区的排查责任人', status: 'C' }),
    k.date('visitDate', '排查日期', { group: signing }),
    v4.enumOf('collectMethod', '采集方式', 'collectMethod', {
      group: signing,
      help: '原则上入户采集；农户长期在外务工等无法入户的，可电话访谈（工作方案）',
      status: 'C',
    }),
    v4.ref('collectorId', '信息采集员', 'people', { group: signing, help: '工作人员中的一人', status: 'C' }),
    k.flag('headSigned', '户主（农户）已签字', { group: signing, status: 'C' }),
    v4.flag('collectorSigned', '信息采集员已签字', { group: signing, help: '户主和信息采集员都已签字即「已双签字」' }),
    v4.date('signedReturnDate', '签字表收回日期', { group: signing, help: '双签字的纸质表收回的日期（电话访谈的户常在事后补签）', status: 'I' }),
    k.text('villageReviewer', '村审核人', { group: signing, status: 'I' }),
  ],
  uniqueTogether: [['householdId', 'year']],
};
