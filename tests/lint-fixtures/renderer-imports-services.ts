// lint-as: renderer/src/features/patients/violation.ts
import { createServices } from '../../../../electron/services/container.ts';
export const x = createServices;
