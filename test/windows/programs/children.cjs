/* global setTimeout */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node.exe as is */
'use strict';
// Helpers shared by the programs that run under `wine node.exe`: files as the only channel (a pipe
// to node.exe's stdout fails with EBADF under Wine) and node.exe children that are known to run.
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs');
const path = require('node:path');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once `file` exists, polling every `pollMs`; rejects after 60 s. */
async function waitForFile(file, what, pollMs = 20) {
  for (let waited = 0; !fs.existsSync(file); waited += pollMs) {
    if (waited > 60_000) throw new Error(`${what}: no ${file} within 60 s`);
    await sleep(pollMs);
  }
}

let sleepers = 0;

/** A node.exe child that has started running (it wrote its ready file in `dir`) and stays until killed. */
async function startSleeper(dir) {
  const ready = path.join(dir, `sleeper-${++sleepers}.ready`);
  const child = spawn(process.execPath, ['-e', 'require("fs").writeFileSync(process.argv[1], ""); setInterval(() => {}, 1000)', ready], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  await waitForFile(ready, 'sleeper');
  return { child, pid: child.pid, exited };
}

/**
 * Runs the named cases one after another, each result (or its error) under its name, then removes
 * `scratch` and writes the results as JSON to `outFile`: the harness reads that file.
 */
async function runCases(cases, names, scratch, outFile) {
  const results = {};
  for (const name of names) {
    try {
      results[name] = await cases[name]();
    } catch (error) {
      results[name] = { error: String((error && error.stack) || error) };
    }
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.writeFileSync(outFile, JSON.stringify(results, null, 2));
}

module.exports = { sleep, waitForFile, startSleeper, runCases };
