// 附件1 收入信息采集表: the income of every household of a village for the chosen income year, beside last year's —
// in a grid for bulk work, or one household at a time in a form that follows the paper (keyboard only: Enter to
// the next line, PageDown / PageUp to the next / previous household, Ctrl+F to find one). Totals are computed,
// never typed (src/shared/income.ts).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ApplyResult, ChangeSet } from '../../../shared/changes';
import { addRow, addRows, editCell, NEW_ROW, withRecordsMade } from '../../../shared/commands';
import { incomeFormulas, yuanText } from '../../../shared/income';
import type { IncomeSheetRow } from '../../../shared/incomeSheet';
import { incomeLayout } from '../../../shared/layouts/income';
import { monitoringLineText } from '../../../shared/profile';
import type { CellValue, Row } from '../../../shared/tables';
import { api } from '../../api';
import { useConfirm } from '../../components/ConfirmDialog';
import { FindBox } from '../../components/FindBox';
import { HouseholdSelect } from '../../components/HouseholdSelect';
import { PrintForms } from '../../components/PrintForms';
import { TransferButtons } from '../../components/TransferButtons';
import { VillageSelect } from '../../components/VillageSelect';
import { PaperForm } from '../../form/PaperForm';
import { DataGrid, type FocusRequest } from '../../grid/DataGrid';
import { indexFindings } from '../../grid/findings';
import { idParam } from '../../navigation';
import { useFindings } from '../../useFindings';
import { useProfile } from '../../useProfile';
import { useRows } from '../../useRows';
import { useWorkspace, WithApply } from '../../workspace';
import { incomeFormSections } from './incomeForm';
import { WorkRecords } from './WorkRecords';
import './incomePage.css';

type View = 'grid' | 'form';

/** An income record as the grid shows it: its own fields, and the household's facts and computed totals. */
type IncomeGridRow = Row & { hhNo: string | null; headName: string | null; workIncome: number | null; size: number; previousSize: number | null; perCapita: number | null; previousPerCapita: number | null; changeAmount: number | null; changePercent: number | null; total: number | null; net: number | null; referencePerCapita: number | null };

const moneyColumn = (field: keyof IncomeGridRow, headerName: string, headerTooltip: string): ColDef<IncomeGridRow> => ({
  colId: String(field),
  field,
  headerName,
  headerTooltip,
  width: 130,
  editable: false,
  type: 'rightAligned',
  cellClass: 'computed',
  valueFormatter: (p) => (p.value == null ? '' : yuanText(p.value as number)),
});

const derivedColumns: ColDef<IncomeGridRow>[] = [
  { colId: 'hhNo', field: 'hhNo', headerName: '户编号', width: 170, pinned: 'left', editable: false },
  { colId: 'headName', field: 'headName', headerName: '户主', width: 90, pinned: 'left', editable: false },
  { colId: 'size', field: 'size', headerName: '家庭人口数', headerTooltip: '本年度家庭人口数（按「设置」中的计算规则）', width: 100, editable: false, type: 'rightAligned', cellClass: 'computed' },
  { colId: 'previousSize', field: 'previousSize', headerName: '上年家庭人口数', headerTooltip: '上年收入统计期末的家庭人口数（此后出生、迁入或减少的成员按变动日期计）', width: 120, editable: false, type: 'rightAligned', cellClass: 'computed' },
  moneyColumn('perCapita', '人均纯收入', '家庭纯收入 ÷ 家庭人口数（有国家系统数时用国家系统数）'),
  moneyColumn('previousPerCapita', '上年人均纯收入', '上一年度的人均纯收入（按上年末家庭人口数）'),
  moneyColumn('changeAmount', '增减额', '人均纯收入比上年增减（元）'),
  { ...moneyColumn('changePercent', '增减幅（%）', '人均纯收入比上年增减的百分比'), valueFormatter: (p) => (p.value == null ? '' : `${(p.value as number).toFixed(2)}%`) },
  moneyColumn('total', '年总收入', '工资性 + 生产经营性 + 财产性 + 转移性收入'),
  moneyColumn('net', '家庭纯收入', '年总收入 − 生产经营性支出'),
  moneyColumn('referencePerCapita', '人均收入参考范围', '（家庭纯收入 + 理赔收入 − 合规自付支出）÷ 家庭人口数'),
];

