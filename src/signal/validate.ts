// Argument checks for the public functions that act: a malformed option is a TypeError naming it,
// thrown at once, never a default quietly taken, a check skipped or a wait that never ends.
// (pidIsAlive and pidState never throw: invalid input is a dead pid there.)

function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function fail(where: string, name: string, expected: string, value: unknown): never {
  throw new TypeError(`${where}: ${name} must be ${expected}, got ${describe(value)}`);
}

/** The options object (`undefined`: none). Anything but a plain object is refused. */
export function optionsObject(where: string, options: unknown): Readonly<Record<string, unknown>> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) fail(where, 'options', 'an object or undefined', options);
  return options as Record<string, unknown>;
}

/**
 * A duration in milliseconds: absent is `fallback`; otherwise a number, not NaN, not negative.
 * `Infinity` only where `infinite` (wait without end); never for a polling interval.
 */
export function durationOption(where: string, options: Readonly<Record<string, unknown>>, name: string, fallback: number, infinite = true): number {
  const value = options[name];
  if (value === undefined) return fallback;
  const expected = infinite ? 'a number of milliseconds, 0 or more (Infinity: no limit)' : 'a finite number of milliseconds, 0 or more';
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || (!infinite && !Number.isFinite(value))) fail(where, `options.${name}`, expected, value);
  return value;
}

/**
 * A signal: a name or a whole number, 0 or more. A name or number this platform has no signal for
 * is well-formed, and answers `'unsupported'` later.
 */
export function checkSignal(where: string, name: string, value: unknown): void {
  if (typeof value === 'string' && value !== '') return;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return;
  fail(where, name, "a signal name ('SIGTERM') or a whole number, 0 or more", value);
}

export function booleanOption(where: string, options: Readonly<Record<string, unknown>>, name: string): boolean {
  const value = options[name];
  if (value !== undefined && typeof value !== 'boolean') fail(where, `options.${name}`, 'true, false or undefined', value);
  return value === true;
}

/** Windows' exit code for a terminated process: a DWORD. */
export function exitCodeOption(where: string, options: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = options[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) fail(where, `options.${name}`, 'an integer from 0 to 4294967295', value);
  return value;
}

export function functionOption(where: string, options: Readonly<Record<string, unknown>>, name: string): void {
  const value = options[name];
  if (value !== undefined && typeof value !== 'function') fail(where, `options.${name}`, 'a function or undefined', value);
}

/** A lock file path: a non-empty string without NUL bytes. */
export function checkPath(where: string, path: unknown): string {
  if (typeof path !== 'string' || path === '' || path.includes('\0')) fail(where, 'path', 'a non-empty string without NUL bytes', path);
  return path;
}

/**
 * The identity fields of a target object, when present: a malformed one would otherwise skip the
 * check it stands for (a NaN start time read as "no start time", a numeric hostname as "this host").
 */
export function checkIdentityFields(where: string, identity: object): void {
  const fields = identity as Record<string, unknown>;
  const { startTime, hostname, pidNamespace, bootId } = fields;
  if (!(startTime === undefined || startTime === null || (typeof startTime === 'number' && Number.isFinite(startTime)))) {
    fail(where, 'target.startTime', 'a finite number from processStartTime, null or absent', startTime);
  }
  if (!(hostname === undefined || hostname === null || typeof hostname === 'string')) fail(where, 'target.hostname', 'a string, null or absent', hostname);
  if (!(pidNamespace === undefined || pidNamespace === null || (typeof pidNamespace === 'number' && Number.isSafeInteger(pidNamespace) && pidNamespace > 0))) {
    fail(where, 'target.pidNamespace', 'a positive integer, null or absent', pidNamespace);
  }
  if (!(bootId === undefined || bootId === null || typeof bootId === 'string')) fail(where, 'target.bootId', 'a string, null or absent', bootId);
}
