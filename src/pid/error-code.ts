/** The `code` of a thrown value, if it has a string one. Safe on anything that can be thrown. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  try {
    const { code } = error as { code?: unknown };
    return typeof code === 'string' ? code : undefined;
  } catch {
    // A throwing getter on a thrown value: treat as no code.
    return undefined;
  }
}

/**
 * Whether a thrown value is a runtime's permission refusal, not an OS answer: Deno throws `NotCapable`
 * (Deno 1: `PermissionDenied`), without a `code`, when the script lacks a permission (`--allow-run` for
 * `process.kill`). The process may well exist, so this must never read as ESRCH. Safe on anything.
 */
export function isRuntimePermissionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  try {
    const { name } = error as { name?: unknown };
    return name === 'NotCapable' || name === 'PermissionDenied';
  } catch {
    return false;
  }
}
