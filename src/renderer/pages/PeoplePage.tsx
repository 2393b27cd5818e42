// 工作人员: the people who do the round's work — 信息采集员, 包村领导 and 包村干部, 村干部, 驻村工作队, 帮扶责任人, 村医,
// 网格员 — in one grid, by village and by 工作类别. 附件5, 附件2 and the households choose them by name; the
// 工作人员名单 exports and re-imports them.
import { useEffect, useMemo, useState } from 'react';
import { addRow, deleteRows, NEW_ROW } from '../../shared/commands';
import { findLayout } from '../../shared/layouts';
import { text } from '../../shared/rules/helpers';
import { tableSpec, type Row } from '../../shared/tables';
import { vocabularies } from '../../shared/vocab';
import { api } from '../api';
import { useConfirm } from '../components/ConfirmDialog';
import { TransferButtons } from '../components/TransferButtons';
import { VillageSelect } from '../components/VillageSelect';
import { DataGrid, type FocusRequest } from '../grid/DataGrid';
import { indexFindings } from '../grid/findings';
import { idParam } from '../navigation';
import { useFindings } from '../useFindings';
import { useProfile } from '../useProfile';
import { useRefChoices } from '../useRefChoices';
import { useRows } from '../useRows';
import { useWorkspace } from '../workspace';

const roles = vocabularies.personRole.values;

export function PeoplePage({ params }: { params: URLSearchParams }) {
  const { apply } = useWorkspace();
  const [confirm, confirmDialog] = useConfirm();
  const info = useProfile();
  const [villageId, setVillageId] = useState<number | null>(idParam(params, 'village'));
  const [role, setRole] = useState('');
  const [selected, setSelected] = useState<Row[]>([]);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const layout = findLayout('people')!;

  // Arriving from 数据核查: the village of the finding, then its row and cell.
  useEffect(() => {
    if (params.get('village')) setVillageId(idParam(params, 'village'));
    const row = idParam(params, 'row');
    if (row && params.get('table') === 'people') setFocus({ id: row, colId: params.get('field') || 'name' });
  }, [params]);

  const villages = useRows(() => api.rows('villages'), []);
  const rows = useRows(() => api.rows('people', villageId === null ? undefined : { where: { villageId } }), [villageId]);
  const refs = useRefChoices('people', villageId);
  const findings = useFindings(villageId === null ? null : { villageId }, info?.workYear ?? null);
  const findingIndex = useMemo(() => indexFindings(findings, 'people'), [findings]);
  const shown = useMemo(() => (rows && role ? rows.filter((p) => text(p.roles).split(',').includes(role)) : rows), [rows, role]);

  const add = async () => {
    const result = await apply(addRow('people', { villageId, roles: role || null }));
    const id = result?.insertedIds[NEW_ROW];
    if (id) setFocus({ id, colId: 'name' });
  };

  const remove = async () => {
    if (!(await confirm(`确定删除选中的 ${selected.length} 名工作人员吗？分工表、入户调查表或户中仍选用的人员不能删除。删除后可以用「撤销」恢复。`))) return;
    await apply(deleteRows('people', selected.map((r) => r.id)));
    setSelected([]);
  };

  return (
    <section className="page people-page">
      <h2>{info ? layout.title(info.place, info.workYear) : tableSpec('people').label}</h2>
      <p className="count">{tableSpec('people').help}</p>
      <div className="toolbar">
        <VillageSelect ariaLabel="行政村" villages={villages} value={villageId} onChange={setVillageId} />
        <label>
          工作类别：
          <select aria-label="工作类别" value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">全部</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void add()}>
          新增工作人员
        </button>
        <button type="button" disabled={!selected.length} onClick={() => void remove()}>
          删除选中的人员
        </button>
        <TransferButtons layoutId="people" villages={villages} villageId={villageId} year={info?.workYear} />
        <span className="count">{shown ? `共 ${shown.length} 人` : '正在读取…'}</span>
      </div>
      <DataGrid<Row>
        testId="people-grid"
        table="people"
        rows={shown}
        refs={refs}
        hidden={villageId === null ? [] : ['villageId']}
        findings={villageId === null ? undefined : findingIndex}
        focusRequest={focus}
        onSelectionChanged={setSelected}
      />
      {confirmDialog}
    </section>
  );
}
