// 户籍台账: households of a village in one grid, the members of the focused household in the other.
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { addMember as addMemberCommand, addRow, deleteRows, NEW_ROW } from '../../shared/commands';
import type { Finding } from '../../shared/rules/types';
import type { HouseholdRow } from '../../shared/api';
import type { Row } from '../../shared/tables';
import { api } from '../api';
import { useConfirm } from '../components/ConfirmDialog';
import { ExportDialog } from '../components/ExportDialog';
import { FindBox } from '../components/FindBox';
import { PrintForms } from '../components/PrintForms';
import { ImportDialog } from '../components/ImportDialog';
import { VillageSelect } from '../components/VillageSelect';
import type { RefChoices } from '../grid/columns';
import { DataGrid, type FocusRequest } from '../grid/DataGrid';
import { indexFindings } from '../grid/findings';
import { hashFor } from '../navigation';
import { crossHouseholdRules, householdsTouched, householdsToRecheck, mergeFindings } from '../recheck';
import { isPartial, useRows } from '../useRows';
import { useStableValue } from '../useStable';
import { useWorkspace } from '../workspace';

const derivedHouseholdColumns: ColDef<HouseholdRow>[] = [
  { colId: 'headName', field: 'headName', headerName: '户主姓名', width: 120, pinned: 'left', headerTooltip: '由家庭成员中与户主关系为「户主」者得出' },
  { colId: 'headIdNumber', field: 'headIdNumber', headerName: '户主证件号码', width: 200 },
  { colId: 'size', field: 'size', headerName: '家庭人口数', width: 130, type: 'rightAligned', headerTooltip: '家庭成员数，不含自然减少人员' },
];

/** Households drawn first while the whole list loads: more than a screenful, a few milliseconds to read. */
const FIRST_ROWS = 200;

/** How long the keyboard rests after the last write before the households written are checked again. */
const RECHECK_AFTER_MS = 400;

/** The share of the height the household grid takes, as the clerk last dragged it (kept on this PC). */
const SPLIT_KEY = 'paicha.registerSplit';
const clampSplit = (f: number) => Math.min(0.85, Math.max(0.15, f));

function SplitHandle({ box, value, onChange }: { box: RefObject<HTMLDivElement | null>; value: number; onChange: (f: number) => void }) {
  const set = (f: number) => {
    onChange(clampSplit(f));
    localStorage.setItem(SPLIT_KEY, String(clampSplit(f)));
  };
  return (
    <div
      className="split-handle"
      role="separator"
      aria-orientation="horizontal"
      aria-label="拖动调整户列表与家庭成员列表的高度"
      aria-valuenow={Math.round(value * 100)}
      tabIndex={0}
      onPointerDown={(e) => e.currentTarget.setPointerCapture(e.pointerId)}
      onPointerMove={(e) => {
        const rect = box.current?.getBoundingClientRect();
        if (rect && e.currentTarget.hasPointerCapture(e.pointerId)) set((e.clientY - rect.top) / rect.height);
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
          e.preventDefault();
          set(value + (e.key === 'ArrowDown' ? 0.05 : -0.05));
        }
      }}
    />
  );
}

