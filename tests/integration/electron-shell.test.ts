// The Electron shell, run in Node against a stand-in for the electron module (its binary cannot run on the build
// machines). It checks what the shell promises: hardened windows on pages of its own app:// protocol, refused
// navigation and pop-ups, web links to the system browser only for trusted sites or when the clerk agrees, one
// instance, an IPC bridge only for the app's own page and only for files chosen in its dialogs, and the database
// opened here.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods } from '../../src/shared/api';
import { tempDir } from '../helpers';
import { writeNationalExport } from '../support/nationalExport';

type Handler = (...args: any[]) => any;

const electron = vi.hoisted(() => {
  const state = {
    lock: true,
    appHandlers: {} as Record<string, Handler>,
    ipcHandlers: {} as Record<string, Handler>,
    windows: [] as { options: any; focused: number; loaded: string | null }[],
    permissionHandler: null as Handler | null,
    openExternal: [] as string[],
    openedPaths: [] as string[],
    errorBoxes: [] as string[],
    /** The options of every file dialog shown, and what the clerk typed in the save dialog (else the default name). */
    dialogs: [] as any[],
    typedSavePath: null as string | null,
    /** The file the clerk picks in the open dialog. */
    pickedPath: '/home/clerk/导出/家庭成员信息.xlsx',
    /** The questions asked (message boxes), and the button the clerk presses: 0 打开, 1 取消. */
    questions: [] as any[],
    answer: 1,
    /** Holds the clerk's answer back until released (a question left open). */
    answering: null as Promise<void> | null,
    schemes: [] as any[],
    protocolHandlers: {} as Record<string, Handler>,
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
    static fromWebContents() {
      return null;
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
        return { canceled: false, filePaths: [state.pickedPath] };
      },
      showSaveDialog: async (options: any) => {
        state.dialogs.push(options);
        return { canceled: false, filePath: state.typedSavePath ?? `/home/clerk/导出/${options.defaultPath}` };
      },
      showMessageBox: async (...args: any[]) => {
        state.questions.push(args.at(-1));
        await state.answering;
        return { response: state.answer, checkboxChecked: false };
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: any[]) => state.schemes.push(...schemes),
      handle: (scheme: string, handler: Handler) => {
        state.protocolHandlers[scheme] = handler;
      },
    },
    Menu: { setApplicationMenu: () => {}, buildFromTemplate: (template: unknown) => template },
    session: { defaultSession: { setPermissionRequestHandler: (handler: Handler) => (state.permissionHandler = handler) } },
    shell: {
      openExternal: (url: string) => {
        state.openExternal.push(url);
        return Promise.resolve();
      },
      openPath: (path: string) => {
        state.openedPaths.push(path);
        return Promise.resolve('');
      },
    },
  };
  return { state, module };
});

vi.mock('electron', () => ({ ...electron.module, default: electron.module }));

const { state } = electron;
/** Where the built shell serves its pages from: out/renderer beside out/main (here: src/renderer beside src/main). */
const rendererDir = join(__dirname, '../../src/renderer');

function resetState() {
  Object.assign(state, {
    appHandlers: {},
    ipcHandlers: {},
    windows: [],
    permissionHandler: null,
    openExternal: [],
    openedPaths: [],
    errorBoxes: [],
    dialogs: [],
    typedSavePath: null,
    pickedPath: '/home/clerk/导出/家庭成员信息.xlsx',
    questions: [],
    answer: 1,
    answering: null,
    schemes: [],
    protocolHandlers: {},
    quit: 0,
  });
}

