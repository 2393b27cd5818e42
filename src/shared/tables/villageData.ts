import { columnKit } from './kit';
import type { TableSpec } from './types';

// 脱贫村 indicators, per village and year, which the work plan asks to collect (its 驻村工作队 are people of the
// 工作人员 table, src/shared/tables/people.ts).
const k = columnKit(2);
const basics = '基本情况';
const infrastructure = '基础设施';
const services = '公共服务';
const development = '发展现状';

export const villageIndicatorsTable: TableSpec = {
  name: 'villageIndicators',
  label: '脱贫村指标',
  rowLabel: '村指标',
  since: 2,
  help: '脱贫村（出列村）基本情况、基础设施、公共服务和发展现状，每村每年一条',
  columns: [
    k.ref('villageId', '行政村', 'villages', { notNull: true, onDelete: 'cascade' }),
    k.year(),
    k.flag('isExited', '是否出列', { group: basics, status: 'C' }),
    k.int('cadres', '村干部人数', { group: basics, status: 'I' }),
    k.int('totalHouseholds', '总户数', { group: basics, required: true, status: 'C' }),
    k.int('totalPopulation', '总人口数', { group: basics, required: true, status: 'C' }),
    k.int('dibaoHouseholds', '低保户数', { group: basics, status: 'C' }),
    k.int('dibaoPopulation', '低保人口数', { group: basics, status: 'C' }),
    k.int('tekunPopulation', '特困供养人口数', { group: basics, status: 'C' }),
    k.int('disabledPopulation', '残疾人口数', { group: basics, status: 'C' }),
    k.decimal('landFarm', '耕地面积（亩）', { group: basics, status: 'C' }),
    k.decimal('landForest', '林地面积（亩）', { group: basics, status: 'C' }),
    k.decimal('landGrass', '牧草地面积（亩）', { group: basics, status: 'C' }),
    k.flag('pavedRoadToTown', '到乡镇是否通沥青（水泥）路', { group: infrastructure, status: 'C' }),
    k.flag('busService', '是否通客运班车', { group: infrastructure, status: 'C' }),
    k.int('garbagePoints', '行政村生产生活垃圾集中堆放点个数（个）', { group: infrastructure, status: 'C' }),
    k.int('publicToilets', '行政村公共卫生厕所个数', { group: infrastructure, status: 'C' }),
    k.int('unsafeWaterHouseholds', '未实现饮水安全户数', { group: infrastructure, status: 'C' }),
    k.int('unsafeHousingHouseholds', '危房户数', { group: infrastructure, status: 'C' }),
    k.int('primarySchools', '村小学（个数）', { group: services, status: 'C' }),
    k.int('clinics', '行政村卫生室个数', { group: services, status: 'C' }),
    k.int('doctors', '行政村执业（助理）医师（人）', { group: services, status: 'C' }),
    k.int('libraries', '行政村文化（图书）室个数（个）', { group: services, status: 'C' }),
    k.int('pensionInsured', '参加城乡居民基本养老保险人数', { group: services, status: 'C' }),
    k.decimal('collectiveIncome', '村级集体经济收入（万元）', { group: development, status: 'C' }),
    k.text('specialIndustry', '特色产业', { group: development, status: 'I' }),
    k.text('note', '备注'),
  ],
  uniqueTogether: [['villageId', 'year']],
};
