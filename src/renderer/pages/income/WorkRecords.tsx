// Under the 附件1 form: the household members' 务工 records of the income year (where, months, monthly income — their
// sum is the household's 务工收入) and each member's 计划外出务工 answers.
import { useMemo, useState } from 'react';
import { addRow, deleteRows, NEW_ROW } from '../../../shared/commands';
import { tableSpec, type Row } from '../../../shared/tables';
import { api } from '../../api';
import { DataGrid, type FocusRequest } from '../../grid/DataGrid';
import { useRefChoices } from '../../useRefChoices';
import { useRows } from '../../useRows';
import { useWorkspace } from '../../workspace';

/** The member columns the planned-work grid shows; the rest of the member record is edited in 户籍台账. */
const plannedWorkColumns = ['name', 'plansWork', 'plannedWorkCounty', 'employmentNeeds'];
const hiddenMemberColumns = tableSpec('members').columns.map((c) => c.key).filter((key) => !plannedWorkColumns.includes(key));

export function WorkRecords({ householdId, villageId, year }: { householdId: number; villageId: number | null; year: number }) {
  const { apply, notify } = useWorkspace();
  const members = useRows(() => api.rows('members', { where: { householdId } }), [householdId]);
  const memberIds = useMemo(() => (members ?? []).map((m) => m.id), [members]);
  const records = useRows(memberIds.length ? () => api.rows('workRecords', { where: { year }, villageId: villageId ?? undefined }) : null, [memberIds.join(','), year, villageId]);
  const own = useMemo(() => (records ?? []).filter((r) => memberIds.includes(Number(r.memberId))), [records, memberIds]);
  const refs = useRefChoices('workRecords', villageId);
  const memberRefs = useMemo(
    () => ({ memberId: refs.memberId && { ...refs.memberId, options: () => memberIds } }),
    [refs, memberIds],
  );
  const [selected, setSelected] = useState<Row[]>([]);
  const [focus, setFocus] = useState<FocusRequest | null>(null);

  const add = async () => {
    const [first] = members ?? [];
    if (!first) return notify({ kind: 'error', text: '本户还没有家庭成员，请先在「户籍台账」中录入家庭成员。' });
    const result = await apply(addRow('workRecords', { memberId: first.id, year, isWorking: '是' }));
    const id = result?.insertedIds[NEW_ROW];
    if (id) setFocus({ id, colId: 'memberId' });
  };

  return (
    <section className="work-records" aria-label="务工信息">
      <h3>家庭成员务工信息（{year}年）</h3>
      <p className="count">有务工记录时，务工收入 = 各条记录的务工月收入 × 在 {year} 年内的务工月数之和，不再手工填写。</p>
      <div className="toolbar">
        <button type="button" onClick={() => void add()}>
          新增务工记录
        </button>
        <button
          type="button"
          disabled={!selected.length}
          onClick={() => void apply(deleteRows('workRecords', selected.map((r) => r.id))).then(() => setSelected([]))}
        >
          删除选中的务工记录
        </button>
      </div>
      <div className="sub-grid">
        <DataGrid<Row> testId="work-records-grid" table="workRecords" rows={records ? own : null} refs={memberRefs} hidden={['year']} focusRequest={focus} onSelectionChanged={setSelected} />
      </div>
      <h3>计划外出务工</h3>
      <div className="sub-grid">
        <DataGrid<Row> testId="planned-work-grid" table="members" rows={members} hidden={hiddenMemberColumns} />
      </div>
    </section>
  );
}
