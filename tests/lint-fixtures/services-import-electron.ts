// lint-as: electron/services/secrets/violation.ts
import { safeStorage } from 'electron';
export const x = safeStorage;
