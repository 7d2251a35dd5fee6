// lint-as: electron/node-host/violation.ts
import { x } from '../main/index.ts';
export const y = x;
