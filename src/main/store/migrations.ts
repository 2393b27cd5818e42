// Numbered migrations. Version N = the dictionary's `since: N` tables and columns, plus the extra steps listed here
// for N (the journal, renames, data fixes). PRAGMA user_version holds the version a file is at.
import { dictionaryVersion } from '../../shared/tables';
import { dictionaryStatements, journalStatements, journalTablesSince, quote } from './schema';

/**
 * Tables and columns the dictionary no longer has, by the version that added them: a file is made with them at that
 * version as it was then, so every file — new, or of any earlier version — reaches the data step that moves their
 * values (and drops them) alike.
 */
const retired: readonly { since: number; table: string; columns: readonly string[]; create?: string }[] = [
  { since: 1, table: 'households', columns: ['collector', 'collectorPhone'] },
  { since: 2, table: 'visits', columns: ['visitor1', 'visitor2'] },
  {
    since: 2,
    table: 'assignments',
    columns: ['townLeader', 'villageCadre', 'partySecretary', 'firstSecretary', 'person1Name', 'person1Title', 'person1Phone', 'person2Name', 'person2Title', 'person2Phone'],
  },
  {
    since: 2,
    table: 'teamMembers',
    columns: [],
    create: `CREATE TABLE "teamMembers" (
      id INTEGER PRIMARY KEY AUTOINCREMENT, "villageId" INTEGER NOT NULL REFERENCES "villages"(id), "name" TEXT, "sex" TEXT,
      "idNumber" TEXT, "politicalStatus" TEXT, "unit" TEXT, "level" TEXT, "role" TEXT, "startDate" TEXT, "endDate" TEXT,
      "phone" TEXT, "note" TEXT
    )`,
  },
  { since: 4, table: 'visits', columns: ['collector'] },
  { since: 4, table: 'assignments', columns: ['villageDoctor', 'gridWorker'] },
];

function retiredStatements(version: number): string[] {
  return retired
    .filter((r) => r.since === version)
    .flatMap((r) => [...(r.create ? [r.create] : []), ...r.columns.map((c) => `ALTER TABLE ${quote(r.table)} ADD COLUMN ${quote(c)} TEXT`)]);
}

/** The names a person was written under in version 4 and before, with the 工作类别 each place gives them. */
const namedPlaces: readonly { table: string; name: string; role: string; title?: string; phone?: string }[] = [
  { table: 'assignments', name: 'person1Name', role: '信息采集员', title: 'person1Title', phone: 'person1Phone' },
  { table: 'assignments', name: 'person2Name', role: '信息采集员', title: 'person2Title', phone: 'person2Phone' },
  { table: 'assignments', name: 'townLeader', role: '包村领导' },
  { table: 'assignments', name: 'villageCadre', role: '包村干部' },
  { table: 'assignments', name: 'partySecretary', role: '村干部', title: "'村党支部书记'" },
  { table: 'assignments', name: 'firstSecretary', role: '驻村工作队' },
  { table: 'assignments', name: 'villageDoctor', role: '村医', title: "'村医'" },
  { table: 'assignments', name: 'gridWorker', role: '网格员', title: "'网格员'" },
  { table: 'visits', name: 'visitor1', role: '信息采集员' },
  { table: 'visits', name: 'visitor2', role: '信息采集员' },
  { table: 'visits', name: 'collector', role: '信息采集员' },
  { table: 'households', name: 'collector', role: '信息采集员', phone: 'collectorPhone' },
];

/** Where each of those names now points at its person. */
const references: readonly { table: string; name: string; ref: string }[] = [
  ...['person1', 'person2'].map((p) => ({ table: 'assignments', name: `${p}Name`, ref: `${p}Id` })),
  ...['townLeader', 'villageCadre', 'partySecretary', 'firstSecretary', 'villageDoctor', 'gridWorker'].map((c) => ({ table: 'assignments', name: c, ref: `${c}Id` })),
  { table: 'visits', name: 'visitor1', ref: 'visitor1Id' },
  { table: 'visits', name: 'visitor2', ref: 'visitor2Id' },
  { table: 'visits', name: 'collector', ref: 'collectorId' },
  { table: 'households', name: 'collector', ref: 'collectorId' },
];

/**
 * Version 5, after the 工作人员 table and the references of version 4 exist: the 驻村工作队 become 工作人员; every
 * distinct name written in 入户责任分工, 入户调查 and the households becomes one person (in the village where all its
 * places are, with every 工作类别 it was written under, a 职务 and phone where one was written); each record then
 * points at its person, and the names are dropped.
 */
