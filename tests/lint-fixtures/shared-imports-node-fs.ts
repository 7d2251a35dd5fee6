// lint-as: shared/domain/violation.ts
import { readFileSync } from 'node:fs';
export const x = readFileSync;
