/* global setInterval, clearInterval, __filename */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node (and node.exe under Wine) as is */
'use strict';
// One process of a test tree: `tree-node.cjs <dir> <fanouts> [ignore-term]`. Spawns fanouts[0] children,
// each with the rest of the list, waits until they are ready, then writes <dir>/<pid>.json (its pid and
// its children's) and idles. Children get no pipes and are detached (on Windows, libuv otherwise puts
// them in a job object that kills them with their parent), so they outlive a parent killed before them.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [dir = '.', fanoutList = '', mode = ''] = process.argv.slice(2);
const [fanout = 0, ...rest] = fanoutList.split(',').filter((part) => part !== '').map(Number);
if (mode === 'ignore-term') process.on('SIGTERM', () => undefined);

const children = [];
for (let i = 0; i < fanout; i++) {
  children.push(spawn(process.execPath, [__filename, dir, rest.join(','), mode], { stdio: 'ignore', detached: true }).pid);
}
const ready = setInterval(() => {
  if (!children.every((pid) => fs.existsSync(path.join(dir, `${pid}.json`)))) return;
  clearInterval(ready);
  const file = path.join(dir, `${process.pid}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, children }));
  fs.renameSync(`${file}.tmp`, file);
  setInterval(() => undefined, 1000);
}, 20);
