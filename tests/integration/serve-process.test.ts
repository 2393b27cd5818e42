// `paicha serve` as a process of its own, as a clerk runs it: how it stops (every stop signal, and while a request
// is still in flight), what it leaves behind in the temporary folder (nothing, and nothing of an earlier run that was
// killed), and that a write refused by the system (the file-size limit) does not end it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { uploadHeaders, type UploadAnswer } from '../../src/shared/api';
import { tempDir } from '../helpers';
import { nationalHeader } from '../support/nationalExport';
import { repeated, SHEET_HEAD, SHEET_TAIL, workbookParts, writeZip } from '../support/zipParts';

const root = join(__dirname, '..', '..');
const entry = join(root, 'tests', 'support', 'paichaProcess.ts');

interface Serving {
  child: ChildProcess;
  /** The address printed, with the token. */
  url: string;
  root: string;
  /** The database file. */
  db: string;
  token: string;
  /** The process's temporary folder (TMPDIR): where its upload and download folders go. */
  tmp: string;
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts `paicha serve --port 0` on a new database, its temporary folder `tmp`; `limitKb` sets ulimit -f. */
function startServe(tmp: string, options: { limitKb?: number } = {}): Promise<Serving> {
  const db = join(tempDir(), 'paicha.sqlite');
  const args = ['--import', 'tsx', entry, 'serve', '--db', db, '--port', '0'];
  const env = { ...process.env, TMPDIR: tmp };
  const child =
    options.limitKb === undefined
      ? spawn(process.execPath, args, { cwd: root, env })
      : spawn('bash', ['-c', `ulimit -f ${options.limitKb} && exec "$0" "$@"`, process.execPath, ...args], { cwd: root, env });
  running.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)\?token=([\w-]+)\s/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: `${match[1]}?token=${match[2]}`, root: match[1]!, db, token: match[2]!, tmp, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

const paichaFolders = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('paicha-')).sort();

async function upload(s: Serving, name: string, bytes: Uint8Array) {
  const response = await fetch(`${s.root}upload`, { method: 'POST', headers: { ...uploadHeaders(name), Authorization: `Bearer ${s.token}` }, body: new Uint8Array(bytes) });
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

async function call(s: Serving, method: string, args: unknown[] = []) {
  const response = await fetch(`${s.root}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.token}` },
    body: JSON.stringify({ args }),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: { code: string; message: string } } };
}

/** Resolves to the exit status, or rejects when the process has not ended within `ms`. */
function exitWithin(s: Serving, ms: number): Promise<number | null> {
  return Promise.race([s.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`serve still runs ${ms} ms after the signal`)), ms))]);
}