/** 务工收入 is the sum of the 务工 records where a household has them: not written in the grid then. */
const writableCell = (row: IncomeGridRow, field: string) => !(field === 'wageMigrant' && row.workIncome != null);

/**
 * A household's row: its income record of the year, or — while it has none — a placeholder under the negative of the
 * household's id, whose first value typed (or pasted) makes the record (withRecordsMade).
 */
function gridRow(r: IncomeSheetRow, year: number): IncomeGridRow {
  return {
    ...(r.record ?? { id: -r.householdId, householdId: r.householdId, year }),
    hhNo: r.hhNo,
    headName: r.headName,
    // Where 务工 records make 务工收入, the cell shows their sum (and is not written).
    ...(r.workFromRecords ? { wageMigrant: r.summary!.workIncome } : {}),
    workIncome: r.workFromRecords ? r.summary!.workIncome : null,
    size: r.size,
    previousSize: r.previousSize,
    perCapita: r.summary?.perCapita ?? null,
    previousPerCapita: r.previousSummary?.perCapita ?? null,
    changeAmount: r.change?.amount ?? null,
    changePercent: r.change?.percent ?? null,
    total: r.summary?.total ?? null,
    net: r.summary?.net ?? null,
    referencePerCapita: r.summary?.referencePerCapita ?? null,
  };
}

