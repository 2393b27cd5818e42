import { columnKit } from './kit';
import type { TableSpec } from './types';

/**
 * The monitoring procedure of a household (防止返贫监测), one row per step: the 识别纳入 chain, the 绿色通道, 风险消除,
 * 回退, 再标注 and 国家系统导入. Written only by the commands of src/shared/commands.ts, each together with the
 * household's status fields (监测对象类别, 识别监测时间, 风险是否已消除 …) in one change set; src/shared/monitoring.ts
 * reads the timeline back.
 */
const k = columnKit(4);

export const monitoringStepsTable: TableSpec = {
  name: 'monitoringSteps',
  label: '监测程序',
  rowLabel: '监测程序步骤',
  since: 4,
  help: '防止返贫监测的识别纳入、绿色通道、风险消除、回退和再标注，每步一条，由「监测程序」页记录',
  columns: [
    k.ref('householdId', '户', 'households', { notNull: true, onDelete: 'cascade' }),
    k.enumOf('step', '步骤', 'monitoringStep', { notNull: true, required: true }),
    k.date('date', '日期', { required: true, help: '这一步办理的日期（如公示开始日、审定日）' }),
    k.enumOf('monitoringType', '监测对象类别', 'monitoringType', { help: '识别纳入、绿色通道和再标注时认定的类别' }),
    k.enumOf('risks', '致贫/返贫风险', 'risk', { multi: true, help: '识别纳入、绿色通道和再标注时认定的风险，可多项' }),
    k.enumOf('eliminationMethod', '风险消除方式', 'eliminationMethod'),
    k.text('note', '情况说明'),
    k.text('recordedBy', '记录人'),
    k.text('recordedAt', '记录时间'),
  ],
};
