// `paicha` from the sources, in a process of its own (no build needed): for tests of what only a real process shows —
// signals, the system's file-size limit, folders left behind by a process that is gone.
//   node --import tsx tests/support/paichaProcess.ts serve --db DB.sqlite --port 0
import { main } from '../../src/main/cli';

void main(process.argv.slice(2)).then((status) => {
  process.exitCode = status;
});
