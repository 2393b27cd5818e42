// Writes the system refuses — a full disk, a missing folder — for the files the back end writes (exports, import
// reports) and receives (uploads): the clerk reads why in Chinese, nothing truncated is left to download, and `serve`
// goes on serving. A full disk is made by letting the files of one folder take only so many bytes.
import fs, { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/main/api';
import { writeError } from '../../src/main/fileWrite';
import { startHttpServer, type HttpServer } from '../../src/main/http';
import { uploadHeaders, type UploadAnswer } from '../../src/shared/api';
import { seedHousehold, tempDir, tempStore } from '../helpers';
import { writeNationalExport } from '../support/nationalExport';

const realCreateWriteStream = fs.createWriteStream;
let server: HttpServer | undefined;

afterEach(async () => {
  fs.createWriteStream = realCreateWriteStream;
  syncBuiltinESMExports();
  await server?.close();
  server = undefined;
});

/** From now on, files written below `folder` get `room` bytes; the next write fails as on a full disk (ENOSPC). */
function fillDisk(folder: string, room: number): void {
  fs.createWriteStream = ((path: fs.PathLike, options?: Parameters<typeof fs.createWriteStream>[1]) => {
    const stream = realCreateWriteStream(path, options);
    if (!String(path).startsWith(folder)) return stream;
    let used = 0;
    const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    const write = stream._write.bind(stream);
    stream._write = (chunk: Buffer, encoding, callback) => ((used += chunk.length) > room ? callback(full()) : write(chunk, encoding, callback));
    const writev = stream._writev?.bind(stream);
    if (writev) {
      stream._writev = (chunks, callback) => ((used += chunks.reduce((sum, c) => sum + (c.chunk as Buffer).length, 0)) > room ? callback(full()) : writev(chunks, callback));
    }
    return stream;
  }) as typeof fs.createWriteStream;
  // The sources import createWriteStream by name: their binding follows the module object only after this.
  syncBuiltinESMExports();
}

function staticDir(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>防返贫排查台账</title>');
  return dir;
}

async function call(method: string, args: unknown[]) {
  const response = await fetch(`${server!.root}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server!.token}` },
    body: JSON.stringify({ args }),
  });
  return { status: response.status, body: (await response.json()) as { result?: { name: string; path: string }; error?: { code: string; message: string } } };
}

async function upload(name: string, bytes: Uint8Array) {
  const response = await fetch(`${server!.root}upload`, {
    method: 'POST',
    headers: { ...uploadHeaders(name), Authorization: `Bearer ${server!.token}` },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: (await response.json()) as UploadAnswer };
}

describe('on a full disk, serve', () => {
  it('answers an upload with the reason, keeps nothing of it, and goes on serving', async () => {
    const store = tempStore();
    server = await startHttpServer(createApi(store), { port: 0, staticDir: staticDir() });
    const first = await upload('名单.xlsx', Buffer.from('PK'));
    const uploads = join(first.body.result!.path, '..');
    fillDisk(uploads, 64 * 1024);
    const refused = await upload('全县名单.xlsx', new Uint8Array(1024 * 1024));
    expect(refused).toEqual({ status: 400, body: { error: { code: 'invalid', message: '上传未完成：无法写入文件「全县名单.xlsx」：磁盘已满。' } } });
    expect(readdirSync(uploads)).toEqual([first.body.result!.path.slice(uploads.length + 1)]);
    expect((await call('stats', [])).status).toBe(200);
  });

  it('answers an export with the reason, and leaves no truncated file to download', async () => {
    const store = tempStore();
    seedHousehold(store, [{ name: '马海军', relation: '户主', idNumber: '621025196310152110' }]);
    const downloadDir = tempDir();
    server = await startHttpServer(createApi(store, { downloadDir }), { port: 0, staticDir: staticDir(), downloadDir });
    fillDisk(downloadDir, 2048);
    const refused = await call('exportLayout', [{ layout: 'households' }]);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^无法写入文件「户籍台账.*\.xlsx」：磁盘已满。$/);
    expect(readdirSync(downloadDir)).toEqual([]);
    // Room again: the same export goes through.
    fs.createWriteStream = realCreateWriteStream;
    syncBuiltinESMExports();
    const exported = await call('exportLayout', [{ layout: 'households' }]);
    expect(exported.status).toBe(200);
    expect(readdirSync(downloadDir)).toEqual([exported.body.result!.name]);
  });

  it('answers the import report with the reason, and leaves no truncated file to download', async () => {
    const store = tempStore();
    const downloadDir = tempDir();
    server = await startHttpServer(createApi(store, { downloadDir }), { port: 0, staticDir: staticDir(), downloadDir });
    const file = join(tempDir(), '名单.xlsx');
    await writeNationalExport(file, 50);
    const uploaded = await upload('名单.xlsx', readFileSync(file));
    expect((await call('importFile', [{ path: uploaded.body.result!.path, displayName: '名单.xlsx', dryRun: true }])).status).toBe(200);
    fillDisk(downloadDir, 2048);
    const refused = await call('saveImportReport', [{}]);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/^无法写入文件「导入报告-\d+\.xlsx」：磁盘已满。$/);
    expect(readdirSync(downloadDir)).toEqual([]);
  });
});

describe('a file that cannot be written where the clerk asked', () => {
  it('is explained by its cause, and an earlier file there stays as it was', async () => {
    const store = tempStore();
    seedHousehold(store, [{ name: '马海军', relation: '户主' }]);
    const api = createApi(store);
    const missing = join(tempDir(), '没有这个目录');
    await expect(api.exportLayout({ layout: 'households', path: join(missing, '户籍台账.xlsx') })).rejects.toThrow(`无法写入文件「户籍台账.xlsx」：目录「${missing}」不存在。`);

    const folder = tempDir();
    const earlier = join(folder, '户籍台账.xlsx');
    writeFileSync(earlier, '上一次导出的文件');
    fillDisk(folder, 2048);
    await expect(api.exportLayout({ layout: 'households', path: earlier })).rejects.toThrow('无法写入文件「户籍台账.xlsx」：磁盘已满。');
    expect(readFileSync(earlier, 'utf8')).toBe('上一次导出的文件');
    expect(readdirSync(folder)).toEqual(['户籍台账.xlsx']);
    expect(existsSync(missing)).toBe(false);
  });

  it('names the cause of each system error a clerk may meet', () => {
    const failure = (code: string) => Object.assign(new Error(code), { code });
    const message = (code: string) => (writeError(failure(code), '/srv/导出/户籍台账.xlsx') as Error).message;
    expect(message('ENOSPC')).toBe('无法写入文件「户籍台账.xlsx」：磁盘已满。');
    expect(message('ENOENT')).toBe('无法写入文件「户籍台账.xlsx」：目录「/srv/导出」不存在。');
    expect(message('EACCES')).toBe('无法写入文件「户籍台账.xlsx」：没有写入目录「/srv/导出」的权限。');
    expect(message('EFBIG')).toBe('无法写入文件「户籍台账.xlsx」：文件超过了系统允许的大小。');
    expect(message('EIO')).toBe('无法写入文件「户籍台账.xlsx」：系统错误 EIO。');
    const bug = new TypeError('x is undefined');
    expect(writeError(bug, '/srv/导出/户籍台账.xlsx')).toBe(bug);
  });
});
