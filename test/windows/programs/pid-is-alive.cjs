/* global __dirname */
/* eslint-disable @typescript-eslint/no-require-imports -- plain CommonJS, run by node.exe as is */
'use strict';
// Runs under `wine node.exe` (see test/windows/pid-is-alive.test.ts): probes real Windows
// processes through the built CommonJS package and writes what it saw, one entry per case, as
// JSON to the file named by argv[2]. argv[3] === 'fallback' when koffi cannot load in this run.
// Assertions live on the Linux side, so a failure there is a normal, readable vitest failure.
const { spawn } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runCases, startSleeper: startSleeperIn } = require('./children.cjs');

const root = path.join(__dirname, '../../..');
const hermes = require(path.join(root, 'dist/cjs/src/index.js'));
const { createWindowsBackend, windowsProcessStartTime } = require(path.join(root, 'dist/cjs/src/pid/windows.js'));
const procStat = require(path.join(root, 'dist/cjs/src/pid/proc-stat.js'));

const NEVER_EXISTED = [999_999, 4_000_000, 2 ** 31 - 1];
const INVALID = { 0: 0, '-1': -1, '""': '', '" "': ' ', '"0"': '0', '"-1"': '-1', '"abc"': 'abc', '"12abc"': '12abc', '"0x10"': '0x10', NaN: Number.NaN, '1.5': 1.5, null: null, undefined: undefined, '{}': {} };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hermes-win-'));
const startSleeper = () => startSleeperIn(scratch);

/** Test-only kernel32 calls (koffi straight, not the package's bindings) to hold a process object. */
function heldHandles() {
  const koffi = require('koffi');
  const kernel32 = koffi.load('kernel32.dll');
  const OpenProcess = kernel32.func('__stdcall', 'OpenProcess', 'void *', ['uint32_t', 'int', 'uint32_t']);
  const CloseHandle = kernel32.func('__stdcall', 'CloseHandle', 'int', ['void *']);
  const GetExitCodeProcess = kernel32.func('__stdcall', 'GetExitCodeProcess', 'int', ['void *', koffi.out(koffi.pointer('uint32_t'))]);
  const SYNCHRONIZE_AND_QUERY = 0x0010_0000 | 0x1000;
  return {
    // While a handle is open the exited process stays an object that OpenProcess can open.
    hold: (pid) => OpenProcess(SYNCHRONIZE_AND_QUERY, 0, pid),
    exitCode(handle) {
      const code = [0];
      return GetExitCodeProcess(handle, code) ? code[0] : undefined;
    },
    close: (handle) => CloseHandle(handle),
  };
}

function rawKill(pid) {
  try {
    process.kill(pid, 0);
    return 'alive';
  } catch (error) {
    return error.code;
  }
}

