// The api over its transports: HTTP (serve) and the CLI, on real temporary database files.
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync, readFileSync, mkdirSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { main } from '../../src/main/cli';
import { startHttpServer, type HttpServer } from '../../src/main/http';
import { downloadHref, uploadHeaders, type UploadAnswer } from '../../src/shared/api';
import { seedHousehold, tempDir, tempStore } from '../helpers';
import { writeNationalExport } from '../support/nationalExport';

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

/** The run's token as a script sends it. */
const bearer = (s: HttpServer) => ({ Authorization: `Bearer ${s.token}` });

async function call(s: HttpServer, method: string, args: unknown[], headers: Record<string, string> = bearer(s)) {
  const response = await fetch(`${s.root}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ args }),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: { code: string; message: string } } };
}

/** A GET (or another request) of a path under the server's root, with the token. */
function get(s: HttpServer, path: string, init: RequestInit = {}) {
  return fetch(`${s.root}${path}`, { ...init, headers: { ...bearer(s), ...(init.headers as Record<string, string>) } });
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
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(server.url).toBe(`${server.root}?token=${server.token}`);
    // The address printed sets the token as a cookie and leads to the page without it in the address bar.
    const admitted = await fetch(server.url, { redirect: 'manual' });
    expect(admitted.status).toBe(303);
    expect(admitted.headers.get('location')).toBe('/');
    const setCookie = admitted.headers.get('set-cookie')!;
    const port = new URL(server.root).port;
    expect(setCookie).toBe(`paicha-token-${port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`);
    const page = await fetch(server.root, { headers: { Cookie: setCookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('防返贫排查台账');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    const applied = await call(server, 'apply', [{ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }] }] }]);
    expect(applied.status).toBe(200);
    expect((await call(server, 'stats', [])).body.result).toMatchObject({ villages: 1 });
  });

  it('returns a refused write as a Chinese message and keeps the data as it was', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    const set = { label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [{ name: '东塬村' }, { name: '东塬村' }] }] };
    const refused = await call(server, 'apply', [set]);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({ code: 'constraint', message: '行政村「东塬村」与已有记录重复，本次修改未保存。' });
    expect(store.rows('villages')).toHaveLength(0);
  });

  it('refuses requests from other sites, other host names, unknown methods and paths outside the app', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    expect((await call(server, 'stats', [], { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(server, 'constructor', [])).status).toBe(404);
    // fetch may not set Host, so the DNS-rebinding case goes through node:http.
    const port = Number(new URL(server.root).port);
    const rebindingStatus = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/api/stats', method: 'POST', headers: { 'Content-Type': 'application/json', Host: `evil.example:${port}`, ...bearer(server!) } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebindingStatus).toBe(403);
    expect((await get(server, `..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await get(server, `assets/app.js`)).status).toBe(200);
    const notJson = await get(server, 'api/stats', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(405);
  });

  it('binds to 127.0.0.1 only', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    expect((server.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it("refuses the page, the api, uploads and downloads without the run's token, and serves the UI's code to anyone", async () => {
    const store = tempStore();
    const downloadDir = tempDir();
    writeFileSync(join(downloadDir, '户籍台账.xlsx'), 'PK');
    server = await startHttpServer(createApi(store, { downloadDir }), { port: 0, staticDir: staticDir(), downloadDir });
    const other = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    try {
      const port = new URL(server.root).port;
      expect(other.token).not.toBe(server.token);
      const refusals: Record<string, string>[] = [
        {},
        { Authorization: 'Bearer ' },
        { Authorization: `Bearer ${other.token}` },
        { Authorization: `Bearer ${server.token}x` },
        { Cookie: `paicha-token-${port}=${other.token}` },
        // The right token under another server's cookie: each server reads only its own.
        { Cookie: `paicha-token-${new URL(other.root).port}=${server.token}` },
      ];
      for (const headers of refusals) {
        const page = await fetch(server.root, { headers });
        expect(page.status).toBe(403);
        expect(await page.text()).toContain('访问令牌');
        expect((await fetch(`${server.root}index.html`, { headers })).status).toBe(403);
        const answer = await call(server, 'stats', [], headers);
        expect(answer.status).toBe(403);
        expect(answer.body.error?.message).toContain('缺少访问令牌或令牌不正确');
        expect((await fetch(`${server.root}upload`, { method: 'POST', headers: { ...uploadHeaders('名单.xlsx'), ...headers }, body: 'PK' })).status).toBe(403);
        expect((await fetch(`${server.root}${downloadHref('户籍台账.xlsx')}`, { headers })).status).toBe(403);
      }
      expect((await fetch(`${server.root}?token=${other.token}`, { redirect: 'manual' })).status).toBe(403);
      expect((await fetch(`${server.root}assets/app.js`)).status).toBe(200);

      expect((await call(server, 'stats', [], { Cookie: `theme=dark; paicha-token-${port}=${server.token}` })).status).toBe(200);
      expect((await call(server, 'stats', [])).status).toBe(200);
      expect((await get(server, downloadHref('户籍台账.xlsx'))).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('answers arguments of the wrong type with 400 and a Chinese message, and does nothing', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store, { downloadDir: tempDir() }), { port: 0, staticDir: staticDir(), downloadDir: tempDir() });
    const wrong: [method: string, args: unknown[], why: string][] = [
      ['rows', [123], 'table 应为文字'],
      ['rows', ['members', { where: { name: { a: 1 } } }], 'query.where.name 应为文字、数字或空值'],
      ['households', [5], 'query 应为对象（{…}）'],
      ['households', [{ limit: '200' }], 'query.limit 应为整数'],
      ['apply', ['x'], 'changeSet 应为对象（{…}）'],
      ['apply', [{ label: '新增行政村', changes: [{ op: 'insert', table: 'villages', rows: [null] }] }], 'changeSet.changes[0].rows[0] 应为对象（{…}）'],
      ['history', ['x'], 'limit 应为整数'],
      ['check', [{ householdIds: 'a' }], 'scope.householdIds 应为列表'],
      ['importFile', [5], 'options 应为对象（{…}）'],
      ['exportLayout', [null], 'request 应为对象（{…}）'],
      ['exportGate', [{ layout: 'households', year: '2023' }], 'request.year 应为整数'],
    ];
    for (const [method, args, why] of wrong) {
      const answer = await call(server, method, args);
      expect(answer, method).toEqual({ status: 400, body: { error: { code: 'invalid', message: `请求的参数不正确（${method}）：${why}。未执行任何操作。` } } });
    }
    expect(store.rows('villages')).toHaveLength(0);
    // An optional argument left out arrives over HTTP as null, and means left out.
    expect((await call(server, 'check', [null])).status).toBe(200);
    expect((await call(server, 'history', [null])).status).toBe(200);
    expect((await call(server, 'households', [{ limit: null }])).status).toBe(200);
    // So does NaN, which JSON sends as null: over IPC, which keeps it, it means the same.
    await expect(createApi(store).history(Number.NaN)).resolves.toEqual([]);
    await expect(createApi(store).rows('villages', { villageId: 'x' as unknown as number })).rejects.toThrow('请求的参数不正确（rows）：query.villageId 应为整数。');
  });

  it('refuses a value longer than its column allows, naming the field and the limit', async () => {
    const store = tempStore();
    const { householdId } = seedHousehold(store, []);
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    const name = '马'.repeat(1_000_000);
    const refused = await call(server, 'apply', [{ label: '新增家庭成员', changes: [{ op: 'insert', table: 'members', rows: [{ householdId, name }] }] }]);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('「姓名」最多 200 个字，现为 1000000 个字');
    expect(store.rows('members')).toHaveLength(0);
    // A 备注 may hold a paragraph.
    const note = '已入户核实，家中无人务工。'.repeat(150);
    expect((await call(server, 'apply', [{ label: '修改备注', changes: [{ op: 'update', table: 'households', rows: [{ id: householdId, note }] }] }])).status).toBe(200);
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
    // 片区没有入户排查责任人 waits until some 入户责任分工 is entered; the empty 监测范围 is the one 提醒.
    expect(result.out.split('\n')[1]).toMatch(/^尚无数据、暂不核查的规则（录入后自动启用）：.*入户责任分工（片区没有入户排查责任人、片区计划完成时间已过仍未入户）/);
    expect(result.out).toContain('共 0 条错误、1 条提醒');
    expect(result.status).toBe(0);
  });
});

describe('the HTTP transport against hostile requests', () => {
  function raw(s: HttpServer, path: string, method = 'GET', headers: Record<string, string> = {}, body = '') {
    const { port } = new URL(s.root);
    return new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: Number(port), path, method, headers: { Host: `127.0.0.1:${port}`, ...bearer(s), ...headers } }, (res) => {
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
    expect(await raw(server, '/%E0%A4%A')).toBe(404);
    expect(await raw(server, '/download/%zz')).toBe(404);
    // A name that does not decode has no kind the app knows: refused, and the server goes on.
    expect(await raw(server, '/upload', 'POST', { 'Content-Type': 'application/octet-stream', 'X-File-Name': '%zz' }, 'PK')).toBe(400);
    expect((await call(server, 'stats', [])).status).toBe(200);
  });

  it('lets a page import only uploaded files and export only into the download folder', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store, { downloadDir: tempDir() }), { port: 0, staticDir: staticDir(), downloadDir: tempDir() });
    const importElsewhere = await call(server, 'importFile', [{ path: '/etc/passwd' }]);
    expect(importElsewhere.body.error?.message).toContain('浏览器中不能指定本机文件路径');
    const exportElsewhere = await call(server, 'exportLayout', [{ layout: 'households', path: '/tmp/evil.xlsx' }]);
    expect(exportElsewhere.body.error?.message).toContain('浏览器中不能指定本机文件路径');
    expect((await call(server, 'exportLayout', [{ layout: 'households' }])).status).toBe(200);
  });
});

