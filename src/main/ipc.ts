// Electron transport: one ipcMain handler per api method. Only the app's own page may call it.
import { dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { apiMethods, type PaichaApi } from '../shared/api';
import { PaichaError, toErrorPayload } from '../shared/errors';
import { isAppPage } from './security';

export const ipcChannel = (method: string): string => `paicha:${method}`;

export function registerIpc(api: PaichaApi, appPrefix: string): void {
  for (const method of apiMethods) {
    ipcMain.handle(ipcChannel(method), async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isAppPage(event.senderFrame?.url ?? '', appPrefix)) {
        return { error: toErrorPayload(new PaichaError('invalid', '拒绝访问。')) };
      }
      try {
        const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
        return { result: (await fn(...args)) ?? null };
      } catch (error) {
        return { error: toErrorPayload(error) };
      }
    });
  }
}

/** The desktop-only bridge: choosing a file with the system dialog (the browser uploads instead). */
export function registerDesktopIpc(appPrefix: string): void {
  ipcMain.handle(ipcChannel('pickFile'), async (event: IpcMainInvokeEvent) => {
    if (!isAppPage(event.senderFrame?.url ?? '', appPrefix)) return null;
    const result = await dialog.showOpenDialog({
      title: '选择要导入的表格',
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      properties: ['openFile'],
    });
    const path = result.canceled ? undefined : result.filePaths[0];
    return path ? { path, name: path.split(/[\\/]/).pop() ?? path } : null;
  });
  ipcMain.handle(ipcChannel('pickSavePath'), async (event: IpcMainInvokeEvent, defaultName: unknown) => {
    if (!isAppPage(event.senderFrame?.url ?? '', appPrefix)) return null;
    const result = await dialog.showSaveDialog({
      title: '导出到',
      defaultPath: typeof defaultName === 'string' ? defaultName : '导出.xlsx',
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    });
    return result.canceled || !result.filePath ? null : result.filePath;
  });
}
