import { WebSocketTransport } from '../../../shared/rpc/websocket-transport.ts';

/** ws://host/rpc for the page's own origin (the node host authorises it by its cookie). */
export function sameOriginRpcUrl(): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/rpc`;
}

/** The node host's transport for this page: the shared JSON-RPC WebSocket client. */
export function sameOriginTransport(): WebSocketTransport {
  const url = sameOriginRpcUrl();
  return new WebSocketTransport(() => new WebSocket(url));
}