export function RegisterPage({ goTo, params }: { goTo: (page: string) => void; params: URLSearchParams }) {
  const splitBox = useRef<HTMLDivElement>(null);
  const [split, setSplit] = useState(() => clampSplit(Number(localStorage.getItem(SPLIT_KEY)) || 0.55));
  const { apply, notify, touched, revision, stepCell } = useWorkspace();
  const [confirm, confirmDialog] = useConfirm();
  const [villageId, setVillageId] = useState<number | null>(null);
  const [currentId, setCurrentId] = useState<number | null>(null);
  const [selectedHouseholds, setSelectedHouseholds] = useState<HouseholdRow[]>([]);
  const [selectedMembers, setSelectedMembers] = useState<Row[]>([]);
  const [importing, setImporting] = useState(false);
  /** Households shown after the grid's filters. */
  const [shown, setShown] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);
  // After adding a row, the keyboard goes to its first field to key.
  const [householdFocus, setHouseholdFocus] = useState<FocusRequest | null>(null);
  const [memberFocus, setMemberFocus] = useState<FocusRequest | null>(null);

  const villages = useStableValue(useRows(() => api.rows('villages'), [], { tables: ['villages'], load: (ids) => api.rows('villages', { ids }) }));
  const groups = useStableValue(useRows(() => api.rows('groups'), [], { tables: ['groups'], load: (ids) => api.rows('groups', { ids }) }));
  // After a write, only the households it touched (directly or through a member) are read again, not the village.
  const inVillage = villageId ? { villageId } : undefined;
  const households = useRows(() => api.households(inVillage && { where: inVillage }), [villageId], {
    tables: ['households', 'members'],
    load: (ids) => api.households({ where: inVillage, ids }),
    ids: (written) => householdsTouched(written, members ?? [], currentId),
    first: () => api.households({ where: inVillage, limit: FIRST_ROWS }),
  });
  /** Only the first households are shown yet, the rest still loading. */
  const loading = isPartial(households);
  const members = useRows(currentId ? () => api.rows('members', { where: { householdId: currentId } }) : null, [currentId], {
    tables: ['members'],
    load: (ids) => api.rows('members', { where: { householdId: currentId }, ids }),
  });
  // Looked up when the list or the household changes, not on every render (the count of rows shown re-renders).
  const current = useMemo(() => households?.find((h) => h.id === currentId) ?? null, [households, currentId]);

  // The households in view are checked when they load (a new village, undo, redo or an import: all of them), and
  // after writes only those the writes touched (and those whose findings depend on others) — once the keyboard has
  // rested: a check between two keystrokes held up the save of the next one (the server answers in turn). A write
  // that brings a new duplicate ID or shared phone checks everything: its other household is not known here.
  const [findings, setFindings] = useState<Finding[]>([]);
  /** The view (village, or null for all) whose check is in; undefined before the page's first. */
  const [checkedView, setCheckedView] = useState<number | null | undefined>(undefined);
  /** The view last checked and its findings; `villageId` undefined until the first check of the page is in. */
  const checked = useRef<{ villageId: number | null | undefined; findings: Finding[] }>({ villageId: undefined, findings: [] });
  // The households written since the last check, each with the revision that last wrote it; `all`: the revision of a
  // write whose households are not known. Gathered from every write: a clerk keying on makes several before a check.
  const written = useRef<{ households: Map<number, number>; all: number | null }>({ households: new Map(), all: null });
  /** The revision the page opened at: no write of this page's (the first check takes everything anyway). */
  const opened = useRef(revision);
  useEffect(() => {
    if (revision === opened.current) return;
    const ids = householdsToRecheck(touched, members ?? [], currentId, checked.current.findings);
    if (!ids) written.current.all = revision;
    else for (const id of ids) written.current.households.set(id, revision);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revision]);
  useEffect(() => {
    // The first rows alone are not checked: the whole list follows within seconds.
    if (!households || loading) return;
    let live = true;
    const at = revision;
    const pending = written.current;
    // Before the page's first check is in, everything is checked — unless writes came meanwhile: then those.
    const first = checked.current.villageId === undefined;
    const sameView = first || checked.current.villageId === villageId;
    const partial = sameView && pending.all === null && (pending.households.size || !first) ? new Set(pending.households.keys()) : null;
    if (partial && !partial.size) return;
    // With every village in view every household is (a set of the county's 100,000 ids after each write: 10–20 ms).
    const inView = villageId === null ? null : new Set(households.map((h) => h.id));
    const ids = [...(partial ?? [])].filter((id) => !inView || inView.has(id));
    const publish = (list: Finding[]) => {
      checked.current = { villageId, findings: list };
      setFindings(list);
      setCheckedView(villageId);
      // The writes up to the revision checked are done with.
      for (const [id, revisionWritten] of pending.households) if (revisionWritten <= at) pending.households.delete(id);
      if (pending.all !== null && pending.all <= at) pending.all = null;
    };
    // All of a village (or of the county) is checked as such: the server checks it aside (a worker), and keeps
    // answering — a list of every id in view would be checked in line, holding up the clerk's next edit.
    const checkAll = () => api.check(villageId === null ? {} : { villageId }).then((report) => live && publish(report.findings));
    const run = () =>
      (partial
        ? api.check({ householdIds: ids }).then((report) => {
            if (!live) return;
            const hadCross = new Set(checked.current.findings.filter((f) => crossHouseholdRules.has(f.ruleId)).map((f) => f.householdId));
            if (report.findings.some((f) => crossHouseholdRules.has(f.ruleId) && !hadCross.has(f.householdId))) return checkAll();
            publish(mergeFindings(checked.current.findings, partial, report.findings));
          })
        : checkAll()
      ).catch((error: Error) => live && notify({ kind: 'error', text: error.message }));
    const timer = setTimeout(run, partial ? RECHECK_AFTER_MS : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [households, notify]);
  const checking = checkedView !== villageId;
  // Indexed when the findings change; a change of view only flips `checking` (the county's index is not made again).
  const householdIndex = useMemo(() => indexFindings(findings, 'households', (f) => f.householdId), [findings]);
  const memberIndex = useMemo(() => indexFindings(findings, 'members'), [findings]);
  const householdFindings = useMemo(() => ({ ...householdIndex, checking }), [householdIndex, checking]);
  const memberFindings = useMemo(() => ({ ...memberIndex, checking }), [memberIndex, checking]);

  // Arriving from 数据核查 or 查找: go to the household's village, then — once the grid shows that village's households,
  // not the list it showed before — to the household and the cell.
  const [arrival, setArrival] = useState<{ villageId: number; householdId: number; member: FocusRequest | null; household: FocusRequest } | null>(null);
  useEffect(() => {
    const householdId = Number(params.get('household'));
    if (!householdId) return;
    void api.rows('households', { where: { id: householdId } }).then(([household]) => {
      if (!household) return;
      const row = Number(params.get('row'));
      const field = params.get('field');
      setVillageId(Number(household.villageId));
      setArrival({
        villageId: Number(household.villageId),
        householdId,
        member: params.get('table') === 'members' && row ? { id: row, colId: field || 'name' } : null,
        household: { id: householdId, colId: params.get('table') === 'households' && field ? field : 'hhNo' },
      });
    });
  }, [params]);
  useEffect(() => {
    if (!arrival || !households?.some((h) => h.id === arrival.householdId) || households.some((h) => h.villageId !== arrival.villageId)) return;
    setCurrentId(arrival.householdId);
    if (arrival.member) setMemberFocus(arrival.member);
    else setHouseholdFocus(arrival.household);
    setArrival(null);
  }, [arrival, households]);

  // An undo or redo of a member's value shows that member's household (the members grid then goes to the cell).
  useEffect(() => {
    if (stepCell?.table === 'members' && stepCell.householdId !== null) setCurrentId(stepCell.householdId);
  }, [stepCell]);

  const refs = useMemo<Record<string, RefChoices>>(() => {
    const villageNames = new Map((villages ?? []).map((v) => [v.id, String(v.name)]));
    const groupNames = new Map((groups ?? []).map((g) => [g.id, String(g.name)]));
    return {
      villageId: { names: villageNames, options: () => [...villageNames.keys()], pending: !villages },
      groupId: {
        names: groupNames,
        pending: !groups,
        options: (row) => [...(groups ?? []).filter((g) => g.villageId === row.villageId).map((g) => g.id)],
      },
    };
  }, [villages, groups]);

  const addHousehold = async () => {
    const target = villageId ?? (villages?.length === 1 ? villages[0]!.id : null);
    if (!villages?.length) {
      notify({ kind: 'error', text: '还没有行政村。请先在「设置」中添加行政村，再新增户。' });
      return;
    }
    if (!target) {
      notify({ kind: 'error', text: '请先在上方选择行政村，再新增户。' });
      return;
    }
    const result = await apply(addRow('households', { villageId: target }));
    const id = result?.insertedIds[NEW_ROW];
    if (id) {
      setCurrentId(id);
      setHouseholdFocus({ id, colId: 'hhNo' });
    }
  };

  const deleteHouseholds = async (chosen: HouseholdRow[] = selectedHouseholds) => {
    if (!chosen.length) {
      notify({ kind: 'error', text: '请先勾选要删除的户。' });
      return;
    }
    const ids = chosen.map((h) => h.id);
    const people = chosen.reduce((n, h) => n + h.memberCount, 0);
    const ok = await confirm(`确定删除选中的 ${ids.length} 户吗？其 ${people} 名家庭成员和收入、入户调查等记录一并删除。删除后可以用「撤销」恢复。`);
    if (!ok) return;
    await apply(deleteRows('households', ids));
    setSelectedHouseholds([]);
    if (currentId && ids.includes(currentId)) setCurrentId(null);
  };

  const addMember = async () => {
    if (!current) {
      notify({ kind: 'error', text: '请先在上方的户列表中点选一户，再新增家庭成员。' });
      return;
    }
    const result = await apply(addMemberCommand(current.id, !members?.length));
    const id = result?.insertedIds[NEW_ROW];
    if (id) setMemberFocus({ id, colId: 'name' });
  };

  const deleteMembers = async (chosen: Row[] = selectedMembers) => {
    if (!chosen.length) {
      notify({ kind: 'error', text: '请先勾选要删除的家庭成员。' });
      return;
    }
    const ok = await confirm(`确定删除选中的 ${chosen.length} 名家庭成员吗？删除后可以用「撤销」恢复。（家庭成员去世、婚出等请在「人员变动」中标记，不要删除。）`);
    if (!ok) return;
    await apply(deleteRows('members', chosen.map((m) => m.id)));
    setSelectedMembers([]);
  };

  return (
    <section className="page register">
      <div className="toolbar">
        <VillageSelect
          ariaLabel="行政村"
          villages={villages}
          value={villageId}
          onChange={(id) => {
            setVillageId(id);
            setCurrentId(null);
          }}
        />
        <FindBox />
        <PrintForms kind="both" villageId={villageId} householdId={currentId} />
        <button type="button" onClick={() => void addHousehold()}>
          新增户
        </button>
        <button type="button" onClick={() => void deleteHouseholds()} disabled={!selectedHouseholds.length}>
          删除选中的户
        </button>
        <button type="button" onClick={() => setImporting(true)}>
          导入…
        </button>
        <button type="button" onClick={() => setExporting(true)}>
          导出…
        </button>
        <span className="count" data-testid="households-count">
          {loading ? `正在读取…（先显示前 ${households!.length} 户）` : households ? `共 ${households.length} 户${shown !== null && shown !== households.length ? `，筛选后显示 ${shown} 户` : ''}` : '正在读取…'}
        </span>
        {villages && !villages.length ? (
          <button type="button" className="link" onClick={() => goTo('settings')}>
            还没有行政村，去「设置」添加
          </button>
        ) : null}
      </div>
      <div className="split" ref={splitBox} style={{ gridTemplateRows: `${split}fr auto auto ${1 - split}fr` }}>
        <DataGrid<HouseholdRow>
          testId="households-grid"
          table="households"
          rows={households}
          refs={refs}
          derived={derivedHouseholdColumns}
          focusRequest={householdFocus}
          findings={householdFindings}
          onFocusRow={(row) => setCurrentId(row.id)}
          onSelectionChanged={setSelectedHouseholds}
          onShownCount={setShown}
          onAddRow={() => void addHousehold()}
          onDeleteRows={(rows) => void deleteHouseholds(rows)}
        />
        <SplitHandle box={splitBox} value={split} onChange={setSplit} />
        <div className="toolbar">
          <strong>
            家庭成员
            {current ? `：${current.headName ?? '（未填户主）'}户${current.hhNo ? `（户编号 ${String(current.hhNo)}）` : ''}，${current.size} 人` : '（请在上方点选一户）'}
          </strong>
          <button type="button" onClick={() => void addMember()} disabled={!current}>
            新增成员
          </button>
          <button type="button" onClick={() => void deleteMembers()} disabled={!selectedMembers.length}>
            删除选中的成员
          </button>
          {current ? (
            <a className="link" href={hashFor('monitoring', { household: current.id })} title="这一户的防止返贫监测程序：识别、帮扶、风险消除各步">
              监测程序
            </a>
          ) : null}
        </div>
        <DataGrid<Row>
          testId="members-grid"
          table="members"
          rows={members}
          hidden={['householdId']}
          focusRequest={memberFocus}
          findings={memberFindings}
          onSelectionChanged={setSelectedMembers}
          onAddRow={() => void addMember()}
          onDeleteRows={(rows) => void deleteMembers(rows)}
        />
      </div>
      {confirmDialog}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
      {exporting ? <ExportDialog villages={villages} villageId={villageId} onClose={() => setExporting(false)} /> : null}
    </section>
  );
}
