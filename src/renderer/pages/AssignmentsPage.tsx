// 附件5 入户责任分工表: one row per 片区 (村民小组) of a village with its responsible people, and beside each the
// households and people computed from the register (src/shared/progress.ts) — never keyed. Below, the village's
// households, to move many at once to another 片区 (one change set, one undo).
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import type { HouseholdRow } from '../../shared/api';
import { addRows, deleteRows, moveHouseholds } from '../../shared/commands';
import { findLayout } from '../../shared/layouts';
import type { GroupProgress, PeopleCounts } from '../../shared/progress';
import { tableSpec, type Row } from '../../shared/tables';
import { api } from '../api';
import { useConfirm } from '../components/ConfirmDialog';
import { TransferButtons } from '../components/TransferButtons';
import { VillageSelect } from '../components/VillageSelect';
import { DataGrid, type FocusRequest } from '../grid/DataGrid';
import { indexFindings } from '../grid/findings';
import { idParam } from '../navigation';
import { useFindings } from '../useFindings';
import { useProfile } from '../useProfile';
import { useRefChoices } from '../useRefChoices';
import { useRows } from '../useRows';
import { useStableValue } from '../useStable';
import { useWorkspace } from '../workspace';
import './round.css';


/** 附件5's computed columns, in the order of the paper: 户/人 of the 片区, of its 脱贫户, of its 监测户. */
const countColumns: [keyof PeopleCounts, string][] = [
  ['households', '户数'],
  ['people', '人数'],
  ['povertyHouseholds', '脱贫户户数'],
  ['povertyPeople', '脱贫户人数'],
  ['monitoredHouseholds', '监测户户数'],
  ['monitoredPeople', '监测户人数'],
];

/** A row of 附件5 as the grid shows it: the stored row and its 片区's counts (read-only, recomputed after every write). */
type AssignmentRow = Row & Partial<PeopleCounts>;

const countColumnDefs: ColDef<AssignmentRow>[] = countColumns.map(([key, header]) => ({
  colId: key,
  field: key,
  headerName: header,
  headerTooltip: `${header}：由户籍台账计算，不需填写`,
  width: 96,
  type: 'rightAligned',
  editable: false,
}));

/** The household columns the move needs to tell households apart; the rest stay in 户籍台账. */
const householdShown = new Set(['groupId', 'hhNo', 'address', 'householdType', 'monitoringType']);
const householdHidden = tableSpec('households').columns.filter((c) => !householdShown.has(c.key)).map((c) => c.key);
const householdDerived: ColDef<HouseholdRow>[] = [
  { colId: 'headName', field: 'headName', headerName: '户主姓名', width: 110, editable: false },
  { colId: 'size', field: 'size', headerName: '家庭人口数', width: 110, type: 'rightAligned', editable: false },
];

