import { columnKit } from './kit';
import type { ColumnSpec, TableSpec } from './types';

// 附件1 收入信息采集表: one row per household and year. The detail lines follow the 2023 摸排 template (REFERENCE.md a,
// S2); the five category amounts are the national system's block, used when a household has no detail lines
// (e.g. after importing a national export). src/shared/income.ts rolls them up.
const k = columnKit(2);
const v3 = columnKit(3);
const v4 = columnKit(4);

/** The 说明 column of an income line: the paper has one beside every amount. */
export const lineNoteKey = (key: string) => `${key}Note`;

// Each line: its amount, then its 说明 (added in version 4); the category's own 说明 closes the group.
const lines = (group: string, items: readonly (readonly [string, string])[], note: string): ColumnSpec[] => [
  ...items.flatMap(([key, label]) => [k.money(key, label, { group }), v4.text(lineNoteKey(key), `${label}说明`, { group })]),
  k.text(note, `${group}说明`, { group }),
];

/** Detail lines by category, in the order of the paper form. */
export const incomeDetailLines = {
  wage: [
    ['wageMigrant', '务工收入'],
    ['wageSectorJob', '行业部门公益岗收入'],
    ['wageTownJob', '乡镇公益岗收入'],
    ['wageVillageJob', '村级公益岗收入'],
    ['wageOther', '其他工资性收入'],
  ],
  business: [
    ['bizCrop', '种植业收入'],
    ['bizLivestock', '养殖业收入'],
    ['bizOrchard', '林果业收入'],
    ['bizOther', '其他生产经营性收入'],
  ],
  property: [
    ['propDividend', '资产收益扶贫分红收入'],
    ['propLand', '土地流转收入'],
    ['propFinance', '金融贷款项目入股分红'],
    ['propContract', '代种代养项目收入'],
    ['propOther', '其他财产性收入'],
  ],
  transfer: [
    ['trFamilyPlanning', '计划生育金'],
    ['trDibao', '低保金'],
    ['trTekun', '特困供养金'],
    ['trPension', '养老保险金'],
    ['trEcoGrainToGreen', '退耕还林补贴'],
    ['trEcoForest', '公益林补贴'],
    ['trEcoGrass', '草原生态奖补贴'],
    ['trEcoMigrant', '移民补助'],
    ['trEcoOther', '其他生态补偿金'],
    ['trCornSoy', '玉米大豆种植补贴'],
    ['trSoil', '地力补贴'],
    ['trCropInsurance', '大田保险补助'],
    ['trElderly', '高龄补贴'],
    ['trVeteran', '优抚金'],
    ['trDisability', '残疾补贴'],
    ['trEducation', '教育扶持'],
    ['trDisaster', '救灾款'],
    ['trDisabledElderly', '失能老人补贴'],
    ['trSupport', '赡养费'],
    ['trHeating', '取暖费补贴'],
    ['trPrice', '物价补贴'],
    ['trRelief', '社会救济和补助'],
    ['trAntiPovertyInsurance', '防贫保险'],
    ['trDonation', '经常性捐赠和赔偿'],
    ['trOther', '其他转移性收入'],
  ],
  cost: [
    ['costCrop', '种植业支出'],
    ['costLivestock', '养殖业支出'],
    ['costOrchard', '林果业支出'],
    ['costOther', '其他生产经营性支出'],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export type IncomeCategory = keyof typeof incomeDetailLines;

/** The paper's subtotals inside 转移性收入 (4.5 生态补偿金小计, 4.6 其他转移性收入小计): computed, never keyed. */
export const incomeSubtotals = [
  { key: 'ecoSubtotal', label: '生态补偿金小计', lines: ['trEcoGrainToGreen', 'trEcoForest', 'trEcoGrass', 'trEcoMigrant', 'trEcoOther'] },
  {
    key: 'otherTransferSubtotal',
    label: '其他转移性收入小计',
    lines: incomeDetailLines.transfer.map(([key]) => key as string).slice(incomeDetailLines.transfer.findIndex(([key]) => key === 'trCornSoy')),
  },
] as const satisfies readonly { key: string; label: string; lines: readonly string[] }[];

/** The national block: one amount per category, as the national system exports it. */
export const incomeCategoryColumns: Record<IncomeCategory, { key: string; label: string }> = {
  wage: { key: 'wageIncome', label: '工资性收入' },
  business: { key: 'businessIncome', label: '生产经营性收入' },
  property: { key: 'propertyIncome', label: '财产性收入' },
  transfer: { key: 'transferIncome', label: '转移性收入' },
  cost: { key: 'businessCost', label: '生产经营性支出' },
};

const blockHelp = '国家系统口径的汇总数。本户填写了明细时以明细合计为准，未填明细（例如从国家系统导入）时使用此数。';

export const incomesTable: TableSpec = {
  name: 'incomes',
  label: '收入信息采集表',
  rowLabel: '收入记录',
  since: 2,
  help: '附件1 脱贫人口（监测对象）收入信息采集表：每户每年一条',
  columns: [
    k.ref('householdId', '户', 'households', { notNull: true, onDelete: 'cascade' }),
    k.year(),
    k.month('periodStart', '收入起始年月', { help: '收入统计期的第一个月，格式 YYYYMM' }),
    k.month('periodEnd', '收入截止年月', { help: '收入统计期的最后一个月，格式 YYYYMM' }),
    ...Object.values(incomeCategoryColumns).map((c) =>
      k.money(c.key, c.label, { group: '收入汇总（国家系统口径）', help: blockHelp, status: 'C' }),
    ),
    ...lines('工资性收入', incomeDetailLines.wage, 'wageNote'),
    ...lines('生产经营性收入', incomeDetailLines.business, 'bizNote'),
    ...lines('财产性收入', incomeDetailLines.property, 'propNote'),
    ...lines('转移性收入', incomeDetailLines.transfer, 'trNote'),
    ...lines('生产经营性支出', incomeDetailLines.cost, 'costNote'),
    // The national system's own totals, as its export states them: kept as the official figures (rules and key
    // groups use them where there is one); the roll-up of the lines is shown beside them and a disagreement is a 提醒.
    v3.money('officialNet', '家庭纯收入（国家系统）', {
      group: '国家系统数据',
      synonyms: ['家庭纯收入', '年纯收入'],
      help: '国家系统导出的家庭纯收入；与本程序按收入明细计算的数不一致时，数据核查会提醒',
      status: 'C',
    }),
    v3.money('officialPerCapita', '人均纯收入（国家系统）', {
      group: '国家系统数据',
      synonyms: ['人均纯收入（元）', '人均纯收入', '家庭人均纯收入'],
      help: '国家系统导出的人均纯收入；与本程序按收入明细和家庭人口数计算的数不一致时，数据核查会提醒',
      status: 'C',
    }),
    k.money('claims', '理赔收入', {
      synonyms: ['其他理赔收入', '家庭理赔收入'],
      help: '商业保险、防贫保险等针对同一事件的理赔收入',
      status: 'C',
    }),
    k.money('selfPaid', '合规自付支出', {
      synonyms: ['其他合规自付支出'],
      help: '医疗、教育、灾害、事故等刚性支出经基本医保、大病保险、医疗救助等报销后个人负担的合规部分',
      status: 'C',
    }),
    k.text('collector', '信息采集员', { group: '签字' }),
    k.date('collectedDate', '采集日期', { group: '签字' }),
    k.flag('headSigned', '户主已签字', { group: '签字' }),
    k.flag('collectorSigned', '信息采集员已签字', { group: '签字' }),
    k.text('reviewer', '村审核人', { group: '签字' }),
  ],
  uniqueTogether: [['householdId', 'year']],
};
