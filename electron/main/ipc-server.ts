/**
 * The IPC transport of the contract: one `rpc` handler for every method (no handler per
 * method, as VS Code's channels and electron-trpc), and service events pushed on
 * `rpc-event`. The node host carries the same `dispatcher.dispatch` over a WebSocket.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Dispatcher, EventHub, RpcResult } from '../../shared/rpc/index.ts';
import type { BridgeEventMessage } from '../../shared/rpc/bridge.ts';
import type { Logger } from '../services/ports.ts';
import { RPC_CALL_CHANNEL, RPC_EVENT_CHANNEL } from '../preload/channels.ts';
import { checkIpcSender, parseCallMessage } from './security/ipc-sender.ts';

export interface IpcServerOptions {
  dispatcher: Dispatcher;
  events: EventHub;
  /** The webContents of our window, or undefined once it is closed. */
  getTrustedWebContents(): WebContents | undefined;
  logger: Logger;
}

/** Installs the handler and the event forwarder; returns the function that removes both. */
export function startIpcServer(options: IpcServerOptions): () => void {
  const { dispatcher, events, logger } = options;

  ipcMain.handle(RPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, message: unknown): Promise<RpcResult> => {
    // Checklist #17: validate the sender of every message, every time.
    const verdict = checkIpcSender(event, options.getTrustedWebContents());
    if (!verdict.ok) {
      logger.warn('ipc call refused', { reason: verdict.reason });
      return { ok: false, error: { code: 'FORBIDDEN', message: 'IPC sender not allowed' } };
    }
    const call = parseCallMessage(message);
    if (!call) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'Malformed IPC call', data: { issues: [] } } };
    }
    // Never throw out of `handle`: Electron would pass only `message` to the renderer
    // (VS Code's note in ipcMain.ts). The dispatcher already turns every failure into an RpcResult.
    try {
      return await dispatcher.dispatch(call.method, call.params, { actor: 'local-user', transport: 'ipc' });
    } catch {
      logger.error('dispatcher threw', { method: call.method });
      return { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } };
    }
  });

  const stopEvents = events.listen((event, payload) => {
    const contents = options.getTrustedWebContents();
    if (!contents || contents.isDestroyed()) return;
    const message: BridgeEventMessage = { event, payload };
    contents.send(RPC_EVENT_CHANNEL, message);
  });

  return () => {
    ipcMain.removeHandler(RPC_CALL_CHANNEL);
    stopEvents();
  };
}