export function IncomePage({ params }: { params: URLSearchParams }) {
  const { apply, notify } = useWorkspace();
  const [confirm, confirmDialog] = useConfirm();
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  /** The 收入年度 chosen on the page; the 工作年度 until the clerk picks another. */
  const [chosenYear, setYear] = useState<number | null>(null);
  const info = useProfile(chosenYear);
  const year = chosenYear ?? info?.workYear ?? null;
  const [view, setView] = useState<View>(params.get('view') === 'form' ? 'form' : 'grid');
  const [current, setCurrent] = useState<number | null>(idParam(params, 'household'));
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  /** What is being typed in the form, for totals that follow the keying. */
  const [drafts, setDrafts] = useState<Record<string, CellValue>>({});

  const villages = useRows(() => api.rows('villages'), []);
  const sheet = useRows(year === null ? null : () => api.incomeSheet({ year, villageId: villageId ?? undefined }).then((s) => s.rows), [villageId, year]);
  const withRecord = useMemo(() => (sheet ?? []).filter((r) => r.record), [sheet]);
  const gridRows = useMemo(() => (sheet && year !== null ? sheet.map((r) => gridRow(r, year)) : null), [sheet, year]);
  const makeRecords = useCallback(
    (set: ChangeSet, write: (set: ChangeSet) => Promise<ApplyResult | null>) => write(withRecordsMade(set, 'incomes', (id) => ({ householdId: -id, year: year! }))),
    [year],
  );
  // The marks of 数据核查 as it runs for the 工作年度 (its rules read that year's income and the year before's).
  const findings = useFindings(villageId !== null ? { villageId } : withRecord.length ? { householdIds: withRecord.map((r) => r.householdId) } : null, null);
  const findingIndex = useMemo(() => indexFindings(findings, 'incomes'), [findings]);

  // Arriving from 数据核查 or 查找: the household (and its village), then the row and cell.
  useEffect(() => {
    const household = idParam(params, 'household');
    if (params.get('village')) setVillageId(idParam(params, 'village'));
    if (household) {
      setCurrent(household);
      void api.rows('households', { where: { id: household } }).then(([h]) => h && setVillageId(Number(h.villageId) || null));
    }
    const row = idParam(params, 'row');
    if (row && params.get('table') === 'incomes') setFocus({ id: row, colId: params.get('field') || 'wageMigrant' });
  }, [params]);
  // A household found (查找) or chosen in the form shows in the grid too: its record's row gets the keyboard.
  const foundRecord = sheet?.find((r) => r.householdId === idParam(params, 'household'))?.record?.id;
  useEffect(() => {
    if (foundRecord && params.get('table') !== 'incomes') setFocus({ id: foundRecord, colId: 'hhNo' });
  }, [foundRecord, params]);

  const rows = sheet ?? [];
  const households = useMemo(() => rows.map((r) => ({ id: r.householdId, hhNo: r.hhNo, headName: r.headName, record: r.record })), [rows]);
  const index = rows.findIndex((r) => r.householdId === current);
  const shown = index >= 0 ? rows[index]! : rows[0];
  useEffect(() => setDrafts({}), [shown?.householdId]);

  // One save at a time, in the order typed: the first line keyed for a household makes its record, the next
  // ones go into it.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const created = useRef(new Map<number, number>());
  const commit = useCallback(
    (row: IncomeSheetRow, field: string, value: CellValue): Promise<boolean> => {
      setDrafts(({ [field]: _, ...rest }) => rest);
      const next = queue.current.then(async () => {
        const id = row.record?.id ?? created.current.get(row.householdId);
        if (id) return !!(await apply(editCell('incomes', { ...row.record, id, hhNo: row.hhNo }, field, value)));
        const result = await apply(addRow('incomes', { householdId: row.householdId, year: year!, [field]: value }));
        const newId = result?.insertedIds[NEW_ROW];
        if (newId) created.current.set(row.householdId, newId);
        return !!result;
      });
      queue.current = next.catch(() => {});
      return next;
    },
    [apply, year],
  );

  const goTo = (step: 1 | -1) => {
    const next = rows[Math.min(rows.length - 1, Math.max(0, (index < 0 ? 0 : index) + step))];
    if (next) setCurrent(next.householdId);
  };
  const onFormKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
    event.preventDefault();
    // Leaving the line saves it (its blur), then the next household's form opens at its first line.
    (document.activeElement as HTMLElement | null)?.blur();
    goTo(event.key === 'PageDown' ? 1 : -1);
  };
  const formBox = useRef<HTMLDivElement>(null);
  const firstLine = useRef<number | null>(null);
  useEffect(() => {
    if (view !== 'form' || !shown || firstLine.current === shown.householdId) return;
    firstLine.current = shown.householdId;
    formBox.current?.querySelector<HTMLInputElement>('input[data-field]')?.focus();
  }, [view, shown]);

  const addMissing = async () => {
    const missing = rows.filter((r) => !r.record);
    if (!missing.length) return notify({ kind: 'info', text: `所列的户都已有${year}年度的收入记录。` });
    const where = villageId === null ? '全部行政村' : String(villages?.find((v) => v.id === villageId)?.name ?? '本村');
    if (!(await confirm(`为${where}尚无 ${year} 年度收入记录的 ${missing.length} 户各新增一条吗？可以用「撤销」一次撤回。`))) return;
    await apply(addRows('incomes', missing.map((r) => ({ householdId: r.householdId, year: year! }))));
  };

  const profile = info?.profile;
  const previousYear = year !== null ? year - 1 : null;
  return (
    <section className="page income-page">
      <h2>{info && year !== null ? incomeLayout.title(info.place, year) : '收入信息采集表'}</h2>
      <div className="count" data-testid="income-lines">
        {profile ? `${monitoringLineText(profile)}；重点人群线：人均纯收入低于 ${profile.keyGroupLine} 元。` : ''}
        <details className="formulas">
          <summary>计算口径</summary>
          <ul>
            {incomeFormulas.map((f) => (
              <li key={f}>{f}</li>
            ))}
            <li>金额按「分」精确合计，显示两位小数；上年人均纯收入按上年末的家庭人口数计算。</li>
          </ul>
        </details>
      </div>
      <div className="toolbar">
        <VillageSelect ariaLabel="行政村" villages={villages} value={villageId} onChange={setVillageId} />
        <label>
          收入年度：
          <input aria-label="收入年度" type="number" className="year" value={year ?? ''} onChange={(e) => setYear(Number(e.target.value) || null)} />
        </label>
        <span role="group" aria-label="视图" className="view-switch">
          <button type="button" aria-pressed={view === 'grid'} onClick={() => setView('grid')}>
            表格
          </button>
          <button type="button" aria-pressed={view === 'form'} onClick={() => setView('form')}>
            逐户录入
          </button>
        </span>
        <button type="button" onClick={() => void addMissing()}>
          为尚无本年度记录的户新增
        </button>
        <TransferButtons layoutId="income" villages={villages} villageId={villageId} year={year} />
        <FindBox page="income" />
        <PrintForms kind="income" villageId={villageId} householdId={current} year={year} />
        <span className="count" data-testid="income-count">
          {sheet ? `共 ${rows.length} 户，其中 ${withRecord.length} 户有 ${year} 年度收入记录` : '正在读取…'}
        </span>
      </div>
      {sheet && !withRecord.length && view === 'grid' ? (
        <p className="empty-year">
          {year} 年度还没有收入记录：在表中任一户的行里填写即新建该户的记录，或点「为尚无本年度记录的户新增」一次为所有户新建，或用「逐户录入」按纸质表逐户填写；
          {previousYear ? (
            <button type="button" className="link" onClick={() => setYear(previousYear)}>
              查看 {previousYear} 年度
            </button>
          ) : null}
        </p>
      ) : null}
      {view === 'grid' ? (
        <WithApply apply={makeRecords}>
          <DataGrid<IncomeGridRow>
            testId="incomes-grid"
            table="incomes"
            rows={gridRows}
            derived={derivedColumns}
            hidden={['householdId', 'year']}
            groupHeaders
            isEditable={writableCell}
            focusRequest={focus}
            findings={findingIndex}
            onFocusRow={(r) => setCurrent(Number(r.householdId))}
          />
        </WithApply>
      ) : shown && profile && year !== null ? (
        <div className="income-form" ref={formBox}>
          <div className="form-nav">
            <button type="button" onClick={() => goTo(-1)} disabled={index <= 0}>
              上一户（PageUp）
            </button>
            <HouseholdSelect households={households} value={shown.householdId} onChange={setCurrent} note={(h) => (h.record ? '' : '（未录入）')} />
            <button type="button" onClick={() => goTo(1)} disabled={index >= rows.length - 1}>
              下一户（PageDown）
            </button>
            <span className="count">
              第 {Math.max(index, 0) + 1} / {rows.length} 户
            </span>
          </div>
          <PaperForm
            testId="income-form"
            recordKey={`${shown.householdId}:${year}`}
            header={
              <div className="form-head" data-testid="income-form-head">
                <span>
                  户编号：<b>{shown.hhNo ?? '—'}</b>
                </span>
                <span>
                  户主：<b>{shown.headName ?? '—'}</b>
                </span>
                <span>户类型：{shown.householdType ?? '—'}</span>
                <span>监测对象类别：{shown.monitoringType ?? '—'}</span>
                <span>联系电话：{shown.phone ?? '—'}</span>
                <span>家庭人口数：{shown.size} 人</span>
                <span>{shown.record ? `${year}年度收入记录` : `尚无 ${year} 年度收入记录：填写任一行即新建`}</span>
              </div>
            }
            sections={incomeFormSections(shown, shown.record ?? {}, drafts, profile)}
            onCommit={(field, value) => commit(shown, field, value)}
            onDraft={(field, value) => setDrafts(({ [field]: _, ...rest }) => (value === undefined ? rest : { ...rest, [field]: value }))}
            onKeyDown={onFormKey}
          />
          <WorkRecords householdId={shown.householdId} villageId={shown.villageId} year={year} />
        </div>
      ) : (
        <p className="count">{sheet ? '所选行政村还没有户。' : '正在读取…'}</p>
      )}
      {confirmDialog}
    </section>
  );
}
