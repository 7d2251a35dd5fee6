/**
 * Closing with unsent documents (UX.md "closing the window with unsent documents asks
 * once"): the unsent count from the outbox summary, the prompt's decision and words (Italian,
 * English when the interface is English), and the window 'close' wiring with a fake window —
 * the Electron dialog itself needs the Electron binary, absent here.
 */
import { describe, expect, it } from 'vitest';
import { closePrompt, installCloseGuard, promptLanguage, type ClosePrompt } from '../../../electron/main/close-guard.ts';
import { OUTBOX_STATES, type OutboxState } from '../../../shared/outbox/state-machine.ts';
import { UNSENT_STATES, unsentCount } from '../../../shared/outbox/unsent.ts';

describe('unsentCount', () => {
  it('counts what the scheduler still has to send, not what waits for the doctor or is final', () => {
    const byState: Partial<Record<OutboxState, number>> = { queued: 2, sending: 1, waiting_retry: 3, reconciling: 1, accepted: 4, published: 9, parked: 5, rejected: 6, draft: 7, cancelled: 8 };
    expect(unsentCount(byState)).toBe(7);
    expect(unsentCount({ published: 3, parked: 1, draft: 2, accepted: 1 })).toBe(0);
    expect(unsentCount({})).toBe(0);
    expect(unsentCount(undefined)).toBe(0);
  });

  it('each state is counted alone exactly when it is an unsent state', () => {
    for (const s of OUTBOX_STATES) expect(unsentCount({ [s]: 1 }), s).toBe(UNSENT_STATES.includes(s) ? 1 : 0);
  });

  it('ignores nonsense counts', () => {
    expect(unsentCount({ queued: -1, sending: Number.NaN, waiting_retry: 2 })).toBe(2);
  });
});

describe('closePrompt', () => {
  it('nothing unsent: close at once', () => {
    expect(closePrompt(0)).toBeNull();
    expect(closePrompt(0, 'en')).toBeNull();
    expect(closePrompt(-3)).toBeNull();
    expect(closePrompt(Number.NaN)).toBeNull();
  });

  it('Italian by default, with the count, the promise and the two buttons', () => {
    const p = closePrompt(3)!;
    expect(p.message).toBe('3 documenti non sono ancora stati inviati.');
    expect(p.detail).toContain('Restano al sicuro nella coda di invio');
    expect(p.detail).toContain('al prossimo avvio');
    expect(p.buttons).toEqual(['Chiudi comunque', 'Annulla']);
    // Enter / Esc keep the window: closing needs an explicit choice.
    expect(p.buttons[p.defaultId]).toBe('Annulla');
    expect(p.buttons[p.cancelId]).toBe('Annulla');
  });

  it('singular', () => {
    expect(closePrompt(1)!.message).toBe('1 documento non è ancora stato inviato.');
    expect(closePrompt(1)!.detail).toMatch(/^Resta al sicuro .* partirà /);
    expect(closePrompt(1, 'en')!.message).toBe('1 document has not been sent yet.');
  });

  it('English when the interface is English; Italian for Italian, unknown or other languages', () => {
    const en = closePrompt(2, 'en')!;
    expect(en.message).toBe('2 documents have not been sent yet.');
    expect(en.detail).toContain('stay safely in the outbox');
    expect(en.buttons).toEqual(['Close anyway', 'Cancel']);
    expect(promptLanguage('en-GB')).toBe('en');
    expect(promptLanguage('EN')).toBe('en');
    for (const l of ['it', 'it-IT', 'de', '', undefined, null, 'eno']) expect(promptLanguage(l), String(l)).toBe('it');
  });
});

class FakeWindow {
  private listener: ((e: { preventDefault(): void }) => void) | undefined;
  closes = 0;
  destroyed = false;
  on(_event: 'close', l: (e: { preventDefault(): void }) => void) {
    this.listener = l;
  }
  /** What Electron does on close(): emit 'close'; closed unless prevented. */
  close() {
    let prevented = false;
    this.listener?.({ preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.closes++;
      this.destroyed = true;
    }
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const settle = () => new Promise((r) => setTimeout(r, 0));

function guarded(opts: { unsent: number | (() => Promise<number>); locale?: string; choice?: number }) {
  const win = new FakeWindow();
  const asked: ClosePrompt[] = [];
  const errors: unknown[] = [];
  installCloseGuard(win, {
    unsentCount: typeof opts.unsent === 'number' ? async () => opts.unsent as number : opts.unsent,
    locale: async () => opts.locale,
    ask: async (p) => {
      asked.push(p);
      return opts.choice ?? 1;
    },
    proceed: () => win.close(),
    onError: (e) => errors.push(e),
  });
  return { win, asked, errors };
}

describe('installCloseGuard', () => {
  it('nothing unsent: the window closes without a dialog', async () => {
    const { win, asked } = guarded({ unsent: 0 });
    win.close();
    expect(win.closes).toBe(0); // held while the outbox is asked
    await settle();
    expect(asked).toEqual([]);
    expect(win.closes).toBe(1);
  });

  it('unsent and "Annulla": the window stays; asking again asks again', async () => {
    const { win, asked } = guarded({ unsent: 2, choice: 1 });
    win.close();
    await settle();
    expect(win.closes).toBe(0);
    expect(asked.map((p) => p.message)).toEqual(['2 documenti non sono ancora stati inviati.']);
    win.close();
    await settle();
    expect(asked).toHaveLength(2);
    expect(win.closes).toBe(0);
  });

  it('unsent and "Chiudi comunque": the window closes, once', async () => {
    const { win, asked } = guarded({ unsent: 1, choice: 0, locale: 'en' });
    win.close();
    await settle();
    expect(asked[0]!.buttons[0]).toBe('Close anyway');
    expect(win.closes).toBe(1);
  });

  it('a second close while asking does not open a second dialog', async () => {
    let release!: (n: number) => void;
    const { win, asked } = guarded({ unsent: () => new Promise<number>((r) => (release = r)), choice: 1 });
    win.close();
    win.close();
    release(4);
    await settle();
    expect(asked).toHaveLength(1);
  });

  it('the outbox cannot be asked: the doctor is not trapped, the window closes', async () => {
    const { win, asked, errors } = guarded({ unsent: () => Promise.reject(new Error('db closed')) });
    win.close();
    await settle();
    expect(asked).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(win.closes).toBe(1);
  });
});
