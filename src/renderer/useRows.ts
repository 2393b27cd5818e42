// Loads rows through the api and reloads them whenever the workspace revision changes (after any write).
import { useEffect, useState } from 'react';
import { useWorkspace } from './workspace';

export function useRows<T>(load: (() => Promise<T[]>) | null, deps: unknown[]): T[] | null {
  const { revision, notify } = useWorkspace();
  const [rows, setRows] = useState<T[] | null>(null);
  useEffect(() => {
    if (!load) {
      setRows([]);
      return;
    }
    let current = true;
    load().then(
      (data) => current && setRows(data),
      (error: Error) => current && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision, ...deps]);
  return rows;
}
