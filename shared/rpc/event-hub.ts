import type { EventName, EventPayload } from '../api/events.ts';

type Listener = (event: string, payload: unknown) => void;

/** Fan-out of service events to every connected transport (window, WebSocket clients, tests). */
export class EventHub {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(event, payload);
  }

  /** Listens to every event; returns the unsubscribe function. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
