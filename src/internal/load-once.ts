/**
 * A loader that runs `bind` once per process and remembers its result or its failure, so callers
 * of a native binding that cannot load do not retry the load on every call. The loader throws
 * what `bind` threw, every time.
 */
export function loadOnce<T>(bind: () => T): () => T {
  let loaded: { value: T } | { error: unknown } | undefined;
  return () => {
    if (loaded === undefined) {
      try {
        loaded = { value: bind() };
      } catch (error) {
        loaded = { error };
      }
    }
    if ('error' in loaded) throw loaded.error;
    return loaded.value;
  };
}
