// A modal question with 确定/取消, awaited like window.confirm but in the app's own style and language.
import { useCallback, useState, type ReactNode } from 'react';

interface Pending {
  text: string;
  resolve: (ok: boolean) => void;
}

export function useConfirm(): [(text: string) => Promise<boolean>, ReactNode] {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback((text: string) => new Promise<boolean>((resolve) => setPending({ text, resolve })), []);
  const close = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  const dialog = pending ? (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true">
        <p>{pending.text}</p>
        <div className="modal-buttons">
          <button type="button" onClick={() => close(false)}>
            取消
          </button>
          <button type="button" className="danger" autoFocus onClick={() => close(true)}>
            确定
          </button>
        </div>
      </div>
    </div>
  ) : null;
  return [ask, dialog];
}
