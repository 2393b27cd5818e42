// While an import or a restore runs, writes wait their turn with a clear message: an undo pressed during an import
// must not take back the clerk's previous edit (and lose it from redo), and nothing reads a file being replaced.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { seedHousehold, tempStore, thrownByAsync } from '../helpers';
import { fixturesDir } from '../support/planted';

describe('writes during a long task', () => {
  it('refuses undo, redo and edits while an import runs; afterwards undo takes back the import', async () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store);
    const api = createApi(store);
    await api.apply({ label: '修改住址', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, address: '一组12号' }] }] });
    const importing = api.importFile({ path: join(fixturesDir, 'national-export-2022.xlsx') });
    for (const call of [() => api.undo(), () => api.redo(), () => api.apply({ label: '修改', changes: [] }), () => api.restoreBackup('x')]) {
      const refused = await thrownByAsync(call);
      expect(refused.code).toBe('busy');
      expect(refused.message).toContain('正在进行「导入」');
    }
    await importing;
    expect((await api.undo()).label).toMatch(/^导入/);
    expect((await api.undo()).label).toBe('修改住址');
  });

  it('answers every call but the progress with "busy" while a restore replaces the file', async () => {
    const store = tempStore();
    seedHousehold(store);
    const api = createApi(store);
    const { name } = await api.backupNow();
    const restoring = api.restoreBackup(name);
    const refused = await thrownByAsync(() => api.stats());
    expect(refused).toMatchObject({ code: 'busy', message: '正在从备份恢复数据，请稍候再试。' });
    expect(await api.taskProgress()).toMatchObject({ task: '恢复备份' });
    await restoring;
    expect(await api.stats()).toMatchObject({ households: 1 });
  });
});
