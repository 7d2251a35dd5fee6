/**
 * The renderer has no network: it talks to the services over IPC only, and all remote
 * traffic (the FSE gateway) happens in the services with Node's own HTTP client. Cancelling
 * every http(s)/ws(s) request of the session makes a stray remote URL (an injected <img>, a
 * dependency phoning home) fail instead of leaking data (ANCHORS.md §2 "Renderer has no
 * network", Signal's installWebHandler).
 */
import type { Session } from 'electron';
import type { Logger } from '../../services/ports.ts';

export const BLOCKED_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

export function blockRendererNetwork(session: Session, logger: Logger): void {
  session.webRequest.onBeforeRequest({ urls: BLOCKED_URL_PATTERNS }, (details, callback) => {
    logger.warn('renderer network request blocked', { resourceType: details.resourceType });
    callback({ cancel: true });
  });
}
