import type { SavedFile } from '../shared/api';

// Choosing a file to import: the system dialog under Electron (the back end gets its path), an upload to `serve`
// in a browser (the back end gets a private temporary copy).
export interface PickedFile {
  path: string;
  name: string;
}

declare global {
  interface Window {
    paichaDesktop?: { pickFile(): Promise<PickedFile | null>; pickSavePath(defaultName: string): Promise<string | null> };
  }
}

function chooseInBrowser(): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

async function upload(file: File): Promise<PickedFile> {
  const response = await fetch('./upload', {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) },
    body: file,
  });
  const envelope = (await response.json()) as { result?: PickedFile; error?: { message: string } };
  if (!envelope.result) throw new Error(envelope.error?.message ?? '上传失败，请重试。');
  return { path: envelope.result.path, name: file.name };
}

export async function pickImportFile(): Promise<PickedFile | null> {
  if (window.paichaDesktop) return window.paichaDesktop.pickFile();
  const file = await chooseInBrowser();
  return file ? upload(file) : null;
}

/**
 * Has the back end write a file and hands it to the clerk: under Electron to a path picked in the save dialog; in a
 * browser into the server's download folder, then downloaded like any file. Null when the clerk cancelled.
 */
export async function saveFromBackend<T extends SavedFile>(produce: (path?: string) => Promise<T>, defaultName: string): Promise<T | null> {
  if (window.paichaDesktop) {
    const path = await window.paichaDesktop.pickSavePath(defaultName);
    return path ? produce(path) : null;
  }
  const result = await produce();
  const link = document.createElement('a');
  link.href = `./download/${encodeURIComponent(result.name)}`;
  link.download = result.name;
  link.click();
  return result;
}
