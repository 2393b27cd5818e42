// The run's token of `serve` in a real browser: the printed address opens the app at the page asked for, the token
// leaves the address bar, and a browser without it (another profile, another user of the machine) gets no page and
// no data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneHousehold, openSeededApp, type App } from './harness';

let app: App;

beforeAll(async () => {
  app = await openSeededApp(oneHousehold({ idNumber: '621025196310152110' }));
});

afterAll(async () => {
  await app?.close();
});

describe('the access token of serve', () => {
  it('opens the page asked for from the printed address, and drops the token from the address bar', async () => {
    const { page } = app;
    await page.goto(`${app.served.url}#/register`);
    await page.getByText('马海军').first().waitFor();
    const root = app.served.url.replace(/\?token=.*$/, '');
    expect(page.url()).toBe(`${root}#/register`);
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('shows a browser without the token no page and no data', async () => {
    const stranger = await app.browser.newContext();
    try {
      const page = await stranger.newPage();
      const root = app.served.url.replace(/\?token=.*$/, '');
      const answer = await page.goto(`${root}#/register`);
      expect(answer?.status()).toBe(403);
      expect(await page.textContent('body')).toContain('访问令牌');
      const api = await page.evaluate(async () => {
        const response = await fetch('./api/rows', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":["members"]}' });
        return { status: response.status, text: await response.text() };
      });
      expect(api.status).toBe(403);
      expect(api.text).not.toContain('马海军');
    } finally {
      await stranger.close();
    }
  });
});
