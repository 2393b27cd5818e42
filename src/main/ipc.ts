// Electron transport: one ipcMain handler per api method. Only the app's own page may call it, and it may name only
// the files the clerk chose in the file dialogs (ChosenPaths, shared by the two registrations below).
import { dialog, ipcMain, shell, type IpcMainInvokeEvent } from 'electron';
import { apiMethods, fileKindOf, fileKinds, type DesktopBridge, type Envelope, type FileKind, type PaichaApi, type SavedFile } from '../shared/api';
import { PaichaError, toErrorPayload } from '../shared/errors';
import type { ChosenPaths, PathUse } from './desktopSecurity';
import { isAppPage } from './security';

export const ipcChannel = (method: string): string => `paicha:${method}`;

export function registerIpc(api: PaichaApi, appPrefix: string, chosen: ChosenPaths): void {
  for (const method of apiMethods) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<Envelope> => {
      if (!isAppPage(event.senderFrame?.url ?? '', appPrefix)) {
        return { error: toErrorPayload(new PaichaError('invalid', '拒绝访问。')) };
      }
      try {
        chosen.check(event.sender, method, args);
        const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
        return { result: (await fn(...args)) ?? null };
      } catch (error) {
        return { error: toErrorPayload(error) };
      }
    });
  }
}

/** The dialog filter of a kind: 「Word 文档」 *.docx. */
const filterOf = (kind: FileKind) => ({ name: fileKinds[kind].label, extensions: [fileKinds[kind].extension.slice(1)] });

/** The kinds a page asked for, as far as they are known; xlsx when it named none. */
function kindsAsked(kinds: unknown): FileKind[] {
  const known = Array.isArray(kinds) ? kinds.filter((kind): kind is FileKind => typeof kind === 'string' && Object.hasOwn(fileKinds, kind)) : [];
  return known.length ? [...new Set(known)] : ['xlsx'];
}

/**
 * The desktop-only bridge (DesktopBridge): the system's file dialogs (the browser uploads and downloads instead).
 * What the clerk chose is remembered for the window that asked, and only there usable by the api.
 */
export function registerDesktopIpc(appPrefix: string, chosen: ChosenPaths): void {
  const handle = <M extends 'pickFile' | 'pickSavePath'>(method: M, use: PathUse, answer: (...args: unknown[]) => ReturnType<DesktopBridge[M]>) =>
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isAppPage(event.senderFrame?.url ?? '', appPrefix)) return null;
      const answered: SavedFile | string | null = await answer(...args);
      const path = typeof answered === 'string' ? answered : answered?.path;
      if (path) chosen.remember(event.sender, use, path);
      return answered;
    });

  handle('pickFile', 'open', async (kinds) => {
    const offered = kindsAsked(kinds);
    const filters = offered.map(filterOf);
    const result = await dialog.showOpenDialog({
      title: '选择文件',
      // Several kinds: all of them at first, each on its own in the list.
      filters: filters.length > 1 ? [{ name: '支持的文件', extensions: filters.flatMap((f) => f.extensions) }, ...filters] : filters,
      properties: ['openFile'],
    });
    const path = result.canceled ? undefined : result.filePaths[0];
    return path ? { path, name: path.split(/[\\/]/).pop() ?? path } : null;
  });

  handle('pickSavePath', 'save', async (defaultName) => {
    const name = typeof defaultName === 'string' && defaultName ? defaultName : '导出.xlsx';
    const kind = fileKindOf(name);
    const result = await dialog.showSaveDialog({ title: '保存到', defaultPath: name, filters: kind ? [filterOf(kind)] : [] });
    if (result.canceled || !result.filePath) return null;
    // A name typed without its extension still gets it: the file must open as what it is.
    return kind && fileKindOf(result.filePath) !== kind ? `${result.filePath}${fileKinds[kind].extension}` : result.filePath;
  });

  // Only a file this window saved through the save dialog, and only of a kind the app writes (never a program).
  ipcMain.handle(ipcChannel('openFile'), async (event: IpcMainInvokeEvent, path: unknown) => {
    if (!isAppPage(event.senderFrame?.url ?? '', appPrefix)) return false;
    if (typeof path !== 'string' || !fileKindOf(path) || !chosen.allows(event.sender, 'save', path)) return false;
    return (await shell.openPath(path)) === '';
  });
}
