// Every form of the layouts registry through the exporter and the CLI, and the export gate: the 错误 in what goes
// out are counted and placed, and the national list is refused with them unless the clerk overrides.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { importFile } from '../../src/main/services/import';
import { exportLayout } from '../../src/main/services/exporter';
import { layouts } from '../../src/shared/layouts';
import { runMain, tempDir, tempStore, thrownByAsync } from '../helpers';
import { fixturesDir } from '../support/planted';

const place = { county: '正宁县', township: '五顷塬回族乡' };

async function imported() {
  const store = tempStore();
  store.apply({ label: '设置', changes: [{ op: 'insert', table: 'settings', rows: [{ key: 'county', value: place.county }, { key: 'township', value: place.township }] }] });
  await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
  return store;
}

describe('the layouts registry, as the exporter and the CLI read it', () => {
  it('writes every form with its title, 填报单位 and every column header', async () => {
    const store = await imported();
    for (const layout of layouts) {
      const path = join(tempDir(), `${layout.fileName}.xlsx`);
      const result = await exportLayout(store, { layout: layout.id, path, year: 2022, allowErrors: true });
      expect(result.layout).toBe(layout.id);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).toBe(layout.sheetName);
      expect(sheet.getCell('A1').value, layout.id).toBe(layout.title(place, 2022));
      expect(String(sheet.getCell('A2').value)).toContain('填报单位：五顷塬回族乡人民政府');
      const headers = [3, 4].flatMap((r) => (sheet.getRow(r).values as unknown[]).map(String));
      for (const column of layout.columns) expect(headers, `${layout.id} › ${column.header}`).toContain(column.header);
    }
  });

  it('takes 县 and 乡镇 from the villages when 设置 leaves them empty', async () => {
    const store = tempStore();
    await importFile(store, { path: join(fixturesDir, 'national-export-2022.xlsx') });
    const path = join(tempDir(), 'income.xlsx');
    await exportLayout(store, { layout: 'income', path, year: 2022 });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets[0]!.getCell('A1').value).toBe('正宁县2022年度脱贫人口（监测对象）收入信息采集表');
    expect(String(workbook.worksheets[0]!.getCell('A2').value)).toBe('填报单位：五顷塬回族乡人民政府');
  });

  it('lists every form in the CLI help and refuses an unknown one with the list', async () => {
    const help = await runMain(['help']);
    for (const layout of layouts) {
      expect(help.out).toContain(layout.id);
      expect(help.out).toContain(layout.label);
    }
    const wrong = await runMain(['export', 'nothing', '--out', join(tempDir(), 'x.xlsx')]);
    expect(wrong.status).toBe(2);
    expect(wrong.err).toContain('income（附件1 收入信息采集表）');
  });
});

describe('the export gate', () => {
  it('counts the 错误 in what a form writes, by village', async () => {
    const store = await imported();
    const api = createApi(store);
    const national = await api.exportGate({ layout: 'national', year: 2022 });
    const errors = (await api.check({ year: 2022 })).findings.filter((f) => f.severity === 'error' && f.householdId != null);
    expect(national.errors).toBe(errors.length);
    expect(national.errors).toBeGreaterThan(0);
    expect(national.refuses).toBe(true);
    expect(national.byVillage.reduce((n, v) => n + v.errors, 0)).toBe(national.errors);
    expect(national.examples.length).toBeGreaterThan(0);
    // Other forms go out with their 错误 counted, not refused.
    const households = await api.exportGate({ layout: 'households', year: 2022 });
    expect(households).toMatchObject({ errors: national.errors, refuses: false });
    const oneVillage = await api.exportGate({ layout: 'national', year: 2022, village: national.byVillage[0]!.village });
    expect(oneVillage.errors).toBe(national.byVillage[0]!.errors);
  });

  it('refuses the national list while 错误 remain, writing nothing, unless overridden', async () => {
    const store = await imported();
    const path = join(tempDir(), 'national.xlsx');
    const refused = await thrownByAsync(() => exportLayout(store, { layout: 'national', path, year: 2022 }));
    expect(refused.code).toBe('blocked');
    expect(refused.message).toMatch(/还有 \d+ 条错误（.+村 \d+ 条/);
    expect(existsSync(path)).toBe(false);
    expect(store.rows('exportPoints')).toHaveLength(0);
    const result = await exportLayout(store, { layout: 'national', path, year: 2022, allowErrors: true });
    expect(result.gate.errors).toBeGreaterThan(0);
    expect(store.rows('exportPoints')).toHaveLength(1);
  });

  it('paicha export national exits 1 while 错误 remain, and says so when --allow-errors sends them out', async () => {
    const store = await imported();
    store.close();
    const out = join(tempDir(), 'national.xlsx');
    const refused = await runMain(['export', 'national', '--db', store.path, '--year', '2022', '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.err).toContain('--allow-errors');
    expect(existsSync(out)).toBe(false);
    const allowed = await runMain(['export', 'national', '--db', store.path, '--year', '2022', '--out', out, '--allow-errors']);
    expect(allowed.status).toBe(0);
    expect(allowed.out).toMatch(/已导出 129 行/);
    expect(allowed.out).toMatch(/有 \d+ 条错误（.+村 \d+ 条/);
    const json = await runMain(['export', 'households', '--db', store.path, '--year', '2022', '--out', join(tempDir(), 'h.xlsx'), '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ layout: 'households', rows: 40, year: 2022, gate: { refuses: false } });
  });
});
