// Shared test helpers: temporary folders and databases that clean up after themselves.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect } from 'vitest';
import { main } from '../src/main/cli';
import { PaichaError } from '../src/shared/errors';
import { Store } from '../src/main/store';

const cleanups: (() => void)[] = [];

afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/** A fresh folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paicha-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store on a new database file, closed after the test. */
export function tempStore(options?: { busyTimeoutMs?: number }): Store {
  const store = Store.open(join(tempDir(), 'test.sqlite'), options);
  cleanups.push(() => store.close());
  return store;
}

/** A village, a household and its members, in one change set; returns their ids. */
export function seedHousehold(store: Store, members: Record<string, unknown>[] = [{ name: '马海军', relation: '户主' }]) {
  const result = store.apply({
    label: '新增户',
    changes: [
      { op: 'insert', table: 'villages', rows: [{ id: -1, name: '东塬村' }] },
      { op: 'insert', table: 'households', rows: [{ id: -2, villageId: -1, hhNo: '6210251030010001' }] },
      { op: 'insert', table: 'members', rows: members.map((m) => ({ householdId: -2, ...m })) },
    ],
  });
  return { villageId: result.insertedIds['-1']!, householdId: result.insertedIds['-2']!, changeSetId: result.changeSetId };
}

/** The PaichaError a piece of work throws; fails the test when it throws nothing or something else. */
export function thrownBy(work: () => unknown): PaichaError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(PaichaError);
    return error as PaichaError;
  }
  throw new Error('no error was thrown');
}

/** Runs the CLI in this process, collecting what it prints. */
export async function runMain(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

/** The PaichaError a promise rejects with; fails the test when it resolves or rejects with something else. */
export async function thrownByAsync(work: () => Promise<unknown>): Promise<PaichaError> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(PaichaError);
    return error as PaichaError;
  }
  throw new Error('no error was thrown');
}