describe('files of every kind through the HTTP transport', () => {
  const wordType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const report = () => Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('五顷塬回族乡集中排查工作总结报告')] }] }));

  async function upload(s: HttpServer, name: string, body: Uint8Array) {
    const response = await get(s, 'upload', { method: 'POST', headers: uploadHeaders(name), body: new Uint8Array(body) });
    return { status: response.status, body: (await response.json()) as UploadAnswer };
  }

  it('uploads a Word document into the private upload folder, byte for byte, and removes it when serve stops', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    const bytes = await report();
    const uploaded = await upload(server, '总结报告.docx', bytes);
    expect(uploaded.status).toBe(200);
    const path = uploaded.body.result!.path;
    expect(dirname(dirname(path))).toBe(tmpdir());
    expect(path).toMatch(/[\\/]paicha-upload-[^\\/]+[\\/][0-9a-f-]{36}-总结报告\.docx$/);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    // The page may hand it to the api: it lies in the upload folder (importFile itself then judges the content).
    const imported = await call(server, 'importFile', [{ path, dryRun: true }]);
    expect(imported.body.error?.message).toContain('不是 Excel 工作簿');
    await server.close();
    server = undefined;
    expect(existsSync(path)).toBe(false);
  });

  it('deletes an upload once it has been imported, or its import failed, and keeps it after a preview', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    const file = join(tempDir(), '名单.xlsx');
    await writeNationalExport(file, 2);
    const path = (await upload(server, '名单.xlsx', readFileSync(file))).body.result!.path;
    expect((await call(server, 'importFile', [{ path, displayName: '名单.xlsx', dryRun: true }])).status).toBe(200);
    expect(existsSync(path)).toBe(true);
    expect((await call(server, 'importFile', [{ path, displayName: '名单.xlsx' }])).status).toBe(200);
    expect(existsSync(path)).toBe(false);
    expect(store.count('households')).toBe(2);

    const word = (await upload(server, '总结报告.docx', await report())).body.result!.path;
    expect((await call(server, 'importFile', [{ path: word }])).status).toBe(400);
    expect(existsSync(word)).toBe(false);
  });

  it('refuses an upload of any other kind with a Chinese message, and keeps nothing of it', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    const kept = await upload(server, '../../入户调查表.PDF', Buffer.from('%PDF-1.7'));
    expect(kept.body.result!.name).toBe('.._.._入户调查表.PDF');
    const folder = dirname(kept.body.result!.path);
    for (const name of ['setup.exe', '总结报告.docx.exe', '名单.xls', 'paicha.sqlite', '']) {
      const refused = await upload(server, name, Buffer.from('MZ'));
      expect(refused).toEqual({ status: 400, body: { error: { code: 'invalid', message: '只能上传 .xlsx、.docx 或 .pdf 文件。' } } });
    }
    expect(readdirSync(folder)).toHaveLength(1);
    expect((await call(server, 'stats', [])).status).toBe(200);
  });

  it('sends a Word document, a PDF and a workbook as attachments of their own type', async () => {
    const store = tempStore();
    const downloadDir = tempDir();
    server = await startHttpServer(createApi(store, { downloadDir }), { port: 0, staticDir: staticDir(), downloadDir });
    const bytes = await report();
    writeFileSync(join(downloadDir, '总结报告.docx'), bytes);
    const response = await get(server, `${downloadHref('总结报告.docx')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(wordType);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('总结报告.docx')}`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);

    writeFileSync(join(downloadDir, '入户调查表.pdf'), '%PDF-1.7');
    expect((await get(server, `${downloadHref('入户调查表.pdf')}`)).headers.get('content-type')).toBe('application/pdf');
    const exported = await call(server, 'exportLayout', [{ layout: 'households' }]);
    const workbook = await get(server, `${downloadHref((exported.body.result as { name: string }).name)}`);
    expect(workbook.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(workbook.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('refuses to download a file of an unknown kind, or from outside the download folder', async () => {
    const store = tempStore();
    const downloadDir = join(tempDir(), 'downloads');
    mkdirSync(downloadDir);
    writeFileSync(join(downloadDir, 'notes.txt'), '马海军 621025196310152110');
    writeFileSync(join(downloadDir, 'page.html'), '<script>alert(1)</script>');
    writeFileSync(join(dirname(downloadDir), '总结报告.docx'), 'outside');
    server = await startHttpServer(createApi(store, { downloadDir }), { port: 0, staticDir: staticDir(), downloadDir });
    for (const name of ['notes.txt', 'page.html']) {
      const response = await get(server, `${downloadHref(name)}`);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 'invalid', message: '只能下载 .xlsx、.docx 或 .pdf 文件。' } });
    }
    expect((await get(server, `download/..%2f总结报告.docx`)).status).toBe(404);
    expect((await get(server, `${downloadHref('没有这个文件.docx')}`)).status).toBe(404);
  });
});
