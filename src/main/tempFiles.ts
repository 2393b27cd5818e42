// The private temporary folders of `serve`: uploads (files a page hands over for import) and downloads (files the
// back end writes for a page). They hold personal data, so: mode 0700, named after the process that owns them
// (paicha-upload-<pid>-XXXXXX), removed when that process ends however it ends — a stop signal, an uncaught
// exception, a normal exit — and, where it could not (SIGKILL, a power cut), by the next start, which removes the
// folders of this user whose owner is gone.
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type TempKind = 'upload' | 'download';

const folderName = /^paicha-(?:upload|download)-(?:(\d+)-)?[A-Za-z0-9]{6}$/;
/** A folder of an older version carries no owner: it is taken as abandoned once this old. */
const UNOWNED_AGE_MS = 24 * 60 * 60 * 1000;

const owned = new Set<string>();

/** A new private folder of this process, removed at the latest when the process exits. */
export function makeTempDir(kind: TempKind): string {
  // mkdtemp creates the folder with mode 0700: no other user of the machine can list or read it.
  const dir = mkdtempSync(join(tmpdir(), `paicha-${kind}-${process.pid}-`));
  if (owned.size === 0) process.on('exit', removeTempDirs);
  owned.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  owned.delete(dir);
  if (owned.size === 0) process.off('exit', removeTempDirs);
}

/** Removes every folder this process made; synchronous, so that it may run in an 'exit' handler. */
export function removeTempDirs(): void {
  for (const dir of [...owned]) removeTempDir(dir);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the upload and download folders left behind by paicha processes that are gone: folders of this user only,
 * never one of this process, never a symbolic link. Returns what it removed.
 */
export function removeAbandonedTempDirs(root = tmpdir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = folderName.exec(name);
    const dir = join(root, name);
    if (!match || owned.has(dir)) continue;
    try {
      const stat = lstatSync(dir);
      if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) continue;
      const abandoned = match[1] ? !isRunning(Number(match[1])) : Date.now() - stat.mtimeMs > UNOWNED_AGE_MS;
      if (abandoned) {
        rmSync(dir, { recursive: true, force: true });
        removed.push(dir);
      }
    } catch {
      // Removed meanwhile by its owner, or not ours to remove: left alone.
    }
  }
  return removed;
}
