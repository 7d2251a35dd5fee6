import type { SeriesEntry } from '../../../../shared/api/imaging.ts';

/** One image of the stack a series shows: a frame of one of its instances. */
export interface StackItem {
  key: string;
  frame: number;
  frames: number;
  instanceNumber?: number;
}

/** The images of a series in stack order (the index's order): every frame of every instance with pixels. */
export function seriesStack(series: Pick<SeriesEntry, 'instances'> | undefined): StackItem[] {
  if (!series) return [];
  return series.instances
    .filter((i) => i.kind === 'image')
    .flatMap((i) => Array.from({ length: Math.max(1, i.frames) }, (_, frame) => ({ key: i.sopInstanceUid, frame, frames: i.frames, ...(i.number !== undefined ? { instanceNumber: i.number } : {}) })));
}
