// The renderer's view of the back end: window.paicha (Electron preload) when present, else HTTP to `serve`.
// Both carry an Envelope; errors come back as PaichaError with their Chinese message.
import { apiMethods, type ApiBridge, type ApiMethod, type Envelope, type PaichaApi } from '../shared/api';
import { fromErrorPayload, PaichaError } from '../shared/errors';

declare global {
  interface Window {
    paicha?: ApiBridge;
  }
}

/** The result of an envelope, or its error thrown as a PaichaError. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.error) throw fromErrorPayload(envelope.error);
  return envelope.result as T;
}

/** fetch to `serve`, with the Chinese message of a server that is gone. */
export async function fetchFromServer(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(`./${path}`, init);
  } catch {
    throw new PaichaError('busy', '无法连接到排查台账服务。请确认 paicha serve 仍在运行，然后刷新页面。');
  }
}

async function overHttp(method: ApiMethod, args: unknown[]): Promise<Envelope> {
  const response = await fetchFromServer(`api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ args }),
  });
  return (await response.json()) as Envelope;
}

function connect(): PaichaApi {
  const bridge = window.paicha;
  const call = async (method: ApiMethod, args: unknown[]) => unwrap(bridge ? await bridge[method](...args) : await overHttp(method, args));
  return Object.fromEntries(apiMethods.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as PaichaApi;
}

export const api: PaichaApi = connect();
