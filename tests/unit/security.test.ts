import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, externalLinkTarget, isAppPage, isTrustedRequest } from '../../src/main/security';

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
});
