import { useState } from 'react';

/**
 * A read started while the component first renders rather than in its effect. React runs a
 * page's effects only after the whole page is rendered and committed, which for the Scheda
 * paziente is one long task; a read sent from the render goes to the services at once, so they
 * answer while the page is still being built instead of after it (DASHBOARD.md §1: the
 * Riepilogo first). `take(key)` hands the started read over once, to the effect that would
 * have made it, if it is still for the same key (the same patient); otherwise null, and the
 * effect reads as before.
 */
export function useEarlyRead<T>(key: string, read: () => Promise<T>): (key: string) => Promise<T> | null {
  // The same function on every render (state), so effects and callbacks need not list it.
  const [take] = useState(() => {
    let promise: Promise<T> | null = read();
    // Not taken (the key changed first) must not surface as an unhandled rejection.
    promise.catch(() => undefined);
    return (k: string): Promise<T> | null => {
      if (k !== key) return null;
      const p = promise;
      promise = null;
      return p;
    };
  });
  return take;
}