export function AssignmentsPage({ params }: { params: URLSearchParams }) {
  const { apply, notify, revision } = useWorkspace();
  const [confirm, confirmDialog] = useConfirm();
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  const info = useProfile();
  const [counts, setCounts] = useState<GroupProgress[]>([]);
  const [selected, setSelected] = useState<Row[]>([]);
  const [chosenHouseholds, setChosenHouseholds] = useState<HouseholdRow[]>([]);
  const [target, setTarget] = useState<number | null>(null);
  const layout = findLayout('assignments')!;

  // Arriving from 数据核查: the village of the finding, then its row and cell.
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  useEffect(() => {
    if (params.get('village')) setVillageId(idParam(params, 'village'));
    const row = idParam(params, 'row');
    if (row && params.get('table') === 'assignments') setFocus({ id: row, colId: params.get('field') || 'person1Id' });
  }, [params]);

  // The counts follow every write (a household moved, a member gone): the 片区 of the village, or of all villages.
  useEffect(() => {
    let live = true;
    api.progress({ villageId: villageId ?? undefined }).then(
      (report) => live && setCounts(report.villages.flatMap((v) => v.groups)),
      (e: Error) => live && notify({ kind: 'error', text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [revision, villageId, notify]);

  const villages = useRows(() => api.rows('villages'), []);
  const groups = useStableValue(useRows(() => api.rows('groups', villageId === null ? undefined : { where: { villageId } }), [villageId]));
  const rows = useRows(() => api.rows('assignments', villageId === null ? undefined : { where: { villageId } }), [villageId]);
  const households = useRows(villageId === null ? null : () => api.households({ where: { villageId } }), [villageId]);
  const refs = useRefChoices('assignments', villageId);
  const householdRefs = useRefChoices('households', villageId);
  const findings = useFindings(villageId === null ? null : { villageId }, info?.workYear ?? null);
  const findingIndex = useMemo(() => indexFindings(findings, 'assignments'), [findings]);

  const shownRows = useMemo<AssignmentRow[] | null>(() => {
    if (!rows) return null;
    const byGroup = new Map(counts.map((g) => [g.groupId, g]));
    return rows.map((row) => {
      const group = byGroup.get(Number(row.groupId));
      return { ...row, ...Object.fromEntries(countColumns.map(([key]) => [key, group?.[key] ?? 0])) };
    });
  }, [rows, counts]);

  const villageName = villageId === null ? '全部行政村' : String(villages?.find((v) => v.id === villageId)?.name ?? '本村');
  const unassigned = (groups ?? []).filter((g) => !(rows ?? []).some((a) => a.groupId === g.id));

  const addMissing = async () => {
    if (!unassigned.length) return notify({ kind: 'info', text: `${villageName}的每个片区都已有分工。` });
    await apply(addRows('assignments', unassigned.map((g) => ({ villageId: Number(g.villageId), groupId: g.id }))));
  };

  const remove = async () => {
    if (!(await confirm(`确定删除选中的 ${selected.length} 条分工吗？删除后可以用「撤销」恢复。`))) return;
    await apply(deleteRows('assignments', selected.map((r) => r.id)));
    setSelected([]);
  };

  const move = async () => {
    const group = (groups ?? []).find((g) => g.id === target);
    if (!group || !chosenHouseholds.length) return;
    if (await apply(moveHouseholds(chosenHouseholds.map((h) => h.id), { id: group.id, villageId: group.villageId ?? null }))) {
      notify({ kind: 'info', text: `已把 ${chosenHouseholds.length} 户移到${String(group.name)}。可以用「撤销」一次撤回。` });
    }
  };

  return (
    <section className="page assignments-page">
      <h2>{info ? layout.title(info.place, info.workYear) : tableSpec('assignments').label}</h2>
      <p className="count">每个片区（村民小组）一行，两名排查责任人；户数、人数及其中脱贫户、监测户由户籍台账自动计算。</p>
      <div className="toolbar">
        <VillageSelect ariaLabel="行政村" villages={villages} value={villageId} onChange={setVillageId} />
        <button type="button" onClick={() => void addMissing()} disabled={!unassigned.length}>
          为尚无分工的片区新增{unassigned.length ? `（${unassigned.length} 个）` : ''}
        </button>
        <button type="button" disabled={!selected.length} onClick={() => void remove()}>
          删除选中的分工
        </button>
        <TransferButtons layoutId="assignments" villages={villages} villageId={villageId} year={info?.workYear} />
        <span className="count">{rows ? `共 ${rows.length} 个片区有分工` : '正在读取…'}</span>
      </div>
      <div className="assignments-split">
        <DataGrid<AssignmentRow>
          testId="assignments-grid"
          table="assignments"
          rows={shownRows}
          refs={refs}
          derived={countColumnDefs}
          hidden={villageId === null ? [] : ['villageId']}
          findings={villageId === null ? undefined : findingIndex}
          focusRequest={focus}
          onSelectionChanged={setSelected}
        />
        {villageId === null ? (
          <p className="count">选择行政村后，可在下方把多户一次移到另一个片区。</p>
        ) : (
          <>
            <div className="toolbar">
              <span>
                {villageName}的户（勾选后移到另一片区）：已选 {chosenHouseholds.length} 户
              </span>
              <label>
                移到片区：
                <select aria-label="移到片区" value={target ?? ''} onChange={(e) => setTarget(e.target.value ? Number(e.target.value) : null)}>
                  <option value="">（请选择）</option>
                  {(groups ?? []).map((g) => (
                    <option key={g.id} value={g.id}>
                      {String(g.name)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="button" disabled={!chosenHouseholds.length || target === null} onClick={() => void move()}>
                移动选中的户
              </button>
            </div>
            <DataGrid<HouseholdRow>
              testId="assignment-households-grid"
              table="households"
              rows={households}
              refs={householdRefs}
              derived={householdDerived}
              hidden={householdHidden}
              onSelectionChanged={setChosenHouseholds}
            />
          </>
        )}
      </div>
      {confirmDialog}
    </section>
  );
}
