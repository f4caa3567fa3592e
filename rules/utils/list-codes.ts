/** `ESRCH`, `ESRCH and EPERM`, `ESRCH, EPERM and EINVAL`: error codes in a message. */
export function listCodes(codes: readonly string[]): string {
  return codes.length <= 1 ? codes.join('') : `${codes.slice(0, -1).join(', ')} and ${codes.at(-1) ?? ''}`;
}
