import { describe, expect, it } from 'vitest';
import { carriedToken, contentSecurityPolicy, externalLinkTarget, isAppPage, isTrustedRequest, newAccessToken, tokenCookie, tokenMatches } from '../../src/main/security';

describe('security decisions', () => {
  it('allows no scripts, frames or connections from elsewhere', () => {
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("script-src 'self'");
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('sends only web links to the system browser', () => {
    expect(externalLinkTarget('https://www.gov.cn/')).toBe('https://www.gov.cn/');
    expect(externalLinkTarget('file:///etc/passwd')).toBeNull();
    expect(externalLinkTarget('javascript:alert(1)')).toBeNull();
    expect(externalLinkTarget('not a url')).toBeNull();
  });

  it("recognises the app's own page", () => {
    const packaged = 'file:///opt/paicha/out/renderer/';
    expect(isAppPage('file:///opt/paicha/out/renderer/index.html#/settings', packaged)).toBe(true);
    expect(isAppPage('file:///etc/passwd', packaged)).toBe(false);
    expect(isAppPage('file:///opt/paicha/out/renderer/../../secret.html', packaged)).toBe(false);
    expect(isAppPage('https://evil.example/', packaged)).toBe(false);
    expect(isAppPage('http://localhost:5173/#/settings', 'http://localhost:5173/')).toBe(true);
    expect(isAppPage('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('answers only loopback requests from its own pages', () => {
    expect(isTrustedRequest('127.0.0.1:3810', undefined, 3810)).toBe(true);
    expect(isTrustedRequest('localhost:3810', 'http://localhost:3810', 3810)).toBe(true);
    expect(isTrustedRequest('evil.example:3810', undefined, 3810)).toBe(false);
    expect(isTrustedRequest('127.0.0.1:3810', 'https://evil.example', 3810)).toBe(false);
    expect(isTrustedRequest(undefined, undefined, 3810)).toBe(false);
  });

  it('makes a new token of 32 random bytes for every run, in a form an address can carry', () => {
    const tokens = new Set(Array.from({ length: 100 }, newAccessToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('accepts only the exact token', () => {
    const token = newAccessToken();
    expect(tokenMatches(token, token)).toBe(true);
    for (const other of [token.slice(0, -1), `${token}A`, token.toLowerCase(), newAccessToken(), '', null, undefined]) {
      if (other !== token) expect(tokenMatches(other, token)).toBe(false);
    }
  });

  it('hands the token over as a cookie scripts cannot read and other sites cannot send', () => {
    expect(tokenCookie(3810, 'T0k_en')).toBe('paicha-token-3810=T0k_en; HttpOnly; SameSite=Strict; Path=/');
  });

  it('finds the token in Authorization: Bearer, else in the cookie of its own port', () => {
    expect(carriedToken({ authorization: 'Bearer abc-_1' }, 3810)).toBe('abc-_1');
    expect(carriedToken({ authorization: 'bearer abc' }, 3810)).toBe('abc');
    expect(carriedToken({ cookie: 'theme=dark; paicha-token-3810=abc; other=1' }, 3810)).toBe('abc');
    expect(carriedToken({ cookie: 'paicha-token-3811=abc' }, 3810)).toBeNull();
    expect(carriedToken({ cookie: 'xpaicha-token-3810=abc' }, 3810)).toBeNull();
    expect(carriedToken({ authorization: 'Basic abc' }, 3810)).toBeNull();
    expect(carriedToken({}, 3810)).toBeNull();
  });
});
