// The income roll-up against hand-computed paper forms (REFERENCE.md c).
import { describe, expect, it } from 'vitest';
import { incomeSummary, perCapitaChange, workIncomeOf, yuanText } from '../../src/shared/income';
import { defaultProfile } from '../../src/shared/profile';
import { incomeDetailLines, type Row } from '../../src/shared/tables';
import { householdIncomes } from '../../src/shared/yearData';

const row = (values: Record<string, number | string | null>, year = 2023): Row => ({ id: 1, householdId: 1, year, ...values });

describe('incomeSummary', () => {
  it('adds every kind of line in 分 and rolls up the paper totals', () => {
    // Every detail line holds 0.10 元: sums of tenths must come out exact (0.1 + 0.2 is 0.30, not 0.30000000000000004).
    const every = Object.fromEntries(Object.values(incomeDetailLines).flatMap((lines) => lines.map(([key]) => [key, 0.1])));
    const s = incomeSummary(row(every), 3);
    expect(s.categories.wage.amount).toBe(0.5);
    expect(s.categories.business.amount).toBe(0.4);
    expect(s.categories.property.amount).toBe(0.5);
    expect(s.categories.transfer.amount).toBe(2.5);
    expect(s.categories.cost.amount).toBe(0.4);
    expect(s.subtotals).toEqual({ ecoSubtotal: 0.5, otherTransferSubtotal: 1.6 });
    expect(s.total).toBe(3.9);
    expect(s.computedNet).toBe(3.5);
    // 3.50 ÷ 3 = 1.1666… → 1.17
    expect(s.computedPerCapita).toBe(1.17);
    expect(s.official).toBe(false);
  });

  it('a one-person household: 人均纯收入 is the 家庭纯收入; the reference adds 理赔 and takes off 合规自付', () => {
    const s = incomeSummary(row({ trPension: 2400.5, trDibao: 6540, bizCrop: 3000, costCrop: 1200.25, claims: 500, selfPaid: 2000.75 }), 1);
    expect(s.total).toBe(11940.5);
    expect(s.net).toBe(10740.25);
    expect(s.perCapita).toBe(10740.25);
    expect(s.reference).toBe(9239.5);
    expect(s.referencePerCapita).toBe(9239.5);
  });

  it('a negative net income stays negative and is rounded half away from zero', () => {
    const s = incomeSummary(row({ bizLivestock: 1000, costLivestock: 1000.05 }), 2);
    expect(s.computedNet).toBe(-0.05);
    // −5 分 ÷ 2 = −2.5 分 → −3 分
    expect(s.computedPerCapita).toBe(-0.03);
    expect(yuanText(s.computedPerCapita)).toBe('-0.03');
  });

  it('keeps the national block where there are no lines, and the official totals where the export had them', () => {
    const s = incomeSummary(row({ wageIncome: 14888, businessIncome: 1571, transferIncome: 847, businessCost: 728, officialNet: 16578, officialPerCapita: 4144.5 }), 4);
    expect(s.categories.wage).toEqual({ amount: 14888, fromDetails: false, blockValue: null });
    expect(s.computedNet).toBe(16578);
    expect(s.net).toBe(16578);
    expect(s.perCapita).toBe(4144.5);
    expect(s.official).toBe(true);
  });

  it('nobody counted: no per-capita figure', () => {
    expect(incomeSummary(row({ wageOther: 100 }), 0).perCapita).toBeNull();
  });
});

describe('务工 records make 务工收入', () => {
  const work = [
    { year: 2023, isWorking: '是', startMonth: '202303', endMonth: '202308', monthlyIncome: 3500.5 }, // 6 months
    { year: 2023, isWorking: '是', startMonth: '202211', endMonth: null, monthlyIncome: 2000 }, // Jan–Dec: 12 months
    { year: 2023, isWorking: '否', startMonth: '202301', endMonth: '202312', monthlyIncome: 9000 }, // not working: 0
    { year: 2022, isWorking: '是', startMonth: '202201', endMonth: '202212', monthlyIncome: 1000 }, // another year
  ];

  it('sums months inside the year × 月收入', () => {
    expect(workIncomeOf(work, 2023)).toBe(6 * 3500.5 + 12 * 2000);
    expect(workIncomeOf(work, 2022)).toBe(12000);
    expect(workIncomeOf(work, 2021)).toBeNull();
  });

  it('replaces the keyed 务工收入 where the household has records of the year', () => {
    const keyed = incomeSummary(row({ wageMigrant: 5000, wageTownJob: 1000 }), 2);
    const fromRecords = incomeSummary(row({ wageMigrant: 5000, wageTownJob: 1000 }), 2, workIncomeOf(work, 2023));
    expect(keyed.categories.wage.amount).toBe(6000);
    expect(fromRecords.categories.wage.amount).toBe(45003 + 1000);
    expect(fromRecords.workIncome).toBe(45003);
  });
});

describe('householdIncomes: this year beside last year', () => {
  const profile = defaultProfile(2023);
  const members: Row[] = [
    { id: 1, householdId: 1, idNumber: '621025197001010017', relation: '户主' },
    { id: 2, householdId: 1, idNumber: '621025197202020026', relation: '配偶' },
    // Married out in June 2023: counted at the end of 2022, not now.
    { id: 3, householdId: 1, idNumber: '621025199803030044', relation: '之女', changeType: '自然减少', changeReason: '婚出', changeDate: '2023-06-15' },
  ];

  it('last year on last year’s household size, and the change in 元 and %', () => {
    const roll = householdIncomes(members, 2, { current: row({ wageOther: 24000 }), previous: row({ wageOther: 27000 }, 2022), work: [] }, profile);
    expect(roll.previousSize).toBe(3);
    expect(roll.previousIncome?.perCapita).toBe(9000);
    expect(roll.income?.perCapita).toBe(12000);
    expect(roll.change).toEqual({ amount: 3000, percent: 33.33 });
  });

  it('a fall is negative; no change without last year', () => {
    const a = incomeSummary(row({ wageOther: 8000 }), 1);
    const b = incomeSummary(row({ wageOther: 10000 }), 1);
    expect(perCapitaChange(a, b)).toEqual({ amount: -2000, percent: -20 });
    expect(perCapitaChange(a, null)).toBeNull();
  });
});
