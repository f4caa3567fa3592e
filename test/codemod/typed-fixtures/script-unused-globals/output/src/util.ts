import { pidIsAlive } from 'hermes-pid'

// A script: its function is a global of the whole program.
function isAlive(pid: number) { return pidIsAlive(pid, { treatPermissionDeniedAsAlive: false }) }
