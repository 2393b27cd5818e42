// 导出: any table in its official layout, for one village or all, and the list for the national system (all
// households, or only those changed since the last such export).
import { useState } from 'react';
import type { ExportTableName } from '../../shared/api';
import type { Row } from '../../shared/tables';
import { api } from '../api';
import { saveFromBackend } from '../files';
import { useWorkspace } from '../workspace';

const choices: { table: ExportTableName; label: string }[] = [
  { table: 'households', label: '户籍台账（户）' },
  { table: 'members', label: '户籍台账（家庭成员）' },
  { table: 'income', label: '附件1 收入信息采集表' },
  { table: 'visits', label: '附件2 入户调查表' },
  { table: 'keygroups', label: '附件3 重点人群汇总表' },
  { table: 'problems', label: '附件4 问题台账' },
  { table: 'assignments', label: '附件5 入户责任分工表' },
  { table: 'national', label: '国家系统名单（全国系统的列名和顺序）' },
];

export function ExportDialog({ villages, villageId, onClose }: { villages: Row[] | null; villageId: number | null; onClose: () => void }) {
  const { notify, reload } = useWorkspace();
  const [table, setTable] = useState<ExportTableName>('households');
  const [onlyVillage, setOnlyVillage] = useState(villageId !== null);
  const [changedOnly, setChangedOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const village = villages?.find((v) => v.id === villageId);
  const label = choices.find((c) => c.table === table)!.label;

  const run = async () => {
    setBusy(true);
    try {
      const request = { table, village: onlyVillage && village ? String(village.name) : undefined, changedOnly: table === 'national' && changedOnly };
      const result = await saveFromBackend((path) => api.exportTable({ ...request, path }), `${label.replace(/[（）\s]/g, '')}.xlsx`);
      if (result) {
        notify({ kind: 'info', text: `已导出「${label}」${result.rows} 行。` });
        if (table === 'national') reload();
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
          <select aria-label="导出的表格" value={table} onChange={(e) => setTable(e.target.value as ExportTableName)}>
            {choices.map((c) => (
              <option key={c.table} value={c.table}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {village ? (
          <label>
            <input type="checkbox" checked={onlyVillage} onChange={(e) => setOnlyVillage(e.target.checked)} /> 只导出{String(village.name)}
          </label>
        ) : null}
        {table === 'national' ? (
          <label>
            <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} /> 只导出上次导出国家系统名单后有变化的户
          </label>
        ) : null}
        <p className="count">按正式格式：标题、填报单位、表头，A4 横向，每页重复表头；身份证号码以文本保存。</p>
        <div className="modal-buttons">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => void run()}>
            {busy ? '正在导出…' : '导出'}
          </button>
        </div>
      </div>
    </div>
  );
}
