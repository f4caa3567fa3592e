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
