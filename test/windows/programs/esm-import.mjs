// Runs under `wine node.exe` (see test/windows/pid-is-alive.test.ts): the ESM build on Windows,
// whose lazy koffi load goes through createRequire(import.meta.url) rather than CommonJS require.
import { writeFileSync } from 'node:fs';
import { pidIsAlive, pidState, probeBackend, processStartTime } from '../../../dist/esm/src/index.js';

writeFileSync(
  process.argv[2],
  JSON.stringify({
    esm: {
      backend: probeBackend(),
      ownPid: pidIsAlive(process.pid),
      neverExisted: pidState(999_999),
      startTime: typeof processStartTime(process.pid),
    },
  }),
);
