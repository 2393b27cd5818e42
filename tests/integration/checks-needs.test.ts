// Rules waiting for data not yet on file, through the quick re-check after an edit: what the checks keep between
// calls (which needs are met) follows every write — the clerk's edits, their undo, and writes made elsewhere.
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { Store } from '../../src/main/store';
import { seedHousehold, tempStore } from '../helpers';

const waits = async (api: ReturnType<typeof createApi>, householdId: number) =>
  (await api.check({ householdIds: [householdId] })).waiting.some((w) => w.ruleId === 'monitor.contact');

describe('rules waiting for their data', () => {
  it('start and stop with the edits, their undo and redo, and writes from another connection', async () => {
    const store = tempStore();
    const api = createApi(store);
    const { householdId } = seedHousehold(store);
    expect(await waits(api, householdId)).toBe(true);

    // The first 监测联系人 on file: the rule runs from the next re-check on.
    await api.apply({ label: '修改', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, monitorContact: '张三' }] }] });
    expect(await waits(api, householdId)).toBe(false);
    await api.undo();
    expect(await waits(api, householdId)).toBe(true);
    await api.redo();
    expect(await waits(api, householdId)).toBe(false);

    // Emptied again, and an edit of another table in between: waiting again.
    await api.apply({ label: '修改', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, monitorContact: '' }] }] });
    await api.apply({ label: '修改', changes: [{ op: 'update', table: 'members', rows: [{ id: 1, name: '马海' }] }] });
    expect(await waits(api, householdId)).toBe(true);

    // Written by another connection (as an import in a worker writes): seen as well.
    const other = Store.open(store.path, { alreadyChecked: true });
    try {
      other.apply({ label: '导入', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, monitorContact: '李四' }] }] });
    } finally {
      other.close();
    }
    expect(await waits(api, householdId)).toBe(false);
  });
});
