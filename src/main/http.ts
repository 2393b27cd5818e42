// HTTP transport: the renderer's files, the API (POST /api/<method>, body {"args":[…]}) and the file transfers of
// the contract (upload, download) on 127.0.0.1, for `serve`, browser mode and the end-to-end tests.
//
// Every run has a secret token, as Jupyter's (security.ts): the address printed carries it (/?token=…); the first page
// load with it sets it as a cookie and drops it from the address bar; scripts may send it as Authorization: Bearer.
// Without it, only the UI's code and styles are served (assets/: no data in them) — not the page, the API, uploads or
// downloads (403).
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, normalize, resolve as resolvePath, sep } from 'node:path';
import { finished, pipeline } from 'node:stream';
import { apiMethods, fileKindOf, fileKinds, fileKindsText, fileTransfer, type ApiMethod, type Envelope, type PaichaApi } from '../shared/api';
import { PaichaError, toErrorPayload, type ErrorCode, type ErrorPayload } from '../shared/errors';
import { writeError } from './fileWrite';
import { carriedToken, contentSecurityPolicy, isTrustedRequest, newAccessToken, tokenCookie, tokenMatches } from './security';
import { makeTempDir, removeTempDir } from './tempFiles';

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

/** Sends a file of the disk; a file that cannot be read (removed meanwhile) ends the response, never the server. */
function sendFile(file: string, res: ServerResponse): void {
  pipeline(createReadStream(file), res, () => undefined);
}

/**
 * The request's body into a new file, at most MAX_UPLOAD_BYTES. Rejects on the limit or on a write error (a full
 * disk, the system's file-size limit) without destroying the request, so that the browser still gets the answer.
 */
async function receive(req: IncomingMessage, path: string): Promise<void> {
  const out = createWriteStream(path, { mode: 0o600, flags: 'wx' });
  // Always listened to: an error while no write waits (a full disk) must fail this upload, not end the server.
  const failure: { error?: Error } = {};
  out.on('error', (error) => (failure.error ??= error));
  try {
    let size = 0;
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      if (failure.error) throw failure.error;
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) throw new PaichaError('invalid', '文件超过 1 GB，无法上传。请按村拆分后再导入。');
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await new Promise<void>((resolve, reject) => finished(out, (error) => (error ? reject(error) : resolve())));
  } finally {
    if (!out.closed) {
      const closed = once(out, 'close').catch(() => undefined);
      out.destroy();
      await closed;
    }
  }
}

/**
 * POST /upload (fileTransfer.upload): the browser's way to hand a file to the back end (Electron passes a path
 * instead). Only the kinds of fileKinds; the bytes go to a private temporary folder (removed when the server stops,
 * and each file once it is imported); the answer is the path to give to importFile. A failed upload (too big, a full
 * disk) is answered with its reason, and nothing of it is kept.
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
  try {
    await receive(req, path);
    sendJson(res, 200, { result: { path, name } });
  } catch (error) {
    rmSync(path, { force: true });
    // The rest of the body is read and dropped, so that the browser gets the answer.
    req.resume();
    const failed = writeError(error, path, name);
    sendError(res, failed instanceof PaichaError && failed !== error ? { code: 'invalid', message: `上传未完成：${failed.message}` } : toErrorPayload(failed));
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
  sendFile(file, res);
}

/** Removes a file if it can (on Windows not while another import still reads it: the folder goes when serve stops). */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left for the folder's removal.
  }
}

/**
 * The api as the browser may use it: imports only from uploaded files, exports only into the download folder. An
 * upload is deleted once it has been imported (or its import failed): only a preview (dryRun) keeps it, for the
 * import that follows.
 */
function guardPaths(api: PaichaApi, uploadDir: string): PaichaApi {
  const refuse = () => Promise.reject(new PaichaError('invalid', '浏览器中不能指定本机文件路径：请通过「选择文件」上传，导出的文件会自动下载。'));
  const isUpload = (path: unknown): path is string => typeof path === 'string' && resolvePath(path).startsWith(uploadDir + sep);
  return {
    ...api,
    importFile: async (options) => {
      const path: unknown = options?.path;
      // A path of the wrong type, or none, is the api's to refuse.
      if (typeof path === 'string' && !isUpload(path)) return refuse();
      try {
        return await api.importFile(options);
      } finally {
        if (isUpload(path) && options.dryRun !== true) removeQuietly(path);
      }
    },
    exportLayout: (request) => (request?.path ? refuse() : api.exportLayout(request)),
    saveImportReport: (options) => (options?.path ? refuse() : api.saveImportReport({})),
    // A report's template is an upload (kept for the reports that follow, removed when serve stops); it goes to the download folder.
    reportPreview: (query) => (query?.template && !isUpload(query.template) ? refuse() : api.reportPreview(query)),
    writeReport: (request) => (request?.path || (request?.template && !isUpload(request.template)) ? refuse() : api.writeReport(request)),
    writeReportTemplate: (options) => (options?.path ? refuse() : api.writeReportTemplate({})),
    // The household forms likewise: an uploaded template, written to the download folder.
    writeForms: (request) => (request?.path || (request?.template && !isUpload(request.template)) ? refuse() : api.writeForms(request)),
    writeFormsTemplate: (options) => (options?.path ? refuse() : api.writeFormsTemplate({ kind: options?.kind })),
    writePublicity: (request) => (request?.path ? refuse() : api.writePublicity(request)),
  };
}

