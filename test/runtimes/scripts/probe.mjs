// Probes the pid in argv[2] and tries to SIGKILL it; prints what the helper answered as one JSON line.
import { pidIsAlive, pidState, signalProcess } from 'hermes-pid';

const pid = Number(process.argv[2]);
const seen = {
  state: pidState(pid),
  alive: pidIsAlive(pid),
  aliveIfDenied: pidIsAlive(pid, { treatPermissionDeniedAsAlive: true }),
  signal: signalProcess(pid, 'SIGKILL'),
};
process.stdout.write(`${JSON.stringify(seen)}\n`);
