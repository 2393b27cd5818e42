// 打印: the pre-filled household forms for the 双签字 — of a village or one of its 片区 (村民小组), or of the household
// at hand — as one Word document, each household on new pages with its 户编号 and QR code on every page; or the 公示
// of newly identified 监测户. It tells what was printed before and what went stale since (the household was edited
// after its form was printed), and marks a household's form returned and signed. Under Electron the document is
// saved where the clerk says and opened in Word/WPS; in a browser it downloads. One component for every page that
// prints (附件1, 附件2, the register): <PrintForms kind=… villageId=… householdId=… />.
import { useEffect, useState } from 'react';
import type { FormsStatus, HouseholdForms, TaskProgress } from '../../shared/api';
import { formKindLabels, formKinds, formsOf, type FormKind, type SingleFormKind } from '../../shared/forms';
import type { Row } from '../../shared/tables';
import { api } from '../api';
import { pickFile, saveFromBackend, type PickedFile } from '../files';
import { useWorkspace } from '../workspace';

type Choice = FormKind | 'publicity';
const choices: Choice[] = [...formKinds, 'publicity'];
const choiceLabel = (choice: Choice) => (choice === 'publicity' ? '新识别监测户公示名单' : formKindLabels[choice]);

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { dateStyle: 'short', timeStyle: 'short' });

/** 已打印 / 打印后已修改 / 已收回签字 of the households shown, per form. */
function StatusSummary({ status, kinds }: { status: FormsStatus; kinds: SingleFormKind[] }) {
  return (
    <ul className="count" data-testid="forms-status">
      {kinds.map((kind) => {
        const list = status.households.map((h) => h[kind]);
        const stale = list.filter((s) => s.stale).length;
        return (
          <li key={kind}>
            {formKindLabels[kind]}：共 {list.length} 户，已打印 {list.filter((s) => s.printedAt).length} 户
            {stale ? `（其中 ${stale} 户打印后数据已修改，需重新打印）` : ''}，已收回并双签字 {list.filter((s) => s.signed).length} 户。
          </li>
        );
      })}
    </ul>
  );
}

