/**
 * Verbale di pronto soccorso (VPS, LOINC 59258-4; schematron VPS v3.8): the vital signs section
 * (8716-3, organizers 85353-1 of observations) becomes points of the record's series. Chart
 * date: the observation's effectiveTime, else its organizer's, else its performer's time, else
 * the document's.
 */
import { type ReceivedContent, type ReceivedHeader, emptyContent } from '../../../import/content.ts';
import { type El, attr, kid, kids } from '../pss/parse/dom.ts';
import { documentText, sectionCode, sectionsOf } from '../received/narrative.ts';
import { ownTime, readObservation } from '../received/observation.ts';
import { instantFromTs } from '../received/time.ts';

export function parseVps(root: El, header: ReceivedHeader): ReceivedContent {
  const content = emptyContent(header);
  content.text = documentText(root);
  let n = 0;
  for (const s of sectionsOf(root).filter((x) => sectionCode(x) === '8716-3')) {
    for (const entry of kids(s, 'entry')) {
      for (const top of kids(entry)) {
        const organizer = top.localName === 'organizer' ? top : undefined;
        const observations = organizer ? kids(organizer, 'component').flatMap((c) => kids(c, 'observation')) : top.localName === 'observation' ? [top] : [];
        for (const o of observations) {
          const performed = instantFromTs(attr(kid(o, 'performer', 'time'), 'value'));
          const obs = readObservation(o, { id: `o${n + 1}`, fallbackTime: ownTime(organizer) ?? performed ?? header.documentDate, warnings: content.warnings });
          if (obs) {
            n++;
            content.observations.push(obs);
          }
        }
      }
    }
  }
  return content;
}
