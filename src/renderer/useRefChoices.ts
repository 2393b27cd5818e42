// How the reference columns of a table show and offer the rows they point at: a village or group by name, a
// household by 户编号 and 户主, a member by name — for the grid's drop-downs, from the dictionary's ref columns.
import { useMemo } from 'react';
import { api } from './api';
import { householdName } from './components/HouseholdSelect';
import type { RefChoices } from './grid/columns';
import { tableSpec, type Row, type TableName } from '../shared/tables';
import { householdsTouched } from './recheck';
import { useRows } from './useRows';
import { useStableValue } from './useStable';

const byId = (rows: Row[] | null, name: (r: Row) => string) => new Map((rows ?? []).map((r) => [r.id, name(r)]));

/** Ref choices for every ref column of `table`, limited to one village when one is chosen. */
export function useRefChoices(table: TableName, villageId: number | null): Record<string, RefChoices> {
  const refs = tableSpec(table).columns.filter((c) => c.type === 'ref');
  const wants = (target: TableName) => refs.some((c) => c.ref === target);
  const inVillage = villageId === null ? undefined : { villageId };
  // After a write, only the rows it touched are read again (a county's households and members are many).
  const villages = useStableValue(
    useRows(wants('villages') || wants('groups') ? () => api.rows('villages') : null, [], { tables: ['villages'], load: (ids) => api.rows('villages', { ids }) }),
  );
  const groups = useStableValue(
    useRows(wants('groups') ? () => api.rows('groups', inVillage) : null, [villageId], { tables: ['groups'], load: (ids) => api.rows('groups', { ...inVillage, ids }) }),
  );
  const members = useStableValue(
    useRows(wants('members') ? () => api.rows('members', inVillage) : null, [villageId], { tables: ['members'], load: (ids) => api.rows('members', { ...inVillage, ids }) }),
  );
  // 工作人员 (排查人, 排查责任人, 信息采集员, 帮扶责任人): every person, a record of one village may name one of another.
  const people = useStableValue(useRows(wants('people') ? () => api.rows('people') : null, [], { tables: ['people'], load: (ids) => api.rows('people', { ids }) }));
  // A household is named by its 户主: a write to a member renames the member's household.
  const households = useStableValue(
    useRows(wants('households') || wants('members') ? () => api.households(inVillage && { where: inVillage }) : null, [villageId], {
      tables: ['households', 'members'],
      load: (ids) => api.households({ where: inVillage, ids }),
      ids: (written) => householdsTouched(written, members ?? [], null),
    }),
  );

  return useMemo(() => {
    const villageNames = byId(villages, (v) => String(v.name));
    const groupNames = byId(groups, (g) => `${villageNames.get(Number(g.villageId)) ?? ''}${String(g.name)}`);
    const householdNames = byId(households, householdName);
    const memberNames = byId(members, (m) => `${String(m.name ?? '')}（${householdNames.get(Number(m.householdId)) ?? ''}）`);
    const personNames = byId(people, (p) => String(p.name ?? ''));
    // The people of the row's (or the chosen) village and those of no one village first, then everyone else.
    const peopleFor = (row: Row) => {
      const village = typeof row.villageId === 'number' ? row.villageId : villageId;
      const near = (p: Row) => village === null || p.villageId == null || p.villageId === village;
      return [...(people ?? []).filter(near), ...(people ?? []).filter((p) => !near(p))].map((p) => p.id);
    };
    const choices: Record<string, RefChoices> = {};
    for (const column of refs) {
      if (column.ref === 'villages') choices[column.key] = { names: villageNames, options: () => [...villageNames.keys()], pending: !villages };
      else if (column.ref === 'groups') choices[column.key] = { names: groupNames, options: (row) => (groups ?? []).filter((g) => g.villageId === row.villageId).map((g) => g.id), pending: !groups };
      else if (column.ref === 'households') choices[column.key] = { names: householdNames, options: () => [...householdNames.keys()], pending: !households };
      else if (column.ref === 'members') choices[column.key] = { names: memberNames, options: () => [...memberNames.keys()], pending: !members };
      else if (column.ref === 'people') choices[column.key] = { names: personNames, options: peopleFor, pending: !people };
    }
    return choices;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [villages, groups, households, members, people, table]);
}
