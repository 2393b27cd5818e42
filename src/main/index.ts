// Electron entry: one window, hardened; the database opened here, in the main process only.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import { createApi } from './api';
import { appIdentity, defaultDbPath } from './identity';
import { registerDesktopIpc, registerIpc } from './ipc';
import { externalLinkTarget, isAppPage } from './security';
import { Store } from './store';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(__dirname, '../renderer');
/** Every app page lies under this URL; anything else is foreign. */
const appPrefix = devServerUrl ? `${new URL(devServerUrl).origin}/` : pathToFileURL(`${rendererDir}/`).href;

let mainWindow: BrowserWindow | null = null;

function dbPathFromArgs(argv: string[]): string {
  const i = argv.indexOf('--db');
  return i >= 0 && argv[i + 1] ? argv[i + 1]! : defaultDbPath();
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: appIdentity.productName,
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(join(rendererDir, 'index.html'));
  return win;
}

/** Every web contents: no navigation away from the app, no new windows; web links go to the system browser. */
function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppPage(url, appPrefix)) return;
      event.preventDefault();
      const external = externalLinkTarget(url);
      if (external) void shell.openExternal(external);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPage(url, appPrefix)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      const external = externalLinkTarget(url);
      if (external) void shell.openExternal(external);
      return { action: 'deny' };
    });
  });
}

function start(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  hardenWebContents();
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    Menu.setApplicationMenu(
      Menu.buildFromTemplate([
        { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
        {
          label: '编辑',
          submenu: [
            { role: 'cut', label: '剪切' },
            { role: 'copy', label: '复制' },
            { role: 'paste', label: '粘贴' },
            { role: 'selectAll', label: '全选' },
          ],
        },
        { label: '视图', submenu: [{ role: 'reload', label: '重新载入' }, { role: 'togglefullscreen', label: '全屏' }] },
      ]),
    );
    let store: Store;
    try {
      store = Store.open(dbPathFromArgs(process.argv));
    } catch (error) {
      dialog.showErrorBox(appIdentity.productName, (error as Error).message);
      app.quit();
      return;
    }
    app.on('will-quit', () => store.close());
    registerIpc(createApi(store), appPrefix);
    registerDesktopIpc(appPrefix);
    mainWindow = createWindow();
  });
}

start();
