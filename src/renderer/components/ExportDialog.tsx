// 导出: any form of the layouts registry in its official layout, for one village or all. Before writing, it says
// how many 错误 remain in what would go out and where; the national list is not exported with 错误 unless the
// clerk ticks 仍然导出.
import { useEffect, useState } from 'react';
import { gateText, type ExportGate, type ExportRequest } from '../../shared/api';
import { layouts } from '../../shared/layouts';
import type { Row } from '../../shared/tables';
import { api } from '../api';
import { saveFromBackend } from '../files';
import { useWorkspace } from '../workspace';

function GateNotice({ gate, override, onOverride }: { gate: ExportGate | null; override: boolean; onOverride: (value: boolean) => void }) {
  if (!gate) return <p className="count">正在核查要导出的数据…</p>;
  if (!gate.errors) return <p className="count" data-testid="export-gate">要导出的数据中没有「错误」。</p>;
  return (
    <div className="warning" data-testid="export-gate">
      <p>
        要导出的数据中还有 {gate.errors} 条「错误」：{gateText(gate)}。
        {gate.refuses ? '国家系统名单须改正全部错误后再导出。' : '导出后请尽快改正。'}
      </p>
      <ul>
        {gate.examples.map((e, i) => (
          <li key={i}>
            {e.hhNo ? `户编号 ${e.hhNo}：` : ''}
            {e.message}
          </li>
        ))}
      </ul>
      {gate.refuses ? (
        <label>
          <input type="checkbox" checked={override} onChange={(e) => onOverride(e.target.checked)} /> 仍然导出（{gate.errors} 条错误会随名单导出）
        </label>
      ) : null}
    </div>
  );
}

export function ExportDialog({ villages, villageId, layoutId: initial, year, onClose }: { villages: Row[] | null; villageId: number | null; layoutId?: string; year?: number; onClose: () => void }) {
  const { notify, reload } = useWorkspace();
  const [layoutId, setLayoutId] = useState(initial ?? layouts[0]!.id);
  const [onlyVillage, setOnlyVillage] = useState(villageId !== null);
  const [changedOnly, setChangedOnly] = useState(false);
  const [override, setOverride] = useState(false);
  const [gate, setGate] = useState<ExportGate | null>(null);
  const [busy, setBusy] = useState(false);
  const village = villages?.find((v) => v.id === villageId);
  const layout = layouts.find((l) => l.id === layoutId)!;
  const request: ExportRequest = {
    layout: layoutId,
    // The year the page shows (附件1 of 2022 or of 2023); the 工作年度 when opened from a page without one.
    year,
    village: onlyVillage && village ? String(village.name) : undefined,
    changedOnly: !!layout.national && changedOnly,
  };

  useEffect(() => {
    let live = true;
    setGate(null);
    setOverride(false);
    api.exportGate(request).then(
      (g) => live && setGate(g),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [layoutId, request.village, request.changedOnly, year, notify]);

  const run = async () => {
    setBusy(true);
    try {
      const result = await saveFromBackend((path) => api.exportLayout({ ...request, allowErrors: override, path }), `${layout.fileName}.xlsx`);
      if (result) {
        const errors = result.gate.errors ? `，其中 ${result.gate.errors} 条错误随表导出（${gateText(result.gate)}）` : '';
        notify({ kind: 'info', text: `已导出「${layout.label}」${result.rows} 行${errors}。` });
        if (layout.national) reload();
        onClose();
      }
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label="导出">
        <h2>导出</h2>
        <label className="stacked">
          表格：
          <select aria-label="导出的表格" value={layoutId} onChange={(e) => setLayoutId(e.target.value)}>
            {layouts.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
        {village ? (
          <label>
            <input type="checkbox" checked={onlyVillage} onChange={(e) => setOnlyVillage(e.target.checked)} /> 只导出{String(village.name)}
          </label>
        ) : null}
        {layout.national ? (
          <label>
            <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} /> 只导出上次导出国家系统名单后有变化的户
          </label>
        ) : null}
        <GateNotice gate={gate} override={override} onOverride={setOverride} />
        <p className="count">按正式格式：标题、填报单位、表头，A4 横向，每页重复表头；身份证号码以文本保存。</p>
        <div className="modal-buttons">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="danger" disabled={busy || !gate || (gate.refuses && !override)} onClick={() => void run()}>
            {busy ? '正在导出…' : '导出'}
          </button>
        </div>
      </div>
    </div>
  );
}
