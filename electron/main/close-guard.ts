/**
 * Closing the window with unsent documents asks once (UX.md, "Nothing lost, nothing silent").
 *
 * `closePrompt` is the decision, pure: from the unsent count and the app's language, whether
 * to ask and with which words (Italian; English when the interface is in English).
 * `installCloseGuard` wires it to a window's 'close' event: the close is held, the outbox is
 * asked for its unsent count, and the native dialog is shown only when something is unsent;
 * "Chiudi comunque" closes (and resumes a quit in progress), "Annulla" keeps the window.
 * Errors asking the count never trap the doctor in the app: the window closes.
 *
 * The renderer's beforeunload guard (renderer/src/app/useUnsentGuard.ts) is off in Electron,
 * so the two never ask twice (a renderer beforeunload in Electron would cancel silently).
 */

export interface ClosePrompt {
  title: string;
  message: string;
  detail: string;
  /** [confirm, cancel]. */
  buttons: [string, string];
  defaultId: number;
  cancelId: number;
}

/** The language the prompt speaks: English when the interface is English, else Italian. */
export function promptLanguage(locale: string | undefined | null): 'it' | 'en' {
  return typeof locale === 'string' && /^en\b/i.test(locale.trim()) ? 'en' : 'it';
}

/** Null when nothing is unsent (close at once); otherwise the dialog's words. */
export function closePrompt(unsent: number, locale?: string | null): ClosePrompt | null {
  if (!Number.isFinite(unsent) || unsent < 1) return null;
  const n = Math.floor(unsent);
  if (promptLanguage(locale) === 'en') {
    return {
      title: 'Cartella',
      message: n === 1 ? '1 document has not been sent yet.' : `${n} documents have not been sent yet.`,
      detail:
        (n === 1 ? 'It stays safely in the outbox and will be sent' : 'They stay safely in the outbox and will be sent') +
        ' the next time Cartella starts. Close anyway?',
      buttons: ['Close anyway', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
    };
  }
  return {
    title: 'Cartella',
    message: n === 1 ? '1 documento non è ancora stato inviato.' : `${n} documenti non sono ancora stati inviati.`,
    detail:
      (n === 1 ? 'Resta al sicuro nella coda di invio e partirà' : 'Restano al sicuro nella coda di invio e partiranno') +
      ' al prossimo avvio di Cartella. Chiudere comunque?',
    buttons: ['Chiudi comunque', 'Annulla'],
    defaultId: 1,
    cancelId: 1,
  };
}

/** The part of BrowserWindow the guard uses (a fake in the unit test). */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  isDestroyed(): boolean;
}

export interface CloseGuardDeps {
  /** The outbox's unsent documents (UNSENT_STATES in its summary). */
  unsentCount(): Promise<number>;
  /** The interface's language (undefined when unknown: Italian). */
  locale(): Promise<string | undefined>;
  /** Shows the prompt; resolves with the index of the button chosen. */
  ask(prompt: ClosePrompt): Promise<number>;
  /** After "Chiudi comunque" (or when nothing is unsent): close for good. */
  proceed(): void;
  onError?(error: unknown): void;
}

export function installCloseGuard(window: GuardedWindow, deps: CloseGuardDeps): { allowClose(): void } {
  let allowed = false;
  let asking = false;
  const allowAndProceed = () => {
    allowed = true;
    if (!window.isDestroyed()) deps.proceed();
  };
  window.on('close', (event) => {
    if (allowed) return;
    event.preventDefault();
    if (asking) return;
    asking = true;
    void (async () => {
      try {
        const unsent = await deps.unsentCount();
        const prompt = closePrompt(unsent, await deps.locale().catch(() => undefined));
        if (!prompt) return allowAndProceed();
        const choice = await deps.ask(prompt);
        if (choice === 0) allowAndProceed();
      } catch (e) {
        deps.onError?.(e);
        allowAndProceed();
      } finally {
        asking = false;
      }
    })();
  });
  return {
    allowClose: () => {
      allowed = true;
    },
  };
}
