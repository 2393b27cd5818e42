// The built command line run in this process, for its time and its peak memory as a clerk's `paicha …` would have
// them (no TypeScript loader): `npm run bench` measures imports with it, and the import-memory test.
//   node tests/support/cliWork.cjs RESULT.json ARGS…     (ARGS as for paicha; its output is left out)
// RESULT.json gets {"status","seconds","peakRssMb"}: the seconds from the call to its end, the process's peak RSS.
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { peakRssMb } = require('./peakRss.cjs');

const [result, ...args] = process.argv.slice(2);
const { main } = require(join(__dirname, '..', '..', 'out', 'main', 'cli.js'));
process.stdout.write = () => true;
const started = performance.now();
main(args).then((status) => {
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(result, JSON.stringify({ status, seconds, peakRssMb: peakRssMb() }));
  process.exitCode = status;
});
