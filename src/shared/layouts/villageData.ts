// The village-level records the work plan asks to collect, as forms of their own: 脱贫村指标 (one row per village
// and year) and 工作人员 (信息采集员, 包村干部, 村干部, 驻村工作队, 帮扶责任人 …). Both are read back unchanged.
import { ownFields, villageLead } from './columns';
import type { Layout } from './types';

export const villageIndicatorsLayout: Layout = {
  id: 'villageIndicators',
  label: '脱贫村指标',
  fileName: '脱贫村指标',
  sheetName: '脱贫村指标',
  table: 'villageIndicators',
  title: (place, year) => `${place.township}脱贫村指标（${year}年度）`,
  rows: (data) => data.villages.flatMap((v) => data.villageIndicators.filter((i) => i.villageId === v.id)),
  columns: [...villageLead(), ...ownFields('villageIndicators')],
  reimport: { titlePhrase: '脱贫村指标', key: ['village', 'year'] },
};

/** Everyone of the villages exported, and the township's people of no one village. */
export const peopleLayout: Layout = {
  id: 'people',
  label: '工作人员名单',
  fileName: '工作人员名单',
  sheetName: '工作人员',
  table: 'people',
  title: (place, year) => `${place.township}第二轮排查工作人员名单（${year}年度）`,
  rows: (data) => [
    ...data.villages.flatMap((v) => data.people.filter((p) => p.villageId === v.id)),
    ...data.people.filter((p) => p.villageId == null),
  ],
  columns: [...villageLead(), ...ownFields('people')],
  reimport: { titlePhrase: '工作人员名单', key: ['village', 'name'] },
};
