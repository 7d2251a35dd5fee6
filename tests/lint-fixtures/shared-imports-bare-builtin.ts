// lint-as: shared/domain/violation.ts
import { join } from 'path';
export const x = join;
