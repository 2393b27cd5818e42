// 监测程序: a household's monitoring procedure as a timeline of steps (date, what was decided, who recorded it), the
// step that may come next recorded through its command (recordMonitoringStep: the step and the household's status
// fields in one change set), the 七不消 judged before 风险消除 and each one that holds named, the household's 帮扶措施
// by category, and the numbers of the year (src/shared/monitoringFigures.ts) for the village shown.
import { useEffect, useMemo, useState } from 'react';
import { recordMonitoringStep } from '../../shared/commands';
import { APPROVAL, eliminationBlockers, ELIMINATION, GREEN_CHANNEL, greenChannelRisks, identificationChain, procedureState, RELABEL, type MonitoringFile } from '../../shared/monitoring';
import type { Count, MonitoringNumbers } from '../../shared/monitoringFigures';
import { text } from '../../shared/rules/helpers';
import { tableSpec, type Row } from '../../shared/tables';
import { vocabularies } from '../../shared/vocab';
import { api } from '../api';
import { HouseholdSelect } from '../components/HouseholdSelect';
import { VillageSelect } from '../components/VillageSelect';
import { idParam } from '../navigation';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';
import './ledger.css';

const today = () => new Date().toISOString().slice(0, 10);
const label = (key: string) => tableSpec('monitoringSteps').columns.find((c) => c.key === key)!.label;

/** Steps that decide the 监测对象类别 and risks. */
const decides = new Set<string>([identificationChain[0], GREEN_CHANNEL, APPROVAL, RELABEL]);