describe('paicha serve as a process', () => {
  it.each(['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGQUIT'] as const)('on %s removes its upload and download folders and closes the database', async (signal) => {
    const tmp = tempDir();
    const served = await startServe(tmp);
    const uploaded = await upload(served, '名单.xlsx', Buffer.from('PK 马海军 621025196310152110'));
    expect(uploaded.status).toBe(200);
    expect(existsSync(uploaded.body.result!.path)).toBe(true);
    expect(paichaFolders(tmp)).toEqual([expect.stringMatching(/^paicha-download-\d+-/), expect.stringMatching(/^paicha-upload-\d+-/)]);
    served.child.kill(signal);
    expect(await exitWithin(served, 10_000)).toBe(0);
    expect(paichaFolders(tmp)).toEqual([]);
    // Closed, not killed: SQLite removes its write-ahead log when the last connection closes.
    expect(existsSync(served.db)).toBe(true);
    expect(existsSync(`${served.db}-wal`)).toBe(false);
  });

  it('removes folders left by a serve that is gone, and keeps those of one still running', async () => {
    const tmp = tempDir();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const abandoned = [`paicha-upload-${gone}-AbC123`, `paicha-download-${gone}-xYz789`];
    const living = `paicha-upload-${process.pid}-Keep01`;
    for (const name of [...abandoned, living, 'paicha-e2e-Other1']) {
      mkdirSync(join(tmp, name), { mode: 0o700 });
      writeFileSync(join(tmp, name, '名单.xlsx'), '马海军 621025196310152110');
    }
    const served = await startServe(tmp);
    const left = paichaFolders(tmp);
    for (const name of abandoned) expect(left).not.toContain(name);
    expect(left).toContain(living);
    expect(left).toContain('paicha-e2e-Other1');
    served.child.kill('SIGTERM');
    expect(await served.exited).toBe(0);
    expect(paichaFolders(tmp)).toEqual(['paicha-e2e-Other1', living].sort());
  });

  it('removes its folders when it ends by an uncaught exception', () => {
    const tmp = tempDir();
    const script = join(tempDir(), 'crash.ts');
    writeFileSync(
      script,
      [
        `import { readdirSync } from 'node:fs';`,
        `import { tmpdir } from 'node:os';`,
        `import { makeTempDir } from ${JSON.stringify(join(root, 'src', 'main', 'tempFiles.ts'))};`,
        `makeTempDir('upload');`,
        `makeTempDir('download');`,
        `console.log(readdirSync(tmpdir()).filter((name) => name.startsWith('paicha-')).length);`,
        `setTimeout(() => { throw new Error('意外错误'); }, 10);`,
      ].join('\n'),
    );
    const crashed = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' });
    expect(crashed.stdout.trim()).toBe('2');
    expect(crashed.stderr).toContain('意外错误');
    expect(crashed.status).toBe(1);
    expect(paichaFolders(tmp)).toEqual([]);
  });

  it('keeps answering while an import runs, and on SIGTERM stops at once all the same, closing the database', async () => {
    const tmp = tempDir();
    const served = await startServe(tmp);
    // A person-level export of 50,000 rows (120 MB of sheet): reading it takes seconds, in many small steps.
    const file = join(tempDir(), '全县名单.xlsx');
    const cell = (text: string) => `<c t="inlineStr"><is><t>${text}</t></is></c>`;
    let seed = 7;
    const digits = () => String((seed = (seed * 48271) % 2147483647)).padStart(10, '0');
    const row = () => `<row>${nationalHeader.map((h) => cell(h === '证件号码' ? '621025196310152110' : h === '户编号' ? '6210251030010001' : digits())).join('')}</row>`;
    const rows = Array.from({ length: 50 }, row).join('');
    writeZip(file, [...workbookParts(), repeated('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row>${nationalHeader.map(cell).join('')}</row>`, rows, 1000, SHEET_TAIL)]);
    const uploaded = await upload(served, '全县名单.xlsx', readFileSync(file));
    expect(uploaded.status).toBe(200);
    const importing = call(served, 'importFile', [{ path: uploaded.body.result!.path, dryRun: true }]).catch(() => undefined);
    await expect.poll(async () => (await call(served, 'taskProgress')).body.result, { interval: 20, timeout: 15_000 }).toMatchObject({ task: '导入', phase: '读取' });
    expect((await call(served, 'stats')).status).toBe(200);
    served.child.kill('SIGTERM');
    // The import would read for seconds more; it is not waited for.
    expect(await exitWithin(served, 2_500)).toBe(0);
    await importing;
    expect(paichaFolders(tmp)).toEqual([]);
    expect(existsSync(`${served.db}-wal`)).toBe(false);
  });

  it('answers an upload beyond the system file-size limit with its reason, keeps nothing of it, and goes on serving', async () => {
    const tmp = tempDir();
    const served = await startServe(tmp, { limitKb: 1024 });
    const refused = await upload(served, '全县名单.xlsx', new Uint8Array(3 * 1024 * 1024));
    expect(refused).toEqual({ status: 400, body: { error: { code: 'invalid', message: '上传未完成：无法写入文件「全县名单.xlsx」：文件超过了系统允许的大小。' } } });
    const uploads = join(tmp, paichaFolders(tmp).find((name) => name.startsWith('paicha-upload-'))!);
    expect(readdirSync(uploads)).toEqual([]);
    expect((await call(served, 'stats')).status).toBe(200);
    expect((await upload(served, '名单.xlsx', Buffer.from('PK'))).status).toBe(200);
    expect(served.child.exitCode).toBeNull();
  });
});
