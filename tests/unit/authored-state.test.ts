/** A document's state in the doctor's words: the PSS version's own until the outbox has it, then the outbox's (an Annulla's when the last entry is one). */
import { describe, expect, it } from 'vitest';
import { authoredState } from '../../electron/services/db/queries/chart-documents.ts';
import { OUTBOX_STATES } from '../../shared/outbox/state-machine.ts';

describe('authoredState', () => {
  it('before the outbox: bozza, validato, firmato, pubblicato from the PSS version', () => {
    expect([null, 'draft', 'confirmed', 'signed', 'published'].map((s) => authoredState(s, null))).toEqual(['bozza', 'bozza', 'validato', 'firmato', 'pubblicato']);
  });

  it('in the outbox: its state wins over the PSS version, every outbox state has its word', () => {
    const words = Object.fromEntries(OUTBOX_STATES.map((s) => [s, authoredState('signed', s)]));
    expect(words).toEqual({
      draft: 'firmato', queued: 'in-coda', sending: 'in-coda', waiting_retry: 'in-coda', reconciling: 'inviato', accepted: 'inviato',
      published: 'pubblicato', rejected: 'rifiutato', parked: 'rifiutato', cancelled: 'annullato',
    });
  });

  it('an Annulla (delete entry): annullato once done, on its way in coda / inviato; withdrawn, refused or parked the document is still published', () => {
    const words = Object.fromEntries(OUTBOX_STATES.map((s) => [s, authoredState('published', s, 'delete')]));
    expect(words).toEqual({
      draft: 'pubblicato', queued: 'in-coda', sending: 'in-coda', waiting_retry: 'in-coda', reconciling: 'inviato', accepted: 'inviato',
      published: 'annullato', rejected: 'pubblicato', parked: 'pubblicato', cancelled: 'pubblicato',
    });
  });
});
