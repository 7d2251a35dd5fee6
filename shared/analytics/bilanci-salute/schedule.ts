/**
 * A region's schedule of bilanci di salute (well-child visits, PAEDIATRICS.md §4): each visit's
 * age, window and what is recorded at it. The default is resources/bilanci-salute/marche-asl3.json;
 * a region's own file in the same format replaces it.
 */
import { z } from 'zod';
import { Duration } from '../../domain/duration.ts';

const Text = z.object({ it: z.string().min(1), en: z.string().min(1) });
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const BilancioVisit = z
  .object({
    id: Id,
    label: Text,
    at: Duration,
    /** Window in which the visit is due, from birth. */
    from: Duration,
    until: Duration,
    /** Item ids recorded at this visit. */
    records: z.array(Id).min(1),
    /** False where the source gives no age and the file's is a placeholder. */
    confirmed: z.boolean(),
    note: z.string().optional(),
  })
  .strict();
export type BilancioVisit = z.infer<typeof BilancioVisit>;

export const BilanciSchedule = z
  .object({
    format: z.literal('cartella-bilanci-schedule/1'),
    id: Id,
    region: z.string().min(1),
    source: z.record(z.string(), z.string()),
    items: z.array(z.object({ id: Id, label: Text }).strict()).min(1),
    visits: z.array(BilancioVisit).min(1),
  })
  .strict()
  .superRefine((s, ctx) => {
    const items = new Set(s.items.map((i) => i.id));
    const ids = new Set<string>();
    s.visits.forEach((v, i) => {
      if (ids.has(v.id)) ctx.addIssue({ code: 'custom', path: ['visits', i, 'id'], message: `visit ${v.id} appears twice` });
      ids.add(v.id);
      for (const r of v.records) if (!items.has(r)) ctx.addIssue({ code: 'custom', path: ['visits', i, 'records'], message: `unknown item ${r}` });
    });
  });
export type BilanciSchedule = z.infer<typeof BilanciSchedule>;
