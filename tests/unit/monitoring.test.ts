// The monitoring procedure (src/shared/monitoring.ts) through its command (recordMonitoringStep): 识别纳入 in order,
// the 绿色通道 flagged until its chain is complete, and 风险消除 refused while a 七不消 blocker holds, each named.
import { describe, expect, it } from 'vitest';
import { recordMonitoringStep } from '../../src/shared/commands';
import { eliminationFacts, identificationChain, procedureState, type MonitoringFile, type StepInput } from '../../src/shared/monitoring';
import { runChecks } from '../../src/shared/rules';
import { householdContexts } from '../../src/shared/rules/context';
import type { Row } from '../../src/shared/tables';
import { cleanData, profile2023 } from './rules-fixture';

const NOW = '2023-11-20T08:00:00.000Z';

/** The fixture's household, as the 监测程序 page reads it, after `change` to the data. */
function fileOf(change: (d: ReturnType<typeof cleanData>) => void = () => {}, steps: Row[] = []): MonitoringFile {
  const data = cleanData();
  change(data);
  const profile = profile2023();
  const [ctx] = householdContexts({ ...data, monitoringSteps: steps }, profile, '2023-11-20');
  return { household: data.households[0]!, village: '东塬村', headName: '马海军', steps, measures: ctx!.measures, facts: eliminationFacts(ctx!), blockers: profile.eliminationBlockers };
}

/** Records a step into the file as the store would apply its change set: the step row, and the household patch. */
function record(file: MonitoringFile, input: StepInput): MonitoringFile {
  const set = recordMonitoringStep(file, input, '李思源', NOW);
  const inserted = set.changes.find((c) => c.op === 'insert' && c.table === 'monitoringSteps');
  const patch = set.changes.find((c) => c.op === 'update' && c.table === 'households');
  const step = { id: file.steps.length + 1, ...(inserted?.op === 'insert' ? inserted.rows[0] : {}) } as Row;
  const household = { ...file.household, ...(patch?.op === 'update' ? patch.rows[0] : {}) } as Row;
  return { ...file, household, steps: [...file.steps, step] };
}

const notMonitored = (d: ReturnType<typeof cleanData>) =>
  Object.assign(d.households[0]!, { householdType: '一般农户', monitoringType: null, identifiedMonth: null, risk1: null, riskEliminated: null });

describe('识别纳入', () => {
  it('takes the steps in order, one change set each with who recorded it, and makes the household a 监测对象 at 县级审定', () => {
    let file = fileOf(notMonitored);
    expect(procedureState(file.household, file.steps).next).toEqual(['申请或风险研判', '绿色通道先行帮扶']);
    file = record(file, { step: '申请或风险研判', date: '2023-03-01', monitoringType: '边缘易致贫户', risks: ['因病'] });
    expect(() => record(file, { step: '公示', date: '2023-03-05' })).toThrow('识别纳入须按顺序办理，下一步是「入户核查」。');
    for (const [i, step] of identificationChain.slice(1, 6).entries()) file = record(file, { step, date: `2023-03-0${i + 2}` });
    expect(file.household.monitoringType).toBeNull();
    const set = recordMonitoringStep(file, { step: '县级审定', date: '2023-03-10' }, '李思源', NOW);
    expect(set.label).toBe('监测程序：县级审定（6210251030010001）');
    expect(set.changes).toEqual([
      { op: 'insert', table: 'monitoringSteps', rows: [expect.objectContaining({ householdId: 1, step: '县级审定', date: '2023-03-10', recordedBy: '李思源', recordedAt: NOW })] },
      {
        op: 'update',
        table: 'households',
        rows: [{ id: 1, monitoringType: '边缘易致贫户', identifiedMonth: '202303', riskEliminated: '否', eliminationMethod: null, eliminatedMonth: null, risk1: '因病', risk2: null, risk3: null, risk4: null, risk5: null }],
      },
    ]);
    file = record(record(file, { step: '县级审定', date: '2023-03-10' }), { step: '录入系统', date: '2023-03-12' });
    expect(procedureState(file.household, file.steps)).toMatchObject({ monitored: true, eliminated: false, round: null, next: ['风险消除'] });
  });

  it('refuses a date earlier than the step before, or to come', () => {
    const file = record(fileOf(notMonitored), { step: '申请或风险研判', date: '2023-03-01' });
    expect(() => record(file, { step: '入户核查', date: '2023-02-27' })).toThrow('日期 2023-02-27 早于上一步「申请或风险研判」的日期 2023-03-01。');
    expect(() => record(file, { step: '入户核查', date: '2023-12-01' })).toThrow('日期 2023-12-01 晚于今天');
  });
});

