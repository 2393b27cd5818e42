// Electron entry: one window, hardened; the database opened here, in the main process only.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, session, shell, type WebContents } from 'electron';
import { createApi } from './api';
import { appOrigin, appScheme, appSchemePrivileges, serveAppFile } from './appProtocol';
import { ChosenPaths, externalLink, openLinkQuestion } from './desktopSecurity';
import { appIdentity, defaultDbPath } from './identity';
import { dailyBackup } from './services/backup';
import { workerTasks } from './tasks';
import { registerDesktopIpc, registerIpc } from './ipc';
import { isAppPage } from './security';
import { Store } from './store';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(__dirname, '../renderer');
/** Every app page lies under this URL (app://paicha/, or the dev server's origin); anything else is foreign. */
const appPrefix = devServerUrl ? `${new URL(devServerUrl).origin}/` : appOrigin;

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
  void win.loadURL(devServerUrl ?? `${appOrigin}index.html`);
  return win;
}

/** The web contents asking the clerk about a link now: one question at a time, a page cannot pile them up. */
const asking = new WeakSet<WebContents>();

/**
 * A link leaving the app: a trusted site (trustedWebHosts) opens in the system browser; another web address only
 * after the clerk agrees in a dialog naming it; any other scheme never.
 */
async function openExternal(contents: WebContents, url: string): Promise<void> {
  const link = externalLink(url);
  if (!link) return;
  if (!link.trusted) {
    if (asking.has(contents)) return;
    asking.add(contents);
    try {
      const owner = BrowserWindow.fromWebContents(contents);
      const question = openLinkQuestion(link);
      const { response } = await (owner ? dialog.showMessageBox(owner, question) : dialog.showMessageBox(question));
      if (response !== 0) return;
    } finally {
      asking.delete(contents);
    }
  }
  await shell.openExternal(link.url);
}

/** Every web contents: no navigation away from the app, no new windows; web links may go to the system browser. */
function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (isAppPage(url, appPrefix)) return;
      event.preventDefault();
      void openExternal(contents, url);
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppPage(url, appPrefix)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void openExternal(contents, url);
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
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { ...appSchemePrivileges } }]);

  void app.whenReady().then(() => {
    protocol.handle(appScheme, (request) => serveAppFile(rendererDir, request.url));
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
    // Long calls run in a worker thread, so the window stays responsive during a county import.
    const tasks = workerTasks(store.path);
    app.on('will-quit', () => {
      void tasks.stop();
      store.close();
    });
    // The first start of a day backs the data up; a failure (a full disk) is told, and the app still opens.
    dailyBackup(store).catch((error: Error) => dialog.showErrorBox(appIdentity.productName, error.message));
    const chosen = new ChosenPaths();
    registerIpc(createApi(store, { offload: tasks.offload }), appPrefix, chosen);
    registerDesktopIpc(appPrefix, chosen);
    mainWindow = createWindow();
  });
}

start();
