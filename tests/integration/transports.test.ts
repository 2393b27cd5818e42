// The api over its transports: HTTP (serve) and the CLI, on real temporary database files.
import { createHash } from 'node:crypto';
import { writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { main } from '../../src/main/cli';
import { startHttpServer, type HttpServer } from '../../src/main/http';
import { seedHousehold, tempDir, tempStore } from '../helpers';

let server: HttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function staticDir(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>防返贫排查台账</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

async function call(url: string, method: string, args: unknown[], headers: Record<string, string> = {}) {
  const response = await fetch(`${url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ args }),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: { code: string; message: string } } };
}

describe('the api', () => {
  it('derives 户主 and 家庭人口数 for each household from its members', async () => {
    const store = tempStore();
    seedHousehold(store, [
      { name: '马海军', relation: '户主', idNumber: '621025196310152110' },
      { name: '冯淑珍', relation: '配偶' },
      { name: '马奶奶', relation: '之母', changeType: '自然减少' },
    ]);
    const [household] = await createApi(store).households();
    expect(household).toMatchObject({ hhNo: '6210251030010001', headName: '马海军', headIdNumber: '621025196310152110', size: 2, memberCount: 3 });
    expect(await createApi(store).stats()).toMatchObject({ villages: 1, households: 1, members: 3 });
  });
});

describe('the HTTP transport', () => {
  it('serves the page with a Content-Security-Policy and answers api calls', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(await page.text()).toContain('防返贫排查台账');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    const applied = await call(server.url, 'apply', [{ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }] }] }]);
    expect(applied.status).toBe(200);
    expect((await call(server.url, 'stats', [])).body.result).toMatchObject({ villages: 1 });
  });

  it('returns a refused write as a Chinese message and keeps the data as it was', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    const set = { label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }, { name: '东塬村' }] }] };
    const refused = await call(server.url, 'apply', [set]);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({ code: 'constraint', message: '行政村「东塬村」与已有记录重复，本次修改未保存。' });
    expect(store.rows('villages')).toHaveLength(0);
  });

  it('refuses requests from other sites, other host names, unknown methods and paths outside the app', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    expect((await call(server.url, 'stats', [], { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(server.url, 'constructor', [])).status).toBe(404);
    // fetch may not set Host, so the DNS-rebinding case goes through node:http.
    const port = Number(new URL(server.url).port);
    const rebindingStatus = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/stats', method: 'POST', headers: { 'Content-Type': 'application/json', Host: `evil.example:${port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebindingStatus).toBe(403);
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.url}assets/app.js`)).status).toBe(200);
    const notJson = await fetch(`${server.url}api/stats`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(405);
  });

  it('binds to 127.0.0.1 only', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    expect((server.server.address() as { address: string }).address).toBe('127.0.0.1');
  });
});

/** Runs the CLI in this process, collecting what it prints. */
function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }).then((status) => ({ status, out: out.join('\n'), err: err.join('\n') }));
}

describe('the command line', () => {
  it('counts villages, households and members as JSON', async () => {
    const store = tempStore();
    seedHousehold(store, [{ name: '马海军' }, { name: '冯淑珍' }]);
    const result = await run(['stats', '--db', store.path, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ villages: 1, households: 1, members: 2 });
    expect((await run(['stats', '--db', store.path])).out).toBe('行政村 1 个，村民小组 0 个，户 1 户，家庭成员 2 人');
  });

  it('refuses a file that is not a database with a Chinese message, leaving it as it was', async () => {
    const file = join(tempDir(), '名单.xlsx');
    writeFileSync(file, 'PK\u0003\u0004 not a database');
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const result = await run(['stats', '--db', file]);
    expect(result.status).toBe(1);
    expect(result.err).toContain('不是排查台账的数据库文件');
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('explains unknown commands and bad options', async () => {
    expect((await run(['frobnicate'])).err).toContain('未知命令「frobnicate」');
    expect((await run(['stats', '--colour'])).err).toContain('参数有误');
    expect((await run(['serve', '--port', 'abc', '--db', join(tempDir(), 'x.sqlite')])).err).toContain('端口「abc」无效');
    expect((await run(['help'])).out).toContain('paicha <命令>');
  });
});

describe('paicha check', () => {
  it('lists the findings as JSON and exits 1 while an 错误 remains', async () => {
    const store = tempStore();
    seedHousehold(store, [
      { name: '马海军', relation: '户主', sex: '男', idNumber: '621025196310152110', insResidentMedical: '是', insEmployeeMedical: '是' },
    ]);
    const result = await run(['check', '--db', store.path, '--json', '--year', '2023']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.out) as { year: number; monitoringLine: null; errors: number; findings: Record<string, unknown>[] };
    expect(report).toMatchObject({ year: 2023, monitoringLine: null });
    expect(report.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'member.idChecksum', severity: 'error', hhNo: '6210251030010001', idNumber: '621025196310152110', field: 'idNumber', fieldLabel: '证件号码' }),
        expect.objectContaining({ ruleId: 'member.bothMedical', severity: 'error' }),
      ]),
    );
    expect(report.errors).toBe(report.findings.filter((f) => f.severity === 'error').length);
  });

  it('prints the monitoring line first and exits 0 when only 提醒 remain', async () => {
    const store = tempStore();
    seedHousehold(store, []);
    store.apply({ label: '删除', changes: [{ op: 'delete', table: 'households', ids: [1] }] });
    store.apply({ label: '新增村民小组', changes: [{ op: 'insert', table: 'groups', rows: [{ villageId: 1, name: '一组' }] }] });
    const result = await run(['check', '--db', store.path, '--year', '2023']);
    expect(result.out.split('\n')[0]).toBe('2023年度监测范围：未填写（请在「设置」中按县乡文件填写）');
    expect(result.out).toContain('[提醒]');
    expect(result.out).toContain('共 0 条错误、1 条提醒');
    expect(result.status).toBe(0);
  });
});

describe('the HTTP transport against hostile requests', () => {
  function raw(url: string, path: string, method = 'GET', headers: Record<string, string> = {}, body = '') {
    const { port } = new URL(url);
    return new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(port), path, method, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('survives malformed escapes in paths and file names', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir(), downloadDir: tempDir() });
    expect(await raw(server.url, '/%E0%A4%A')).toBe(404);
    expect(await raw(server.url, '/download/%zz')).toBe(404);
    expect(await raw(server.url, '/upload', 'POST', { 'Content-Type': 'application/octet-stream', 'X-File-Name': '%zz' }, 'PK')).toBe(200);
    expect((await call(server.url, 'stats', [])).status).toBe(200);
  });

  it('lets a page import only uploaded files and export only into the download folder', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store, { downloadDir: tempDir() }), { port: 0, staticDir: staticDir(), downloadDir: tempDir() });
    const importElsewhere = await call(server.url, 'importFile', [{ path: '/etc/passwd' }]);
    expect(importElsewhere.body.error?.message).toContain('浏览器中不能指定本机文件路径');
    const exportElsewhere = await call(server.url, 'exportTable', [{ table: 'households', path: '/tmp/evil.xlsx' }]);
    expect(exportElsewhere.body.error?.message).toContain('浏览器中不能指定本机文件路径');
    expect((await call(server.url, 'exportTable', [{ table: 'households' }])).status).toBe(200);
  });
});
