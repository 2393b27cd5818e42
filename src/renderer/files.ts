// Choosing a file to import: the system dialog under Electron (the back end gets its path), an upload to `serve`
// in a browser (the back end gets a private temporary copy).
export interface PickedFile {
  path: string;
  name: string;
}

declare global {
  interface Window {
    paichaDesktop?: { pickFile(): Promise<PickedFile | null> };
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
