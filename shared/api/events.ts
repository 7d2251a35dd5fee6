import { z } from 'zod';
import { outboxEvents } from '../outbox/api.ts';
import { imagingEvents } from './imaging.ts';

/** Events pushed from the services to the UI (bridge.subscribe / WebSocket notifications). */
export const events = {
  /** A patient was created or changed; lists refresh. */
  'patients.changed': z.object({ id: z.string() }),
  /** A signing batch advanced: `done` of `total` files, `current` the file just finished. */
  /** Compilazione massiva PSS: `done` of `total` drafts built. */
  'pss.bulkProgress': z.object({ done: z.number().int(), total: z.number().int(), patientId: z.string() }),
  'signing.progress': z.object({ batchId: z.string(), done: z.number().int(), total: z.number().int(), current: z.string(), ok: z.boolean() }),
  /**
   * Part of a patient's longitudinal record changed (a visit, a plan, a prescription, new
   * observations, an import): the sections showing it reload.
   */
  'record.changed': z.object({ patientId: z.string(), part: z.enum(['visits', 'therapies', 'prescriptions', 'observations', 'dispensations', 'documents']) }),
  /** An outbox entry changed state (every transition): queue view and badge refresh. */
  ...outboxEvents,
  ...imagingEvents,
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
