// What every page shares: writing through change sets, undo/redo, the data revision pages reload on, and messages.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo } from '../shared/api';
import type { ApplyResult, ChangeSet, HistoryState, StepCell } from '../shared/changes';
import { api } from './api';
import { columnSpec } from '../shared/tables';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface Workspace {
  info: AppInfo | null;
  history: HistoryState;
  /** Increases after every write; pages reload their rows when it changes. */
  revision: number;
  /**
   * The rows the write that made this revision touched, by table (from apply, undo and redo); null when unknown (an
   * import, a refused write): then a page refreshes everything it shows.
   */
  touched: ApplyResult['touched'] | null;
  notice: Notice | null;
  /** The cell the latest undo or redo changed (a new object each time): the grid showing it goes there. */
  stepCell: StepCell | null;
  /** Applies a change set; on refusal shows the reason and resolves to null (the grid reloads what is stored). */
  apply(set: ChangeSet): Promise<ApplyResult | null>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  notify(notice: Notice | null): void;
  refreshInfo(): Promise<void>;
  /** Reloads every page's rows, after a write made outside apply (an import). */
  reload(): void;
}

const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceProvider');
  return workspace;
}

function isEditingText(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/** Whose value an undo or redo changed, for its message: （马海军户的「住址」等 20 个单元格）. */
function whereChanged(cell: StepCell): string {
  const label = cell.field ? columnSpec(cell.table, cell.field)?.label : undefined;
  if (!cell.whose) return '';
  const more = cell.cells > 1 ? `等 ${cell.cells} 处` : '';
  return `（${cell.whose}${label ? `的「${label}」` : ''}${more}）`;
}

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [history, setHistory] = useState<HistoryState>({ undoLabel: null, redoLabel: null });
  const [{ revision, touched }, setRevision] = useState<{ revision: number; touched: ApplyResult['touched'] | null }>({ revision: 0, touched: null });
  /** A new revision after a write; `written` says what it touched when known. */
  const bump = useCallback((written: ApplyResult['touched'] | null = null) => setRevision((r) => ({ revision: r.revision + 1, touched: written })), []);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [stepCell, setStepCell] = useState<StepCell | null>(null);

  const fail = useCallback((error: unknown) => {
    setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error) });
  }, []);

  const refreshInfo = useCallback(async () => {
    try {
      const next = await api.info();
      setInfo(next);
      setHistory(next.history);
    } catch (error) {
      fail(error);
    }
  }, [fail]);

  useEffect(() => {
    void refreshInfo();
  }, [refreshInfo]);

  const apply = useCallback(
    async (set: ChangeSet) => {
      try {
        const result = await api.apply(set);
        setHistory(result.history);
        setNotice(null);
        bump(result.touched);
        return result;
      } catch (error) {
        fail(error);
        bump();
        return null;
      }
    },
    [fail, bump],
  );

  const step = useCallback(
    async (which: 'undo' | 'redo') => {
      try {
        const result = await api[which]();
        setHistory(result.history);
        setNotice(result.label ? { kind: 'info', text: `${which === 'undo' ? '已撤销' : '已重做'}：${result.label}${result.cell ? whereChanged(result.cell) : ''}` } : null);
        bump(result.touched ?? null);
        setStepCell(result.cell ?? null);
      } catch (error) {
        fail(error);
        bump();
      }
    },
    [fail, bump],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) undo and redo whole change sets, except while typing in a field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isEditingText(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && event.shiftKey)) {
        event.preventDefault();
        void redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const reload = useCallback(() => bump(), [bump]);
  const value = useMemo<Workspace>(
    () => ({ info, history, revision, touched, notice, stepCell, apply, undo, redo, notify: setNotice, refreshInfo, reload }),
    [info, history, revision, touched, notice, stepCell, apply, undo, redo, refreshInfo, reload],
  );
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}

/**
 * The workspace for part of a page whose writes need one more step before they go (e.g. the income grid's rows of
 * households without a record: a write to one makes the record). Everything else is the page's workspace.
 */
export function WithApply({ apply, children }: { apply: (set: ChangeSet, write: Workspace['apply']) => Promise<ApplyResult | null>; children: ReactNode }) {
  const outer = useWorkspace();
  const value = useMemo<Workspace>(() => ({ ...outer, apply: (set) => apply(set, outer.apply) }), [outer, apply]);
  return <WorkspaceContext.Provider value={value}>{children}</WorkspaceContext.Provider>;
}
