// The data dictionary is the source of the schema, grids and imports: it must be consistent on its own.
import { describe, expect, it } from 'vitest';
import { headerMeaning } from '../../src/shared/importMap';
import { columnSpec, dictionaryVersion, tables } from '../../src/shared/tables';
import { vocabularies } from '../../src/shared/vocab';

describe('the data dictionary', () => {
  it('gives every table and column a unique key and a Chinese label', () => {
    expect(new Set(tables.map((t) => t.name)).size).toBe(tables.length);
    for (const table of tables) {
      const keys = table.columns.map((c) => c.key);
      expect(new Set(keys).size, table.name).toBe(keys.length);
      expect(keys).not.toContain('id');
      for (const column of table.columns) {
        expect(column.label, `${table.name}.${column.key}`).toMatch(/[\u4e00-\u9fff]/);
        expect(column.key).toMatch(/^[a-z][A-Za-z0-9]*$/);
        expect(column.since).toBeGreaterThanOrEqual(table.since);
        expect(column.since).toBeLessThanOrEqual(dictionaryVersion);
      }
    }
  });

  it('points every reference at a table defined before it, and every enum at a vocabulary', () => {
    const order = tables.map((t) => t.name);
    for (const table of tables) {
      for (const column of table.columns) {
        if (column.type === 'ref') expect(order.indexOf(column.ref!)).toBeLessThan(order.indexOf(table.name));
        if (column.type === 'enum') expect(vocabularies[column.vocab!], `${table.name}.${column.key}`).toBeDefined();
      }
    }
  });

  it('has the columns of the national person export', () => {
    const national = ['姓名', '性别', '证件类型', '证件号码', '出生日期', '与户主关系', '民族', '政治面貌', '文化程度', '在校生状况',
      '义务教育阶段未上学原因', '健康状况', '劳动技能', '务工所在地', '务工时间（月）', '是否参加城乡居民基本医疗保险',
      '是否参加城镇职工基本医疗保险', '是否参加大病保险', '是否参加城乡居民基本养老保险', '享受低保政策情况', '享受特困供养政策情况',
      '家庭成员联系电话'];
    const memberLabels = tables.find((t) => t.name === 'members')!.columns.map((c) => c.label);
    expect(memberLabels).toEqual(expect.arrayContaining(national));
    const householdLabels = tables.find((t) => t.name === 'households')!.columns.map((c) => c.label);
    expect(householdLabels).toEqual(expect.arrayContaining(['户编号', '户类型', '监测对象类别', '识别监测时间', '风险是否已消除', '风险消除方式', '消除监测时间', '致贫/返贫风险1', '致贫/返贫风险2', '户联系电话', '信息采集人']));
    // 信息采集人 is a person of 工作人员: the export's name and phone are read to one (src/main/services/import/people.ts).
    expect(headerMeaning('信息采集人联系电话')).toMatchObject({ kind: 'target', target: { table: 'people', column: { key: 'phone' } } });
    expect(columnSpec('members', 'idNumber')?.type).toBe('idNumber');
  });
});
