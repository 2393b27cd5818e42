// 设置: who is keying (recorded in the journal), the township, its villages and groups, the database, the journal.
import { useEffect, useMemo, useState } from 'react';
import { addRow, deleteRows, saveSettings } from '../../shared/commands';
import { settingKeys, type Row } from '../../shared/tables';
import { api } from '../api';
import type { RefChoices } from '../grid/columns';
import { BackupPanel } from '../components/BackupPanel';
import { ProfileForm } from '../components/ProfileForm';
import { DataGrid } from '../grid/DataGrid';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';

const editableSettings = [
  { key: settingKeys.operator, label: '操作员姓名', help: '记录在每一条修改记录中' },
  { key: settingKeys.township, label: '乡镇', help: '用于表头和报告' },
  { key: settingKeys.county, label: '县', help: '用于表头和报告' },
  { key: settingKeys.backupDays, label: '备份保留天数', help: '自动备份保留的天数（默认 30 天；最近 5 份总是保留）' },
] as const;

const kindLabel = { edit: '修改', undo: '撤销', redo: '重做' } as const;

function SettingsForm({ settings }: { settings: Row[] }) {
  const { apply, refreshInfo, notify } = useWorkspace();
  const stored = useMemo(() => new Map(settings.map((s) => [String(s.key), s])), [settings]);
  const [draft, setDraft] = useState<Record<string, string>>({});
  useEffect(() => {
    setDraft(Object.fromEntries(editableSettings.map((s) => [s.key, String(stored.get(s.key)?.value ?? '')])));
  }, [stored]);

  const save = async () => {
    const set = saveSettings(settings, Object.fromEntries(editableSettings.map((s) => [s.key, draft[s.key] ?? ''])));
    if (!set) return;
    const result = await apply(set);
    if (result) {
      await refreshInfo();
      notify({ kind: 'info', text: '设置已保存。' });
    }
  };

  return (
    <form
      className="settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {editableSettings.map((s) => (
        <label key={s.key}>
          <span>{s.label}</span>
          <input value={draft[s.key] ?? ''} onChange={(e) => setDraft({ ...draft, [s.key]: e.target.value })} title={s.help} />
        </label>
      ))}
      <button type="submit">保存</button>
    </form>
  );
}

function AddByName({ placeholder, onAdd }: { placeholder: string; onAdd: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  return (
    <form
      className="inline-add"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void onAdd(name.trim()).then((ok) => ok && setName(''));
      }}
    >
      <input aria-label={placeholder} placeholder={placeholder} value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" disabled={!name.trim()}>
        添加
      </button>
    </form>
  );
}

export function SettingsPage() {
  const { apply, info, notify } = useWorkspace();
  const settings = useRows(() => api.rows('settings'), []);
  const villages = useRows(() => api.rows('villages'), []);
  const [villageId, setVillageId] = useState<number | null>(null);
  const groups = useRows(villageId ? () => api.rows('groups', { where: { villageId } }) : null, [villageId]);
  const journal = useRows(() => api.history(30), []);
  const [selectedVillages, setSelectedVillages] = useState<Row[]>([]);
  const village = villages?.find((v) => v.id === villageId);
  const township = settings?.find((s) => s.key === settingKeys.township)?.value ?? null;
  const county = settings?.find((s) => s.key === settingKeys.county)?.value ?? null;

  const villageRefs = useMemo<Record<string, RefChoices>>(() => {
    const names = new Map((villages ?? []).map((v) => [v.id, String(v.name)]));
    return { villageId: { names, options: () => [...names.keys()] } };
  }, [villages]);

  const addVillage = async (name: string) => !!(await apply(addRow('villages', { name, township, county })));

  const addGroup = async (name: string) => {
    if (!villageId) {
      notify({ kind: 'error', text: '请先在行政村列表中点选一个村。' });
      return false;
    }
    return !!(await apply(addRow('groups', { villageId, name })));
  };

  const deleteVillages = async () => {
    await apply(deleteRows('villages', selectedVillages.map((v) => v.id)));
  };

  return (
    <section className="page settings">
      <h2>基本信息</h2>
      {settings ? <SettingsForm settings={settings} /> : null}

      <h2>政策年度参数</h2>
      {settings ? <ProfileForm settings={settings} /> : null}

      <h2>行政村</h2>
      <div className="toolbar">
        <AddByName placeholder="新行政村名称" onAdd={addVillage} />
        <button type="button" disabled={!selectedVillages.length} onClick={() => void deleteVillages()}>
          删除选中的村
        </button>
      </div>
      <div className="grid-box small">
        <DataGrid testId="villages-grid" table="villages" rows={villages} onFocusRow={(r) => setVillageId(r.id)} onSelectionChanged={setSelectedVillages} />
      </div>

      <h2>村民小组 / 片区{village ? `（${String(village.name)}）` : '（请在上方点选一个村）'}</h2>
      <div className="toolbar">
        <AddByName placeholder="新村民小组名称" onAdd={addGroup} />
      </div>
      <div className="grid-box small">
        <DataGrid testId="groups-grid" table="groups" rows={groups} refs={villageRefs} hidden={['villageId']} />
      </div>

      <h2>数据库</h2>
      <dl className="facts">
        <dt>数据库文件</dt>
        <dd>{info?.dbPath}</dd>
        <dt>数据版本</dt>
        <dd>{info?.schemaVersion}</dd>
        <dt>程序版本</dt>
        <dd>{info?.version}</dd>
      </dl>
      {info?.warnings.map((w) => (
        <p key={w} className="warning">
          {w}
        </p>
      ))}

      <h2>备份与恢复</h2>
      <BackupPanel />

      <h2>最近的操作记录</h2>
      <table className="journal">
        <thead>
          <tr>
            <th>时间</th>
            <th>操作员</th>
            <th>类型</th>
            <th>内容</th>
            <th>改动项数</th>
          </tr>
        </thead>
        <tbody>
          {(journal ?? []).map((j) => (
            <tr key={j.id} className={j.undone ? 'undone' : ''}>
              <td>{new Date(j.at).toLocaleString('zh-CN')}</td>
              <td>{j.operator ?? '（未设置）'}</td>
              <td>{kindLabel[j.kind]}</td>
              <td>
                {j.label}
                {j.undone ? '（已撤销）' : ''}
              </td>
              <td>{j.entries}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
