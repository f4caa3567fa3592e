// A CLI in plain JavaScript, type-checked with the project (allowJs).
export function stop() {
  process.kill(process.argv[2], 'SIGTERM');
}

export function stopFromEnvironment() {
  const pid = process.env.DAEMON_PID;
  if (pid) process.kill(pid, 'SIGINT');
}

export function stopNumber() {
  process.kill(Number(process.env.DAEMON_PID), 'SIGTERM');
}

export function isUp() {
  try {
    process.kill(process.argv[2], 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
