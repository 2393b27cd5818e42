// 设置 › 备份与恢复: the backups beside the database (daily, before every import, by hand), a backup made now, and a
// restore that first shows what the backup holds against what the database holds now. The data replaced are kept
// as a backup of their own, so a restore can itself be undone by restoring that one.
import { useState } from 'react';
import { summaryText, type BackupInfo, type DatabaseSummary } from '../../shared/api';
import { api } from '../api';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN') : '（无）');
const holds = (s: DatabaseSummary) => summaryText(s, when);

interface Pending {
  backup: BackupInfo;
  content: { backup: DatabaseSummary; current: DatabaseSummary };
}

export function BackupPanel() {
  const { notify, reload, refreshInfo } = useWorkspace();
  const backups = useRows(() => api.backups(), []);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      notify({ kind: 'info', text: await work() });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    } finally {
      setBusy(false);
      reload();
    }
  };

  const backupNow = () => run(async () => `已备份：${(await api.backupNow()).name}`);
  const ask = async (backup: BackupInfo) => {
    try {
      setPending({ backup, content: await api.backupContent(backup.name) });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };
  const restore = (backup: BackupInfo) =>
    run(async () => {
      setPending(null);
      const kept = await api.restoreBackup(backup.name);
      await refreshInfo();
      return `已恢复到 ${when(backup.at)} 的备份。恢复前的数据已另存为备份「${kept.name}」。`;
    });

  return (
    <div className="backups">
      <div className="toolbar">
        <button type="button" disabled={busy} onClick={() => void backupNow()}>
          立即备份
        </button>
        <span className="count">每天第一次启动和每次导入前自动备份，保存在数据库文件旁的 backups 文件夹中。</span>
      </div>
      <table className="journal" data-testid="backups">
        <thead>
          <tr>
            <th>时间</th>
            <th>类型</th>
            <th>大小</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(backups ?? []).map((b) => (
            <tr key={b.name}>
              <td>{when(b.at)}</td>
              <td>{b.reasonText}</td>
              <td>{(b.bytes / 1e6).toFixed(1)} MB</td>
              <td>
                <button type="button" disabled={busy} onClick={() => void ask(b)}>
                  恢复…
                </button>
              </td>
            </tr>
          ))}
          {backups && !backups.length ? (
            <tr>
              <td colSpan={4}>还没有备份。</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {pending ? (
        <div className="modal-backdrop">
          <div className="modal" role="dialog" aria-modal="true" aria-label="恢复备份">
            <h2>恢复备份</h2>
            <p>
              备份（{when(pending.backup.at)}，{pending.backup.reasonText}）中有：{holds(pending.content.backup)}。
            </p>
            <p>现在的数据：{holds(pending.content.current)}。</p>
            <p>恢复后，现在的数据会被备份中的数据替换；替换前会先另存为一份备份，需要时可以再恢复回来。</p>
            <div className="modal-buttons">
              <button type="button" onClick={() => setPending(null)}>
                取消
              </button>
              <button type="button" className="danger" onClick={() => void restore(pending.backup)}>
                恢复
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
