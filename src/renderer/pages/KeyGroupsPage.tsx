// 附件3 重点人群汇总表: the groups the data decide (②③, ⑤⑥ where they can), with the reasons, next to the clerk's own
// entries (①④⑦ and the rest) in the keygroups records of the year; and 户/人 by village and group.
import type { ColDef } from 'ag-grid-community';
import { useEffect, useMemo, useState } from 'react';
import { addRows } from '../../shared/commands';
import { findLayout } from '../../shared/layouts';
import { keyGroupMark, keyGroupNames, type KeyGroupHousehold, type KeyGroupsReport } from '../../shared/screening';
import type { CellValue, Row } from '../../shared/tables';
import { api } from '../api';
import { HouseholdSelect } from '../components/HouseholdSelect';
import { TransferButtons } from '../components/TransferButtons';
import { VillageSelect } from '../components/VillageSelect';
import { DataGrid } from '../grid/DataGrid';
import { idParam } from '../navigation';
import { useProfile } from '../useProfile';
import { useRefChoices } from '../useRefChoices';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';

/**
 * The derived columns: each a value of the household's 附件3 entry, carried on the record's row under its colId
 * (read-only; an edit of the row touches only the record's own fields). The reasons carry the income figures; the
 * export (附件3) lists them in columns of their own.
 */
const derivedValues: [colId: string, header: string, width: number, value: (h: KeyGroupHousehold) => CellValue][] = [
  ['_groups', '所属重点人群', 120, (h) => h.groups.map(keyGroupMark).join('')],
  ['_reasons', '认定依据', 360, (h) => h.reasons.join('；')],
];

const derivedColumns: ColDef<Row>[] = derivedValues.map(([colId, headerName, width]) => ({
  colId,
  field: colId,
  headerName,
  width,
  editable: false,
  tooltipField: colId,
}));

const withDerived = (row: Row, entry: KeyGroupHousehold | undefined): Row =>
  entry ? { ...row, ...Object.fromEntries(derivedValues.map(([colId, , , value]) => [colId, value(entry)])) } : row;

/** 户/人 by village and group, one row per village, with the households in any group. */
function Summary({ report }: { report: KeyGroupsReport }) {
  const villages = [...new Set(report.households.map((h) => h.village))];
  const cell = (village: string, group: number) => report.summary.find((r) => r.village === village && r.group === group);
  const total = (village: string) => report.households.filter((h) => h.village === village);
  return (
    <table className="journal" aria-label="重点人群汇总">
      <caption>按村、类别汇总（户/人；一户可属多类）</caption>
      <thead>
        <tr>
          <th>行政村</th>
          {keyGroupNames.map((name, i) => (
            <th key={name} title={name}>
              {keyGroupMark(i + 1)}
              {name}
            </th>
          ))}
          <th>重点人群户合计</th>
        </tr>
      </thead>
      <tbody>
        {villages.map((village) => (
          <tr key={village}>
            <th>{village}</th>
            {keyGroupNames.map((name, i) => {
              const c = cell(village, i + 1);
              return <td key={name}>{c ? `${c.households}/${c.people}` : ''}</td>;
            })}
            <td>{`${total(village).length}/${total(village).reduce((n, h) => n + h.size, 0)}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function KeyGroupsPage({ params }: { params: URLSearchParams }) {
  const { apply, notify, revision } = useWorkspace();
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  const [chosenYear, setYear] = useState<number | null>(null);
  const info = useProfile(chosenYear);
  const year = chosenYear ?? info?.workYear ?? null;
  const [loaded, setLoaded] = useState<{ report: KeyGroupsReport; rows: Row[] } | null>(null);
  const [addFor, setAddFor] = useState<number | null>(null);
  const layout = findLayout('keygroups')!;
  const villages = useRows(() => api.rows('villages'), []);
  const households = useRows(() => api.households(villageId === null ? undefined : { where: { villageId } }), [villageId]);
  const refs = useRefChoices('keygroups', villageId);

  // The derived entries and the records are read together, so a row never shows another moment's groups.
  useEffect(() => {
    if (year === null) return;
    let live = true;
    const scope = villageId ?? undefined;
    Promise.all([api.keyGroups({ year, villageId: scope }), api.rows('keygroups', { where: { year }, villageId: scope })]).then(
      ([report, records]) => {
        const byHousehold = new Map(report.households.map((h) => [h.householdId, h]));
        if (live) setLoaded({ report, rows: records.map((r) => withDerived(r, byHousehold.get(Number(r.householdId)))) });
      },
      (error: Error) => live && notify({ kind: 'error', text: error.message }),
    );
    return () => {
      live = false;
    };
  }, [year, villageId, revision, notify]);

  const withRecord = useMemo(() => new Set(loaded?.rows.map((r) => Number(r.householdId))), [loaded]);
  const derivedOnly = (loaded?.report.households ?? []).filter((h) => !withRecord.has(h.householdId));
  const others = (households ?? []).filter((h) => !withRecord.has(h.id));

  const addRecords = async (householdIds: number[]) => {
    if (year === null || !householdIds.length) return;
    await apply(addRows('keygroups', householdIds.map((householdId) => ({ householdId, year }))));
    setAddFor(null);
  };

  return (
    <section className="page table-page">
      <h2>{info && year !== null ? layout.title(info.place, year) : layout.label}</h2>
      <p className="count">
        {loaded
          ? `重点人群 ${loaded.report.households.length} 户。②③按 ${loaded.report.incomeYear} 年人均纯收入（与 ${loaded.report.incomeYear - 1} 年比较）自动识别，⑤按本年度新识别的监测对象和新享受低保的家庭成员识别，⑥按合规自付支出和家庭成员健康、就学情况识别；①④⑦（以及数据无法判断的⑤⑥）由排查人员在「重点人群类别」中填写。`
          : '正在读取…'}
      </p>
      <div className="toolbar">
        <VillageSelect ariaLabel="行政村" villages={villages} value={villageId} onChange={setVillageId} />
        <label>
          年度：
          <input aria-label="年度" type="number" className="year" value={year ?? ''} onChange={(e) => setYear(Number(e.target.value) || null)} />
        </label>
        {derivedOnly.length ? (
          <button type="button" onClick={() => void addRecords(derivedOnly.map((h) => h.householdId))}>
            为数据识别的 {derivedOnly.length} 户建立记录
          </button>
        ) : null}
        <HouseholdSelect label="其他户：" households={others} value={addFor} onChange={setAddFor} none="（请选择）" />
        <button type="button" disabled={addFor === null} onClick={() => void addRecords(addFor === null ? [] : [addFor])}>
          新增人工认定
        </button>
        <TransferButtons layoutId="keygroups" villages={villages} villageId={villageId} year={year} />
      </div>
      {loaded ? <Summary report={loaded.report} /> : null}
      <DataGrid<Row> testId="keygroups-grid" table="keygroups" rows={loaded?.rows ?? null} refs={refs} hidden={['year']} derived={derivedColumns} />
    </section>
  );
}
