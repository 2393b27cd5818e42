import { columnKit } from './kit';
import type { TableSpec } from './types';

// 入户调查表 section A (户基本信息), with the household columns of the national person export.
// 户主姓名, 户主证件号码 and 家庭人口数 are not columns: they are derived from the members (src/shared/household.ts).
const v1 = columnKit(1);
const v2 = columnKit(2);
/** Version 4: the 信息采集人 (text of version 1) and the 帮扶责任人 as references to 工作人员. */
const v4 = columnKit(4);

export const householdsTable: TableSpec = {
  name: 'households',
  label: '户',
  rowLabel: '户',
  since: 1,
  columns: [
    v1.ref('villageId', '行政村', 'villages', { notNull: true, required: true, onDelete: 'restrict' }),
    v1.ref('groupId', '村民小组', 'groups', { onDelete: 'restrict' }),
    v1.text('hhNo', '户编号', {
      unique: true,
      help: '全国防止返贫监测和衔接推进乡村振兴信息系统中的户编号；新户录入系统后补填',
      synonyms: ['户码', '户编码'],
      status: 'C',
    }),
    v1.text('address', '家庭住址', { synonyms: ['住址'] }),
    v1.phone('phone', '户联系电话', { required: true, help: '11 位手机号码', synonyms: ['联系电话'], status: 'C' }),
    v1.enumOf('householdType', '户类型', 'householdType', { required: true, help: '脱贫户或一般农户', status: 'C' }),
    v1.enumOf('monitoringType', '监测对象类别', 'monitoringType', {
      help: '脱贫不稳定户、边缘易致贫户或突发严重困难户；不是监测对象则留空',
      synonyms: ['易返贫致贫户类型'],
      status: 'C',
    }),
    v1.month('identifiedMonth', '识别监测时间', { help: '纳入监测的年月，格式 YYYYMM', status: 'C' }),
    v1.flag('riskEliminated', '风险是否已消除'),
    v1.enumOf('eliminationMethod', '风险消除方式', 'eliminationMethod', {
      help: '帮扶消除：经帮扶后风险稳定消除；自然消除：风险自然消失',
      status: 'C',
    }),
    v1.month('eliminatedMonth', '消除监测时间', { help: '格式 YYYYMM', status: 'C' }),
    ...[1, 2, 3, 4, 5].map((n) => v1.enumOf(`risk${n}`, `致贫/返贫风险${n}`, 'risk', { synonyms: [`返贫致贫风险${n}`, `风险类型${n}`] })),
    v2.enumOf('naturalDisasterSub', '因自然灾害子项', 'naturalDisasterSub', { help: '致贫/返贫风险为「因自然灾害」时填写', status: 'C' }),
    v2.text('riskNote', '风险备注', { help: '风险为「其他」或「因自然灾害」时说明', status: 'C' }),
    v2.enumOf('developmentalMeasure', '实施开发式帮扶措施情况', 'developmentalMeasure', { status: 'C' }),
    v2.text('monitorContact', '监测联系人', { status: 'C' }),
    v2.phone('monitorContactPhone', '监测联系人电话', { status: 'C' }),
    v1.flag('militaryFamily', '是否军烈属'),
    v1.flag('relocationSite', '是否居住在易地扶贫搬迁集中安置区'),
    v1.text('relocationAddress', '安置区地址', { status: 'C' }),
    v1.flag('noLaborSupport', '整户无劳动能力兜底保障户'),
    v4.ref('collectorId', '信息采集人', 'people', { help: '国家系统导出的信息采集人（按姓名和电话对应工作人员）', status: 'C' }),
    v4.ref('helperId', '帮扶责任人', 'people', { status: 'C' }),
    v1.text('note', '备注'),
  ],
};
