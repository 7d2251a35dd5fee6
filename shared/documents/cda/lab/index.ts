/**
 * Referto di medicina di laboratorio (LAB, LOINC 11502-2; IG HL7 Italia, schematron LAB v27):
 * specialty section (e.g. 18729-4) → leaf section (LOINC, plus a regional catalogue code) →
 * entry DRIV → act with the specimen → observations, possibly in organizers (batteries,
 * clusters). Every coded observation with a value becomes one point of its series.
 *
 * Chart date (DASHBOARD.md §4; stated in the import preview): the observation's own
 * effectiveTime; else that of the organizer or act it sits in (the exam of its section); else the
 * document's effectiveTime.
 */
import type { Observation } from '../../../domain/record/observation.ts';
import type { RecordInstant } from '../../../domain/record/provenance.ts';
import { type ReceivedContent, type ReceivedHeader, emptyContent } from '../../../import/content.ts';
import { type El, attr, kid, kids } from '../pss/parse/dom.ts';
import { documentText, narrativeTargets, sectionsOf } from '../received/narrative.ts';
import { ownTime, readObservation, specimenOf } from '../received/observation.ts';
import { checkNarrative } from './narrative-check.ts';

/** Clinical statements directly under an entry, organizer component or entryRelationship. */
function statements(e: El): El[] {
  return [...kids(e, 'entryRelationship'), ...kids(e, 'component')].flatMap((r) => kids(r).filter((c) => ['observation', 'organizer', 'act'].includes(c.localName ?? '')));
}

export function parseLab(root: El, header: ReceivedHeader): ReceivedContent {
  const content = emptyContent(header);
  content.text = documentText(root);
  const targets = narrativeTargets(root);
  let n = 0;
  let panels = 0;
  for (const section of sectionsOf(root)) {
    const pairs: Array<{ element: El; observation: Observation }> = [];
    const visit = (e: El, time: RecordInstant | undefined, specimen: string | undefined, panelId: string | undefined) => {
      if (e.localName === 'observation') {
        const o = readObservation(e, { id: `o${n + 1}`, fallbackTime: time, fallbackSpecimen: specimen, panelId, warnings: content.warnings });
        if (o) {
          n++;
          pairs.push({ element: e, observation: o });
        }
        return;
      }
      // An annotation act (48767-8) carries text only; other acts and organizers pass on their
      // time and specimen to what they contain. A battery's observations share a panel id.
      if (e.localName === 'act' && attr(kid(e, 'code'), 'code') === '48767-8') return;
      const inner = ownTime(e) ?? time;
      const spec = specimenOf(e) ?? specimen;
      const panel = e.localName === 'organizer' && attr(e, 'classCode') === 'BATTERY' ? `b${++panels}` : panelId;
      for (const s of statements(e)) visit(s, inner, spec, panel);
    };
    for (const entry of kids(section, 'entry')) for (const s of kids(entry)) visit(s, header.documentDate, undefined, undefined);
    content.observations.push(...pairs.map((p) => p.observation));
    for (const f of checkNarrative(section, pairs, targets)) {
      content.flags.push(f);
      const o = content.observations.find((x) => x.id === f.observationId)!;
      o.flag = f.message;
    }
  }
  if (n === 0) content.warnings.push('Il referto non contiene risultati codificati: resta nel documento, senza valori nei grafici.');
  return content;
}
