/**
 * The preload: exposes exactly `window.bridge = { call, subscribe }` and nothing else.
 *
 * - Runs sandboxed with contextIsolation (Electron security checklist #3, #4), so it must be a
 *   single CommonJS bundle (TOOLCHAIN.md §6) and may use only `contextBridge` and `ipcRenderer`.
 * - Never exposes `ipcRenderer` itself or a generic "send on any channel" function
 *   (ANCHORS.md §2 "Narrow preload surface"; electron-trpc exposes one function the same way).
 * - The channel names are fixed constants; the main process checks the sender of every call.
 * - Imports from `shared/` are types only (ARCHITECTURE.md §3).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Bridge, BridgeCallMessage, BridgeEventMessage } from '../../shared/rpc/bridge.ts';
import type { RpcResult } from '../../shared/rpc/result.ts';
import { RPC_CALL_CHANNEL, RPC_EVENT_CHANNEL } from './channels.ts';

type Listener = (payload: unknown) => void;

/** One IPC listener for all events, fanned out here, so subscribing never adds IPC listeners. */
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(RPC_EVENT_CHANNEL, (_event: IpcRendererEvent, message: BridgeEventMessage) => {
  if (!message || typeof message.event !== 'string') return;
  const set = listeners.get(message.event);
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(message.payload);
    } catch (error) {
      // A failing UI listener must not stop the others.
      console.error('bridge listener failed', error);
    }
  }
});

const bridge: Bridge = {
  call(method: string, params: unknown): Promise<RpcResult> {
    if (typeof method !== 'string') {
      return Promise.resolve({ ok: false, error: { code: 'INVALID_INPUT', message: 'method must be a string', data: { issues: [] } } });
    }
    const message: BridgeCallMessage = { method, params: params ?? {} };
    // The main handler always resolves with an RpcResult; a rejection here means IPC itself
    // failed (window closing, handler missing), which becomes INTERNAL with no detail.
    return ipcRenderer.invoke(RPC_CALL_CHANNEL, message).then(
      (result: RpcResult) => result,
      () => ({ ok: false, error: { code: 'INTERNAL', message: 'IPC call failed' } }),
    );
  },
  subscribe(event: string, listener: Listener): () => void {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('bridge.subscribe(event: string, listener: function)');
    }
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && listeners.get(event) === set) listeners.delete(event);
    };
  },
};

contextBridge.exposeInMainWorld('bridge', bridge);
