import type { Bridge } from '../../../shared/rpc/bridge.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in the browser (node host). */
    bridge?: Bridge;
  }
}

/** The preload's bridge when running in Electron, otherwise undefined. */
export function electronBridge(): Bridge | undefined {
  const b = window.bridge;
  return b && typeof b.call === 'function' && typeof b.subscribe === 'function' ? b : undefined;
}
