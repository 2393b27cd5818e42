// SQL derived from the data dictionary (principle 1). A table or column carries the schema version that added it;
// the migration of version N creates what `since === N` describes.
import { tables, type ColumnSpec, type TableSpec } from '../../shared/tables';

export const quote = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

function sqlType(column: ColumnSpec): string {
  switch (column.type) {
    case 'int':
    case 'ref':
      return 'INTEGER';
    case 'money':
    case 'decimal':
      return 'REAL';
    default:
      return 'TEXT';
  }
}

function columnDefinition(column: ColumnSpec): string {
  const parts = [quote(column.key), sqlType(column)];
  if (column.notNull) parts.push('NOT NULL');
  if (column.unique) parts.push('UNIQUE');
  if (column.type === 'ref' && column.ref) parts.push(`REFERENCES ${quote(column.ref)}(id)`);
  return parts.join(' ');
}

function indexStatements(table: TableSpec, columns: readonly ColumnSpec[]): string[] {
  return columns
    .filter((c) => c.type === 'ref')
    .map((c) => `CREATE INDEX ${quote(`${table.name}_${c.key}`)} ON ${quote(table.name)}(${quote(c.key)})`);
}

/** The DDL that brings a database from version - 1 to `version`, as far as the dictionary is concerned. */
export function dictionaryStatements(version: number, dictionary: readonly TableSpec[] = tables): string[] {
  const statements: string[] = [];
  for (const table of dictionary) {
    if (table.since === version) {
      const columns = table.columns.filter((c) => c.since <= version);
      const definitions = ['id INTEGER PRIMARY KEY AUTOINCREMENT', ...columns.map(columnDefinition)];
      for (const group of table.uniqueTogether ?? []) definitions.push(`UNIQUE (${group.map(quote).join(', ')})`);
      statements.push(`CREATE TABLE ${quote(table.name)} (\n  ${definitions.join(',\n  ')}\n)`);
      statements.push(...indexStatements(table, columns));
    } else if (table.since < version) {
      const added = table.columns.filter((c) => c.since === version);
      for (const column of added) {
        // SQLite cannot add a UNIQUE column; such a column gets a unique index instead.
        const { unique, ...plain } = column;
        statements.push(`ALTER TABLE ${quote(table.name)} ADD COLUMN ${columnDefinition(plain)}`);
        if (unique) {
          statements.push(
            `CREATE UNIQUE INDEX ${quote(`${table.name}_${column.key}_unique`)} ON ${quote(table.name)}(${quote(column.key)})`,
          );
        }
      }
      statements.push(...indexStatements(table, added));
    }
  }
  return statements;
}

/** The version that added the journal tables below. */
export const journalTablesSince = 6;

/**
 * The journal table of a data table: the rows an undo or redo deleted in bulk, by change set and id, with the data
 * table's columns. A row is copied there and back by SQLite as it is — no JSON to build or parse, and an empty field
 * costs one byte — which is what makes undoing a county's import fast. The columns have no declared type, so each
 * value keeps exactly its type (as change_entries' old and new do).
 */
export const journalTable = (table: string): string => quote(`journal_${table}`);

/** The DDL that keeps the journal tables in step with the dictionary: a table's from its version, a column's too. */
export function journalStatements(version: number, dictionary: readonly TableSpec[] = tables): string[] {
  if (version < journalTablesSince) return [];
  const statements: string[] = [];
  for (const table of dictionary) {
    if (table.since === version || (version === journalTablesSince && table.since < version)) {
      const columns = table.columns.filter((c) => c.since <= version).map((c) => quote(c.key));
      const definitions = ['set_id INTEGER NOT NULL', 'id INTEGER NOT NULL', ...columns, 'PRIMARY KEY (set_id, id)'];
      statements.push(`CREATE TABLE ${journalTable(table.name)} (${definitions.join(', ')}) WITHOUT ROWID`);
    } else if (table.since < version) {
      for (const column of table.columns.filter((c) => c.since === version)) {
        statements.push(`ALTER TABLE ${journalTable(table.name)} ADD COLUMN ${quote(column.key)}`);
      }
    }
  }
  return statements;
}
