// `npm run bench`: how long the store takes for what a clerk does, at township and county scale.
// Timings vary between machines and runs: compare the rows of one run with each other, not with other runs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../../src/main/api';
import { Store } from '../../src/main/store';
import type { ChangeSet } from '../../src/shared/changes';

/** A village with `households` households of 3 or 4 members (≈3.2 on average, as in the national export). */
function villageSet(households: number): ChangeSet {
  const rows = Array.from({ length: households }, (_, i) => ({
    id: -(i + 2),
    villageId: -1,
    hhNo: `62102510300${String(i).padStart(5, '0')}`,
    householdType: '脱贫户',
    phone: '15834703683',
  }));
  const members = rows.flatMap((h, i) =>
    Array.from({ length: i % 5 === 0 ? 4 : 3 }, (_, j) => ({
      householdId: h.id,
      name: `成员${i}-${j}`,
      idNumber: `6210251970010${String((i * 4 + j) % 100000).padStart(5, '0')}`,
      relation: j === 0 ? '户主' : '之子',
      sex: j % 2 ? '女' : '男',
      health: '健康',
      laborSkill: '普通劳动力',
      insResidentMedical: '是',
    })),
  );
  return {
    label: '批量新增',
    changes: [
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows },
      { op: 'insert', table: 'members', rows: members },
    ],
  };
}

async function time<T>(work: () => T | Promise<T>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'paicha-bench-'));
  const lines: string[] = ['| 规模 | 户 / 成员 | 一个修改集写入（含日志） | 撤销 | 重做 | 读取户籍台账（含户主、人口数） | 单元格修改（100 次平均） | 文件大小 |', '|---|---|---|---|---|---|---|---|'];
  try {
    for (const [scale, households] of [['乡镇', 2_000], ['县', 100_000]] as const) {
      const set = villageSet(households);
      const memberCount = (set.changes[2] as { rows: unknown[] }).rows.length;
      const file = join(dir, `${households}.sqlite`);
      const store = Store.open(file);
      const api = createApi(store);
      const write = await time(() => store.apply(set));
      const undo = await time(() => store.undo());
      const redo = await time(() => store.redo());
      const read = await time(() => api.households());
      const edits = await time(() => {
        for (let i = 1; i <= 100; i++) store.apply({ label: '修改姓名', changes: [{ op: 'update', table: 'members', rows: [{ id: i, name: `改${i}` }] }] });
      });
      store.close();
      const { size } = await import('node:fs').then((fs) => fs.statSync(file));
      lines.push(`| ${scale} | ${households.toLocaleString('en')} / ${memberCount.toLocaleString('en')} | ${seconds(write)} | ${seconds(undo)} | ${seconds(redo)} | ${seconds(read)} | ${(edits / 100).toFixed(1)} ms | ${(size / 1e6).toFixed(0)} MB |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`排查台账 store benchmark — Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
  console.log(lines.join('\n'));
}

void main();
