import type { AuthorDoctor } from './document-header.ts';

/**
 * A doctor's name as printed ("Dott.ssa Giulia Bianchi"), in a module of its own without the
 * zod schemas of doctors.ts: the renderer's header shows it on the first page, which must not
 * load zod to do so (bench "node host start", first chunk).
 */
export function doctorName(a: Pick<AuthorDoctor, 'prefix' | 'givenName' | 'surname'>): string {
  return [a.prefix, a.givenName, a.surname].filter(Boolean).join(' ');
}
