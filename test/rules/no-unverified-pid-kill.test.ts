import type { InvalidTestCase } from '@typescript-eslint/rule-tester';
import rule, { type MessageIds } from '../../rules/no-unverified-pid-kill.js';
import { createRuleTester } from './support/rule-tester.js';

const ruleTester = createRuleTester();

/** One report of the kill on `line` (column 1 unless given), for a pid read by `read` on `readLine`. */
function reported(code: string, line: number, read: string, readLine: number, column = 1): InvalidTestCase<MessageIds, []> {
  return {
    code,
    errors: [{ messageId: 'pidFromFile', line, column, data: { callee: 'process.kill', read, line: String(readLine) }, suggestions: [] }],
  };
}

ruleTester.run('no-unverified-pid-kill', rule, {
  valid: [
    // pids that were not read from a file
    "process.kill(child.pid, 'SIGTERM');",
    "process.kill(process.pid, 'SIGUSR2');",
    "process.kill(process.ppid);",
    "function stop(pid) { process.kill(pid, 'SIGTERM'); }",
    "import { spawn } from 'node:child_process'; const child = spawn('node'); process.kill(child.pid, 'SIGKILL');",
    "const pid = Number(process.env.DAEMON_PID); process.kill(pid, 'SIGTERM');",
    // signal 0 sends nothing: a probe, no-raw-liveness-probe's business
    "import { readFileSync } from 'node:fs'; process.kill(Number(readFileSync(f, 'utf8')), 0);",
    "import { readFileSync } from 'node:fs'; const NO_SIGNAL = 0; process.kill(Number(readFileSync(f, 'utf8')), NO_SIGNAL);",
    // a kill that is not Node's process.kill
    "import { readFileSync } from 'node:fs'; treeKill(Number(readFileSync(f, 'utf8')), 'SIGTERM');",
    "import { readFileSync } from 'node:fs'; function f(process) { process.kill(Number(readFileSync(p)), 'SIGTERM'); }",
    // the contents are not what is signalled
    "import { readFileSync } from 'node:fs'; const config = readFileSync(f, 'utf8'); process.kill(child.pid, config.length > 0 ? 'SIGTERM' : 'SIGKILL');",
    // children spawned from a config file: their pids are live children, not records
    "import { spawn } from 'node:child_process'; import { readFileSync } from 'node:fs'; const workers = JSON.parse(readFileSync(f, 'utf8')).map((w) => spawn(w.cmd)); workers.forEach((child) => process.kill(child.pid, 'SIGTERM'));",
    "import { readFile } from 'node:fs/promises'; readFile(f, 'utf8').then((text) => { const child = fork(text); return child; }).then((child) => process.kill(child.pid));",
    // the kernel's live process table, not a record
    "import { readFileSync } from 'node:fs'; const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[3]); process.kill(ppid, 'SIGTERM');",
    "import fs from 'node:fs'; import path from 'node:path'; for (const line of fs.readFileSync(path.join('/sys/fs/cgroup', name, 'cgroup.procs'), 'utf8').split('\\n')) process.kill(Number(line), 'SIGKILL');",
    // a `readFile` the file defines itself
    "function readFile(name) { return cache.get(name); } process.kill(Number(readFile('worker')), 'SIGTERM');",
    "const readFileSync = (name) => registry[name]; process.kill(readFileSync('a'), 'SIGTERM');",
    // let written by another function: the rule stays within the function
    "import { readFileSync } from 'node:fs'; let pid; function load() { pid = Number(readFileSync(f)); } function stop() { process.kill(pid, 'SIGTERM'); }",
    // a callback parameter that is not the data
    "import { readFile } from 'node:fs'; readFile(f, (err) => { process.kill(err.errno, 'SIGTERM'); });",
    // a function parameter reassigned from elsewhere is not followed
    "import { readFileSync } from 'node:fs'; [1].forEach((pid) => { pid = other(); process.kill(pid); }); readFileSync(f);",
  ],
  invalid: [
    reported("import { readFileSync } from 'node:fs';\nprocess.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');", 2, 'readFileSync', 2),
    // no signal is SIGTERM; a signal only known at run time is a real signal too
    reported("const fs = require('fs');\nconst pid = parseInt(fs.readFileSync(pidFile, 'utf8'), 10);\nprocess.kill(pid);", 3, 'fs.readFileSync', 2),
    reported("import fs from 'node:fs';\nexport function send(signal) {\n  const pid = +fs.readFileSync(pidFile).toString().trim();\n  process.kill(pid, signal);\n}", 4, 'fs.readFileSync', 3, 3),
    // JSON and destructuring
    reported("import { readFileSync } from 'node:fs';\nconst { pid } = JSON.parse(readFileSync(lock, 'utf8'));\nprocess.kill(pid, 'SIGKILL');", 3, 'readFileSync', 2),
    reported("import { readFileSync } from 'node:fs';\nconst lock = JSON.parse(readFileSync(lockFile, 'utf8'));\nprocess.kill(lock.pid, 'SIGTERM');", 3, 'readFileSync', 2),
    // promises: await, fs.promises, node:fs/promises, .then
    reported("import { readFile } from 'node:fs/promises';\nexport async function stop() {\n  const pid = Number((await readFile(pidFile, 'utf8')).trim());\n  process.kill(pid, 'SIGTERM');\n}", 4, 'readFile', 3, 3),
    reported("import fs from 'node:fs';\nexport async function stop() {\n  process.kill(Number(await fs.promises.readFile(pidFile, 'utf8')), 'SIGTERM');\n}", 3, 'fs.promises.readFile', 3, 3),
    reported("import * as fsp from 'fs/promises';\nfsp.readFile(pidFile, 'utf8').then((text) => process.kill(parseInt(text, 10), 'SIGTERM'));", 2, 'fsp.readFile', 2, 46),
    reported("import { readFile } from 'node:fs/promises';\nreadFile(pidFile, 'utf8').then(Number).then((pid) => process.kill(pid));", 2, 'readFile', 2, 54),
    // callbacks
    reported("const fs = require('node:fs');\nfs.readFile(pidFile, 'utf8', (err, data) => {\n  if (err) return;\n  process.kill(Number(data), 'SIGTERM');\n});", 4, 'fs.readFile', 2, 3),
    reported("const { readFile } = require('fs');\nreadFile(pidFile, function (error, buffer) {\n  const pid = Number.parseInt(buffer.toString(), 10);\n  setTimeout(() => process.kill(pid, 'SIGKILL'), 1000);\n});", 4, 'readFile', 2, 20),
    // let/var written in the function, from a try block
    reported("import { readFileSync } from 'node:fs';\nfunction stop() {\n  let pid = null;\n  try {\n    pid = Number(readFileSync(pidFile, 'utf8'));\n  } catch {\n    return;\n  }\n  process.kill(pid, 'SIGTERM');\n}", 9, 'readFileSync', 5, 3),
    // pm2's interactor restart: a let rewritten from the contents to the number
    reported("const fs = require('fs');\ntry {\n  let prevPid = fs.readFileSync(PID_PATH);\n  prevPid = parseInt(prevPid);\n  process.kill(prevPid);\n} catch (e) {}", 5, 'fs.readFileSync', 3, 3),
    // a list of pids: for...of and forEach
    reported("import { readFileSync } from 'node:fs';\nfor (const line of readFileSync(pidsFile, 'utf8').split('\\n')) process.kill(Number(line), 'SIGTERM');", 2, 'readFileSync', 2, 64),
    reported("import { readFileSync } from 'node:fs';\nreadFileSync(pidsFile, 'utf8').split('\\n').map(Number).forEach((pid) => process.kill(pid, 'SIGKILL'));", 2, 'readFileSync', 2, 73),
    // a function of the same file that returns the pid
    reported("import { readFileSync } from 'node:fs';\nfunction readPid() {\n  try {\n    return Number(readFileSync(pidFile, 'utf8'));\n  } catch {\n    return undefined;\n  }\n}\nprocess.kill(readPid(), 'SIGTERM');", 9, 'readFileSync', 4),
    reported("import { readFile } from 'node:fs/promises';\nconst readPid = async () => Number(await readFile(pidFile, 'utf8'));\nexport async function stop() { process.kill(await readPid(), 'SIGTERM'); }", 3, 'readFile', 2, 32),
    // a group kill and TypeScript wrappers
    reported("import { readFileSync } from 'node:fs';\nconst pid = Number(readFileSync(pidFile, 'utf8'));\nprocess.kill(-pid, 'SIGTERM');", 3, 'readFileSync', 2),
    {
      code: "import { readFileSync } from 'fs-extra';\nconst pid = readFileSync(pidFile, 'utf8') as unknown as number;\nprocess.kill(pid!, 'SIGTERM');",
      filename: 'stop.ts',
      errors: [{ messageId: 'pidFromFile', line: 3, column: 1, data: { callee: 'process.kill', read: 'readFileSync', line: '2' }, suggestions: [] }],
    },
    // process.kill through an alias
    {
      code: "import { readFileSync } from 'node:fs';\nimport { kill } from 'node:process';\nkill(Number(readFileSync(pidFile)), 'SIGHUP');",
      errors: [{ messageId: 'pidFromFile', line: 3, column: 1, data: { callee: 'kill', read: 'readFileSync', line: '3' }, suggestions: [] }],
    },
  ],
});
