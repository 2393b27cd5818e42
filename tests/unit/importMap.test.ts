import { describe, expect, it } from 'vitest';
import { headerMeaning, headerScore, importTargets, normalizeHeader } from '../../src/shared/importMap';

const target = (header: string) => {
  const m = headerMeaning(header);
  return m.kind === 'target' ? `${m.target.table}.${m.target.column.key}` : m.kind === 'verify' ? `verify.${m.key}` : null;
};

describe('mapping export columns by name', () => {
  it('knows every column of the national person export', () => {
    const national = ['县', '乡', '村', '组', '户编号', '姓名', '证件类型', '证件号码', '性别', '出生日期', '与户主关系', '民族', '政治面貌', '文化程度', '在校生状况', '义务教育阶段未上学原因', '健康状况', '劳动技能', '务工所在地', '务工时间（月）', '是否参加城乡居民基本医疗保险', '是否参加城镇职工基本医疗保险', '是否参加大病保险', '是否参加城乡居民基本养老保险', '享受低保政策情况', '享受特困供养政策情况', '家庭成员联系电话', '户类型', '监测对象类别', '识别监测时间', '风险是否已消除', '风险消除方式', '消除监测时间', '致贫/返贫风险1', '致贫/返贫风险2', '户联系电话', '家庭人口数', '工资性收入', '生产经营性收入', '财产性收入', '转移性收入', '生产经营性支出', '家庭纯收入', '人均纯收入（元）', '理赔收入', '合规自付支出', '是否危房户', '是否解决安全饮用水', '是否义务教育阶段适龄儿童少年失学辍学', '信息采集人', '信息采集人联系电话'];
    expect(national.filter((h) => target(h) === null)).toEqual([]);
    expect(target('村')).toBe('villages.name');
    expect(target('乡')).toBe('villages.township');
    expect(target('组')).toBe('groups.name');
    expect(target('工资性收入')).toBe('incomes.wageIncome');
    expect(target('是否危房户')).toBe('visits.unsafeHousing');
    expect(target('户主姓名')).toBe('verify.headName');
  });

  it('reads names written other ways', () => {
    expect(normalizeHeader(' 人均纯收入(元) ')).toBe('人均纯收入（元）');
    expect(target('乡(镇)')).toBe('villages.township');
    expect(target('行政村')).toBe('villages.name');
    expect(target('* 姓名')).toBe('members.name');
    expect(target('身份证号码')).toBe('members.idNumber');
  });

  it('maps each name to one place only, and finds the header row by its known names', () => {
    expect(importTargets.size).toBeGreaterThan(100);
    expect(headerScore(['（自定义）家庭成员信息'])).toBe(0);
    expect(headerScore(['县', '乡', '村', '户编号', '姓名', '备注栏'])).toBe(5);
  });
});
