import type { Db } from '../open.ts';

/** One numbered schema step. `up` is SQL, or a function for steps that move data. */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Db) => void);
}
