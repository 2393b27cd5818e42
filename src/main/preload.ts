// Runs sandboxed before the page: exposes the api methods, and nothing else of Electron, as window.paicha.
import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods } from '../shared/api';

const bridge = Object.fromEntries(
  apiMethods.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(`paicha:${method}`, ...args)]),
);

contextBridge.exposeInMainWorld('paicha', bridge);
contextBridge.exposeInMainWorld('paichaDesktop', {
  pickFile: () => ipcRenderer.invoke('paicha:pickFile'),
  pickSavePath: (defaultName: string) => ipcRenderer.invoke('paicha:pickSavePath', defaultName),
});
