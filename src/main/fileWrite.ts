// Files the back end writes for the clerk (exports, import reports) and receives (uploads): written whole or not at
// all, and a failed write is told in Chinese by its cause — a full disk, a missing folder, no permission — instead
// of an internal error, with nothing truncated left behind.
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { PaichaError } from '../shared/errors';

/** Why a write failed, by the system's error code; `dir` is the folder written into. */
const causes: Record<string, (dir: string) => string> = {
  ENOSPC: () => '磁盘已满',
  EDQUOT: () => '磁盘空间配额已用完',
  EFBIG: () => '文件超过了系统允许的大小',
  ENOENT: (dir) => `目录「${dir}」不存在`,
  ENOTDIR: (dir) => `「${dir}」不是文件夹`,
  EACCES: (dir) => `没有写入目录「${dir}」的权限`,
  EPERM: (dir) => `没有写入目录「${dir}」的权限`,
  EROFS: () => '磁盘是只读的',
  EISDIR: () => '已有同名的文件夹',
  EBUSY: () => '文件正被其他程序（如 Excel、WPS）打开，请关闭后重试',
};

/** A system error of a file operation (it has an error code such as ENOSPC), as opposed to a fault of the program. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/**
 * The clerk's message for a failed write of `path` (shown by `name`, default its file name):
 * 「无法写入文件「户籍台账.xlsx」：磁盘已满。」. Anything but a system error is returned as it is.
 */
export function writeError(error: unknown, path: string, name = basename(path)): unknown {
  if (!isSystemError(error)) return error;
  const cause = causes[error.code!]?.(dirname(path)) ?? `系统错误 ${error.code}`;
  return new PaichaError('invalid', `无法写入文件「${name}」：${cause}。`);
}

/**
 * Writes `path` whole or not at all: `write` fills a temporary file beside it (hidden, of no kind a page may
 * download), which then takes the file's place. A failed write leaves neither a truncated file nor the temporary
 * one, and a file that was at `path` before stays as it was.
 */
export async function writeWhole<T>(path: string, write: (temporary: string) => Promise<T>): Promise<T> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const result = await write(temporary);
    renameSync(temporary, path);
    return result;
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeError(error, path);
  }
}
