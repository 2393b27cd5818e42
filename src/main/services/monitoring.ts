// A household's 监测程序 file, read for the page that records its steps: the household and its steps, its measures,
// and the facts of the work year that 风险消除 is judged on — read through the same loader and household context as
// 数据核查, so the page refuses what the checks would flag.
import { PaichaError } from '../../shared/errors';
import { eliminationFacts, timeline, type MonitoringFile } from '../../shared/monitoring';
import { householdContexts } from '../../shared/rules/context';
import { text } from '../../shared/rules/helpers';
import { derivedOf } from '../../shared/yearData';
import type { Store } from '../store';
import { checkData } from './checks';
import { loadYear } from './loadYear';

export function monitoringFile(store: Store, householdId: number, today = new Date().toISOString().slice(0, 10)): MonitoringFile {
  const data = loadYear(store, { householdIds: [householdId] });
  const household = data.households[0];
  if (!household) throw new PaichaError('notFound', '所选的户不存在（可能已被删除）。');
  const [ctx] = householdContexts(checkData(data), data.profile, today);
  return {
    household,
    village: text(data.villageById.get(Number(household.villageId))?.name),
    headName: derivedOf(data, household.id).headName,
    steps: timeline(ctx!.steps),
    measures: ctx!.measures,
    facts: eliminationFacts(ctx!),
    blockers: data.profile.eliminationBlockers,
  };
}
