// 数据核查: every finding of the national rules over all data, filterable by village, rule and severity; a row
// leads to the cell; a 提醒 can be confirmed with a reason (and the confirmation undone).
import type { ColDef, RowDoubleClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useState } from 'react';
import { waitingText, type CheckReport } from '../../shared/api';
import { confirmFindings, unconfirmFindings } from '../../shared/commands';
import { findingTarget, ruleById } from '../../shared/rules';
import { severityText, type Finding } from '../../shared/rules/types';
import { columnSpec } from '../../shared/tables';
import { api } from '../api';
import { VillageSelect } from '../components/VillageSelect';
import { gridLocale, gridTheme } from '../grid/theme';
import { findingsToLedger } from '../ledger';
import { hashForFinding } from '../navigation';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';

interface FindingRow extends Finding {
  key: string;
  severityLabel: string;
  ruleTitle: string;
  villageName: string;
  fieldLabel: string;
  status: string;
}

const columns: ColDef<FindingRow>[] = [
  { field: 'severityLabel', headerName: '类别', width: 96, cellClassRules: { 'cell-error': (p) => p.data?.severity === 'error', 'cell-warning': (p) => p.data?.severity === 'warning' } },
  { field: 'villageName', headerName: '行政村', width: 110 },
  { field: 'hhNo', headerName: '户编号', width: 170 },
  { field: 'idNumber', headerName: '证件号码', width: 200 },
  { field: 'fieldLabel', headerName: '栏目', width: 150 },
  { field: 'message', headerName: '问题说明', flex: 1, minWidth: 360, tooltipField: 'message' },
  { field: 'ruleTitle', headerName: '规则', width: 220, tooltipValueGetter: (p) => p.data?.ruleId },
  { field: 'status', headerName: '确认情况', width: 200, tooltipField: 'status' },
];

/** Where a finding is edited: the page of its table, at its row and cell. */
function jumpTo(f: Finding): void {
  window.location.hash = hashForFinding(f);
}

function ConfirmDialog({ count, onCancel, onConfirm }: { count: number; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <p>确认选中的 {count} 条提醒无误。请写明理由（例如：已入户核实），确认人和时间会一并记录。</p>
        <textarea aria-label="确认理由" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
        <div className="modal-buttons">
          <button type="button" onClick={onCancel}>
            取消
          </button>
          <button type="submit" className="danger" disabled={!reason.trim()}>
            确认无误
          </button>
        </div>
      </form>
    </div>
  );
}