function peopleFromNames(): string[] {
  const villageOf = (table: string) => (table === 'visits' ? '(SELECT h."villageId" FROM "households" h WHERE h.id = t."householdId")' : 't."villageId"');
  const cleaned = (column: string | undefined) => (!column ? 'NULL' : column.startsWith("'") ? column : `nullif(trim(t.${quote(column)}), '')`);
  return [
    `INSERT INTO "people" ("villageId", "name", "sex", "roles", "unit", "phone", "startDate", "endDate", "politicalStatus", "teamRole", "level", "idNumber", "note")
     SELECT "villageId", trim("name"), "sex", '驻村工作队', "unit", "phone", "startDate", "endDate", "politicalStatus", "role", "level", "idNumber", "note"
     FROM "teamMembers" WHERE trim("name") <> ''`,
    'CREATE TEMP TABLE "namedPeople" ("name" TEXT NOT NULL, "villageId" INTEGER, "role" TEXT, "title" TEXT, "phone" TEXT)',
    ...namedPlaces.map(
      (p) => `INSERT INTO temp."namedPeople" SELECT trim(t.${quote(p.name)}), ${villageOf(p.table)}, '${p.role}', ${cleaned(p.title)}, ${cleaned(p.phone)}
        FROM ${quote(p.table)} t WHERE trim(t.${quote(p.name)}) <> ''`,
    ),
    `INSERT INTO "people" ("villageId", "name", "roles", "title", "phone")
     SELECT CASE WHEN count(DISTINCT coalesce("villageId", 0)) = 1 THEN min("villageId") END, "name", group_concat(DISTINCT "role"), max("title"), max("phone")
     FROM temp."namedPeople" WHERE "name" NOT IN (SELECT "name" FROM "people") GROUP BY "name" ORDER BY min(rowid)`,
    'DROP TABLE temp."namedPeople"',
    ...references.map(
      (r) => `UPDATE ${quote(r.table)} SET ${quote(r.ref)} = (SELECT min(p.id) FROM "people" p WHERE p."name" = trim(${quote(r.table)}.${quote(r.name)}))
        WHERE trim(${quote(r.name)}) <> ''`,
    ),
    ...retired.flatMap((r) => r.columns.map((c) => `ALTER TABLE ${quote(r.table)} DROP COLUMN ${quote(c)}`)),
    'DROP TABLE "teamMembers"',
  ];
}

/** Steps that are not in the dictionary, by version. */
const extraStatements: Record<number, string[]> = {
  1: [
    `CREATE TABLE change_sets (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      operator TEXT,
      label TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
      target INTEGER REFERENCES change_sets(id),
      undone INTEGER NOT NULL DEFAULT 0
    )`,
    // One line per changed field of an update (old and new value), per deleted row (the whole row as JSON in old; from
    // version 6 a bulk delete keeps it in the table's journal table instead), per inserted row (its id only: an undo's delete lines keep the values for a redo).
    // old/new have no declared type, so SQLite keeps each value exactly as it was (text, integer, real or NULL).
    `CREATE TABLE change_entries (
      set_id INTEGER NOT NULL REFERENCES change_sets(id),
      seq INTEGER NOT NULL,
      tbl TEXT NOT NULL,
      row_id INTEGER NOT NULL,
      op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
      field TEXT,
      old,
      new,
      PRIMARY KEY (set_id, seq)
    ) WITHOUT ROWID`,
    'CREATE INDEX change_entries_row ON change_entries(tbl, row_id)',
    'CREATE INDEX change_sets_kind ON change_sets(kind, undone, id)',
  ],
  // Re-checking a household after an edit looks up who else has the same ID number or phone.
  2: [
    'CREATE INDEX members_idNumber ON members(idNumber)',
    'CREATE INDEX households_phone ON households(phone)',
    // Bookkeeping (an export point) is journalled like any write but is not a step of the clerk's undo history.
    'ALTER TABLE change_sets ADD COLUMN bookkeeping INTEGER NOT NULL DEFAULT 0',
  ],
  5: peopleFromNames(),
  // Entries are looked up by row only to read a deleted row's JSON back (undo, redo) and a field's updates
  // (fieldChanges): a partial index for each instead of one over every entry, which a county's import, its undo and
  // its redo fill with 620,000 entries each that no query looks up by row.
  6: [
    'DROP INDEX change_entries_row',
    "CREATE INDEX change_entries_snapshot ON change_entries(set_id, tbl, row_id) WHERE op = 'delete' AND old IS NOT NULL",
    "CREATE INDEX change_entries_update ON change_entries(tbl, field, row_id) WHERE op = 'update'",
  ],
  // Rows inserted or deleted in bulk are journalled as runs of consecutive ids, one entry from row_id to last_row_id
  // (NULL: the one row row_id): a county's import is a few thousand entries instead of 620,000, and so its undo.
  7: ['ALTER TABLE change_entries ADD COLUMN last_row_id INTEGER'],
};

export const latestVersion = Math.max(dictionaryVersion, journalTablesSince, ...Object.keys(extraStatements).map(Number));

/**
 * Version 6 adds the journal tables (schema.ts): from then on an undo or redo journals the rows it deletes in bulk
 * there. Delete entries written before (and any delete of a single row) keep the row as JSON in change_entries.old,
 * which undo and redo still read: a file's older journal stays undoable.
 */
export function migrationStatements(version: number): string[] {
  return [...(extraStatements[version] ?? []), ...dictionaryStatements(version), ...retiredStatements(version), ...journalStatements(version)];
}
