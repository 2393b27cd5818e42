// End-to-end harness: the real `paicha serve` (built code, real SQLite file) and Debian's Chromium via playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Store } from '../../src/main/store';
import type { ChangeSet } from '../../src/shared/changes';
import { tempDirKeep } from './tmp';

const root = join(__dirname, '..', '..');
const CHROMIUM = process.env.PAICHA_CHROMIUM ?? '/usr/bin/chromium';

export interface Served {
  /** The address `serve` printed, with its token: http://127.0.0.1:PORT/?token=… (a #/page may be appended). */
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function assertBuilt(): void {
  if (!existsSync(join(root, 'out', 'main', 'cli.js')) || !existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    throw new Error('The app is not built: run `npm run build` (npm test does it first).');
  }
}

/** Runs the CLI to completion; resolves with its exit status and output. */
export function runCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  assertBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'paicha.js'), ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts `paicha serve --port 0` on a database file and waits for the URL it prints, token and all. */
export function startServe(dbFile: string): Promise<Served> {
  assertBuilt();
  const child = spawn(process.execPath, [join(root, 'bin', 'paicha.js'), 'serve', '--db', dbFile, '--port', '0'], { cwd: root });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 20_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      // The whole token: the line is complete once whitespace follows it.
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+(?=\s)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[0],
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });
}

/** Debian's Chromium, headless. A machine without it fails here, loudly: end-to-end tests never skip. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium fonts-noto-cjk (see .ci/run).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * A page as every end-to-end test uses it: a desktop-sized window, and actions that give up after 15 s with the
 * locator they waited for (rather than the test's own timeout, which says nothing about where it hung).
 */
export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(15_000);
  return page;
}

/** What an end-to-end file drives: Chromium, `serve` on a database file, one page. `served` may be restarted. */
export interface App {
  browser: Browser;
  served: Served;
  page: Page;
  close(): Promise<void>;
}

export async function openApp(dbFile: string): Promise<App> {
  const browser = await launchBrowser();
  const app: App = {
    browser,
    served: await startServe(dbFile),
    page: await newPage(browser),
    close: async () => {
      await browser.close();
      await app.served.stop();
    },
  };
  return app;
}

/** The app on a new database that already holds `seed` (applied as one change set before serve starts). */
export async function openSeededApp(seed: ChangeSet): Promise<App> {
  const dbFile = join(tempDirKeep(), 'paicha.sqlite');
  const store = Store.open(dbFile);
  store.apply(seed);
  store.close();
  return openApp(dbFile);
}

/** A village with one household and its head: what most end-to-end files start from. */
export function oneHousehold(head: Record<string, string> = {}): ChangeSet {
  return {
    label: '准备数据',
    changes: [
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001' }] },
      { op: 'insert', table: 'members', rows: [{ householdId: -2, name: '马海军', relation: '户主', ...head }] },
    ],
  };
}
