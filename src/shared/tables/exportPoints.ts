import { columnKit } from './kit';
import type { TableSpec } from './types';

/** When a list for the national system was exported, and up to which change set: "changed since" starts there. */
const k = columnKit(2);

export const exportPointsTable: TableSpec = {
  name: 'exportPoints',
  label: '导出记录',
  rowLabel: '导出记录',
  since: 2,
  columns: [
    k.text('kind', '导出内容', { notNull: true }),
    k.text('file', '文件名'),
    k.text('exportedAt', '导出时间'),
    k.int('lastChangeSetId', '截至修改记录'),
    k.int('rows', '行数'),
  ],
};
