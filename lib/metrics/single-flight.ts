// Identical reads that arrive together share one computation: fifty TV walls polling the same
// report at once cost the database one report, not fifty. Nothing is kept once it settles, so
// a request that starts after a computation ended always gets a fresh one: no cache to go stale.

/**
 * A function that runs `compute` for `key` unless the same `owner` (a database) is already
 * computing that key, in which case the caller joins that computation's result (or error).
 */
export function singleFlight<T>(): (
  owner: object,
  key: string,
  compute: () => Promise<T>,
) => Promise<T> {
  const running = new WeakMap<object, Map<string, Promise<T>>>();
  return (owner, key, compute) => {
    let ofOwner = running.get(owner);
    if (!ofOwner) {
      ofOwner = new Map();
      running.set(owner, ofOwner);
    }
    const joined = ofOwner.get(key);
    if (joined) return joined;
    const flights = ofOwner;
    const started = compute().finally(() => flights.delete(key));
    flights.set(key, started);
    return started;
  };
}
