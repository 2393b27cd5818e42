// One import in a process of its own, on its own Store of the database file: for tests of two imports at once.
//   node --import tsx tests/support/importProcess.ts FILE.xlsx DB.sqlite
// Progress goes to stderr a phase a line; when it is done, stdout gets {"counts","changeSetId"} or {"code","message"}.
import { importFile } from '../../src/main/services/import';
import { Store } from '../../src/main/store';
import { PaichaError } from '../../src/shared/errors';

const [file, db] = process.argv.slice(2);

async function run(): Promise<void> {
  const store = Store.open(db!);
  try {
    const report = await importFile(store, { path: file! }, (phase, fraction) => process.stderr.write(`${phase} ${Math.round(fraction * 100)}%\n`));
    process.stdout.write(JSON.stringify({ counts: report.counts, changeSetId: report.changeSetId }));
  } finally {
    store.close();
  }
}

run().catch((error: unknown) => {
  process.stdout.write(JSON.stringify(error instanceof PaichaError ? { code: error.code, message: error.message } : { code: 'internal', message: String(error) }));
  process.exitCode = 1;
});
