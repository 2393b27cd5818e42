// Files between the clerk's disk and the back end, of the kinds of fileKinds (.xlsx, .docx, .pdf). Choosing one:
// the system dialog under Electron (the back end gets its path), an upload to `serve` in a browser (the back end
// gets a private temporary copy). Saving one: the save dialog under Electron, a download in a browser.
import { downloadHref, fileKinds, fileTransfer, uploadHeaders, type DesktopBridge, type FileKind, type SavedFile, type UploadAnswer } from '../shared/api';
import { fetchFromServer, unwrap } from './api';

export type PickedFile = SavedFile;

declare global {
  interface Window {
    paichaDesktop?: DesktopBridge;
  }
}

function chooseInBrowser(kinds: readonly FileKind[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = kinds.flatMap((kind) => [fileKinds[kind].extension, fileKinds[kind].mimeType]).join(',');
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

async function upload(file: File): Promise<PickedFile> {
  const response = await fetchFromServer(fileTransfer.upload.route, { method: fileTransfer.upload.method, headers: uploadHeaders(file.name), body: file });
  const saved = unwrap((await response.json()) as UploadAnswer);
  return { path: saved.path, name: file.name };
}

/** Lets the clerk choose a file of these kinds (default: .xlsx); null when the clerk cancelled. */
export async function pickFile(kinds: FileKind[] = ['xlsx']): Promise<PickedFile | null> {
  if (window.paichaDesktop) return window.paichaDesktop.pickFile(kinds);
  const file = await chooseInBrowser(kinds);
  return file ? upload(file) : null;
}

/** An export of the national system to import (.xlsx). */
export const pickImportFile = (): Promise<PickedFile | null> => pickFile(['xlsx']);

/**
 * Has the back end write a file (of any kind of fileKinds: the save dialog's filter and the download's type follow
 * `defaultName`'s extension) and hands it to the clerk: under Electron to a path picked in the save dialog; in a
 * browser into the server's download folder, then downloaded like any file. Null when the clerk cancelled.
 */
export async function saveFromBackend<T extends SavedFile>(produce: (path?: string) => Promise<T>, defaultName: string): Promise<T | null> {
  if (window.paichaDesktop) {
    const path = await window.paichaDesktop.pickSavePath(defaultName);
    return path ? produce(path) : null;
  }
  const result = await produce();
  const link = document.createElement('a');
  link.href = `./${downloadHref(result.name)}`;
  link.download = result.name;
  link.click();
  return result;
}
