// 重点人群 with reasons: ②③ from the key-group income year's official 人均纯收入 (for 工作年度 2023: 2022 against
// 2021), ⑥ from 合规自付支出 and health, the rest from the clerk's keygroups row.
import { describe, expect, it } from 'vitest';
import { defaultProfile, type Profile } from '../../src/shared/profile';
import { keyGroupsOf, keyGroupSummary } from '../../src/shared/screening';
import type { Row } from '../../src/shared/tables';
import { buildYearData, type YearRows } from '../../src/shared/yearData';

const place = { county: '正宁县', township: '五顷塬回族乡' };

/** A village per name, one household per entry with `size` healthy members, and the given income rows. */
function yearData(
  households: { village?: string; size?: number; members?: Record<string, unknown>[]; incomes?: Record<number, Record<string, unknown>>; keygroup?: Record<string, unknown> }[],
  profile: Profile = defaultProfile(2023),
) {
  const villageNames = [...new Set(households.map((h) => h.village ?? '东塬村'))];
  const villages = villageNames.map((name, i) => ({ id: 100 + i, name }) as Row);
  let next = 1000;
  const rows: YearRows = {
    villages,
    groups: [],
    households: [],
    members: [],
    incomes: [],
    visits: [],
    measures: [],
    workRecords: [],
    keygroups: [],
    problems: [],
    assignments: [],
    villageIndicators: [],
    people: [],
  };
  households.forEach((h, i) => {
    const id = i + 1;
    rows.households.push({ id, villageId: villages[villageNames.indexOf(h.village ?? '东塬村')]!.id, hhNo: `62102510300100${String(id).padStart(2, '0')}` });
    const members = h.members ?? Array.from({ length: h.size ?? 3 }, () => ({ health: '健康' }));
    members.forEach((m, j) => rows.members.push({ id: next++, householdId: id, relation: j === 0 ? '户主' : '之子', name: `成员${j}`, ...m } as Row));
    for (const [year, income] of Object.entries(h.incomes ?? {})) rows.incomes.push({ id: next++, householdId: id, year: Number(year), ...income } as Row);
    if (h.keygroup) rows.keygroups.push({ id: next++, householdId: id, year: profile.year, ...h.keygroup } as Row);
  });
  return buildYearData(rows, profile, place);
}

const perCapita = (p2022: number, p2021?: number): Record<number, Record<string, unknown>> =>
  p2021 === undefined ? { 2022: { officialPerCapita: p2022 } } : { 2022: { officialPerCapita: p2022 }, 2021: { officialPerCapita: p2021 } };