export interface HttpServer {
  server: Server;
  /** The address to open, with the run's token: http://127.0.0.1:PORT/?token=… (a #/page may follow). */
  url: string;
  /** The server's root without the token, http://127.0.0.1:PORT/, for requests that send the token otherwise. */
  root: string;
  /** The run's token, for `Authorization: Bearer <token>`. */
  token: string;
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
    sendFile(file, res);
  }
}

const noToken: ErrorPayload = { code: 'invalid', message: '缺少访问令牌或令牌不正确。请打开 paicha serve 启动时显示的完整地址（含 ?token=…）。' };

/** A page asked for without the token: a sentence, not the app. */
function refusePage(res: ServerResponse): void {
  res.writeHead(403, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${noToken.message}\n`);
}

/** The first load with the token: the token becomes a cookie and leaves the address bar (and the history). */
function admit(res: ServerResponse, port: number, token: string): void {
  // Always to the root: the app is one page, and a Location built from the request could lead elsewhere.
  res.writeHead(303, { ...securityHeaders, 'Set-Cookie': tokenCookie(port, token), Location: '/', 'Content-Type': 'text/plain; charset=utf-8' });
  res.end();
}

export function startHttpServer(api: PaichaApi, options: { port: number; staticDir: string; downloadDir?: string; token?: string }): Promise<HttpServer> {
  const staticDir = normalize(options.staticDir);
  if (!existsSync(join(staticDir, 'index.html'))) {
    return Promise.reject(new PaichaError('notFound', `找不到界面文件（${staticDir}）。请先运行 npm run build。`));
  }
  const token = options.token ?? newAccessToken();
  const uploadDir = makeTempDir('upload');
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
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const { upload, download } = fileTransfer;
    const reading = req.method === 'GET' || req.method === 'HEAD';
    const transfer = path.startsWith('/api/') || path === `/${upload.route}` || path.startsWith(`/${download.route}/`);
    // The UI's code and styles hold no data: served to anyone who may reach the server, as the page needs them.
    if (reading && path.startsWith('/assets/')) return serveFile(staticDir, path, res);
    const authorized = tokenMatches(carriedToken(req.headers, port), token);
    if (reading && !transfer) {
      const offered = url.searchParams.get('token');
      if (offered !== null) return tokenMatches(offered, token) ? admit(res, port, token) : refusePage(res);
      return authorized ? serveFile(staticDir, path, res) : refusePage(res);
    }
    if (!authorized) return sendError(res, noToken, 403);
    if (path.startsWith('/api/')) void handleApi(guarded, path.slice('/api/'.length), req, res);
    else if (path === `/${upload.route}` && req.method === upload.method && req.headers['content-type'] === upload.contentType) void handleUpload(uploadDir, req, res);
    else if (path.startsWith(`/${download.route}/`) && req.method === download.method && downloadDir) serveDownload(downloadDir, path.slice(download.route.length + 2), res);
    else if (reading) serveFile(staticDir, path, res);
    else sendError(res, wrongMethod, 405);
  };
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      removeTempDir(uploadDir);
      reject(
        error.code === 'EADDRINUSE'
          ? new PaichaError('busy', `端口 ${options.port} 已被占用。请用 --port 指定其他端口（例如 --port 0 自动选择）。`)
          : error,
      );
    });
    server.listen(options.port, '127.0.0.1', () => {
      // Once listening, an error of the listening socket (too many open files …) is told, and serving goes on.
      server.on('error', (error: NodeJS.ErrnoException) => console.error('服务错误：', error.code ?? error.name));
      const { port } = server.address() as AddressInfo;
      const root = `http://127.0.0.1:${port}/`;
      resolve({
        server,
        url: `${root}?token=${token}`,
        root,
        token,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
            removeTempDir(uploadDir);
          }),
      });
    });
  });
}
