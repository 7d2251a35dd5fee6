// lint-as: renderer/src/app/violation.ts
import { ipcRenderer } from 'electron';
export const x = ipcRenderer;