/** The app's own page, as the shell serves it. */
const appPage = 'app://paicha/index.html';
/** An IPC call's event from the app's page in the window `sender` (each window its own web contents). */
const fromApp = (sender: object = {}, url = appPage) => ({ sender, senderFrame: { url } });
/** Lets the shell's pending promises (a question answered, a link opened) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

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
    // Not from file://: the packaged binary grants file:// pages no privileges (electron-builder.yml's fuses).
    expect(loaded).toBe(appPage);
  });

  it('serves its pages on app://paicha/ from the renderer folder, and nothing outside it', async () => {
    await startShell(dbFile);
    expect(state.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const serve = (url: string) => state.protocolHandlers.app!({ url }) as Promise<Response>;
    for (const url of [appPage, 'app://paicha/']) {
      const page = await serve(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<div id="root"></div>');
    }
    expect(existsSync(join(rendererDir, '../main/index.ts'))).toBe(true);
    for (const url of ['app://paicha/../main/index.ts', 'app://paicha/%2e%2e/main/index.ts', 'app://paicha/..%2Fmain%2Findex.ts', 'app://paicha/..%5Cmain%5Cindex.ts', 'app://other/index.html', 'app://paicha/missing.js', 'app://paicha/components']) {
      expect((await serve(url)).status, url).toBe(404);
    }
  });

  it('refuses navigation away from the app; trusted sites open in the system browser, other schemes never', async () => {
    await startShell(dbFile);
    const contents = fakeContents();
    state.appHandlers['web-contents-created']!({}, contents);

    const navigate = (url: string) => {
      const event = { prevented: false, preventDefault() { this.prevented = true; } };
      contents.listeners['will-navigate']!(event, url);
      return event.prevented;
    };
    expect(navigate(`${appPage}#/register`)).toBe(false);
    // Local files, even the renderer's own, are refused like any other site.
    expect(navigate(pathToFileURL(join(rendererDir, 'index.html')).href)).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(navigate('https://www.gov.cn/zhengce/')).toBe(true);

    expect(contents.open('https://www.gov.cn/')).toEqual({ action: 'deny' });
    expect(contents.open('file:///tmp/x.html')).toEqual({ action: 'deny' });
    expect(contents.open('smb://server/share/台账.xlsx')).toEqual({ action: 'deny' });
    await settle();
    expect(state.openExternal).toEqual(['https://www.gov.cn/zhengce/', 'https://www.gov.cn/']);
    expect(state.questions).toEqual([]);

    const webview = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.listeners['will-attach-webview']!(webview);
    expect(webview.prevented).toBe(true);
  });

  it('opens another web address only when the clerk agrees in a dialog naming it', async () => {
    await startShell(dbFile);
    const contents = fakeContents();
    state.appHandlers['web-contents-created']!({}, contents);
    const navigate = (url: string) => contents.listeners['will-navigate']!({ preventDefault() {} }, url);

    state.answer = 1;
    navigate('https://evil.example/phish');
    await settle();
    expect(state.questions).toEqual([
      expect.objectContaining({ message: expect.stringContaining('evil.example'), detail: expect.stringContaining('https://evil.example/phish'), buttons: ['打开', '取消'], cancelId: 1, defaultId: 1 }),
    ]);
    expect(state.openExternal).toEqual([]);

    state.answer = 0;
    // A trusted name in front of an @ is only a user name: the site is evil.example, and the question says so.
    contents.open('https://www.gov.cn@evil.example/');
    await settle();
    // Plain http on a trusted site is asked about too.
    contents.open('http://www.gov.cn/');
    await settle();
    expect(state.questions.slice(1).map((q) => q.message)).toEqual([expect.stringContaining('「evil.example」'), expect.stringContaining('「www.gov.cn」')]);
    expect(state.openExternal).toEqual(['https://www.gov.cn@evil.example/', 'http://www.gov.cn/']);
  });

  it('asks one question at a time: a page cannot pile dialogs up', async () => {
    await startShell(dbFile);
    const contents = fakeContents();
    state.appHandlers['web-contents-created']!({}, contents);
    let release = () => {};
    state.answering = new Promise<void>((resolve) => (release = resolve));
    state.answer = 0;
    for (let i = 0; i < 5; i++) contents.open(`https://evil.example/${i}`);
    await settle();
    expect(state.questions).toHaveLength(1);
    release();
    await settle();
    expect(state.openExternal).toEqual(['https://evil.example/0']);
    contents.open('https://evil.example/later');
    await settle();
    expect(state.questions).toHaveLength(2);
  });

  it('denies every permission request (camera, notifications, …)', async () => {
    await startShell(dbFile);
    const answer = vi.fn();
    state.permissionHandler!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });

  it('answers api calls over IPC from its own page only, with the database opened in the main process', async () => {
    await startShell(dbFile);
    expect(Object.keys(state.ipcHandlers).sort()).toEqual([...apiMethods, 'pickFile', 'pickSavePath', 'openFile'].map((m) => `paicha:${m}`).sort());
    const own = fromApp({}, `${appPage}#/register`);
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
    const own = fromApp();
    expect(await state.ipcHandlers['paicha:pickFile']!(own)).toEqual({ path: '/home/clerk/导出/家庭成员信息.xlsx', name: '家庭成员信息.xlsx' });
    expect(await state.ipcHandlers['paicha:pickFile']!({ senderFrame: { url: 'https://evil.example/' } })).toBeNull();
    expect(await state.ipcHandlers['paicha:pickSavePath']!(own, '收入信息采集表.xlsx')).toBe('/home/clerk/导出/收入信息采集表.xlsx');
    expect(await state.ipcHandlers['paicha:pickSavePath']!({ senderFrame: { url: 'https://evil.example/' } }, 'x.xlsx')).toBeNull();
  });

  it('reads and writes over IPC only the files the clerk chose in the dialogs of that window', async () => {
    await startShell(dbFile);
    const dir = tempDir();
    const own = fromApp({});
    const call = (method: string, event: object, ...args: unknown[]) => state.ipcHandlers[`paicha:${method}`]!(event, ...args);
    const refused = { error: { code: 'invalid', message: '只能使用在对话框中选择的文件。' } };
    const source = join(dir, '全国系统导出.xlsx');
    await writeNationalExport(source, 2);

    // Named by the page, not chosen by the clerk: refused before anything is read or written.
    expect(await call('importFile', own, { path: source, dryRun: true })).toEqual(refused);
    const income = join(dir, '收入信息采集表.xlsx');
    expect(await call('exportLayout', own, { layout: 'income', path: income })).toEqual(refused);
    expect(existsSync(income)).toBe(false);

    state.pickedPath = source;
    expect(await call('pickFile', own, ['xlsx'])).toEqual({ path: source, name: '全国系统导出.xlsx' });
    // Chosen to open: read as often as the page needs (preview, then import), however the path is written …
    expect((await call('importFile', own, { path: source, dryRun: true })).result).toMatchObject({ dryRun: true });
    expect((await call('importFile', own, { path: join(dir, 'x', '..', '.', '全国系统导出.xlsx'), dryRun: true })).result).toMatchObject({ dryRun: true });
    // … but never written over, and not usable by another window.
    expect(await call('exportLayout', own, { layout: 'households', path: source })).toEqual(refused);
    expect(await call('saveImportReport', own, { path: source })).toEqual(refused);
    expect(await call('importFile', fromApp({}), { path: source, dryRun: true })).toEqual(refused);

    // Chosen in the save dialog: written there, not read from there.
    state.typedSavePath = join(dir, '导入报告');
    const report = join(dir, '导入报告.xlsx');
    expect(await call('pickSavePath', own, '导入报告.xlsx')).toBe(report);
    expect(await call('saveImportReport', own, { path: report })).toEqual({ result: { path: report, name: '导入报告.xlsx' } });
    expect(await call('importFile', own, { path: report, dryRun: true })).toEqual(refused);
    expect(await call('saveImportReport', own, { path: [report] })).toEqual(refused);
    expect(await call('exportLayout', own, { layout: 'income', path: income })).toEqual(refused);
    expect(await call('pickSavePath', own, '收入信息采集表.xlsx')).toBe(join(dir, '导入报告.xlsx'));
    state.typedSavePath = income;
    await call('pickSavePath', own, '收入信息采集表.xlsx');
    expect((await call('exportLayout', own, { layout: 'income', path: income })).result).toMatchObject({ path: income, layout: 'income' });
    expect(existsSync(income)).toBe(true);

    // No path at all: the api says what is missing, as before.
    expect((await call('importFile', own, {})).error.message).toBe('请选择要导入的文件。');
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
  const appPrefix = 'app://paicha/';
  const own = fromApp();
  beforeEach(async () => {
    resetState();
    vi.resetModules();
    const { registerDesktopIpc } = await import('../../src/main/ipc');
    const { ChosenPaths } = await import('../../src/main/desktopSecurity');
    registerDesktopIpc(appPrefix, new ChosenPaths());
  });

  it('saves a Word document through a save dialog that offers Word documents', async () => {
    expect(await state.ipcHandlers['paicha:pickSavePath']!(own, '报告.docx')).toBe('/home/clerk/导出/报告.docx');
    expect(state.dialogs).toEqual([expect.objectContaining({ defaultPath: '报告.docx', filters: [{ name: 'Word 文档', extensions: ['docx'] }] })]);
  });

  it('opens with the system program only a file this window saved through the save dialog', async () => {
    const saved = await state.ipcHandlers['paicha:pickSavePath']!(own, '报告.docx');
    expect(await state.ipcHandlers['paicha:openFile']!(own, saved)).toBe(true);
    expect(await state.ipcHandlers['paicha:openFile']!(own, '/home/clerk/别的.docx')).toBe(false);
    expect(await state.ipcHandlers['paicha:openFile']!({ senderFrame: { url: 'https://evil.example/' } }, saved)).toBe(false);
    expect(state.openedPaths).toEqual([saved]);
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
