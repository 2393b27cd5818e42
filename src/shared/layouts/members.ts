import { householdLead, householdOfRow, ownFields } from './columns';
import type { Layout } from './types';

/** 户籍台账（家庭成员）: one row per person, household by household. */
export const membersLayout: Layout = {
  id: 'members',
  label: '户籍台账（家庭成员）',
  fileName: '户籍台账-家庭成员',
  sheetName: '家庭成员',
  table: 'members',
  title: (place) => `${place.county}${place.township}户籍台账（家庭成员）`,
  rows: (data) => data.households.flatMap((h) => data.membersByHousehold.get(h.id) ?? []),
  householdOrder: true,
  columns: [...householdLead(householdOfRow, false), ...ownFields('members', ['householdId'])],
};
