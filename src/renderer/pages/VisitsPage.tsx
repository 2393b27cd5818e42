// 附件2 入户调查表: the year's visits of a village in the generic grid (corrections in bulk), or household by household
// in a form that follows the paper (visitForm.ts), by keyboard only: Enter to the next line, PageDown / PageUp to
// the next / previous household, Ctrl+Enter for a new member (a newborn, a bride). The first value keyed for a
// household makes its visit record; the 六必访 and 六必查 of 设置 stand above the form.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { idParam } from '../navigation';
import { useProfile } from '../useProfile';
import { addMember, addRow, editCell, NEW_ROW } from '../../shared/commands';
import type { IncomeSheetRow } from '../../shared/incomeSheet';
import type { CellValue, Row } from '../../shared/tables';
import { api } from '../api';
import { HouseholdSelect } from '../components/HouseholdSelect';
import { PrintForms } from '../components/PrintForms';
import { VillageSelect } from '../components/VillageSelect';
import { PaperForm } from '../form/PaperForm';
import { visitToLedger } from '../ledger';
import { useRefChoices } from '../useRefChoices';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';
import { TablePage } from './TablePage';
import { lineTarget, visitFormSections } from './visitForm';
import './round.css';


export function VisitsPage({ params }: { params: URLSearchParams }) {
  // Arriving at a cell from 数据核查 shows the grid, where the cell is.
  const [view, setView] = useState<'grid' | 'form'>(params.get('view') === 'form' ? 'form' : 'grid');
  useEffect(() => {
    if (params.get('row')) setView('grid');
  }, [params]);
  return (
    <div className="visits-page">
      <div className="view-switch" role="group" aria-label="视图">
        <button type="button" aria-pressed={view === 'grid'} onClick={() => setView('grid')}>
          表格
        </button>
        <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>
          逐户录入（按纸质表）
        </button>
      </div>
      {view === 'grid' ? <TablePage table="visits" layoutId="visits" params={params} /> : <VisitForm params={params} />}
    </div>
  );
}

