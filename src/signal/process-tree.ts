import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readLinuxProcStat } from '../pid/proc-stat.js';
import { linuxStartTimeOf } from '../pid/start-time.js';
import { kernel32ProcessStartTime } from '../pid/windows.js';
import { loadKernel32Control, TH32CS_SNAPPROCESS, type ProcessEntry32 } from './kernel32-control.js';

/** One row of the process table: a pid, its parent's pid, and its start time (`processStartTime` units), read on demand. */
export interface ProcessRow {
  readonly pid: number;
  readonly ppid: number;
  startTime(): number | undefined;
}

type TableHook = (rows: ProcessRow[]) => ProcessRow[];
let tableHook: TableHook | undefined;

/**
 * Test seam: rewrites the table the tree walk reads (a test forges a parent pid into it to prove
 * that a process created before the target is never taken for a descendant). `undefined` resets.
 */
export function setProcessTableHookForTests(hook: TableHook | undefined): void {
  tableHook = hook;
}

function linuxTable(): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readLinuxProcStat(Number(name));
    if (stat === undefined) continue;
    const startTime = linuxStartTimeOf(stat);
    rows.push({ pid: Number(name), ppid: stat.ppid, startTime: () => startTime });
  }
  return rows;
}

// "  412     1 Mon Nov 23 18:57:16 2026": pid, ppid, then lstart to the second, as psStartTime reads it.
const PS_ROW = /^\s*(\d+)\s+(\d+)\s+(.+?)\s*$/;

function psTable(): ProcessRow[] {
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,lstart='], {
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C', TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 10_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const rows: ProcessRow[] = [];
  for (const line of out.split('\n')) {
    const match = PS_ROW.exec(line);
    if (match === null) continue;
    const ms = Date.parse(`${match[3] ?? ''} UTC`);
    rows.push({ pid: Number(match[1]), ppid: Number(match[2]), startTime: () => (Number.isNaN(ms) ? undefined : ms) });
  }
  return rows;
}

function windowsTable(): ProcessRow[] {
  const kernel32 = loadKernel32Control();
  const snapshot = kernel32.CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
  if (Number(snapshot) === -1) throw new Error('CreateToolhelp32Snapshot failed');
  const rows: ProcessRow[] = [];
  try {
    const entry: ProcessEntry32 = { dwSize: kernel32.processEntrySize };
    for (let more = kernel32.Process32FirstW(snapshot, entry); more !== 0; more = kernel32.Process32NextW(snapshot, entry)) {
      const pid = entry.th32ProcessID ?? 0;
      const ppid = entry.th32ParentProcessID ?? 0;
      // Creation times only for the rows the walk asks about: opening every process is slow.
      let startTime: number | undefined | null = null;
      rows.push({ pid, ppid, startTime: () => (startTime === null ? (startTime = kernel32ProcessStartTime(kernel32, pid)) : startTime) });
      entry.dwSize = kernel32.processEntrySize;
    }
  } finally {
    kernel32.CloseSnapshot(snapshot);
  }
  return rows;
}

/** Every process on the machine; throws when the table cannot be read. */
export function readProcessTable(): ProcessRow[] {
  const rows = process.platform === 'win32' ? windowsTable() : process.platform === 'linux' || process.platform === 'android' ? linuxTable() : psTable();
  return tableHook === undefined ? rows : tableHook(rows);
}

/** A descendant found by the walk, with the start time it had then (its identity for the signal). */
export interface Descendant {
  readonly pid: number;
  readonly startTime: number;
  readonly depth: number;
}

/**
 * The true descendants of `root`, leaves first (deepest generation first). A row is a child of P
 * only if its parent pid is P's and it was not created before P: on Windows a parent pid outlives
 * the parent and can be reused, so a process whose recorded parent pid now names a younger process
 * is no child of that process. Rows whose start time cannot be read are left out.
 */
export function findDescendants(rows: readonly ProcessRow[], root: { pid: number; startTime: number }): Descendant[] {
  const byParent = new Map<number, ProcessRow[]>();
  for (const row of rows) {
    if (row.pid === row.ppid || row.pid === 0) continue;
    const siblings = byParent.get(row.ppid);
    if (siblings === undefined) byParent.set(row.ppid, [row]);
    else siblings.push(row);
  }
  const found: Descendant[] = [];
  const seen = new Set<number>([root.pid]);
  let generation = [{ pid: root.pid, startTime: root.startTime, depth: 0 }];
  while (generation.length > 0) {
    const next: Descendant[] = [];
    for (const parent of generation) {
      for (const row of byParent.get(parent.pid) ?? []) {
        if (seen.has(row.pid)) continue;
        const startTime = row.startTime();
        if (startTime === undefined || startTime < parent.startTime) continue;
        seen.add(row.pid);
        next.push({ pid: row.pid, startTime, depth: parent.depth + 1 });
      }
    }
    found.push(...next);
    generation = next;
  }
  return found.reverse();
}
