// The Electron shell, run in Node against a stand-in for the electron module (its binary cannot run on the build
// machines). It checks what the shell promises: hardened windows, refused navigation and pop-ups, web links to the
// system browser, one instance, an IPC bridge only for the app's own page, and the database opened here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods } from '../../src/shared/api';
import { tempDir } from '../helpers';

type Handler = (...args: any[]) => any;

const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    appHandlers: {} as Record<string, Handler>,
    ipcHandlers: {} as Record<string, Handler>,
    windows: [] as { options: any; focused: number; loaded: string | null }[],
    permissionHandler: null as Handler | null,
    openExternal: [] as string[],
    errorBoxes: [] as string[],
    /** The options of every file dialog shown, and what the clerk typed in the save dialog (else the default name). */
    dialogs: [] as any[],
    typedSavePath: null as string | null,
    quit: 0,
    ready: Promise.resolve(),
  };
  class BrowserWindow {
    record: { options: any; focused: number; loaded: string | null };
    constructor(options: any) {
      this.record = { options, focused: 0, loaded: null };
      state.windows.push(this.record);
    }
    once() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      this.record.focused++;
    }
    loadFile(file: string) {
      this.record.loaded = file;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.record.loaded = url;
      return Promise.resolve();
    }
  }
  const module = {
    app: {
      requestSingleInstanceLock: () => state.lock,
      on: (event: string, handler: Handler) => {
        state.appHandlers[event] = handler;
      },
      whenReady: () => state.ready,
      quit: () => {
        state.quit++;
      },
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        state.ipcHandlers[channel] = handler;
      },
    },
    dialog: {
      showErrorBox: (_title: string, message: string) => state.errorBoxes.push(message),
      showOpenDialog: async (options: any) => {
        state.dialogs.push(options);
        return { canceled: false, filePaths: ['/home/clerk/导出/家庭成员信息.xlsx'] };
      },
      showSaveDialog: async (options: any) => {
        state.dialogs.push(options);
        return { canceled: false, filePath: state.typedSavePath ?? `/home/clerk/导出/${options.defaultPath}` };
      },
    },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (template: unknown) => template },
    session: { defaultSession: { setPermissionRequestHandler: (handler: Handler) => (state.permissionHandler = handler) } },
    shell: {
      openExternal: (url: string) => {
        state.openExternal.push(url);
        return Promise.resolve();
      },
    },
  };
  return { state, module };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { state } = electron;
/** Where the built shell looks for its page: out/renderer beside out/main (here: src/renderer beside src/main). */
const rendererDir = join(__dirname, '../../src/renderer');

function resetState() {
  Object.assign(state, { appHandlers: {}, ipcHandlers: {}, windows: [], permissionHandler: null, openExternal: [], errorBoxes: [], dialogs: [], typedSavePath: null, quit: 0 });
}

