import { useEffect, useState, useSyncExternalStore } from 'react';
import type { OutboxFullSummary, OutboxListEntry } from '../../../../shared/api/outbox.ts';
import { useApi } from '../../platform/api-context.tsx';
import type { ApiClient } from '../../platform/create-api.ts';

/**
 * The queue's summary, shared by the navigation badge, the header and the page: one store per
 * API client, refreshed on every `outbox.changed` (coalesced) and every few seconds (the
 * connection state to the gateway changes without a transition).
 */
class SummaryStore {
  value: OutboxFullSummary | undefined;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private inFlight = false;

  constructor(private readonly client: ApiClient) {}

  listen(cb: () => void): () => void {
    this.listeners.add(cb);
    if (this.listeners.size === 1) this.begin();
    return () => {
      this.listeners.delete(cb);
      if (this.listeners.size === 0) this.end();
    };
  }

  private begin(): void {
    this.unsubscribe = this.client.subscribe('outbox.changed', () => this.refreshSoon());
    this.interval = setInterval(() => this.refresh(), 3_000);
    this.refresh();
  }

  private end(): void {
    this.unsubscribe?.();
    if (this.interval) clearInterval(this.interval);
    if (this.timer) clearTimeout(this.timer);
    this.interval = this.timer = this.unsubscribe = undefined;
  }

  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 100);
  }

  refresh(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    this.client
      .call('outbox.summary', {})
      .then((s) => {
        // The poll mostly brings the same answer: telling the listeners only of a change keeps
        // every component that shows the queue (the header, the navigation, the app's unsent
        // guard) from rendering again every few seconds for nothing.
        if (this.value !== undefined && JSON.stringify(this.value) === JSON.stringify(s)) return;
        this.value = s;
        for (const l of this.listeners) l();
      })
      .catch(() => undefined)
      .finally(() => (this.inFlight = false));
  }

  set(s: OutboxFullSummary): void {
    this.value = s;
    for (const l of this.listeners) l();
  }
}

const stores = new WeakMap<ApiClient, SummaryStore>();

function storeFor(client: ApiClient): SummaryStore {
  let s = stores.get(client);
  if (!s) {
    s = new SummaryStore(client);
    stores.set(client, s);
  }
  return s;
}

export function useOutboxSummary(): { summary: OutboxFullSummary | undefined; set(s: OutboxFullSummary): void } {
  const store = storeFor(useApi());
  const summary = useSyncExternalStore(
    (cb) => store.listen(cb),
    () => store.value,
  );
  return { summary, set: (s) => store.set(s) };
}

/**
 * One number of the summary, e.g. the unsent count: the component renders again only when that
 * number changes, not with every other change of the summary.
 */
export function useOutboxSummaryValue<T extends string | number | boolean | undefined>(pick: (s: OutboxFullSummary | undefined) => T): T {
  const store = storeFor(useApi());
  return useSyncExternalStore(
    (cb) => store.listen(cb),
    () => pick(store.value),
  );
}

/** The queue entries, reloaded (coalesced) on every `outbox.changed`. */
export function useOutboxList(): { entries: OutboxListEntry[] | undefined; error: unknown; reload(): void } {
  const client = useApi();
  const [entries, setEntries] = useState<OutboxListEntry[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let alive = true;
    client
      .call('outbox.list', {})
      .then((r) => {
        if (!alive) return;
        setEntries(r);
        setError(undefined);
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, [client, tick]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.subscribe('outbox.changed', () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        setTick((n) => n + 1);
      }, 100);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client]);
  return { entries, error, reload: () => setTick((n) => n + 1) };
}

/** The current time, ticking every `ms` (relative times stay right while the page is open). */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
