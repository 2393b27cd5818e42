// A temporary folder for one end-to-end file, removed when the process ends (the server holds the file until then).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDirKeep(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paicha-e2e-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
