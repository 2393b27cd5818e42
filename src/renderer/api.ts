// The renderer's view of the back end: window.paicha (Electron preload) when present, else HTTP to `serve`.
// Both carry {result} or {error}; errors come back as PaichaError with their Chinese message.
import { apiMethods, type ApiMethod, type PaichaApi } from '../shared/api';
import { fromErrorPayload, PaichaError, type ErrorPayload } from '../shared/errors';

type Envelope = { result?: unknown; error?: ErrorPayload };
type Bridge = Record<ApiMethod, (...args: unknown[]) => Promise<Envelope>>;

declare global {
  interface Window {
    paicha?: Bridge;
  }
}

async function overHttp(method: ApiMethod, args: unknown[]): Promise<Envelope> {
  let response: Response;
  try {
    response = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args }),
    });
  } catch {
    throw new PaichaError('busy', '无法连接到排查台账服务。请确认 paicha serve 仍在运行，然后刷新页面。');
  }
  return (await response.json()) as Envelope;
}

function connect(): PaichaApi {
  const bridge = window.paicha;
  const call = async (method: ApiMethod, args: unknown[]) => {
    const envelope = bridge ? await bridge[method](...args) : await overHttp(method, args);
    if (envelope.error) throw fromErrorPayload(envelope.error);
    return envelope.result;
  };
  return Object.fromEntries(apiMethods.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as PaichaApi;
}

export const api: PaichaApi = connect();
