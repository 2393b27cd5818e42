// Loads rows through the api, and keeps them current after every write (a new workspace revision). A list that says
// how to read some of its rows by id (`refresh`) is patched with just the rows the write touched — at county scale a
// full reload after every keystroke took seconds; other lists (and a write whose rows are unknown) reload whole.
import { useEffect, useRef, useState } from 'react';
import type { ApplyResult } from '../shared/changes';
import type { TableName } from '../shared/tables';
import { useWorkspace } from './workspace';

type Identified = { id: number };

export interface RowRefresh<T extends Identified> {
  /** The tables whose rows the list shows or derives from: a write touching none of them leaves it as it is. */
  tables: readonly TableName[];
  /** The list's rows among these ids (with the list's own filter: a row no longer in it is not returned). */
  load(ids: number[]): Promise<T[]>;
  /**
   * The ids of the list to read again after a write that touched `touched`; null when the list must reload whole.
   * By default the touched rows of the first table.
   */
  ids?(touched: ApplyResult['touched'], rows: readonly T[]): Iterable<number> | null;
}

/** Beyond this many touched rows a full reload is as quick as a patch. */
const PATCH_LIMIT = 2000;

/** The rows with `fresh` in place of the rows of `ids`: changed ones replaced, gone ones dropped, new ones in id order. */
export function patchRows<T extends Identified>(rows: readonly T[], ids: ReadonlySet<number>, fresh: readonly T[]): T[] {
  const byId = new Map(fresh.map((r) => [r.id, r]));
  const kept: T[] = [];
  for (const row of rows) {
    if (!ids.has(row.id)) kept.push(row);
    else if (byId.has(row.id)) {
      kept.push(byId.get(row.id)!);
      byId.delete(row.id);
    }
  }
  if (!byId.size) return kept;
  return [...kept, ...byId.values()].sort((a, b) => a.id - b.id);
}

export function useRows<T>(load: (() => Promise<T[]>) | null, deps: unknown[], refresh?: T extends Identified ? RowRefresh<T> : never): T[] | null {
  const { revision, touched, notify } = useWorkspace();
  const [rows, setRows] = useState<T[] | null>(null);
  /** Counts full loads: a patch read before the latest one began is stale and dropped. */
  const generation = useRef(0);
  const loaded = useRef<{ deps: unknown[]; rows: T[] | null }>({ deps: [], rows: null });
  loaded.current.rows = rows;
  const latest = useRef(refresh as RowRefresh<Identified> | undefined);
  latest.current = refresh as RowRefresh<Identified> | undefined;

  useEffect(() => {
    const fail = (error: Error) => notify({ kind: 'error', text: error.message });
    const sameDeps = loaded.current.deps.length === deps.length && deps.every((d, i) => Object.is(d, loaded.current.deps[i]));
    loaded.current.deps = deps;
    const current = loaded.current.rows as Identified[] | null;
    const patch = latest.current;
    if (load && sameDeps && current && patch && touched) {
      if (!patch.tables.some((t) => touched[t]?.length)) return;
      const wanted = patch.ids ? patch.ids(touched, current) : (touched[patch.tables[0]!] ?? []);
      const ids = wanted && new Set(wanted);
      if (ids && ids.size <= PATCH_LIMIT) {
        if (!ids.size) return;
        const at = generation.current;
        const apply = (fresh: Identified[]) => at === generation.current && setRows((now) => (now ? (patchRows(now as Identified[], ids, fresh) as T[]) : now));
        patch.load([...ids]).then(apply, fail);
        return;
      }
    }
    const at = ++generation.current;
    if (!load) {
      setRows([]);
      return;
    }
    load().then((data) => at === generation.current && setRows(data), (error: Error) => at === generation.current && fail(error));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision, ...deps]);
  return rows;
}
