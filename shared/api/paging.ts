import { z } from 'zod';

/** A page of a long list (twenty years of diary, prescriptions, accesses): offset and size. */
export const PageInput = z.object({
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

/** A page of `item`: `total` counts every match, `nextOffset` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int().min(0), nextOffset: z.number().int().min(0).nullable() });
}

/** When a stored fact was written and its optimistic-concurrency version. */
export const RowMeta = z.object({ version: z.number().int().min(1), createdAt: z.string(), updatedAt: z.string() });
export type RowMeta = z.infer<typeof RowMeta>;
