import { headerMeaning } from '../importMap';
import { personOf } from '../people';
import type { Row, TableName } from '../tables';
import { derivedOf, type YearData } from '../yearData';
import { derived, field } from './columns';
import type { Layout, LayoutColumn } from './types';

/** The column names and order of the national system's person-level export (家庭成员信息). */
export const nationalColumns = ['县', '乡', '村', '组', '户编号', '姓名', '证件类型', '证件号码', '性别', '出生日期', '与户主关系', '民族', '政治面貌', '文化程度', '在校生状况', '义务教育阶段未上学原因', '健康状况', '劳动技能', '务工所在地', '务工时间（月）', '是否参加城乡居民基本医疗保险', '是否参加城镇职工基本医疗保险', '是否参加大病保险', '是否参加城乡居民基本养老保险', '享受低保政策情况', '享受特困供养政策情况', '家庭成员联系电话', '户类型', '监测对象类别', '识别监测时间', '风险是否已消除', '风险消除方式', '消除监测时间', '致贫/返贫风险1', '致贫/返贫风险2', '户联系电话', '家庭人口数', '工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出', '家庭纯收入', '人均纯收入（元）', '理赔收入', '合规自付支出', '是否危房户', '是否解决安全饮用水', '是否义务教育阶段适龄儿童少年失学辍学', '信息采集人', '信息采集人联系电话'];

const householdOf = (member: Row, data: YearData) => data.householdById.get(Number(member.householdId));

/** The row of a table that a member's line reads a column from. */
const rowOf: Partial<Record<TableName, (member: Row, data: YearData) => Row | undefined>> = {
  members: (member) => member,
  households: householdOf,
  villages: (member, data) => data.villageById.get(Number(householdOf(member, data)?.villageId)),
  groups: (member, data) => data.groupById.get(Number(householdOf(member, data)?.groupId)),
  incomes: (member, data) => data.incomeByHousehold.get(Number(member.householdId)),
  visits: (member, data) => data.visitByHousehold.get(Number(member.householdId)),
  // 信息采集人 and 信息采集人联系电话: the household's person of 工作人员.
  people: (member, data) => personOf(data.personById, householdOf(member, data)?.collectorId),
};

/** One national column, by its name mapped through the dictionary (once per column, not per cell). */
function nationalColumn(header: string): LayoutColumn {
  const meaning = headerMeaning(header);
  if (meaning.kind === 'target' && meaning.target.table === 'incomes' && /^official/.test(meaning.target.column.key)) {
    // 家庭纯收入 and 人均纯收入 as in use: the national system's own figure, else the roll-up of the keyed lines.
    const key = meaning.target.column.key === 'officialNet' ? 'net' : 'perCapita';
    return derived(header, (m, data) => derivedOf(data, m.householdId).income?.[key]);
  }
  if (meaning.kind === 'target') {
    const of = rowOf[meaning.target.table];
    if (!of) throw new Error(`national column ${header} reads ${meaning.target.table}`);
    // The national list is flat: one header row, as the national system writes it.
    return { ...field(meaning.target.table, meaning.target.column.key, of, header), group: undefined };
  }
  if (meaning.kind === 'unknown') return derived(header, () => null, { kind: 'text' });
  const facts = (member: Row, data: YearData) => derivedOf(data, member.householdId);
  switch (meaning.key) {
    case 'size':
      return derived(header, (m, data) => facts(m, data).size, { width: 7 });
    case 'headName':
      return derived(header, (m, data) => facts(m, data).headName, { kind: 'text', width: 10 });
    case 'headIdNumber':
      return derived(header, (m, data) => facts(m, data).headIdNumber, { kind: 'text', width: 24 });
  }
}

/** The person-level list for the national system, in the national export's own column names and order. */
export const nationalLayout: Layout = {
  id: 'national',
  label: '国家系统名单（全国系统的列名和顺序）',
  fileName: '国家系统名单',
  sheetName: '家庭成员信息',
  table: 'members',
  title: (place, year) => `${place.county}${place.township}${year}年度家庭成员信息（报全国防止返贫监测信息系统）`,
  rows: (data) => data.households.flatMap((h) => data.membersByHousehold.get(h.id) ?? []),
  householdOrder: true,
  columns: nationalColumns.map(nationalColumn),
  national: true,
};
