/**
 * Worker side: exit (or call `onGone`) once the parent that spawned us is gone, so no orphan
 * keeps running after the supervisor crashed.
 * @param {number} [parentPid]
 * @param {number} [everyMs]
 * @param {() => void} [onGone]
 */
export function watchParent(parentPid = process.ppid, everyMs = 1000, onGone = () => process.exit(0)) {
  const timer = setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
  return timer;
}
