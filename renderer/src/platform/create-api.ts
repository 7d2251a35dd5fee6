import type { AppContract } from '../../../shared/api/index.ts';
import { createClient, type RpcClient } from '../../../shared/rpc/client.ts';
import { electronBridge } from './bridge.ts';
import { alwaysOpen, type ConnectionSource } from './connection.ts';
import { sameOriginTransport } from './ws-transport.ts';

export type ApiClient = RpcClient<AppContract>;

export interface Api {
  client: ApiClient;
  connection: ConnectionSource;
  transport: 'ipc' | 'websocket';
}

/** One bundle, two transports: Electron's `window.bridge` when present, the node host's WebSocket otherwise. */
export function createApi(): Api {
  const bridge = electronBridge();
  if (bridge) return { client: createClient<AppContract>(bridge), connection: alwaysOpen, transport: 'ipc' };
  const ws = sameOriginTransport();
  return { client: createClient<AppContract>(ws), connection: ws, transport: 'websocket' };
}
