// 政策年度参数 of the work year, as a form built from the dictionary (profiles table). Saving is one change set.
import { useEffect, useState } from 'react';
import { workYearSourceText, type ProfileInfo } from '../../shared/api';
import { saveProfile } from '../../shared/commands';
import { tableSpec, type Row } from '../../shared/tables';
import { api } from '../api';
import { useProfile } from '../useProfile';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';

const fields = tableSpec('profiles').columns.filter((c) => c.key !== 'year');

/** What the form shows in a field: the stored value, else the default the checks use. */
const shownValue = (stored: Row | undefined, info: ProfileInfo, key: string): string => {
  const value = stored?.[key];
  if (value != null) return String(value);
  const fallback = (info.profile as unknown as Record<string, unknown>)[key];
  if (typeof fallback === 'boolean') return fallback ? '是' : '否';
  if (Array.isArray(fallback)) return fallback.join(',');
  return fallback == null ? '' : String(fallback);
};

export function ProfileForm({ settings }: { settings: Row[] }) {
  const { apply, notify } = useWorkspace();
  const info = useProfile();
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [year, setYear] = useState('');
  const profiles = useRows(() => api.rows('profiles'), []);

  const stored = profiles?.find((p) => p.year === info?.workYear);
  useEffect(() => {
    if (!info) return;
    setYear(String(info.workYear));
    setDraft(Object.fromEntries(fields.map((f) => [f.key, shownValue(stored, info, f.key)])));
  }, [info, stored]);

  if (!info) return null;

  const save = async () => {
    const set = saveProfile(settings, info.workYear, year, stored, Object.fromEntries(fields.map((f) => [f.key, draft[f.key] ?? ''])));
    if (set && (await apply(set))) notify({ kind: 'info', text: '政策年度参数已保存。' });
  };

  return (
    <form
      className="profile-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        <span>工作年度</span>
        <input aria-label="工作年度" value={year} onChange={(e) => setYear(e.target.value)} />
        <small>
          本轮排查的年度（核查、报表所用）{info.workYearSource === 'setting' ? '' : `——${workYearSourceText[info.workYearSource]}（点「保存年度参数」即确认）`}；改年度后请再填该年度的参数
        </small>
      </label>
      {fields.map((f) => (
        <label key={f.key} className={f.key === 'monitoringLine' ? 'important' : ''}>
          <span>{f.label}</span>
          <input aria-label={f.label} value={draft[f.key] ?? ''} onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })} />
          {f.help ? <small>{f.help}</small> : null}
        </label>
      ))}
      <p className="data-date" data-testid="data-date">
        导入数据的截止日：
        {info.profile.dataDate
          ? `${info.profile.dataDate}（本年度导入的国家系统数据的导出时间；核查「出生日期晚于数据截止日」以此为准，新出生的家庭成员请把人员变动填为「自然增加」）`
          : '本年度尚未导入带导出时间的国家系统数据（核查以年龄计算基准日为准）'}
      </p>
      <button type="submit">保存年度参数</button>
    </form>
  );
}
