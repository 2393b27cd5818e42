// Security decisions shared by the Electron shell and the HTTP server, kept pure so they are tested in Node.

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
