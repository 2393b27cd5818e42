// Numbered migrations. Version N = the dictionary's `since: N` tables and columns, plus the extra steps listed here
// for N (the journal, renames, data fixes). PRAGMA user_version holds the version a file is at.
import { dictionaryVersion } from '../../shared/tables';
import { dictionaryStatements } from './schema';

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
    // One line per changed field of an update (old and new value), per deleted row (the whole row as JSON in old),
    // per inserted row (its id only: an undo's delete lines keep the values for a redo).
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
};

export const latestVersion = Math.max(dictionaryVersion, ...Object.keys(extraStatements).map(Number));

export function migrationStatements(version: number): string[] {
  return [...(extraStatements[version] ?? []), ...dictionaryStatements(version)];
}
