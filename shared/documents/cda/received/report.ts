/**
 * Reports that are mostly narrative (RSA referto specialistico ambulatoriale 11488-4, RAD
 * radiologia 68604-8, RAP anatomia patologica 11526-1, vaccinations, anything else): the
 * document with its metadata and text, for the timeline (DASHBOARD.md §4). No coded data is
 * taken from them yet, and the preview says so.
 */
import { type ReceivedContent, type ReceivedHeader, emptyContent } from '../../../import/content.ts';
import type { El } from '../pss/parse/dom.ts';
import { documentText } from './narrative.ts';

export function parseNarrativeReport(root: El, header: ReceivedHeader): ReceivedContent {
  const content = emptyContent(header);
  content.text = documentText(root);
  return content;
}