function Timeline({ steps }: { steps: Row[] }) {
  if (!steps.length) return <p className="count">还没有记录监测程序。</p>;
  return (
    <table className="journal" aria-label="监测程序">
      <thead>
        <tr>
          {['date', 'step', 'monitoringType', 'risks', 'eliminationMethod', 'note', 'recordedBy', 'recordedAt'].map((key) => (
            <th key={key}>{label(key)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s.id}>
            <td>{text(s.date)}</td>
            <td>{text(s.step)}</td>
            <td>{text(s.monitoringType)}</td>
            <td>{text(s.risks).replace(/,/g, '、')}</td>
            <td>{text(s.eliminationMethod)}</td>
            <td>{text(s.note)}</td>
            <td>{text(s.recordedBy) || (s.step === '国家系统导入' ? '（导入）' : '未署名')}</td>
            <td>{text(s.recordedAt).slice(0, 16).replace('T', ' ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The form of the next step: what it decides, the 七不消 before 风险消除, and 「记录」. */
function StepForm({ file }: { file: MonitoringFile }) {
  const { apply, info, notify } = useWorkspace();
  const state = procedureState(file.household, file.steps);
  const [step, setStep] = useState(state.next[0] ?? '');
  const [date, setDate] = useState(today());
  const [type, setType] = useState('');
  const [risks, setRisks] = useState<string[]>([]);
  const [method, setMethod] = useState('帮扶消除');
  const [note, setNote] = useState('');
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const chosen = state.next.includes(step) ? step : (state.next[0] ?? '');
  const blockers = chosen === ELIMINATION ? eliminationBlockers(file, method, date) : null;

  const record = async () => {
    try {
      const set = recordMonitoringStep(file, { step: chosen, date, monitoringType: type || null, risks, eliminationMethod: method, note, confirmed }, info?.operator ?? null, new Date().toISOString());
      if (await apply(set)) {
        notify({ kind: 'info', text: `已记录：${set.label}` });
        setNote('');
        setConfirmed([]);
      }
    } catch (error) {
      notify({ kind: 'error', text: (error as Error).message });
    }
  };
  const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

  return (
    <form
      className="step-form"
      aria-label="记录下一步"
      onSubmit={(e) => {
        e.preventDefault();
        void record();
      }}
    >
      <label>
        步骤：
        <select aria-label="步骤" value={chosen} onChange={(e) => setStep(e.target.value)}>
          {state.next.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        日期：
        <input aria-label="日期" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      {decides.has(chosen) ? (
        <>
          <label>
            监测对象类别：
            <select aria-label="监测对象类别" value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">（{chosen === APPROVAL ? '沿用研判时的认定' : '请选择'}）</option>
              {vocabularies.monitoringType.values.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </label>
          <fieldset aria-label="致贫/返贫风险">
            风险：
            {(chosen === GREEN_CHANNEL ? greenChannelRisks : vocabularies.risk.values).map((r) => (
              <label key={r}>
                <input type="checkbox" checked={risks.includes(r)} onChange={(e) => setRisks(toggle(risks, r, e.target.checked))} /> {r}
              </label>
            ))}
          </fieldset>
        </>
      ) : null}
      {chosen === ELIMINATION ? (
        <label>
          消除方式：
          <select aria-label="风险消除方式" value={method} onChange={(e) => setMethod(e.target.value)}>
            {vocabularies.eliminationMethod.values.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        情况说明：
        <input aria-label="情况说明" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="danger" disabled={!chosen}>
        记录
      </button>
      {blockers ? (
        <div data-testid="blockers">
          <strong>七不消（有下列情形的不得标注风险消除）：</strong>
          <ul className="blockers">
            {file.blockers.map((name) => {
              const holds = blockers.holding.find((b) => b.name === name);
              if (blockers.toConfirm.includes(name)) {
                return (
                  <li key={name}>
                    <label>
                      <input type="checkbox" checked={confirmed.includes(name)} onChange={(e) => setConfirmed(toggle(confirmed, name, e.target.checked))} /> 已核实排除「{name}」
                    </label>
                  </li>
                );
              }
              return (
                <li key={name} className={holds ? 'holds' : ''}>
                  {name}：{holds ? holds.reason : '已排除'}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </form>
  );
}

function Measures({ measures }: { measures: Row[] }) {
  if (!measures.length) return <p className="count">帮扶措施：尚无记录（在「帮扶措施」页录入）。</p>;
  const byCategory = new Map<string, string[]>();
  for (const m of measures) byCategory.set(text(m.category) || '未分类', [...(byCategory.get(text(m.category) || '未分类') ?? []), [text(m.item), text(m.startMonth)].filter(Boolean).join(' ')]);
  return (
    <p className="count" data-testid="measures">
      帮扶措施：{[...byCategory].map(([category, items]) => `${category}（${items.filter(Boolean).join('、') || `${items.length} 项`}）`).join('；')}
    </p>
  );
}

const countText = (c: Count) => `${c.households} 户 ${c.people} 人`;

function Numbers({ numbers }: { numbers: MonitoringNumbers }) {
  const { newlyIdentified: n, eliminated: e, ledger } = numbers;
  return (
    <div className="numbers" data-testid="monitoring-numbers">
      <table className="journal" aria-label="监测情况统计">
        <caption>{numbers.year}年度监测情况</caption>
        <tbody>
          <tr>
            <th>新识别监测</th>
            <td>{countText(n)}</td>
            <td>{n.byType.filter((t) => t.households).map((t) => `${t.type} ${countText(t)}`).join('；')}</td>
          </tr>
          <tr>
            <th>按风险</th>
            <td colSpan={2}>{n.byRisk.map((r) => `${r.risk} ${r.households} 户`).join('；') || '—'}</td>
          </tr>
          <tr>
            <th>风险消除</th>
            <td>{countText(e)}</td>
            <td>{e.byMethod.map((m) => `${m.method} ${countText(m)}`).join('；')}</td>
          </tr>
          <tr>
            <th>风险消除回退</th>
            <td colSpan={2}>{countText(numbers.reverted)}</td>
          </tr>
          <tr>
            <th>风险再标注</th>
            <td colSpan={2}>{countText(numbers.relabelled)}</td>
          </tr>
          <tr>
            <th>绿色通道</th>
            <td>{countText(numbers.greenChannel)}</td>
            <td>其中程序未补齐 {countText(numbers.greenChannel.open)}</td>
          </tr>
          <tr>
            <th>问题台账</th>
            <td colSpan={2}>
              {ledger.total} 条：已销号 {ledger.closed}，整改中 {ledger.open}，逾期 {ledger.overdue}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function MonitoringPage({ params }: { params: URLSearchParams }) {
  const { notify, revision } = useWorkspace();
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  const [householdId, setHouseholdId] = useState<number | null>(idParam(params, 'household'));
  const [file, setFile] = useState<MonitoringFile | null>(null);
  const [numbers, setNumbers] = useState<MonitoringNumbers | null>(null);
  const villages = useRows(() => api.rows('villages'), []);
  const households = useRows(() => api.households(villageId === null ? undefined : { where: { villageId } }), [villageId]);

  useEffect(() => {
    if (idParam(params, 'household')) setHouseholdId(idParam(params, 'household'));
  }, [params]);

  useEffect(() => {
    if (householdId === null) return setFile(null);
    let live = true;
    api.monitoringFile(householdId).then(
      (f) => live && setFile(f),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
  }, [householdId, revision, notify]);

  useEffect(() => {
    let live = true;
    api.monitoringNumbers({ villageId: villageId ?? undefined, today: today() }).then(
      (n) => live && setNumbers(n),
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
  }, [villageId, revision, notify]);

  const state = useMemo(() => (file ? procedureState(file.household, file.steps) : null), [file]);
  const h = file?.household;
  return (
    <section className="page monitoring-page">
      <h2>监测程序{file ? `：${file.village} ${text(h?.hhNo)} ${file.headName ?? ''}` : ''}</h2>
      <div className="toolbar">
        <VillageSelect ariaLabel="行政村" villages={villages} value={villageId} onChange={setVillageId} />
        <HouseholdSelect households={households} value={householdId} onChange={setHouseholdId} none="（请选择）" />
      </div>
      {numbers ? <Numbers numbers={numbers} /> : null}
      {file && h && state ? (
        <>
          <p className="status" data-testid="monitoring-status">
            {state.monitored
              ? `监测对象类别：${text(h.monitoringType)}；识别监测时间：${text(h.identifiedMonth) || '未填'}；风险是否已消除：${text(h.riskEliminated) || '否'}${state.eliminated ? `（${text(h.eliminationMethod)}，${text(h.eliminatedMonth)}）` : ''}`
              : '非监测对象'}
          </p>
          {state.round ? (
            <p className={state.round.green ? 'flag' : 'count'} data-testid="monitoring-round">
              {state.round.green ? `${state.round.startedOn} 经绿色通道先行帮扶，识别程序尚缺：` : '识别纳入办理中，尚缺：'}
              {state.round.missing.join('、')}
            </p>
          ) : null}
          <Measures measures={file.measures} />
          <Timeline steps={file.steps} />
          {state.next.length ? <StepForm key={`${h.id}:${file.steps.length}`} file={file} /> : null}
        </>
      ) : (
        <p className="count">请选择户。</p>
      )}
    </section>
  );
}