function VisitForm({ params }: { params: URLSearchParams }) {
  const { apply, notify, revision } = useWorkspace();
  const info = useProfile();
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  const [current, setCurrent] = useState<number | null>(idParam(params, 'household'));
  const [income, setIncome] = useState<IncomeSheetRow | undefined>();
  /** A line to put the keyboard on once it is shown (the name of a member just added). */
  const [focusKey, setFocusKey] = useState<string | null>(null);

  const year = info?.workYear ?? null;

  const villages = useRows(() => api.rows('villages'), []);
  useEffect(() => {
    if (villageId === null && villages?.length) setVillageId(villages[0]!.id);
  }, [villages, villageId]);
  const groups = useRows(villageId === null ? null : () => api.rows('groups', { where: { villageId } }), [villageId]);
  const households = useRows(villageId === null ? null : () => api.households({ where: { villageId } }), [villageId]);
  const index = (households ?? []).findIndex((h) => h.id === current);
  const household = index >= 0 ? households![index]! : households?.[0];
  const householdId = household?.id ?? null;
  const members = useRows(householdId === null ? null : () => api.rows('members', { where: { householdId } }), [householdId]);
  const visits = useRows(householdId === null || year === null ? null : () => api.rows('visits', { where: { householdId, year } }), [householdId, year]);
  const visit = visits?.[0];
  // The 排查人 and 信息采集员 are people of 工作人员, typed by name or number (this village's first).
  const personChoices = useRefChoices('visits', villageId).visitor1Id;
  const people = useMemo(() => ({ names: personChoices?.names ?? new Map<number, string>(), options: personChoices?.options({ id: 0, villageId }) ?? [] }), [personChoices, villageId]);
  const previousVisits = useRows(householdId === null || year === null ? null : () => api.rows('visits', { where: { householdId, year: year - 1 } }), [householdId, year]);

  useEffect(() => {
    if (householdId === null || year === null) return setIncome(undefined);
    let live = true;
    api.incomeSheet({ householdIds: [householdId], year }).then(
      (sheet) => live && setIncome(sheet.rows[0]),
      (e: Error) => live && notify({ kind: 'error', text: e.message }),
    );
    return () => {
      live = false;
    };
  }, [householdId, year, revision, notify]);

  useEffect(() => {
    if (!focusKey) return;
    const input = document.querySelector<HTMLInputElement>(`.paper-form input[data-field="${focusKey}"]`);
    if (input) {
      input.focus();
      setFocusKey(null);
    }
  });

  // One save at a time, in the order typed: the first visit value keyed for a household makes its record, the
  // next ones go into it.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const madeVisit = useRef(new Map<number, number>());
  const latest = useRef({ household, members, visit, year });
  latest.current = { household, members, visit, year };
  const commit = useCallback(
    (key: string, value: CellValue): Promise<boolean> => {
      const target = lineTarget(key);
      // Where the value goes is settled as it is typed: a save still waiting its turn when the clerk has gone on to
      // the next household (PageDown) goes to the household it was typed for.
      const { household: h, members: people, visit: v, year: y } = latest.current;
      const next = queue.current.then(async () => {
        if (!h || y === null) return false;
        if (target.table === 'households') return !!(await apply(editCell('households', h, target.field, value)));
        if (target.table === 'members') {
          const member = people?.find((m) => m.id === target.rowId);
          return !!member && !!(await apply(editCell('members', member, target.field, value)));
        }
        const id = v?.id ?? madeVisit.current.get(h.id);
        if (id) return !!(await apply(editCell('visits', { ...v, id, hhNo: h.hhNo ?? null } as Row, target.field, value)));
        const result = await apply(addRow('visits', { householdId: h.id, year: y, [target.field]: value }));
        const newId = result?.insertedIds[NEW_ROW];
        if (newId) madeVisit.current.set(h.id, newId);
        return !!result;
      });
      queue.current = next.catch(() => {});
      return next;
    },
    [apply],
  );

  const newMember = async () => {
    if (householdId === null) return;
    const result = await apply(addMember(householdId, !(members ?? []).length));
    const id = result?.insertedIds[NEW_ROW];
    if (id) setFocusKey(`members:${id}:name`);
  };

  const step = (by: 1 | -1) => {
    const list = households ?? [];
    const next = list[Math.min(list.length - 1, Math.max(0, (index < 0 ? 0 : index) + by))];
    if (next) setCurrent(next.id);
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      step(event.key === 'PageDown' ? 1 : -1);
    } else if (event.key === 'Enter' && event.ctrlKey) {
      event.preventDefault();
      void newMember();
    }
  };

  const village = villages?.find((v) => v.id === villageId);
  const group = groups?.find((g) => g.id === household?.groupId);
  return (
    <section className="page visit-form-page">
      <h2>入户调查表（逐户录入）{year ? ` · ${year}年度` : ''}</h2>
      <div className="toolbar">
        <VillageSelect
          ariaLabel="行政村"
          villages={villages}
          value={villageId}
          onChange={(id) => {
            setVillageId(id);
            setCurrent(null);
          }}
        />
        <HouseholdSelect households={households} value={householdId} onChange={setCurrent} />
        <span className="count">{households ? `第 ${index < 0 ? 1 : index + 1} 户，共 ${households.length} 户（PageDown / PageUp 换户）` : '正在读取…'}</span>
        <button type="button" onClick={() => void newMember()} disabled={householdId === null}>
          新增家庭成员
        </button>
        <PrintForms kind="visit" villageId={villageId} householdId={householdId} year={year} />
        <button type="button" disabled={!household} onClick={() => household && void visitToLedger({ apply, notify }, visit, household)}>
          加入问题台账
        </button>
      </div>
      {info ? (
        <p className="checklists">
          六必访：{info.profile.mustVisit.join('、')}
          <br />
          六必查：{info.profile.mustCheck.join('、')}
        </p>
      ) : null}
      {household && members ? (
        <PaperForm
          testId="visit-form"
          recordKey={`${household.id}:${year ?? ''}`}
          sections={visitFormSections({ household, villageName: String(village?.name ?? ''), groupName: String(group?.name ?? '（未分组）'), members, visit, previousVisit: previousVisits?.[0], income, people })}
          onCommit={commit}
          onKeyDown={onKey}
        />
      ) : (
        <p className="count">{villageId === null ? '请选择行政村。' : '本村还没有户。'}</p>
      )}
    </section>
  );
}
