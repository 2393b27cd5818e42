// 附件4 问题台账: the ledger of a village (or all) in the grid, each entry's state on its own (逾期 entries stand out,
// and 「只看逾期」 shows only them), the counts by category, state and source (src/shared/monitoringFigures.ts), the
// county's 疑似问题 and the departments' 预警 lists imported through the import dialog, and an imported list sent
// back with the 核实结果 the clerk entered (「导出核实结果」).
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { addRow, deleteRows, NEW_ROW } from '../../shared/commands';
import { findLayout } from '../../shared/layouts';
import { ledgerNumbers, problemState, problemStateText, type LedgerCounts } from '../../shared/monitoringFigures';
import type { Finding } from '../../shared/rules/types';
import type { Row } from '../../shared/tables';
import { api } from '../api';
import { useProfile } from '../useProfile';
import { useConfirm } from '../components/ConfirmDialog';
import { ExportDialog } from '../components/ExportDialog';
import { ImportDialog } from '../components/ImportDialog';
import { VillageSelect } from '../components/VillageSelect';
import { DataGrid, type FocusRequest } from '../grid/DataGrid';
import { indexFindings } from '../grid/findings';
import { pickFile, saveFromBackend } from '../files';
import { hashFor, idParam } from '../navigation';
import { useRefChoices } from '../useRefChoices';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';
import './ledger.css';

const today = () => new Date().toISOString().slice(0, 10);

/** The entry's state, read-only before the ledger's own columns; an overdue one is marked in red. */
const stateColumn: ColDef<Row> = {
  colId: '_state',
  field: '_state',
  headerName: '整改状态',
  width: 110,
  editable: false,
  pinned: 'left',
  cellClassRules: { 'cell-overdue': (p) => p.value === problemStateText.overdue },
};
const derived = [stateColumn];

function countsText(c: LedgerCounts): string {
  return `${c.total} 条：已销号 ${c.closed}，整改中 ${c.open}，逾期 ${c.overdue}`;
}

