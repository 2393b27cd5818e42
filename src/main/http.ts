// HTTP transport: the renderer's files, the API (POST /api/<method>, body {"args":[…]}) and the file transfers of
// the contract (upload, download) on 127.0.0.1, for `serve`, browser mode and the end-to-end tests.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, resolve as resolvePath, sep } from 'node:path';
import { apiMethods, fileKindOf, fileKinds, fileKindsText, fileTransfer, type ApiMethod, type Envelope, type PaichaApi } from '../shared/api';
import { PaichaError, toErrorPayload, type ErrorCode, type ErrorPayload } from '../shared/errors';
import { contentSecurityPolicy, isTrustedRequest } from './security';

const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** A county's export is about 65 MB; allow room. */
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const statusOf: Record<ErrorCode, number> = {
  invalid: 400,
  constraint: 400,
  notFound: 404,
  conflict: 409,
  busy: 503,
  blocked: 409,
  newerSchema: 500,
  notDatabase: 500,
  corrupt: 500,
  internal: 500,
};

const securityHeaders = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

const wrongMethod: ErrorPayload = { code: 'invalid', message: '请求方式不正确。' };

function sendJson(res: ServerResponse, status: number, body: Envelope): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** An error envelope; the status follows the error's code unless the transport itself refused (403, 405 …). */
function sendError(res: ServerResponse, error: ErrorPayload, status = statusOf[error.code]): void {
  sendJson(res, status, { error });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new PaichaError('invalid', '请求内容过大。'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(api: PaichaApi, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
    sendError(res, wrongMethod, 405);
    return;
  }
  if (!(apiMethods as readonly string[]).includes(method)) {
    sendError(res, { code: 'notFound', message: '没有这个接口。' });
    return;
  }
  try {
    const body = JSON.parse((await readBody(req)) || '{}') as { args?: unknown };
    const args = Array.isArray(body.args) ? body.args : [];
    const fn = api[method as ApiMethod] as (...a: unknown[]) => Promise<unknown>;
    sendJson(res, 200, { result: (await fn(...args)) ?? null });
  } catch (error) {
    const payload = error instanceof SyntaxError ? { code: 'invalid' as const, message: '请求内容格式不正确。' } : toErrorPayload(error);
    if (payload.code === 'internal') console.error('内部错误：', (error as Error)?.name, (error as Error)?.stack?.split('\n')[1]?.trim());
    sendError(res, payload);
  }
}

/**
 * POST /upload (fileTransfer.upload): the browser's way to hand a file to the back end (Electron passes a path
 * instead). Only the kinds of fileKinds; the bytes go to a private temporary folder, removed when the server stops;
 * the answer is the path to give to importFile.
 */
async function handleUpload(uploadDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const header = req.headers[fileTransfer.upload.nameHeader.toLowerCase()];
  const name = (decoded(typeof header === 'string' ? header : '') ?? '').replace(/[\\/:*?"<>|\x00-\x1f]/g, '_').slice(-120);
  if (!fileKindOf(name)) {
    // Nothing is written: the body is read and dropped, so that the browser gets the answer.
    req.resume();
    sendError(res, { code: 'invalid', message: `只能上传 ${fileKindsText()} 文件。` });
    return;
  }
  const path = join(uploadDir, `${randomUUID()}-${name}`);
  let size = 0;
  const out = createWriteStream(path, { mode: 0o600 });
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_UPLOAD_BYTES) throw new PaichaError('invalid', '文件超过 1 GB，无法上传。请按村拆分后再导入。');
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    sendJson(res, 200, { result: { path, name } });
  } catch (error) {
    out.destroy();
    rmSync(path, { force: true });
    sendError(res, toErrorPayload(error));
  }
}

function serveFile(staticDir: string, urlPath: string, res: ServerResponse): void {
  const path = decoded(urlPath);
  const file = join(staticDir, normalize(path ?? '').replace(/^([/\\])+/, '') || 'index.html');
  if (path === null || !file.startsWith(staticDir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('未找到');
    return;
  }
  res.writeHead(200, { ...securityHeaders, 'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** The api as the browser may use it: imports only from uploaded files, exports only into the download folder. */
function guardPaths(api: PaichaApi, uploadDir: string): PaichaApi {
  const refuse = () => Promise.reject(new PaichaError('invalid', '浏览器中不能指定本机文件路径：请通过「选择文件」上传，导出的文件会自动下载。'));
  return {
    ...api,
    importFile: (options) => (typeof options?.path === 'string' && resolvePath(options.path).startsWith(uploadDir + sep) ? api.importFile(options) : refuse()),
    exportLayout: (request) => (request?.path ? refuse() : api.exportLayout(request)),
    saveImportReport: (options) => (options?.path ? refuse() : api.saveImportReport({})),
  };
}

export interface HttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** decodeURIComponent that answers null instead of throwing on a malformed escape (any page can send one). */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * GET /download/<name> (fileTransfer.download): a file the back end wrote into the server's download folder, sent
 * as an attachment with the MIME type of its kind. A name of no known kind is refused, never sent as something else.
 */
function serveDownload(downloadDir: string, name: string, res: ServerResponse): void {
  const file = join(downloadDir, basename(decoded(name) ?? ''));
  const kind = fileKindOf(file);
  const gone: ErrorPayload = { code: 'notFound', message: '文件不存在或已过期，请重新导出。' };
  if (!file.startsWith(downloadDir + sep)) sendError(res, gone);
  else if (!kind) sendError(res, { code: 'invalid', message: `只能下载 ${fileKindsText()} 文件。` });
  else if (!existsSync(file) || !statSync(file).isFile()) sendError(res, gone);
  else {
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': fileKinds[kind].mimeType,
      'Content-Length': statSync(file).size,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(basename(file))}`,
    });
    createReadStream(file).pipe(res);
  }
}

export function startHttpServer(api: PaichaApi, options: { port: number; staticDir: string; downloadDir?: string }): Promise<HttpServer> {
  const staticDir = normalize(options.staticDir);
  if (!existsSync(join(staticDir, 'index.html'))) {
    return Promise.reject(new PaichaError('notFound', `找不到界面文件（${staticDir}）。请先运行 npm run build。`));
  }
  const uploadDir = mkdtempSync(join(tmpdir(), 'paicha-upload-'));
  const downloadDir = options.downloadDir && resolvePath(options.downloadDir);
  // Over HTTP, files are only read from the upload folder and written to the download folder: a page cannot name
  // another path on the clerk's disk (the CLI and the desktop app may).
  const guarded = guardPaths(api, uploadDir);
  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      console.error('内部错误：', (error as Error)?.name);
      if (!res.headersSent) sendError(res, toErrorPayload(error));
      else res.destroy();
    }
  });
  const route = (req: IncomingMessage, res: ServerResponse) => {
    const port = (server.address() as AddressInfo).port;
    if (!isTrustedRequest(req.headers.host, req.headers.origin, port)) {
      sendError(res, { code: 'invalid', message: '拒绝访问。' }, 403);
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const { upload, download } = fileTransfer;
    if (path.startsWith('/api/')) void handleApi(guarded, path.slice('/api/'.length), req, res);
    else if (path === `/${upload.route}` && req.method === upload.method && req.headers['content-type'] === upload.contentType) void handleUpload(uploadDir, req, res);
    else if (path.startsWith(`/${download.route}/`) && req.method === download.method && downloadDir) serveDownload(downloadDir, path.slice(download.route.length + 2), res);
    else if (req.method === 'GET' || req.method === 'HEAD') serveFile(staticDir, path, res);
    else sendError(res, wrongMethod, 405);
  };
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new PaichaError('busy', `端口 ${options.port} 已被占用。请用 --port 指定其他端口（例如 --port 0 自动选择）。`)
          : error,
      );
    });
    server.listen(options.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        server,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            rmSync(uploadDir, { recursive: true, force: true });
          }),
      });
    });
  });
}
