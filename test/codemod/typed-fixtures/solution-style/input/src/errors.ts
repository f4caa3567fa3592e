export interface ErrnoError extends Error {
  readonly code?: string;
}