async function startShell(dbFile: string) {
  resetState();
  process.argv = ['electron', '.', '--db', dbFile];
  vi.resetModules();
  await import('../../src/main/index');
  await state.ready;
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function fakeContents() {
  const listeners: Record<string, Handler> = {};
  let openHandler: Handler = () => ({ action: 'allow' });
  return {
    listeners,
    open: (url: string) => openHandler({ url }),
    on: (event: string, handler: Handler) => {
      listeners[event] = handler;
    },
    setWindowOpenHandler: (handler: Handler) => {
      openHandler = handler;
    },
  };
}

describe('the Electron shell', () => {
  let dbFile: string;
  beforeEach(() => {
    state.lock = true;
    dbFile = join(tempDir(), 'paicha.sqlite');
  });

  it('opens one hardened window titled 防返贫排查台账 on the built page', async () => {
    await startShell(dbFile);
    expect(state.windows).toHaveLength(1);
    const { options, loaded } = state.windows[0]!;
    expect(options.title).toBe('防返贫排查台账');
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(options.webPreferences.preload).toMatch(/preload[\\/]preload\.js$/);
    expect(loaded).toMatch(/renderer[\\/]index\.html$/);
  });

  it('refuses navigation away from the app and sends web links to the system browser', async () => {
    await startShell(dbFile);
    const contents = fakeContents();
    state.appHandlers['web-contents-created']!({}, contents);

    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.listeners['will-navigate']!(event, url);
      return event.prevented;
    };
    expect(navigate('https://evil.example/phish')).toBe(true);
    expect(state.openExternal).toEqual(['https://evil.example/phish']);
    // The app's own pages lie in its renderer folder; other local files are refused like any other site.
    expect(navigate(pathToFileURL(join(rendererDir, 'index.html')).href)).toBe(false);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);

    expect(contents.open('https://www.gov.cn/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///tmp/x.html')).toEqual({ action: 'deny' });
    expect(state.openExternal).toEqual(['https://evil.example/phish', 'https://www.gov.cn/']);

    const webview = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.listeners['will-attach-webview']!(webview);
    expect(webview.prevented).toBe(true);
  });

  it('denies every permission request (camera, notifications, …)', async () => {
    await startShell(dbFile);
    const answer = vi.fn();
    state.permissionHandler!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });

  it('answers api calls over IPC from its own page only, with the database opened in the main process', async () => {
    await startShell(dbFile);
    expect(Object.keys(state.ipcHandlers).sort()).toEqual([...apiMethods, 'pickFile', 'pickSavePath'].map((m) => `paicha:${m}`).sort());
    const own = { senderFrame: { url: `${pathToFileURL(join(rendererDir, 'index.html')).href}#/register` } };
    const stats = await state.ipcHandlers['paicha:stats']!(own);
    expect(stats).toEqual({ result: expect.objectContaining({ villages: 0, households: 0 }) });
    const info = await state.ipcHandlers['paicha:info']!(own);
    expect(info.result.dbPath).toBe(dbFile);
    const foreign = await state.ipcHandlers['paicha:stats']!({ senderFrame: { url: 'https://evil.example/' } });
    expect(foreign.error.message).toBe('拒绝访问。');
    const refused = await state.ipcHandlers['paicha:apply']!(own, { label: '新增户', changes: [{ op: 'insert', table: 'households', rows: [{ villageId: 42 }] }] });
    expect(refused.error).toMatchObject({ code: 'constraint' });
  });

  it('lets its own page choose a file to import with the system dialog, and no other page', async () => {
    await startShell(dbFile);
    const own = { senderFrame: { url: pathToFileURL(join(rendererDir, 'index.html')).href } };
    expect(await state.ipcHandlers['paicha:pickFile']!(own)).toEqual({ path: '/home/clerk/导出/家庭成员信息.xlsx', name: '家庭成员信息.xlsx' });
    expect(await state.ipcHandlers['paicha:pickFile']!({ senderFrame: { url: 'https://evil.example/' } })).toBeNull();
    expect(await state.ipcHandlers['paicha:pickSavePath']!(own, '收入信息采集表.xlsx')).toBe('/home/clerk/导出/收入信息采集表.xlsx');
    expect(await state.ipcHandlers['paicha:pickSavePath']!({ senderFrame: { url: 'https://evil.example/' } }, 'x.xlsx')).toBeNull();
  });

  it('keeps to a single instance: a second start focuses the first window', async () => {
    await startShell(dbFile);
    state.appHandlers['second-instance']!();
    expect(state.windows[0]!.focused).toBe(1);

    state.lock = false;
    await startShell(join(tempDir(), 'other.sqlite'));
    expect(state.windows).toHaveLength(0);
    expect(state.quit).toBe(1);
  });

  it('shows a Chinese message and quits when the database cannot be opened', async () => {
    const bad = join(tempDir(), 'bad.sqlite');
    writeFileSync(bad, 'not a database at all');
    await startShell(bad);
    expect(state.errorBoxes[0]).toContain('不是排查台账的数据库文件');
    expect(state.windows).toHaveLength(0);
    expect(state.quit).toBe(1);
  });
});

describe('the file dialogs of the desktop bridge', () => {
  const appPrefix = pathToFileURL(`${rendererDir}/`).href;
  const own = { senderFrame: { url: pathToFileURL(join(rendererDir, 'index.html')).href } };
  beforeEach(async () => {
    resetState();
    vi.resetModules();
    const { registerDesktopIpc } = await import('../../src/main/ipc');
    registerDesktopIpc(appPrefix);
  });

  it('saves a Word document through a save dialog that offers Word documents', async () => {
    expect(await state.ipcHandlers['paicha:pickSavePath']!(own, '报告.docx')).toBe('/home/clerk/导出/报告.docx');
    expect(state.dialogs).toEqual([expect.objectContaining({ defaultPath: '报告.docx', filters: [{ name: 'Word 文档', extensions: ['docx'] }] })]);
  });

  it('gives each kind its own filter, and a name typed without its extension gets it', async () => {
    await state.ipcHandlers['paicha:pickSavePath']!(own, '收入信息采集表.xlsx');
    await state.ipcHandlers['paicha:pickSavePath']!(own, '入户调查表.PDF');
    expect(state.dialogs.map((d) => d.filters)).toEqual([[{ name: 'Excel 工作簿', extensions: ['xlsx'] }], [{ name: 'PDF 文档', extensions: ['pdf'] }]]);
    state.typedSavePath = '/home/clerk/桌面/总结报告';
    expect(await state.ipcHandlers['paicha:pickSavePath']!(own, '报告.docx')).toBe('/home/clerk/桌面/总结报告.docx');
  });

  it('opens the kinds a page asks for, Excel workbooks when it names none or none it knows', async () => {
    await state.ipcHandlers['paicha:pickFile']!(own);
    await state.ipcHandlers['paicha:pickFile']!(own, ['docx', 'pdf']);
    await state.ipcHandlers['paicha:pickFile']!(own, ['exe', '__proto__', 'constructor']);
    expect(state.dialogs.map((d) => d.filters)).toEqual([
      [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      [
        { name: '支持的文件', extensions: ['docx', 'pdf'] },
        { name: 'Word 文档', extensions: ['docx'] },
        { name: 'PDF 文档', extensions: ['pdf'] },
      ],
      [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    ]);
  });

  it('shows no dialog to another page', async () => {
    const foreign = { senderFrame: { url: 'https://evil.example/' } };
    expect(await state.ipcHandlers['paicha:pickSavePath']!(foreign, '报告.docx')).toBeNull();
    expect(await state.ipcHandlers['paicha:pickFile']!(foreign, ['pdf'])).toBeNull();
    expect(state.dialogs).toEqual([]);
  });
});