const cases = {
  backend: () => ({
    backend: hermes.probeBackend(),
    koffiLoaded: Object.keys(require.cache).some((file) => file.includes(`${path.sep}koffi${path.sep}`)),
  }),

  koffiLoad() {
    try {
      require('koffi');
      return { loads: true };
    } catch (error) {
      return { loads: false, message: String(error.message) };
    }
  },

  ownPid: () => ({
    pidState: hermes.pidState(process.pid),
    pidIsAlive: hermes.pidIsAlive(String(process.pid)),
    // pidState short-cuts the own pid; ask the backend itself too.
    backendProbe: createWindowsBackend().probe(process.pid),
  }),

  async childLifecycle() {
    const { child, pid, exited } = await startSleeper();
    const whileRunning = hermes.pidState(pid);
    const aliveWhileRunning = hermes.pidIsAlive(pid);
    child.kill();
    await exited;
    return { pid, whileRunning, aliveWhileRunning, afterExit: hermes.pidState(pid), aliveAfterExit: hermes.pidIsAlive(pid) };
  },

  async exitedWhileHandleHeld() {
    const handles = heldHandles();
    const { child, pid, exited } = await startSleeper();
    const handle = handles.hold(pid);
    try {
      const whileRunning = hermes.pidState(pid);
      child.kill();
      await exited;
      return { handleHeld: handle !== null, whileRunning, afterExit: hermes.pidState(pid), rawKillAfterExit: rawKill(pid) };
    } finally {
      if (handle !== null) handles.close(handle);
    }
  },

  async exitCode259() {
    const handles = heldHandles();
    const child = spawn(process.execPath, ['-e', 'process.exit(259)'], { stdio: 'ignore' });
    // Opened before the exit event is handled: libuv still holds its own handle, so this succeeds.
    const handle = handles.hold(child.pid);
    try {
      const [exitEventCode] = await once(child, 'exit');
      return {
        handleHeld: handle !== null,
        exitEventCode,
        getExitCodeProcess: handle === null ? undefined : handles.exitCode(handle),
        pidState: hermes.pidState(child.pid),
        pidIsAlive: hermes.pidIsAlive(child.pid, { treatPermissionDeniedAsAlive: true }),
        rawKill: rawKill(child.pid),
      };
    } finally {
      if (handle !== null) handles.close(handle);
    }
  },

  neverExisted: () => Object.fromEntries(NEVER_EXISTED.map((pid) => [pid, { pidState: hermes.pidState(pid), rawKill: rawKill(pid) }])),

  invalidInputs() {
    const original = process.kill;
    let calls = 0;
    process.kill = (...args) => {
      calls++;
      return original.apply(process, args);
    };
    try {
      const states = Object.fromEntries(Object.entries(INVALID).map(([label, input]) => [label, [hermes.pidState(input), hermes.pidIsAlive(input, { treatPermissionDeniedAsAlive: true })]]));
      return { states, processKillCalls: calls, rawKillOfZero: rawKill(0) };
    } finally {
      process.kill = original;
    }
  },

  async processKillThrows() {
    const { child, pid, exited } = await startSleeper();
    const original = process.kill;
    let calls = 0;
    process.kill = () => {
      calls++;
      throw new Error('process.kill must not be called on Windows');
    };
    try {
      const whileRunning = hermes.pidState(pid);
      const neverExisted = hermes.pidState(999_999);
      child.kill();
      await exited;
      return { backend: hermes.probeBackend(), whileRunning, neverExisted, afterExit: hermes.pidState(pid), processKillCalls: calls };
    } finally {
      process.kill = original;
    }
  },

  async startTime() {
    const own = [windowsProcessStartTime(process.pid), windowsProcessStartTime(process.pid)];
    const first = await startSleeper();
    const second = await startSleeper();
    const children = [windowsProcessStartTime(first.pid), windowsProcessStartTime(second.pid), windowsProcessStartTime(first.pid)];
    first.child.kill();
    second.child.kill();
    await Promise.all([first.exited, second.exited]);
    return {
      own,
      // Microseconds since 1970: the own value must match when this process started, give or take.
      ownVersusUptimeMs: Math.abs(own[0] / 1000 - (Date.now() - process.uptime() * 1000)),
      children,
      childPids: [first.pid, second.pid],
      afterExit: windowsProcessStartTime(first.pid) ?? null,
      neverExisted: windowsProcessStartTime(999_999) ?? null,
    };
  },

  // The Linux zombie check must never run on win32, whichever backend answers (the process.kill
  // fallback shares the POSIX code): a recording reader stands in for /proc/<pid>/stat.
  async procStatNeverRead() {
    const reads = [];
    procStat.setProcStatReaderForTests((pid) => (reads.push(pid), undefined));
    try {
      const { child, pid, exited } = await startSleeper();
      const whileRunning = [hermes.pidState(pid), hermes.pidIsAlive(pid), hermes.processStartTime(pid) !== undefined];
      child.kill();
      await exited;
      return { readsProcStat: procStat.READS_PROC_STAT, whileRunning, afterExit: hermes.pidState(pid), reads };
    } finally {
      procStat.setProcStatReaderForTests(undefined);
    }
  },

  startTimeUnknown: () => ({ own: windowsProcessStartTime(process.pid) ?? null, again: windowsProcessStartTime(process.pid) ?? null }),

  neverThrows() {
    const fc = require(path.join(root, 'node_modules/fast-check'));
    const thrown = [];
    const states = new Set();
    const record = (fn) => {
      try {
        states.add(String(fn()));
      } catch (error) {
        thrown.push(String(error));
      }
    };
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withNullPrototype: true }), fc.anything(), (pid, options) => {
        record(() => hermes.pidState(pid));
        record(() => hermes.pidIsAlive(pid, options));
      }),
      { numRuns: 300 },
    );
    // Real kernel32 calls on arbitrary pids: most do not exist, some (small ones) may.
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (pid) => record(() => hermes.pidState(pid))), { numRuns: 300 });
    for (let pid = 1; pid <= 2000; pid++) record(() => hermes.pidState(pid));
    return { thrown: thrown.slice(0, 5), thrownCount: thrown.length, states: [...states].sort() };
  },
};

const fallbackCases = ['backend', 'koffiLoad', 'ownPid', 'childLifecycle', 'neverExisted', 'invalidInputs', 'startTimeUnknown', 'procStatNeverRead'];

runCases(cases, process.argv[3] === 'fallback' ? fallbackCases : Object.keys(cases), scratch, process.argv[2]);