/** One household's forms: printed when, stale or not, and the button that marks a form returned and signed. */
function HouseholdStatus({ household, year, onMarked }: { household: HouseholdForms; year: number; onMarked: () => void }) {
  const { notify, reload, refreshInfo } = useWorkspace();
  const mark = async (kind: SingleFormKind) => {
    try {
      await api.markFormsReturned({ householdIds: [household.householdId], kind, year });
      // A write outside apply: the pages reload, the undo button learns of it.
      reload();
      await refreshInfo();
      notify({ kind: 'info', text: `已记录：户编号 ${household.hhNo ?? ''} 的${formKindLabels[kind]}已收回，户主和信息采集员已签字。` });
      onMarked();
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };
  return (
    <table className="journal" data-testid="household-forms">
      <tbody>
        {(['income', 'visit'] as const).map((kind) => {
          const state = household[kind];
          return (
            <tr key={kind}>
              <td>{formKindLabels[kind]}</td>
              <td>{state.printedAt ? `${when(state.printedAt)} 打印` : '未打印'}</td>
              <td className={state.stale ? 'warning' : undefined}>{state.signed ? '已收回并双签字' : state.stale ? '打印后数据已修改，请重新打印' : ''}</td>
              <td>
                {state.signed ? null : (
                  <button type="button" onClick={() => void mark(kind)}>
                    标记为已收回并签字
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function PrintDialog({ kind: initial, villageId: initialVillage, householdId, year, onClose }: { kind: FormKind; villageId: number | null; householdId: number | null; year?: number; onClose: () => void }) {
  const { notify, revision } = useWorkspace();
  const [choice, setChoice] = useState<Choice>(initial);
  const [scope, setScope] = useState<'household' | 'village'>(householdId ? 'household' : 'village');
  const [villages, setVillages] = useState<Row[]>([]);
  const [villageId, setVillageId] = useState<number | null>(initialVillage);
  const [groups, setGroups] = useState<Row[]>([]);
  const [groupId, setGroupId] = useState<number | null>(null);
  const [onlyOutdated, setOnlyOutdated] = useState(false);
  const [template, setTemplate] = useState<PickedFile | null>(null);
  const [status, setStatus] = useState<FormsStatus | null>(null);
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [marked, setMarked] = useState(0);

  useEffect(() => {
    void api.rows('villages').then((rows) => {
      setVillages(rows);
      setVillageId((id) => id ?? rows[0]?.id ?? null);
    });
  }, []);
  useEffect(() => {
    setGroupId(null);
    if (villageId !== null) void api.rows('groups', { where: { villageId } }).then(setGroups);
  }, [villageId]);
  // The 公示 is a village's list (or the township's), never one household's.
  const forHousehold = scope === 'household' && householdId !== null && choice !== 'publicity';
  useEffect(() => {
    let live = true;
    setStatus(null);
    if (!forHousehold && villageId === null) return;
    api.formsStatus(forHousehold ? { householdIds: [householdId!], year } : { villageId: villageId!, year }).then(
      (s) => live && setStatus(s),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
  }, [forHousehold, householdId, villageId, year, revision, marked, notify]);

  const village = villages.find((v) => v.id === villageId);
  const group = groups.find((g) => g.id === groupId);
  const shown = status ? { ...status, households: status.households.filter((h) => forHousehold || groupId === null || h.groupId === groupId) } : null;
  const household = forHousehold ? status?.households[0] : undefined;
  const where = forHousehold ? `户编号${household?.hhNo ?? ''}` : `${String(village?.name ?? '')}${group ? String(group.name) : ''}`;

  const chooseTemplate = async () => {
    try {
      const picked = await pickFile(['docx']);
      if (picked) setTemplate(picked);
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };
  const saveTemplate = async () => {
    if (choice === 'publicity') return;
    try {
      const saved = await saveFromBackend((path) => api.writeFormsTemplate({ kind: choice, path }), `入户签字表模板-${formKindLabels[choice]}.docx`);
      if (saved) notify({ kind: 'info', text: `已保存默认模板「${saved.name}」。在 Word/WPS 中修改后，点「选择模板…」使用它。` });
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };

  const print = async () => {
    setBusy(true);
    const timer = setInterval(() => void api.taskProgress().then((p) => p && setProgress(p)), 300);
    try {
      const result =
        choice === 'publicity'
          ? await saveFromBackend((path) => api.writePublicity({ path, year, village: String(village?.name ?? '') || undefined }), `${where}新识别监测户公示.docx`)
          : await saveFromBackend(
              (path) =>
                api.writeForms({
                  path,
                  kind: choice,
                  year,
                  template: template?.path,
                  onlyOutdated: !forHousehold && onlyOutdated,
                  ...(forHousehold ? { householdIds: [householdId!] } : { village: String(village?.name ?? ''), group: group ? String(group.name) : undefined }),
                }),
              `${where}${formKindLabels[choice].replace(/\s/g, '')}.docx`,
            );
      if (!result) return;
      const opened = window.paichaDesktop ? await window.paichaDesktop.openFile(result.path) : true;
      const what = 'kind' in result ? `${result.households} 户的表` : `公示名单（${result.households} 户 ${result.people} 人）`;
      const problems = 'problems' in result ? [result.template.unknown.length ? `模板中不认识的占位符保持原样：${result.template.unknown.map((n) => `{{${n}}}`).join('、')}。` : '', ...result.problems].join('') : '';
      notify({ kind: problems ? 'error' : 'info', text: `已生成「${result.name}」：${what}。${opened ? '' : '请在 Word/WPS 中打开它打印。'}${problems}` });
      setMarked((n) => n + 1);
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    } finally {
      clearInterval(timer);
      setProgress(null);
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label="打印入户签字表">
        <h2>打印入户签字表</h2>
        <label className="stacked">
          打印：
          <select aria-label="打印的表" value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
            {choices.map((c) => (
              <option key={c} value={c}>
                {choiceLabel(c)}
              </option>
            ))}
          </select>
        </label>
        {householdId !== null && choice !== 'publicity' ? (
          <span role="group" aria-label="范围" className="view-switch">
            <button type="button" aria-pressed={forHousehold} onClick={() => setScope('household')}>
              本户
            </button>
            <button type="button" aria-pressed={!forHousehold} onClick={() => setScope('village')}>
              整村或片区
            </button>
          </span>
        ) : null}
        {!forHousehold ? (
          <div className="toolbar">
            <label>
              行政村：
              <select aria-label="打印的行政村" value={villageId ?? ''} onChange={(e) => setVillageId(Number(e.target.value) || null)}>
                {villages.map((v) => (
                  <option key={v.id} value={v.id}>
                    {String(v.name)}
                  </option>
                ))}
              </select>
            </label>
            {choice !== 'publicity' ? (
              <label>
                村民小组（片区）：
                <select aria-label="打印的村民小组" value={groupId ?? ''} onChange={(e) => setGroupId(Number(e.target.value) || null)}>
                  <option value="">全部</option>
                  {groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {String(g.name)}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
        ) : null}
        {choice !== 'publicity' ? (
          <>
            {shown ? <StatusSummary status={shown} kinds={formsOf(choice)} /> : <p className="count">正在读取打印记录…</p>}
            {household && status ? <HouseholdStatus household={household} year={status.year} onMarked={() => setMarked((n) => n + 1)} /> : null}
            {!forHousehold ? (
              <label>
                <input type="checkbox" checked={onlyOutdated} onChange={(e) => setOnlyOutdated(e.target.checked)} /> 只打印未打印过或打印后数据已修改的户
              </label>
            ) : null}
            <div className="toolbar">
              <span>
                模板：<strong data-testid="forms-template">{template ? template.name : '默认模板'}</strong>
              </span>
              <button type="button" onClick={() => void chooseTemplate()} disabled={busy}>
                选择模板…
              </button>
              {template ? (
                <button type="button" onClick={() => setTemplate(null)} disabled={busy}>
                  改用默认模板
                </button>
              ) : null}
              <button type="button" onClick={() => void saveTemplate()} disabled={busy}>
                保存默认模板…
              </button>
            </div>
            <p className="count">每户另起一页，每页印有户编号和二维码（扫码枪扫入「查找」即打开该户）；表尾为户主签字（按手印）和两名信息采集员签字。</p>
          </>
        ) : (
          <p className="count">新识别监测户的公示名单（Word），证件号码只显示前 6 位和后 4 位；Excel 版请用「导出…」。</p>
        )}
        {busy ? (
          <p>
            {progress?.phase ?? '正在生成…'} <progress max={1} value={progress?.fraction ?? 0} aria-label="打印进度" />
          </p>
        ) : null}
        <div className="modal-buttons">
          <button type="button" onClick={onClose}>
            关闭
          </button>
          <button type="button" className="danger" disabled={busy || (!forHousehold && villageId === null)} onClick={() => void print()}>
            {busy ? '正在生成…' : '生成Word'}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The 打印 button of a page's toolbar, and its dialog. */
export function PrintForms({ kind = 'income', villageId = null, householdId = null, year }: { kind?: FormKind; villageId?: number | null; householdId?: number | null; year?: number | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        打印…
      </button>
      {open ? <PrintDialog kind={kind} villageId={villageId} householdId={householdId} year={year ?? undefined} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
