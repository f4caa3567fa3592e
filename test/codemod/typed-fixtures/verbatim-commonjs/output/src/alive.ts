import hermesPid = require('hermes-pid');

function isUp(pid: number): boolean {
  return hermesPid.pidIsAlive(pid, { treatPermissionDeniedAsAlive: false });
}

export = { isUp };
