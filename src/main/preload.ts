// Runs sandboxed before the page: exposes the api methods (window.paicha) and the file dialogs
// (window.paichaDesktop), and nothing else of Electron.
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods, type ApiBridge, type DesktopBridge } from '../shared/api';

const invoke = (method: string, ...args: unknown[]) => ipcRenderer.invoke(`paicha:${method}`, ...args);

const bridge = Object.fromEntries(apiMethods.map((method) => [method, (...args: unknown[]) => invoke(method, ...args)])) as ApiBridge;

const desktop: DesktopBridge = {
  pickFile: (kinds) => invoke('pickFile', kinds),
  pickSavePath: (defaultName) => invoke('pickSavePath', defaultName),
  openFile: (path) => invoke('openFile', path),
};

contextBridge.exposeInMainWorld('paicha', bridge);
contextBridge.exposeInMainWorld('paichaDesktop', desktop);
