// How the reference columns of a table show and offer the rows they point at: a village or group by name, a
// household by 户编号 and 户主, a member by name — for the grid's drop-downs, from the dictionary's ref columns.
import { useMemo } from 'react';
import { api } from './api';
import type { RefChoices } from './grid/columns';
import { tableSpec, type Row, type TableName } from '../shared/tables';
import { useRows } from './useRows';
import { useStableValue } from './useStable';

const byId = (rows: Row[] | null, name: (r: Row) => string) => new Map((rows ?? []).map((r) => [r.id, name(r)]));

/** Ref choices for every ref column of `table`, limited to one village when one is chosen. */
export function useRefChoices(table: TableName, villageId: number | null): Record<string, RefChoices> {
  const refs = tableSpec(table).columns.filter((c) => c.type === 'ref');
  const wants = (target: TableName) => refs.some((c) => c.ref === target);
  const inVillage = villageId === null ? undefined : { villageId };
  const villages = useStableValue(useRows(wants('villages') || wants('groups') ? () => api.rows('villages') : null, []));
  const groups = useStableValue(useRows(wants('groups') ? () => api.rows('groups', inVillage) : null, [villageId]));
  const households = useStableValue(useRows(wants('households') || wants('members') ? () => api.households(inVillage && { where: inVillage }) : null, [villageId]));
  const members = useStableValue(useRows(wants('members') ? () => api.rows('members', inVillage) : null, [villageId]));

  return useMemo(() => {
    const villageNames = byId(villages, (v) => String(v.name));
    const groupNames = byId(groups, (g) => `${villageNames.get(Number(g.villageId)) ?? ''}${String(g.name)}`);
    const householdNames = byId(households, (h) => `${String(h.hhNo ?? '（无户编号）')} ${String(h.headName ?? '')}`.trim());
    const memberNames = byId(members, (m) => `${String(m.name ?? '')}（${householdNames.get(Number(m.householdId)) ?? ''}）`);
    const choices: Record<string, RefChoices> = {};
    for (const column of refs) {
      if (column.ref === 'villages') choices[column.key] = { names: villageNames, options: () => [...villageNames.keys()] };
      else if (column.ref === 'groups') choices[column.key] = { names: groupNames, options: (row) => (groups ?? []).filter((g) => g.villageId === row.villageId).map((g) => g.id) };
      else if (column.ref === 'households') choices[column.key] = { names: householdNames, options: () => [...householdNames.keys()] };
      else if (column.ref === 'members') choices[column.key] = { names: memberNames, options: () => [...memberNames.keys()] };
    }
    return choices;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [villages, groups, households, members, table]);
}
