// The peak resident memory of this process (all its threads), in MB: VmHWM of /proc/self/status on Linux.
// Not process.resourceUsage().maxRSS: Linux carries the RSS of the process that forked this one over its exec, so a
// command spawned by a large process (the bench, a test runner) reported that process's size as its own peak.
'use strict';
const { readFileSync } = require('node:fs');

function peakRssMb() {
  try {
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (kib) return Number(kib[1]) / 1024;
  } catch {
    // Not Linux: the resource usage's figure, which other systems keep per process.
  }
  return process.resourceUsage().maxRSS / 1024;
}

module.exports = { peakRssMb };
