import { householdLead, ownFields, ownHousehold } from './columns';
import type { Layout } from './types';

/** 户籍台账（户）: one row per household, with what is derived from its members. */
export const householdsLayout: Layout = {
  id: 'households',
  label: '户籍台账（户）',
  fileName: '户籍台账-户',
  sheetName: '户',
  table: 'households',
  title: (place) => `${place.county}${place.township}户籍台账（户）`,
  rows: (data) => data.households,
  columns: [...householdLead(ownHousehold, true), ...ownFields('households', ['hhNo'])],
};
