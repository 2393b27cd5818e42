// Writes a synthetic person-level export shaped like the national system's (two title rows, the header on row 3,
// the 51 columns of ../shared/fixtures/national-export-2022.xlsx, one row per member, IDs as text), at any size.
// Used by the benchmark (county scale) and by the end-to-end test of an interrupted import.
import ExcelJS from 'exceljs';
import { checkCharacter } from '../../src/shared/idcard';

export const nationalHeader = ['县', '乡', '村', '组', '户编号', '姓名', '证件类型', '证件号码', '性别', '出生日期', '与户主关系', '民族', '政治面貌', '文化程度', '在校生状况', '义务教育阶段未上学原因', '健康状况', '劳动技能', '务工所在地', '务工时间（月）', '是否参加城乡居民基本医疗保险', '是否参加城镇职工基本医疗保险', '是否参加大病保险', '是否参加城乡居民基本养老保险', '享受低保政策情况', '享受特困供养政策情况', '家庭成员联系电话', '户类型', '监测对象类别', '识别监测时间', '风险是否已消除', '风险消除方式', '消除监测时间', '致贫/返贫风险1', '致贫/返贫风险2', '户联系电话', '家庭人口数', '工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出', '家庭纯收入', '人均纯收入（元）', '理赔收入', '合规自付支出', '是否危房户', '是否解决安全饮用水', '是否义务教育阶段适龄儿童少年失学辍学', '信息采集人', '信息采集人联系电话'];

const given = '海军淑珍小龙秀兰建国思源文斌桂芳成林有才';
const people = [
  { relation: '户主', year: 1968, sex: '男', education: '初中', labor: '普通劳动力' },
  { relation: '配偶', year: 1970, sex: '女', education: '小学', labor: '普通劳动力' },
  { relation: '之子', year: 1995, sex: '男', education: '高中', labor: '技能劳动力' },
  { relation: '之女', year: 1998, sex: '女', education: '大专', labor: '普通劳动力' },
];

function idNumber(k: number, p: (typeof people)[number]): { id: string; birth: string } {
  const year = p.year + Math.floor(k / 168_000);
  const month = (Math.floor(k / 28) % 12) + 1;
  const day = (k % 28) + 1;
  const birth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const serial = (Math.floor(k / 336) % 500) * 2 + (p.sex === '男' ? 1 : 0);
  const first17 = `621025${birth.replace(/-/g, '')}${String(serial).padStart(3, '0')}`;
  return { id: first17 + checkCharacter(first17), birth };
}

/**
 * Writes `households` households (3 or 4 members each) to `path`; returns the number of member rows. `columns`: the
 * columns written, in that order (default: all 51 as the national system orders them); `sharedStrings: false`
 * writes every text inline in its cell, as some programs do.
 */
export async function writeNationalExport(path: string, households: number, options: { columns?: readonly string[]; sharedStrings?: boolean } = {}): Promise<number> {
  const header = options.columns ?? nationalHeader;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: options.sharedStrings ?? true });
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(['（自定义）家庭成员信息']).commit();
  sheet.addRow(['导出时间：2023-10-30 09:12:00  导出范围：甘肃省庆阳市正宁县五顷塬回族乡']).commit();
  sheet.addRow([...header]).commit();
  let rows = 0;
  for (let i = 0; i < households; i++) {
    const size = i % 5 === 0 ? 4 : 3;
    const village = `村${String(Math.floor(i / 500) + 1).padStart(3, '0')}`;
    const hhNo = `6210251${String(i).padStart(9, '0')}`;
    const wage = 20000 + (i % 17) * 1000;
    for (let j = 0; j < size; j++) {
      const p = people[j]!;
      const k = i * 4 + j;
      const { id, birth } = idNumber(k, p);
      const values: Record<string, unknown> = {
        县: '正宁县', 乡: '五顷塬回族乡', 村: village, 组: `${(i % 6) + 1}组`, 户编号: hhNo,
        姓名: `马${given[k % given.length]}${given[Math.floor(k / given.length) % given.length]}`,
        证件类型: '居民身份证', 证件号码: id, 性别: p.sex, 出生日期: birth, 与户主关系: p.relation, 民族: i % 4 ? '汉族' : '回族',
        政治面貌: '群众', 文化程度: p.education, 健康状况: '健康', 劳动技能: p.labor,
        是否参加城乡居民基本医疗保险: '是', 是否参加城镇职工基本医疗保险: '否', 是否参加大病保险: '是', 是否参加城乡居民基本养老保险: '是',
        享受特困供养政策情况: '不享受', 家庭成员联系电话: `139${String(k).padStart(8, '0')}`, 户类型: i % 3 ? '一般农户' : '脱贫户',
        户联系电话: `158${String(i).padStart(8, '0')}`, 家庭人口数: size, 工资性收入: wage, 生产经营性收入: 3000, 财产性收入: 0,
        转移性收入: 1200, 生产经营性支出: 1000, 家庭纯收入: wage + 3200, '人均纯收入（元）': Math.round(((wage + 3200) / size) * 100) / 100,
        理赔收入: 0, 合规自付支出: 0, 是否危房户: '否', 是否解决安全饮用水: '是', 是否义务教育阶段适龄儿童少年失学辍学: '否',
        信息采集人: '李思源', 信息采集人联系电话: '13506779372',
      };
      sheet.addRow(header.map((h) => values[h] ?? null)).commit();
      rows++;
    }
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
