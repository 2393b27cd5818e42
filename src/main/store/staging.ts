// Rows read from a file, set aside on disk until the write transaction takes them (see services/import). A county's
// export would otherwise sit whole in memory between reading it (asynchronous, streamed) and writing it (one
// synchronous transaction). The staging area is SQLite's temporary database (an empty file name): a private file that
// SQLite removes as soon as it is closed — and on a crash the system does, since it is unlinked once opened — so the
// personal data in it never outlive the import. Pages beyond SQLite's small cache go to that file, not to memory.
import Database from 'better-sqlite3';

/** Rows per insert transaction while staging (each a batch of statements, not one transaction per row). */
const BATCH = 2_000;

export class StagedRows {
  private readonly db = new Database('');
  private readonly insert: Database.Statement;
  private pending: [number, string][] = [];
  /** Whether every group's rows arrived together (then they are read back in arrival order, without sorting). */
  private contiguous = true;
  private lastGroup = -1;
  private maxGroup = -1;
  count = 0;

  constructor() {
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec('CREATE TABLE staged (seq INTEGER PRIMARY KEY, grp INTEGER NOT NULL, data TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO staged (grp, data) VALUES (?, ?)');
  }

  /**
   * Sets a row aside under its group (e.g. the household's number in order of first appearance); rows come back
   * grouped, groups in that order, rows of a group in the order they were added.
   */
  add(group: number, data: string): void {
    if (group !== this.lastGroup && group <= this.maxGroup) this.contiguous = false;
    this.lastGroup = group;
    this.maxGroup = Math.max(this.maxGroup, group);
    this.pending.push([group, data]);
    this.count++;
    if (this.pending.length >= BATCH) this.flush();
  }

  private flush(): void {
    const rows = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const [group, data] of rows) this.insert.run(group, data);
    })();
  }

  /** The rows set aside, by group: each group's rows (in the order added), the groups in order. */
  *groups(): Generator<{ group: number; rows: string[] }> {
    this.flush();
    // Rows out of order (a file sorted by name, not by household) are sorted by SQLite, on disk, not in memory.
    const order = this.contiguous ? 'seq' : 'grp, seq';
    let current: { group: number; rows: string[] } | null = null;
    for (const { grp, data } of this.db.prepare(`SELECT grp, data FROM staged ORDER BY ${order}`).iterate() as IterableIterator<{ grp: number; data: string }>) {
      if (current && current.group !== grp) {
        yield current;
        current = null;
      }
      (current ??= { group: grp, rows: [] }).rows.push(data);
    }
    if (current) yield current;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
