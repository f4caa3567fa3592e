/* global __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node.exe as is */
'use strict';
// Runs under `wine node.exe` (see bench/pid-is-alive-wine.ts): ns per call of pidIsAlive (kernel32
// through koffi) and of a raw `process.kill(pid, 0)` in a try/catch, interleaved in one run, for a
// live node.exe child and a pid that does not exist. Writes JSON to the file named by argv[2].
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { pidIsAlive, probeBackend } = require(path.join(__dirname, '../../dist/cjs/src/index.js'));

const ITERATIONS = Number(process.argv[3] ?? 3000);
const ROUNDS = 11;

function rawProbe(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function nsPerCall(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / iterations;
}

/** Median ns per call of each candidate over interleaved rounds, alternating which goes first. */
function compare(candidates) {
  const names = Object.keys(candidates);
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (const name of names) nsPerCall(candidates[name], Math.ceil(ITERATIONS / 10));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? names : [...names].reverse()) samples[name].push(nsPerCall(candidates[name], ITERATIONS));
  }
  return Object.fromEntries(names.map((name) => [name, samples[name].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]]));
}

const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
const rows = {};
for (const [name, pid] of [['live pid (node.exe child)', child.pid], ['dead pid (never existed)', 999_999]]) {
  rows[name] = compare({ 'process.kill (raw)': () => rawProbe(pid), pidIsAlive: () => pidIsAlive(pid, { treatPermissionDeniedAsAlive: true }) });
}
child.kill();
fs.writeFileSync(process.argv[2], JSON.stringify({ backend: probeBackend(), node: process.version, iterations: ITERATIONS, rounds: ROUNDS, rows }));
