// The app's own pages come from app://paicha/, served from the built renderer folder, not from file://: with the
// grantFileProtocolExtraPrivileges fuse off (electron-builder.yml), a file:// page is treated as in a browser and cannot
// load its module scripts; and a page on file:// could read any other file of the clerk's disk.
// Free of the electron module so it is tested in Node; index.ts registers it.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { contentSecurityPolicy } from './security';

export const appScheme = 'app';
const appHost = 'paicha';
/** Every app page lies under this URL. */
export const appOrigin = `${appScheme}://${appHost}/`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready: a standard, secure origin for the pages. */
export const appSchemePrivileges = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/** What the built renderer holds (vite's output); anything else is served as bytes that the page cannot run. */
const rendererTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const notFound = () => new Response('未找到', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The answer to an app:// request: a file inside `rendererDir` (index.html for the root), else 404. */
export async function serveAppFile(rendererDir: string, url: string): Promise<Response> {
  const root = resolve(rendererDir);
  let file: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${appScheme}:` || parsed.host !== appHost) return notFound();
    file = resolve(root, `.${decodeURIComponent(parsed.pathname)}`);
  } catch {
    return notFound();
  }
  if (file === root) file = resolve(root, 'index.html');
  if (!file.startsWith(root + sep)) return notFound();
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': rendererTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return notFound();
  }
}
