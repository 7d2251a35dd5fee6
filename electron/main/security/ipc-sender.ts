/**
 * Who may call the IPC server. Checked on every call (Electron security checklist #17
 * "Validate the sender of all IPC messages"; ANCHORS.md §2, VS Code's `validatedIpcMain`:
 * main frame only, sender frame on our authority).
 *
 * Pure module: the shapes below are the few fields of Electron's `IpcMainInvokeEvent`,
 * `WebFrameMain` and `WebContents` we read, so tests pass plain objects.
 */
import { isAppUrl } from './app-origin.ts';

export interface SenderFrameLike {
  readonly url: string;
  /** `null` for the top frame of a page. */
  readonly parent: unknown;
}

export interface IpcEventLike {
  /** `null` when the frame navigated away or was destroyed before the call arrived. */
  readonly senderFrame: SenderFrameLike | null | undefined;
  readonly sender: unknown;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: 'no-frame' | 'not-top-frame' | 'foreign-origin' | 'foreign-webcontents' };

/**
 * Accepts a call only from the top frame of our own window, showing a page of our app://
 * origin. `expectedSender` is the window's `webContents` (compared by identity or id); when
 * the window is gone (`undefined`) every call is refused.
 */
export function checkIpcSender(event: IpcEventLike, expectedSender: unknown): SenderVerdict {
  const frame = event.senderFrame;
  if (!frame) return { ok: false, reason: 'no-frame' };
  if (frame.parent !== null) return { ok: false, reason: 'not-top-frame' };
  if (!isAppUrl(frame.url)) return { ok: false, reason: 'foreign-origin' };
  if (expectedSender === undefined || expectedSender === null || !sameWebContents(event.sender, expectedSender)) {
    return { ok: false, reason: 'foreign-webcontents' };
  }
  return { ok: true };
}

/** Same object, or the same `webContents.id` (ids are unique per process and cannot be forged by a renderer). */
function sameWebContents(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const idA = (a as { id?: unknown } | null)?.id;
  const idB = (b as { id?: unknown } | null)?.id;
  return typeof idA === 'number' && idA === idB;
}

/** Shape check of the single argument of the `rpc` channel: `{ method: string, params }`. */
export function parseCallMessage(message: unknown): { method: string; params: unknown } | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const { method, params } = message as { method?: unknown; params?: unknown };
  if (typeof method !== 'string' || method.length === 0 || method.length > 200) return undefined;
  return { method, params };
}
