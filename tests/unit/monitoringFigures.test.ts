// The one computation of the monitoring numbers (src/shared/monitoringFigures.ts): 新识别 by 类别 and risk, 风险消除
// by way, 回退, 再标注, 绿色通道, and the 问题台账 by category and state on a given day.
import { describe, expect, it } from 'vitest';
import { ledgerNumbers, monitoringNumbers, problemState } from '../../src/shared/monitoringFigures';
import type { Row } from '../../src/shared/tables';
import { buildYearData } from '../../src/shared/yearData';
import { cleanData, idFor, profile2023 } from './rules-fixture';

const row = (id: number, fields: Record<string, unknown>) => ({ id, ...fields }) as Row;

function data() {
  const d = cleanData();
  d.households.push(
    // Identified in 2023 by the 绿色通道, its chain still open.
    row(2, { villageId: 1, hhNo: '6210251030010002', householdType: '一般农户', monitoringType: '突发严重困难户', identifiedMonth: '202306', risk1: '因自然灾害', risk2: '因病', riskEliminated: '否' }),
    // Identified in 2022, eliminated in 2023 (帮扶消除).
    row(3, { villageId: 1, hhNo: '6210251030010003', householdType: '脱贫户', monitoringType: '脱贫不稳定户', identifiedMonth: '202204', risk1: '因残', riskEliminated: '是', eliminationMethod: '帮扶消除', eliminatedMonth: '202310' }),
    // Eliminated in 2023, then reverted.
    row(4, { villageId: 1, hhNo: '6210251030010004', householdType: '一般农户', monitoringType: '边缘易致贫户', identifiedMonth: '202201', risk1: '因学', riskEliminated: '否' }),
  );
  d.members.push(
    row(11, { householdId: 2, name: '李有才', relation: '户主', idNumber: idFor('1970-01-01', '男', 11) }),
    row(12, { householdId: 2, name: '王桂芳', relation: '配偶', idNumber: idFor('1972-01-01', '女', 12) }),
    row(13, { householdId: 3, name: '周建军', relation: '户主', idNumber: idFor('1965-01-01', '男', 13) }),
    row(14, { householdId: 4, name: '赵志强', relation: '户主', idNumber: idFor('1980-01-01', '男', 14) }),
  );
  const steps = [
    row(1, { householdId: 2, step: '绿色通道先行帮扶', date: '2023-06-02' }),
    row(2, { householdId: 4, step: '风险消除', date: '2023-03-01', eliminationMethod: '自然消除' }),
    row(3, { householdId: 4, step: '风险消除回退', date: '2023-09-01' }),
  ];
  d.problems.push(
    row(2, { villageId: 1, householdId: 2, category: '基本医疗', description: '未参保', deadline: '2023-11-10', closed: '否' }),
    row(3, { villageId: 1, householdId: 3, category: '基本医疗', description: '自付过高', deadline: '2023-11-10', closed: '是', source: '部门预警或比对' }),
  );
  return buildYearData({ ...d, keygroups: [], monitoringSteps: steps }, profile2023(), { county: '正宁县', township: '五顷塬回族乡' });
}

describe('monitoringNumbers', () => {
  const numbers = monitoringNumbers(data(), '2023-11-20');

  it('counts 新识别 by 类别 and by risk, in 户 and 人', () => {
    expect(numbers.newlyIdentified).toMatchObject({ households: 2, people: 6 });
    expect(numbers.newlyIdentified.byType).toEqual([
      { type: '脱贫不稳定户', households: 1, people: 4 },
      { type: '边缘易致贫户', households: 0, people: 0 },
      { type: '突发严重困难户', households: 1, people: 2 },
    ]);
    expect(numbers.newlyIdentified.byRisk).toEqual([
      { risk: '因病', households: 2, people: 6 },
      { risk: '因自然灾害', households: 1, people: 2 },
    ]);
  });

  it('counts 风险消除 by way, 回退, 再标注 and the 绿色通道 still open', () => {
    expect(numbers.eliminated).toEqual({ households: 1, people: 1, byMethod: [{ method: '帮扶消除', households: 1, people: 1 }, { method: '自然消除', households: 0, people: 0 }] });
    expect(numbers.reverted).toEqual({ households: 1, people: 1 });
    expect(numbers.relabelled).toEqual({ households: 0, people: 0 });
    expect(numbers.greenChannel).toEqual({ households: 1, people: 2, open: { households: 1, people: 2 } });
  });

  it('counts the ledger by state and category on the day given', () => {
    expect(numbers.ledger).toMatchObject({ total: 3, closed: 1, open: 1, overdue: 1 });
    expect(numbers.ledger.byCategory).toEqual([
      { category: '基本医疗', total: 2, closed: 1, open: 0, overdue: 1 },
      { category: '其他', total: 1, closed: 0, open: 1, overdue: 0 },
    ]);
    expect(numbers.ledger.bySource.map((s) => s.source)).toEqual(['部门预警或比对', '未填']);
  });
});

describe('problemState', () => {
  it('is overdue only past the 整改时限 and not 销号', () => {
    expect(problemState({ id: 1, deadline: '2023-11-10', closed: '否' }, '2023-11-10')).toBe('open');
    expect(problemState({ id: 1, deadline: '2023-11-10', closed: null }, '2023-11-11')).toBe('overdue');
    expect(problemState({ id: 1, deadline: '2023-11-10', closed: '是' }, '2023-12-01')).toBe('closed');
    expect(ledgerNumbers([], '2023-11-11')).toEqual({ total: 0, closed: 0, open: 0, overdue: 0, byCategory: [], bySource: [] });
  });
});
