// A finding of 数据核查 or a visit's 排查结论 becomes a 问题台账 entry in one step (src/shared/commands.ts).
import { describe, expect, it } from 'vitest';
import { problemFromVisit, problemsFromFindings } from '../../src/shared/commands';
import type { Finding } from '../../src/shared/rules/types';

const finding = (ruleId: string, message: string, extra: Partial<Finding> = {}): Finding => ({
  ruleId,
  severity: 'warning',
  table: 'members',
  rowId: 7,
  field: null,
  message,
  householdId: 3,
  villageId: 1,
  hhNo: '6210251030010001',
  idNumber: '621025198703194367',
  ...extra,
});

describe('problemsFromFindings', () => {
  it('makes one entry per finding, its category from the rule, in one change set', () => {
    const set = problemsFromFindings(
      [finding('member.noMedical', '马海军未参加基本医疗保险'), finding('income.ordinaryBelowLine', '人均纯收入 5,000.00 元，低于监测范围'), finding('member.sexMismatch', '性别与证件号码不符')],
      [],
      '2023-11-10',
    );
    expect(set?.changes).toHaveLength(1);
    const rows = set!.changes[0]!.op === 'insert' ? set!.changes[0]!.rows : [];
    expect(rows.map((r) => r.category)).toEqual(['基本医疗', '应纳未纳', '信息数据错误']);
    expect(rows[0]).toMatchObject({ villageId: 1, householdId: 3, source: '数据核查', foundDate: '2023-11-10', idNumber: '621025198703194367', description: '马海军未参加基本医疗保险' });
    expect(set!.label).toBe('转入问题台账 3 条');
  });

  it('leaves out what is already on the ledger and what belongs to no village; null when nothing is left', () => {
    const stored = [{ id: 1, householdId: 3, description: '马海军未参加基本医疗保险' }];
    expect(problemsFromFindings([finding('member.noMedical', '马海军未参加基本医疗保险'), finding('x.y', '设置有误', { villageId: null })], stored, '2023-11-10')).toBeNull();
  });
});

describe('problemFromVisit', () => {
  const household = { id: 3, villageId: 1, hhNo: '6210251030010001' };

  it('turns 建议纳入监测 into an 应纳未纳 entry with the needs, dated on the visit', () => {
    const set = problemFromVisit({ id: 9, conclusion: '建议纳入监测', needs: '申请低保', visitDate: '2023-11-02' }, household, '2023-11-10');
    expect(set?.changes[0]).toEqual({
      op: 'insert',
      table: 'problems',
      rows: [{ villageId: 1, householdId: 3, category: '应纳未纳', description: '入户排查结论：建议纳入监测；帮扶需求：申请低保', source: '入户排查', foundDate: '2023-11-02' }],
    });
  });

  it('makes nothing of 无风险 or of no conclusion', () => {
    expect(problemFromVisit({ id: 9, conclusion: '无风险' }, household, '2023-11-10')).toBeNull();
    expect(problemFromVisit({ id: 9, conclusion: null }, household, '2023-11-10')).toBeNull();
  });
});
