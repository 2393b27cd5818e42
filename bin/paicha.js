#!/usr/bin/env node
'use strict';
// Entry of the `paicha` command. It checks the Node version BEFORE loading anything native: better-sqlite3 13
// needs Node >= 22.14 and crashes older ones outright, so an old Node gets a sentence, not a segfault.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(
    `错误：排查台账需要 Node.js 22.14 或更高版本，当前为 ${process.version}。\n` +
      '请在项目目录中用 npm 运行（npm run serve、npx paicha …），npm 会使用项目自带的 Node 22；或安装 Node.js 22。\n' +
      `Error: paicha needs Node.js >= 22.14 (this is ${process.version}). Run it through npm in the project folder.\n`,
  );
  process.exit(1);
}
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'out', 'main', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('错误：程序尚未构建。请先在项目目录运行 npm run build。\n');
  process.exit(1);
}
require(cli)
  .main(process.argv.slice(2))
  .then((status) => {
    process.exitCode = status;
  });
