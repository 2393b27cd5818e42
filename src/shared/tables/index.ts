// The data dictionary: every table the app stores, in dependency order (a table only refers to tables before it).
// The SQLite schema (src/main/store/schema.ts), the grid columns, import mapping and exports are derived from here.
import { exportPointsTable } from './exportPoints';
import { formPrintsTable } from './formPrints';
import { householdsTable } from './households';
import { incomesTable } from './incomes';
import { membersTable } from './members';
import { monitoringStepsTable } from './monitoring';
import { confirmationsTable, profilesTable } from './profiles';
import { assignmentsTable, keygroupsTable, measuresTable, problemsTable, workRecordsTable } from './screening';
import { settingsTable } from './settings';
import type { ColumnSpec, TableName, TableSpec } from './types';
import { peopleTable } from './people';
import { villageIndicatorsTable } from './villageData';
import { visitsTable } from './visits';
import { groupsTable, villagesTable } from './villages';

export * from './types';
export { settingKeys } from './settings';
export { incomeCategoryColumns, incomeDetailLines, incomeSubtotals, lineNoteKey, type IncomeCategory } from './incomes';

export const tables: readonly TableSpec[] = [
  settingsTable,
  profilesTable,
  villagesTable,
  groupsTable,
  peopleTable,
  householdsTable,
  membersTable,
  workRecordsTable,
  incomesTable,
  visitsTable,
  measuresTable,
  keygroupsTable,
  problemsTable,
  assignmentsTable,
  villageIndicatorsTable,
  confirmationsTable,
  exportPointsTable,
  formPrintsTable,
  monitoringStepsTable,
];

const byName = new Map<string, TableSpec>(tables.map((t) => [t.name, t]));

export function isTableName(name: unknown): name is TableName {
  return typeof name === 'string' && byName.has(name);
}

export function tableSpec(name: TableName): TableSpec {
  const spec = byName.get(name);
  if (!spec) throw new Error(`unknown table ${name}`);
  return spec;
}

/** Each table's columns by key: asked for every field of every change (a county's import names 12 million). */
const columnsByKey = new Map(tables.map((t) => [t.name, new Map(t.columns.map((c) => [c.key, c]))]));

export function columnSpec(table: TableName, key: string): ColumnSpec | undefined {
  return columnsByKey.get(table)?.get(key);
}

/** The highest schema version the dictionary describes. */
export const dictionaryVersion: number = Math.max(
  ...tables.flatMap((t) => [t.since, ...t.columns.map((c) => c.since)]),
);
