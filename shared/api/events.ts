import { z } from 'zod';

/** Events pushed from the services to the UI (bridge.subscribe / WebSocket notifications). */
export const events = {
  /** A patient was created or changed; lists refresh. */
  'patients.changed': z.object({ id: z.string() }),
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
