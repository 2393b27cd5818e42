// Long work runs in a worker thread: while the whole of a large database is checked, or an import is compared and
// written, `serve` (the built one) goes on answering other calls, the task's progress included.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeNationalExport } from '../support/nationalExport';
import { runCli, startServe, type Served } from './harness';
import { tempDirKeep } from './tmp';

let served: Served;
let exportFile: string;

async function call(method: string, args: unknown[] = []): Promise<{ at: number; body: { result?: unknown; error?: { message: string } } }> {
  const url = new URL(served.url);
  const response = await fetch(`${url.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${url.searchParams.get('token')}` },
    body: JSON.stringify({ args }),
  });
  return { at: performance.now(), body: (await response.json()) as { result?: unknown } };
}

beforeAll(async () => {
  const dir = tempDirKeep();
  exportFile = join(dir, 'county.xlsx');
  await writeNationalExport(exportFile, 12_000);
  const db = join(dir, 'paicha.sqlite');
  expect((await runCli(['import', exportFile, '--db', db, '--year', '2023'])).status).toBe(0);
  served = await startServe(db);
}, 120_000);

afterAll(async () => {
  await served?.stop();
});

describe('long work off the request loop', () => {
  it('answers while the whole database is checked', async () => {
    const checking = call('check', [{ year: 2023 }]);
    await new Promise((r) => setTimeout(r, 150));
    const stats = await call('stats');
    const checked = await checking;
    expect(checked.body.error).toBeUndefined();
    expect(stats.body.result).toMatchObject({ households: 12_000 });
    expect(stats.at).toBeLessThan(checked.at);
    expect((checked.body.result as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('answers, with the progress of the import, while an import reads, compares and writes', async () => {
    const upload = await fetch(`${new URL(served.url).origin}/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('county.xlsx'), Authorization: `Bearer ${new URL(served.url).searchParams.get('token')}` },
      body: readFileSync(exportFile),
    });
    const { result: uploaded } = (await upload.json()) as { result: { path: string } };
    const importing = call('importFile', [{ path: uploaded.path, year: 2023, dryRun: true }]);
    const phases = new Set<string>();
    let answered = 0;
    for (let i = 0; i < 200 && phases.size < 2; i++) {
      const step = await call('taskProgress');
      answered++;
      const progress = step.body.result as { phase: string } | null;
      if (progress) phases.add(progress.phase);
      await new Promise((r) => setTimeout(r, 25));
    }
    const done = await importing;
    expect(done.body.error).toBeUndefined();
    expect(answered).toBeGreaterThan(1);
    expect(phases.size).toBeGreaterThanOrEqual(2);
  });
});
