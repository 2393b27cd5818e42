import { personOf } from '../people';
import type { Row } from '../tables';
import type { YearData } from '../yearData';
import { field, householdLead, ownFields, ownHousehold, personField } from './columns';
import type { Layout } from './types';

/** The household's 信息采集人, a person of 工作人员: printed by name and phone, as the national export has them. */
const collectorOf = (row: Row, data: YearData) => personOf(data.personById, row.collectorId);

/** 户籍台账（户）: one row per household, with what is derived from its members. */
export const householdsLayout: Layout = {
  id: 'households',
  label: '户籍台账（户）',
  fileName: '户籍台账-户',
  sheetName: '户',
  table: 'households',
  title: (place) => `${place.county}${place.township}户籍台账（户）`,
  rows: (data) => data.households,
  householdOrder: true,
  columns: [
    ...householdLead(ownHousehold, true),
    ...ownFields('households', ['hhNo', 'collectorId', 'helperId', 'note']),
    field('people', 'name', collectorOf, '信息采集人'),
    field('people', 'phone', collectorOf, '信息采集人联系电话'),
    personField('households', 'helperId'),
    field('households', 'note'),
  ],
};
