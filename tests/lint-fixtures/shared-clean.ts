// lint-as: shared/domain/clean.ts
// expect: clean
import { z } from 'zod';
import { searchKey } from './search-key.ts';
export const schema = z.string().transform(searchKey);
