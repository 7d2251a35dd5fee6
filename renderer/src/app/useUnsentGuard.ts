import { useEffect } from 'react';
import { unsentCount } from '../../../shared/outbox/unsent.ts';
import { useOutboxSummaryValue } from '../features/outbox/useOutbox.ts';
import { electronBridge } from '../platform/bridge.ts';

/**
 * Closing the tab with unsent documents asks once (UX.md, "Nothing lost, nothing silent"): in
 * the browser (node host) a `beforeunload` guard, armed only while the outbox summary (kept
 * fresh by `outbox.changed` and its poll) counts documents still to send (UNSENT_STATES), and
 * removed as soon as they are out. The browser shows its own generic question; the words are
 * not ours to choose. In Electron the main process asks instead (electron/main/close-guard.ts):
 * a renderer beforeunload there would cancel the close without any dialog.
 *
 * Returns the unsent count the guard is armed for (0: disarmed).
 */
export function useUnsentGuard(): number {
  // Only the count: the whole app renders under this hook (App.tsx).
  const unsent = useOutboxSummaryValue((s) => unsentCount(s?.byState));
  const active = unsent > 0 && electronBridge() === undefined;
  useEffect(() => {
    if (!active) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium needs returnValue set; the text is ignored by every current browser.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.documentElement.dataset['unsentGuard'] = 'armed';
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      delete document.documentElement.dataset['unsentGuard'];
    };
  }, [active]);
  return active ? unsent : 0;
}