export function ChecksPage() {
  const { revision, apply, info, notify } = useWorkspace();
  const [report, setReport] = useState<CheckReport | null>(null);
  const [villageId, setVillageId] = useState<number | null>(null);
  const [ruleId, setRuleId] = useState('');
  const [severity, setSeverity] = useState<'' | 'error' | 'warning'>('');
  const [showConfirmed, setShowConfirmed] = useState(false);
  const [selected, setSelected] = useState<FindingRow[]>([]);
  const [confirming, setConfirming] = useState(false);
  const villages = useRows(() => api.rows('villages'), []);

  useEffect(() => {
    let live = true;
    setReport(null);
    api.check().then(
      (r) => live && setReport(r),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
  }, [revision, notify]);

  const villageNames = useMemo(() => new Map((villages ?? []).map((v) => [v.id, String(v.name)])), [villages]);
  const all = useMemo<FindingRow[]>(
    () =>
      (report?.findings ?? []).map((f) => ({
        ...f,
        key: `${f.ruleId}|${findingTarget(f)}`,
        severityLabel: severityText[f.severity],
        ruleTitle: ruleById.get(f.ruleId)?.title ?? f.ruleId,
        villageName: f.villageId ? (villageNames.get(f.villageId) ?? '') : '',
        fieldLabel: f.field ? (columnSpec(f.table, f.field)?.label ?? f.field) : '（整条记录）',
        status: f.confirmation ? `已确认：${f.confirmation.reason}（${f.confirmation.by ?? '未署名'}）` : '',
      })),
    [report, villageNames],
  );
  const shown = all.filter(
    (f) =>
      (showConfirmed || !f.confirmation) &&
      (!villageId || f.villageId === villageId) &&
      (!ruleId || f.ruleId === ruleId) &&
      (!severity || f.severity === severity),
  );
  const open = all.filter((f) => !f.confirmation);
  const errors = open.filter((f) => f.severity === 'error').length;
  const ruleCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of all) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  }, [all]);

  const confirmable = selected.filter((f) => f.severity === 'warning' && !f.confirmation);
  const confirmed = selected.filter((f) => f.confirmation);

  const confirm = async (reason: string) => {
    setConfirming(false);
    await apply(confirmFindings(confirmable, reason, info?.operator ?? null, new Date().toISOString()));
  };

  const unconfirm = async () => {
    await apply(unconfirmFindings(confirmed, await api.rows('confirmations')));
  };

  return (
    <section className="page checks">
      <p className={report?.profile.monitoringLine == null ? 'line-banner missing' : 'line-banner'} data-testid="monitoring-line">
        {report?.monitoringLineText ?? '正在核查…'}
      </p>
      <div className="toolbar">
        <strong data-testid="check-summary">
          {report ? `错误 ${errors} 条，提醒 ${open.length - errors} 条，已确认 ${all.length - open.length} 条` : '正在核查…'}
        </strong>
        <VillageSelect ariaLabel="按行政村筛选" villages={villages} value={villageId} onChange={setVillageId} />
        <label>
          规则：
          <select aria-label="按规则筛选" value={ruleId} onChange={(e) => setRuleId(e.target.value)}>
            <option value="">全部</option>
            {ruleCounts.map(([id, n]) => (
              <option key={id} value={id}>
                {ruleById.get(id)?.title ?? id}（{n}）
              </option>
            ))}
          </select>
        </label>
        <label>
          类别：
          <select aria-label="按类别筛选" value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)}>
            <option value="">全部</option>
            <option value="error">错误</option>
            <option value="warning">提醒</option>
          </select>
        </label>
        <label>
          <input type="checkbox" checked={showConfirmed} onChange={(e) => setShowConfirmed(e.target.checked)} /> 显示已确认的提醒
        </label>
      </div>
      <div className="toolbar">
        <button type="button" disabled={selected.length !== 1} onClick={() => selected[0] && jumpTo(selected[0])}>
          定位到单元格
        </button>
        <button type="button" disabled={!confirmable.length} onClick={() => setConfirming(true)}>
          确认提醒无误…
        </button>
        <button type="button" disabled={!confirmed.length} onClick={() => void unconfirm()}>
          取消确认
        </button>
        <button type="button" disabled={!selected.length} title="把选中的问题各作为一条问题台账记录（来源：数据核查）" onClick={() => void findingsToLedger({ apply, notify }, selected)}>
          加入问题台账
        </button>
        <span className="count">「错误」须在导出前改正；「提醒」核实无误后可确认。双击一行可定位到单元格。</span>
      </div>
      {report?.waiting.length ? (
        <p className="count" data-testid="waiting-rules">
          尚无数据、暂不核查的规则（录入后自动启用）：{waitingText(report.waiting)}
        </p>
      ) : null}
      <div className="grid" data-testid="findings-grid">
        <AgGridReact<FindingRow>
          theme={gridTheme}
          localeText={gridLocale}
          rowData={report ? shown : null}
          columnDefs={columns}
          defaultColDef={{ sortable: true, filter: true, resizable: true }}
          getRowId={(p) => p.data.key}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: true }}
          selectionColumnDef={{ pinned: 'left', width: 44 }}
          tooltipShowDelay={300}
          onSelectionChanged={(e) => setSelected(e.api.getSelectedRows())}
          onRowDoubleClicked={(e: RowDoubleClickedEvent<FindingRow>) => e.data && jumpTo(e.data)}
          overlayNoRowsTemplate="<span>没有发现问题</span>"
        />
      </div>
      {confirming ? <ConfirmDialog count={confirmable.length} onCancel={() => setConfirming(false)} onConfirm={(r) => void confirm(r)} /> : null}
    </section>
  );
}