describe('keyGroupsOf', () => {
  it('puts in ③ a household whose 2022 人均纯收入 is below 10000元, with the figure, and not one at or above it', () => {
    const data = yearData([{ incomes: perCapita(8412.5) }, { incomes: perCapita(10000) }, { incomes: perCapita(9999.99) }]);
    const groups = keyGroupsOf(data);
    expect(groups.get(1)).toEqual({ groups: [3], reasons: ['2022年人均纯收入 8,412.50元，低于10000元'] });
    expect(groups.has(2)).toBe(false);
    expect(groups.get(3)?.groups).toEqual([3]);
  });

  it('reads the 2022 income for 工作年度 2023, not the 2023 record', () => {
    const data = yearData([{ incomes: { 2022: { officialPerCapita: 12000 }, 2023: { officialPerCapita: 5000 } } }]);
    expect(keyGroupsOf(data).size).toBe(0);
  });

  it('follows the profile: its key-group line and income year', () => {
    const profile = { ...defaultProfile(2023), keyGroupLine: 8000, keyGroupIncomeYear: 2023 };
    const data = yearData([{ incomes: { 2022: { officialPerCapita: 7000 }, 2023: { officialPerCapita: 7900 } } }], profile);
    expect(keyGroupsOf(data).get(1)).toEqual({ groups: [3], reasons: ['2023年人均纯收入 7,900.00元，低于8000元'] });
  });

  it('puts in ② a household whose 2022 income fell from 2021, and not one that stayed the same or grew', () => {
    const data = yearData([{ incomes: perCapita(12000, 12500) }, { incomes: perCapita(12500, 12500) }, { incomes: perCapita(13000, 12500) }, { incomes: perCapita(12000) }]);
    const groups = keyGroupsOf(data);
    expect(groups.get(1)).toEqual({
      groups: [2],
      reasons: ['2022年人均纯收入 12,000.00元，2021年 12,500.00元，减少 500.00元（下降 4.00%），收入不增反降'],
    });
    expect([...groups.keys()]).toEqual([1]);
  });

  it('counts slow growth in ② only once the township has set the 增速较慢 line', () => {
    const households = [{ incomes: perCapita(12250, 12000) }, { incomes: perCapita(13000, 12000) }];
    expect(keyGroupsOf(yearData(households)).size).toBe(0);
    const groups = keyGroupsOf(yearData(households, { ...defaultProfile(2023), slowGrowthPercent: 5 }));
    expect(groups.get(1)?.reasons).toEqual(['2022年人均纯收入 12,250.00元，2021年 12,000.00元，增加 250.00元（增长 2.08%），低于增速较慢线 5%']);
    expect(groups.has(2)).toBe(false);
  });

  it('puts in ⑥ a household with 合规自付支出 and an ill or disabled member, not one without the expense or the illness', () => {
    const members = [{ health: '健康' }, { health: '患有大病' }, { health: '长期慢性病,残疾' }];
    const data = yearData([
      { members, incomes: { 2022: { officialPerCapita: 15000, selfPaid: 5269 } } },
      { members, incomes: { 2022: { officialPerCapita: 15000, selfPaid: 0 } } },
      { incomes: { 2022: { officialPerCapita: 15000, selfPaid: 5269 } } },
    ]);
    const groups = keyGroupsOf(data);
    expect(groups.get(1)).toEqual({ groups: [6], reasons: ['2022年合规自付支出 5,269.00元，家庭成员中患有大病 1 人、长期慢性病 1 人、残疾 1 人'] });
    expect([...groups.keys()]).toEqual([1]);
  });

  it('puts in ⑤ a household identified as 监测对象 in the work year, or with 低保 granted in it (the journal)', () => {
    const data = yearData([{ incomes: perCapita(15000) }, { incomes: perCapita(15000) }, { incomes: perCapita(15000) }, { incomes: perCapita(15000) }]);
    Object.assign(data.households[0]!, { monitoringType: '突发严重困难户', identifiedMonth: '202305' });
    Object.assign(data.households[1]!, { monitoringType: '脱贫不稳定户', identifiedMonth: '202208' });
    const granted = data.membersByHousehold.get(3)![1]!;
    data.dibaoGrants = [{ memberId: granted.id, value: '农村低保', at: '2023-07-01' }];
    const groups = keyGroupsOf(data);
    expect(groups.get(1)).toEqual({ groups: [5], reasons: ['2023年05月新识别为突发严重困难户'] });
    expect(groups.get(3)).toEqual({ groups: [5], reasons: ['成员1于 2023-07-01 起享受农村低保'] });
    // Identified in an earlier year, nothing granted: not ⑤.
    expect([...groups.keys()]).toEqual([1, 3]);
  });

  it('takes ①④⑤⑦ from the clerk, with the risk point, but never ②③ the data decide', () => {
    const data = yearData([
      { incomes: perCapita(15000, 14000), keygroup: { categories: '受灾户,务工不稳定或返乡', riskPoints: '7月冰雹，苹果绝收' } },
      { incomes: perCapita(15000, 14000), keygroup: { categories: '人均纯收入低于10000元,收入不增反降或增速较慢' } },
    ]);
    const groups = keyGroupsOf(data);
    expect(groups.get(1)).toEqual({
      groups: [1, 4],
      reasons: ['人工认定为「受灾户」：7月冰雹，苹果绝收', '人工认定为「务工不稳定或返乡」：7月冰雹，苹果绝收'],
    });
    expect(groups.has(2)).toBe(false);
  });
});

describe('keyGroupSummary', () => {
  it('counts 户 and 人 per village and group, a household in each of its groups', () => {
    const data = yearData([
      { village: '东塬村', size: 4, incomes: perCapita(8000, 9000) },
      { village: '东塬村', size: 2, incomes: perCapita(9000) },
      { village: '南庄村', size: 5, incomes: perCapita(11000, 12000) },
      { village: '南庄村', size: 3, incomes: perCapita(20000) },
    ]);
    expect(keyGroupSummary(data, keyGroupsOf(data))).toEqual([
      { village: '东塬村', group: 2, households: 1, people: 4 },
      { village: '东塬村', group: 3, households: 2, people: 6 },
      { village: '南庄村', group: 2, households: 1, people: 5 },
    ]);
  });
});
