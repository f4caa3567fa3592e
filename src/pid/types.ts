/** What a liveness probe can honestly say about a pid. */
export type PidState = 'alive' | 'dead' | 'denied';

/** Which mechanism answered a probe. */
export type ProbeBackendName = 'process.kill' | 'kernel32';

/** One way of probing a validated, positive pid that is not the current process. Never throws. */
export interface ProbeBackend {
  readonly name: ProbeBackendName;
  probe(pid: number): PidState;
}

export interface PidIsAliveOptions {
  /**
   * What a permission error means. `true`: the process exists but belongs to someone else, so it
   * is alive. `false`: only a process we may signal counts as alive. Default `false`.
   */
  readonly treatPermissionDeniedAsAlive?: boolean;
}
