// Security decisions shared by the Electron shell and the HTTP server, kept pure so they are tested in Node.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The Content-Security-Policy of every page: nothing loads or connects outside the app itself. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // AG Grid injects its theme as <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** Where a navigation or window.open request ends: never inside the app window; web links in the system browser. */
export function externalLinkTarget(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/**
 * True when a URL is one of the app's own pages: under `appPrefix`, the URL of the renderer folder (a file: URL
 * when packaged, the dev server's origin during development). Other local files are not app pages.
 */
export function isAppPage(url: string, appPrefix: string): boolean {
  try {
    return new URL(url).href.startsWith(appPrefix);
  } catch {
    return false;
  }
}

/**
 * The HTTP server answers only requests addressed to itself by a loopback name (this blocks DNS rebinding) and,
 * when the browser says where a request comes from, only requests from its own pages (this blocks other web pages).
 */
export function isTrustedRequest(host: string | undefined, origin: string | undefined, port: number): boolean {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!host || !allowedHosts.includes(host.toLowerCase())) return false;
  if (origin === undefined) return true;
  return allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`);
}

/**
 * The secret of one run of `serve`, as Jupyter's: 32 random bytes, base64url. Whoever can reach 127.0.0.1 (another
 * user of the machine, a page in another browser profile) gets nothing without it.
 */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a token given by a request is the run's own, in constant time (both are hashed first, so no length leaks). */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** The cookie of a server's token; the port is in its name because cookies do not tell ports apart. */
export function tokenCookieName(port: number): string {
  return `paicha-token-${port}`;
}

/** The Set-Cookie value that hands the token to the browser: unreadable by scripts, never sent by other sites. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** The token a request carries: `Authorization: Bearer <token>`, else the server's cookie; null when none. */
export function carriedToken(headers: { authorization?: string; cookie?: string }, port: number): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (bearer) return bearer[1]!;
  const name = `${tokenCookieName(port)}=`;
  for (const part of (headers.cookie ?? '').split(';')) {
    const cookie = part.trim();
    if (cookie.startsWith(name)) return cookie.slice(name.length);
  }
  return null;
}
