// A script: its function is a global of the whole program.
function isAlive(pid: number) { try { process.kill(pid, 0); return true } catch { return false } }
