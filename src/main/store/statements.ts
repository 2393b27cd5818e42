// Statements prepared once per connection and kept: the store asks the same few again and again (an import's planning
// the same read 4,000 times, an undo the same bulk statements chunk after chunk).
import type Database from 'better-sqlite3';

export class StatementCache {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** The statement kept under `key`, prepared from `sql` (the key itself unless given) the first time. */
  get(key: string, sql: () => string = () => key): Database.Statement {
    let statement = this.cache.get(key);
    if (!statement) this.cache.set(key, (statement = this.db.prepare(sql())));
    return statement;
  }
}
