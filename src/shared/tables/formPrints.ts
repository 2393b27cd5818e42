import { columnKit } from './kit';
import type { TableSpec } from './types';

/**
 * Which household's pre-filled form (附件1 收入信息采集表 or 附件2 入户调查表) was printed, when, and up to which change
 * set its data were read: an edit of the household after it makes the printed form stale. Written as bookkeeping
 * (like export points): printing is not a step of the clerk's undo history.
 */
const k = columnKit(4);

export const formPrintsTable: TableSpec = {
  name: 'formPrints',
  label: '打印记录',
  rowLabel: '打印记录',
  since: 4,
  columns: [
    k.ref('householdId', '户', 'households', { notNull: true, onDelete: 'cascade' }),
    k.year(),
    k.text('kind', '表', { notNull: true, help: 'income：收入信息采集表；visit：入户调查表' }),
    k.text('printedAt', '打印时间'),
    k.int('lastChangeSetId', '截至修改记录'),
    k.text('file', '文件名'),
  ],
};
