// Loads rows through the api, and keeps them current after every write (a new workspace revision). A list that says
// how to read some of its rows by id (`refresh`) is patched with just the rows the write touched — at county scale a
// full reload after every keystroke took seconds; other lists (and a write whose rows are unknown) reload whole.
import { useEffect, useRef, useState } from 'react';
import type { ApplyResult } from '../shared/changes';
import type { TableName } from '../shared/tables';
import { patchRows } from './grid/changedRows';
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
  /**
   * The list's first rows, read before the whole list and shown while it loads: a county's register (100,000
   * households, 20 MB) is drawn from its first rows in well under a second instead of after the whole list.
   */
  first?(): Promise<T[]>;
}

/** Lists that are only the first rows of a list still loading (see RowRefresh.first): not to be counted or checked as the whole. */
const partialLists = new WeakSet<object>();

/** Whether `rows` are only the first rows of their list, the rest still loading. */
export const isPartial = (rows: readonly unknown[] | null): boolean => !!rows && partialLists.has(rows);

/** Beyond this many touched rows a full reload is as quick as a patch. */
const PATCH_LIMIT = 2000;

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
    // A list still loading is not patched: the rest, read before the write, would bring the old values back.
    const current = isPartial(loaded.current.rows) ? null : (loaded.current.rows as Identified[] | null);
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
    const whole = () => load().then((data) => at === generation.current && setRows(data), (error: Error) => at === generation.current && fail(error));
    // The first rows first, then the whole list (asked after them: the server answers in turn, the big list last).
    const first = (!sameDeps || !current) && patch?.first;
    if (!first) return void whole();
    first().then(
      (part) => {
        if (at !== generation.current) return;
        partialLists.add(part);
        setRows(part as T[]);
        void whole();
      },
      () => void whole(),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision, ...deps]);
  return rows;
}
