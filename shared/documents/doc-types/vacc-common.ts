/** What the two vaccination document types share on the seam (doc-types/types.ts). */
import type { VaccDocInput } from '../../domain/vaccination-document.ts';
import type { DocumentHeader } from './types.ts';

export function vaccHeaderFacts(input: VaccDocInput): DocumentHeader {
  const a = input.author;
  return {
    patient: input.patient,
    author: { codiceFiscale: a.codiceFiscale, name: [a.prefix, a.givenName, a.surname].filter(Boolean).join(' ') },
    version: input.version,
    effectiveTime: input.effectiveTime,
  };
}
