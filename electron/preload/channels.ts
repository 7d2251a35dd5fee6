/**
 * The two fixed IPC channel names between the preload and the main process. They live here,
 * in a file with no imports, so the preload bundle stays self-contained (sandboxed preloads
 * cannot require local files) and the main process imports the very same strings.
 * Fixed names, not caller-chosen ones: ANCHORS.md §2 "Narrow preload surface" (Element's
 * CHANNELS allowlist, VS Code's validateIPC).
 */
/** renderer -> main: `ipcRenderer.invoke(RPC_CALL_CHANNEL, { method, params })`. */
export const RPC_CALL_CHANNEL = 'rpc';
/** main -> renderer: `webContents.send(RPC_EVENT_CHANNEL, { event, payload })`. */
export const RPC_EVENT_CHANNEL = 'rpc-event';
