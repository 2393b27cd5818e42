// The 监测程序 over a real database: an import of the national export gives each 监测对象 one 「国家系统导入」 step in
// the import's change set (not again on a re-import), the api reads a household's file, and a step is written with
// the household's status fields in one change set that one undo takes back.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { Store } from '../../src/main/store';
import type { PaichaApi } from '../../src/shared/api';
import { recordMonitoringStep } from '../../src/shared/commands';
import { fixturesDir } from '../support/planted';
import { tempDir } from '../helpers';

let store: Store;
let api: PaichaApi;

beforeAll(async () => {
  store = Store.open(join(tempDir(), 'monitoring.sqlite'));
  api = createApi(store);
  await api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
  return () => store.close();
});

describe('国家系统导入', () => {
  it('gives every 监测对象 of the file one step with its status, and none again when the file comes again', async () => {
    const monitored = store.rows('households').filter((h) => h.monitoringType);
    const steps = store.rows('monitoringSteps');
    expect(monitored.length).toBeGreaterThan(0);
    expect(steps.map((s) => s.householdId).sort()).toEqual(monitored.map((h) => h.id).sort());
    expect(steps.every((s) => s.step === '国家系统导入')).toBe(true);
    await api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    expect(store.rows('monitoringSteps')).toHaveLength(steps.length);
    const file = await api.monitoringFile(Number(monitored[0]!.id));
    expect(file.steps).toHaveLength(1);
    expect(String(file.steps[0]!.note)).toContain(`监测对象类别：${String(monitored[0]!.monitoringType)}`);
  });
});

describe('a step', () => {
  it('writes the step and the household’s status in one change set, which one undo takes back', async () => {
    const household = store.rows('households').find((h) => h.monitoringType && h.riskEliminated !== '是')!;
    const file = await api.monitoringFile(household.id);
    // The sample's incomes are of 2022 and no 帮扶措施 are keyed: 风险消除 is refused, named.
    expect(() => recordMonitoringStep(file, { step: '风险消除', date: '2023-11-01', eliminationMethod: '自然消除' }, '李思源', '2023-11-20T08:00:00Z')).toThrow(/不能标注风险消除（自然消除）/);
    const set = recordMonitoringStep({ ...file, blockers: [] }, { step: '风险消除', date: '2023-11-01', eliminationMethod: '自然消除' }, '李思源', '2023-11-20T08:00:00Z');
    await api.apply(set);
    expect(store.rows('households', { id: household.id })[0]).toMatchObject({ riskEliminated: '是', eliminationMethod: '自然消除', eliminatedMonth: '202311' });
    expect((await api.monitoringFile(household.id)).steps.map((s) => [s.step, s.recordedBy])).toContainEqual(['风险消除', '李思源']);
    await api.undo();
    expect(store.rows('households', { id: household.id })[0]!.eliminatedMonth).toBe(household.eliminatedMonth);
    expect((await api.monitoringFile(household.id)).steps).toHaveLength(1);
  });
});