describe('绿色通道', () => {
  it('helps first, then is flagged by 数据核查 and blocks 风险消除 until the chain is complete', () => {
    let file = fileOf(notMonitored);
    expect(() => record(file, { step: '绿色通道先行帮扶', date: '2023-04-01', monitoringType: '突发严重困难户', risks: ['因病'] })).toThrow('只适用于因灾、因意外事故');
    file = record(file, { step: '绿色通道先行帮扶', date: '2023-04-01', monitoringType: '突发严重困难户', risks: ['因自然灾害'] });
    expect(file.household).toMatchObject({ monitoringType: '突发严重困难户', identifiedMonth: '202304', risk1: '因自然灾害' });
    const flagged = () => {
      const data = cleanData();
      data.households[0] = file.household;
      return runChecks({ ...data, monitoringSteps: file.steps }, profile2023(), { today: '2023-11-20' }).filter((f) => f.ruleId === 'monitor.greenChannelOpen');
    };
    expect(flagged().map((f) => f.message)).toEqual(['2023-04-01 经绿色通道先行帮扶，识别程序尚缺：入户核查、信息比对、民主评议、公示、乡镇审核、县级审定、录入系统']);
    expect(() => record(file, { step: '风险消除', date: '2023-11-01', eliminationMethod: '帮扶消除', confirmed: ['存在新风险或群众不认可'] })).toThrow(
      '「识别程序未完成」：绿色通道先行帮扶后尚缺：入户核查、信息比对、民主评议、公示、乡镇审核、县级审定、录入系统',
    );
    for (const step of identificationChain.slice(1)) file = record(file, { step, date: '2023-04-20' });
    expect(file.household.identifiedMonth).toBe('202304');
    expect(flagged()).toEqual([]);
  });
});

describe('风险消除 and the 七不消', () => {
  const eliminate = (file: MonitoringFile, method = '帮扶消除', date = '2023-11-01') =>
    record(file, { step: '风险消除', date, eliminationMethod: method, confirmed: ['存在新风险或群众不认可'] });

  it('refuses while blockers hold, naming each with the data behind it', () => {
    const file = fileOf((d) => {
      d.households[0]!.identifiedMonth = '202308';
      d.measures.length = 0;
      d.visits[0]!.safeWater = '否';
      d.incomes[0]!.wageMigrant = 0;
      d.workRecords.length = 0;
    });
    let message = '';
    try {
      eliminate(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^不能标注风险消除（帮扶消除），下列情形仍未排除：/);
    expect(message).toContain('「收入不稳定」：2023年人均纯收入 1,475.00元，未稳定超过监测范围 7,000.00元');
    expect(message).toContain('「刚性支出未解决」：合规自付支出 3,000.00元，扣除后人均收入参考范围 725.00元');
    expect(message).toContain('「三保障或饮水安全未解决」：饮水安全未解决');
    expect(message).toContain('「识别未满半年」：202308 识别，至 202311 仅 3 个月');
    expect(message).toContain('「未落实帮扶措施」：没有任何帮扶措施记录');
    expect(message).not.toContain('整户无劳动能力');
  });

  it('asks the clerk to check off what the data cannot decide', () => {
    expect(() => record(fileOf(), { step: '风险消除', date: '2023-11-01', eliminationMethod: '帮扶消除' })).toThrow('「存在新风险或群众不认可」：尚未核实排除');
  });

  it('judges 自然消除 without the income and measure conditions of 帮扶消除, but not without the others', () => {
    const file = fileOf((d) => {
      d.measures.length = 0;
      for (const m of d.members) m.laborSkill = '无劳动力';
    });
    expect(() => eliminate(file, '自然消除')).toThrow(/^不能标注风险消除（自然消除），下列情形仍未排除：「整户无劳动能力」：整户无劳动能力的监测对象暂不标注风险消除。$/);
  });

  it('marks the risk eliminated when none holds; 回退 and 再标注 follow as their own steps', () => {
    let file = eliminate(fileOf());
    expect(file.household).toMatchObject({ riskEliminated: '是', eliminationMethod: '帮扶消除', eliminatedMonth: '202311' });
    expect(file.steps.at(-1)).toMatchObject({ step: '风险消除', eliminationMethod: '帮扶消除', note: '已核实排除：存在新风险或群众不认可' });
    expect(procedureState(file.household, file.steps).next).toEqual(['风险消除回退', '风险再标注']);
    file = record(file, { step: '风险消除回退', date: '2023-11-15', note: '收入不稳定' });
    expect(file.household).toMatchObject({ riskEliminated: '否', eliminationMethod: null, eliminatedMonth: null, identifiedMonth: '202303' });
    expect(() => record(file, { step: '风险再标注', date: '2023-11-16', risks: ['因残'] })).toThrow('该户风险尚未消除，不能「风险再标注」。');
  });

  it('takes the 七不消 from the profile: an item the township struck out no longer refuses', () => {
    const file = { ...fileOf((d) => (d.households[0]!.identifiedMonth = '202308')), blockers: ['收入不稳定'] };
    expect(eliminate(file).household.riskEliminated).toBe('是');
  });
});
