// The generic table page: any dictionary table without a screen of its own, in a grid — filtered by village (and
// year, for per-year records), with add, delete, import and export, the marks of 数据核查, and arrival at a cell
// from a finding. Its operations are the commands of src/shared/commands.ts.
import { useEffect, useMemo, useRef, useState } from 'react';
import { addRow, addRows, deleteRows, NEW_ROW } from '../../shared/commands';
import { findLayout } from '../../shared/layouts';
import type { Finding } from '../../shared/rules/types';
import { columnSpec, tableSpec, type Row, type TableName } from '../../shared/tables';
import { api } from '../api';
import { HouseholdSelect } from '../components/HouseholdSelect';
import { useConfirm } from '../components/ConfirmDialog';
import { TransferButtons } from '../components/TransferButtons';
import { VillageSelect } from '../components/VillageSelect';
import { DataGrid, type FocusRequest } from '../grid/DataGrid';
import { indexFindings } from '../grid/findings';
import { idParam } from '../navigation';
import { householdsOfRows, householdsTouched, mergeFindings } from '../recheck';
import { useProfile } from '../useProfile';
import { useRefChoices } from '../useRefChoices';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';

export function TablePage({ table, layoutId, params }: { table: TableName; layoutId?: string; params: URLSearchParams }) {
  const { apply, notify, revision, touched } = useWorkspace();
  const [confirm, confirmDialog] = useConfirm();
  const spec = tableSpec(table);
  const perYear = !!columnSpec(table, 'year');
  const ownedByVillage = !!columnSpec(table, 'villageId');
  const ownedByHousehold = !ownedByVillage && !!columnSpec(table, 'householdId');
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  const [chosenYear, setYear] = useState<number | null>(null);
  const info = useProfile(chosenYear);
  const year = chosenYear ?? info?.workYear ?? null;
  const [householdId, setHouseholdId] = useState<number | null>(null);
  const [selected, setSelected] = useState<Row[]>([]);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  /** Rows shown after the grid's filters. */
  const [shown, setShown] = useState<number | null>(null);
  const layout = findLayout(layoutId);

  const villages = useRows(() => api.rows('villages'), [], { tables: ['villages'], load: (ids) => api.rows('villages', { ids }) });
  const inVillage = villageId === null ? undefined : { villageId };
  const households = useRows(ownedByHousehold ? () => api.households(inVillage && { where: inVillage }) : null, [villageId], {
    tables: ['households', 'members'],
    load: (ids) => api.households({ where: inVillage, ids }),
    ids: (written) => householdsTouched(written, [], null),
  });
  const where = perYear && year !== null ? { year } : undefined;
  // After a write, only the rows it touched are read again.
  const rows = useRows(perYear && year === null ? null : () => api.rows(table, { where, villageId: villageId ?? undefined }), [villageId, year], {
    tables: [table],
    load: (ids) => api.rows(table, { where, villageId: villageId ?? undefined, ids }),
  });
  const refs = useRefChoices(table, villageId);

  // Arriving from 数据核查: the village of the finding, then its row and cell.
  useEffect(() => {
    const row = idParam(params, 'row');
    if (params.get('village')) setVillageId(idParam(params, 'village'));
    if (row) setFocus({ id: row, colId: params.get('field') || spec.columns[0]!.key });
  }, [params, spec]);

  // Marks for the rows in view. A household table re-checks its households (scoped, quick); a village table its
  // village. Every village at once would check the whole county after each edit, so there the page asks for one.
  // After a write to this table alone, only the households of the rows it touched are checked again.
  const [findings, setFindings] = useState<Finding[]>([]);
  const checked = useRef<{ rows: Row[]; findings: Finding[]; view: string; revision: number } | null>(null);
  const marksNeedVillage = ownedByVillage && villageId === null;
  useEffect(() => {
    const householdIds = rows && ownedByHousehold ? [...new Set(rows.map((r) => Number(r.householdId)))] : null;
    const scope = ownedByVillage && villageId !== null ? { villageId } : householdIds?.length ? { householdIds } : null;
    const before = checked.current;
    checked.current = null;
    if (!scope || !rows) {
      setFindings([]);
      return;
    }
    // Only a write since the last check, in the same view, allows a partial one (a new village or year checks all).
    const view = `${villageId}|${year}`;
    const afterWrite = before && before.view === view && before.revision !== revision;
    const partial = ownedByHousehold && afterWrite ? householdsOfRows(touched, table, [...before.rows, ...rows]) : null;
    const publish = (list: Finding[]) => {
      checked.current = { rows, findings: list, view, revision };
      setFindings(list);
    };
    let live = true;
    const scoped = partial ? { householdIds: [...partial] } : scope;
    api.check({ ...scoped, year: year ?? undefined }).then(
      (report) => live && publish(partial && before ? mergeFindings(before.findings, partial, report.findings) : report.findings),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, villageId, year, ownedByHousehold, ownedByVillage, notify]);
  const findingIndex = useMemo(() => indexFindings(findings, table), [findings, table]);

  const withYear = (values: Record<string, number>) => (perYear && year !== null ? { ...values, year } : values);
  const add = async () => {
    let owner: Record<string, number>;
    if (ownedByVillage) {
      if (villageId === null) return notify({ kind: 'error', text: `请先在上方选择行政村，再新增${spec.rowLabel}。` });
      owner = { villageId };
    } else if (ownedByHousehold) {
      if (householdId === null) return notify({ kind: 'error', text: `请先在上方选择户，再新增${spec.rowLabel}。` });
      owner = { householdId };
    } else owner = {};
    const result = await apply(addRow(table, withYear(owner)));
    const id = result?.insertedIds[NEW_ROW];
    if (id) setFocus({ id, colId: spec.columns.find((c) => c.type !== 'ref' && c.key !== 'year')!.key });
  };

  const addMissing = async () => {
    const having = new Set((rows ?? []).map((r) => Number(r.householdId)));
    const missing = (households ?? []).filter((h) => !having.has(h.id));
    if (!missing.length) return notify({ kind: 'info', text: `所列的户都已有${year}年度的${spec.rowLabel}。` });
    const where = villageId === null ? '全部行政村' : String(villages?.find((v) => v.id === villageId)?.name ?? '本村');
    if (!(await confirm(`为${where}尚无 ${year} 年度${spec.rowLabel}的 ${missing.length} 户各新增一条吗？可以用「撤销」一次撤回。`))) return;
    await apply(addRows(table, missing.map((h) => withYear({ householdId: h.id }))));
  };

  const remove = async (chosen: Row[] = selected) => {
    if (!(await confirm(`确定删除选中的 ${chosen.length} 条${spec.rowLabel}吗？删除后可以用「撤销」恢复。`))) return;
    await apply(deleteRows(table, chosen.map((r) => r.id)));
    setSelected([]);
  };

  return (
    <section className="page table-page">
      <h2>{layout && info && year !== null ? layout.title(info.place, year) : spec.label}</h2>
      {spec.help ? <p className="count">{spec.help}</p> : null}
      <div className="toolbar">
        <VillageSelect ariaLabel="行政村" villages={villages} value={villageId} onChange={setVillageId} />
        {perYear ? (
          <label>
            年度：
            <input aria-label="年度" type="number" className="year" value={year ?? ''} onChange={(e) => setYear(Number(e.target.value) || null)} />
          </label>
        ) : null}
        {ownedByHousehold ? (
          <HouseholdSelect households={households} value={householdId} onChange={setHouseholdId} none="（请选择）" />
        ) : null}
        <button type="button" onClick={() => void add()}>
          新增
        </button>
        {ownedByHousehold && perYear ? (
          <button type="button" onClick={() => void addMissing()}>
            为尚无本年度记录的户新增
          </button>
        ) : null}
        <button type="button" disabled={!selected.length} onClick={() => void remove()}>
          删除选中的{spec.rowLabel}
        </button>
        <TransferButtons layoutId={layout?.id} villages={villages} villageId={villageId} year={perYear ? year : undefined} />
        <span className="count">{rows ? `共 ${rows.length} 条${shown !== null && shown !== rows.length ? `，筛选后显示 ${shown} 条` : ''}` : '正在读取…'}</span>
        {marksNeedVillage ? <span className="count">选择行政村后，表中会标出数据核查发现的问题。</span> : null}
      </div>
      <DataGrid<Row>
        testId={`${table}-grid`}
        table={table}
        rows={rows}
        refs={refs}
        hidden={perYear ? ['year'] : []}
        focusRequest={focus}
        findings={findingIndex}
        onSelectionChanged={setSelected}
        onShownCount={setShown}
        onAddRow={() => void add()}
        onDeleteRows={(chosen) => void remove(chosen)}
      />
      {confirmDialog}
    </section>
  );
}