/** The ledger by 问题类别 and by 问题来源, with each line's states. */
function LedgerSummary({ rows }: { rows: Row[] }) {
  const numbers = ledgerNumbers(rows, today());
  const lines: [string, string, LedgerCounts][] = [
    ...numbers.byCategory.map((c): [string, string, LedgerCounts] => ['问题类别', c.category, c]),
    ...numbers.bySource.map((s): [string, string, LedgerCounts] => ['问题来源', s.source, s]),
  ];
  return (
    <table className="journal ledger-summary" aria-label="问题台账汇总">
      <caption data-testid="ledger-counts">问题 {countsText(numbers)}</caption>
      <thead>
        <tr>
          <th>分类</th>
          <th>项目</th>
          <th>问题数</th>
          <th>已销号</th>
          <th>整改中</th>
          <th>逾期</th>
        </tr>
      </thead>
      <tbody>
        {lines.map(([kind, name, c]) => (
          <tr key={`${kind}|${name}`}>
            <td>{kind}</td>
            <th>{name}</th>
            <td>{c.total}</td>
            <td>{c.closed}</td>
            <td>{c.open}</td>
            <td className={c.overdue ? 'overdue' : ''}>{c.overdue}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 「导出核实结果」: the list chosen among those on the ledger, its file chosen again, written back with the 核实结果. */
function FeedbackButton({ lists }: { lists: string[] }) {
  const { notify } = useWorkspace();
  const [list, setList] = useState('');
  const chosen = lists.includes(list) ? list : (lists[0] ?? '');
  const run = async () => {
    try {
      const picked = await pickFile(['xlsx']);
      if (!picked) return;
      const result = await saveFromBackend((out) => api.listFeedback({ path: picked.path, displayName: chosen, out }), `${chosen.replace(/\.xlsx$/i, '')}-核实反馈.xlsx`);
      if (!result) return;
      const missing = result.missing.length ? `；第 ${result.missing.join('、')} 行不在问题台账中，未填写` : '';
      notify({ kind: 'info', text: `已导出「${chosen}」的核实结果：名单 ${result.rows} 行，${result.filled} 行已填核实结果${missing}。` });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };
  if (!lists.length) return null;
  return (
    <>
      <label>
        来源名单：
        <select aria-label="来源名单" value={chosen} onChange={(e) => setList(e.target.value)}>
          {lists.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" title="选择当初导入的名单文件，按原格式填上核实结果后保存" onClick={() => void run()}>
        导出核实结果…
      </button>
    </>
  );
}

export function ProblemsPage({ params }: { params: URLSearchParams }) {
  const { apply, notify, revision } = useWorkspace();
  const [confirm, confirmDialog] = useConfirm();
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  const info = useProfile();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [selected, setSelected] = useState<Row[]>([]);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [dialog, setDialog] = useState<'import' | 'export' | null>(null);
  const [findings, setFindings] = useState<Finding[]>([]);
  const layout = findLayout('problems')!;

  const villages = useRows(() => api.rows('villages'), []);
  const scope = villageId ?? undefined;
  const rows = useRows(() => api.rows('problems', { villageId: scope }), [villageId], { tables: ['problems'], load: (ids) => api.rows('problems', { villageId: scope, ids }) });
  const refs = useRefChoices('problems', villageId);

  // Arriving from 数据核查 or a link: the village, then the row and cell.
  useEffect(() => {
    const row = idParam(params, 'row');
    if (params.get('village')) setVillageId(idParam(params, 'village'));
    if (row) setFocus({ id: row, colId: params.get('field') || 'description' });
  }, [params]);

  // The marks of 数据核查 for the village shown (the ledger is a village's record).
  useEffect(() => {
    if (villageId === null) return setFindings([]);
    let live = true;
    api.check({ villageId }).then(
      (report) => live && setFindings(report.findings),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
  }, [villageId, revision, notify]);
  const findingIndex = useMemo(() => indexFindings(findings, 'problems'), [findings]);

  const day = today();
  const shown = useMemo(() => {
    const withState = (rows ?? []).map((r) => ({ ...r, _state: problemStateText[problemState(r, day)] }));
    return overdueOnly ? withState.filter((r) => r._state === problemStateText.overdue) : withState;
  }, [rows, overdueOnly, day]);
  const lists = useMemo(() => [...new Set((rows ?? []).map((r) => String(r.listFile ?? '')).filter(Boolean))].sort(), [rows]);
  const household = selected.length === 1 && selected[0]!.householdId != null ? Number(selected[0]!.householdId) : null;

  const add = async () => {
    if (villageId === null) return notify({ kind: 'error', text: '请先在上方选择行政村，再新增问题。' });
    const result = await apply(addRow('problems', { villageId, source: '其他', foundDate: day }));
    const id = result?.insertedIds[NEW_ROW];
    if (id) setFocus({ id, colId: 'category' });
  };
  const remove = async (chosen: Row[] = selected) => {
    if (!(await confirm(`确定删除选中的 ${chosen.length} 条问题吗？删除后可以用「撤销」恢复。`))) return;
    await apply(deleteRows('problems', chosen.map((r) => r.id)));
    setSelected([]);
  };

  return (
    <section className="page table-page problems-page">
      <h2>{info ? layout.title(info.place, info.workYear) : layout.label}</h2>
      <div className="toolbar">
        <VillageSelect ariaLabel="行政村" villages={villages} value={villageId} onChange={setVillageId} />
        <label>
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> 只看逾期
        </label>
        <button type="button" onClick={() => void add()}>
          新增
        </button>
        <button type="button" disabled={!selected.length} onClick={() => void remove()}>
          删除选中的问题
        </button>
        <button type="button" disabled={household === null} onClick={() => (window.location.hash = hashFor('monitoring', { household }))}>
          监测程序
        </button>
        <button type="button" title="县级疑似问题数据、部门预警名单，或本程序导出的问题台账" onClick={() => setDialog('import')}>
          导入名单…
        </button>
        <FeedbackButton lists={lists} />
        <button type="button" onClick={() => setDialog('export')}>
          导出…
        </button>
        <span className="count">{rows ? `共 ${rows.length} 条${overdueOnly ? `，其中逾期 ${shown.length} 条` : ''}` : '正在读取…'}</span>
      </div>
      {rows ? <LedgerSummary rows={rows} /> : null}
      <DataGrid<Row>
        testId="problems-grid"
        table="problems"
        rows={rows ? shown : null}
        refs={refs}
        derived={derived}
        focusRequest={focus}
        findings={findingIndex}
        onSelectionChanged={setSelected}
        onAddRow={() => void add()}
        onDeleteRows={(chosen) => void remove(chosen)}
      />
      {confirmDialog}
      {dialog === 'import' ? <ImportDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'export' ? <ExportDialog villages={villages ?? []} villageId={villageId} layoutId="problems" year={info?.workYear} onClose={() => setDialog(null)} /> : null}
    </section>
  );
}
