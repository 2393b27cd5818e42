// `paicha import` as a process: progress on stderr, the sample's counts in `stats`, and a process killed while
// writing leaves the database as it was.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { writeNationalExport } from '../support/nationalExport';
import { runCli } from './harness';
import { tempDirKeep } from './tmp';

const root = join(__dirname, '..', '..');
const sample = join(root, '..', 'shared', 'fixtures', 'national-export-2022.xlsx');

describe('paicha import', () => {
  it('imports the sample export, with progress on stderr, and stats counts it', async () => {
    const db = join(tempDirKeep(), 'paicha.sqlite');
    const result = await runCli(['import', sample, '--db', db]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('户 40（新增 40，更新 0），成员 129（新增 129，更新 0）');
    expect(result.stderr).toContain('导入：完成 100%');
    const stats = await runCli(['stats', '--db', db, '--json']);
    expect(JSON.parse(stats.stdout)).toMatchObject({ households: 40, members: 129 });
    const check = await runCli(['check', '--db', db, '--json', '--year', '2022']);
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'member.idChecksum')).toBe(true);
  });

  it('leaves the database as it was when the process is killed while writing', async () => {
    const dir = tempDirKeep();
    const file = join(dir, '大表.xlsx');
    await writeNationalExport(file, 20_000);
    const db = join(dir, 'paicha.sqlite');
    await runCli(['import', sample, '--db', db]);

    const child = spawn(process.execPath, [join(root, 'bin', 'paicha.js'), 'import', file, '--db', db], { cwd: root });
    const killed = await new Promise<string>((resolve) => {
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (stderr.includes('写入数据库')) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => resolve(String(signal)));
    });
    expect(killed).toBe('SIGKILL');

    const after = new Database(db);
    expect(after.pragma('quick_check', { simple: true })).toBe('ok');
    expect((after.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(40);
    expect((after.prepare('SELECT count(*) AS n FROM change_sets').get() as { n: number }).n).toBe(1);
    after.close();
  }, 120_000);
});
