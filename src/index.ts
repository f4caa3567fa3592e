export { pidIsAlive, pidState, probeBackend } from './pid/probe.js';
export { parsePid, MAX_PID } from './pid/parse-pid.js';
export type { PidIsAliveOptions, PidState, ProbeBackendName } from './pid/types.js';
export { processStartTime } from './pid/start-time.js';
