/**
 * FHIR JSON a doctor receives: the ministry's document Bundles of the FSE types (LAB, LDO,
 * VPS, RSA, RAD, RAP, vaccinations, PSS: fse-gateway-examples) and telemonitoring
 * Observations. The Composition's type decides; without one, the Observations are readings.
 */
import type { ReceivedContent } from '../../../import/content.ts';
import { refuse } from '../../../import/refusal.ts';
import { parseFhirDocument } from './document.ts';
import { observationIdentity, parseTelemonitoring } from './telemonitoring.ts';
import { BundleIndex, type CodeableConcept, type Json, codingIn, identifierText, str } from './resources.ts';

const MEASUREMENT_REPORT = '64296-7';

export function parseFhirJson(text: string): ReceivedContent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw refuse('FHIR', e instanceof Error ? e.message : undefined);
  }
  if (!json || typeof json !== 'object') throw refuse('FHIR');
  const r = json as Json;
  if (r['resourceType'] === 'Observation') {
    return parseTelemonitoring([r], undefined, { ...(observationIdentity(r) ? { id: observationIdentity(r)! } : {}) });
  }
  if (r['resourceType'] !== 'Bundle') throw refuse('FHIR', `resourceType ${str(r['resourceType']) ?? '—'}`);
  const index = new BundleIndex(r);
  const composition = index.ofType('Composition')[0];
  const type = codingIn(composition?.['type'] as CodeableConcept | undefined, '2.16.840.1.113883.6.1')?.code;
  const observations = index.ofType('Observation');
  if (composition && type !== MEASUREMENT_REPORT) {
    const content = parseFhirDocument(r, composition, index);
    if (content.header.kind === 'PSS') content.warnings.push('Il PSS in FHIR entra come documento: le voci si importano dal suo CDA.');
    return content;
  }
  if (observations.length === 0) throw refuse('FHIR', 'nessuna Composition né Observation');
  const id = identifierText(composition?.['identifier'] as { system?: string; value?: string }) ?? identifierText(r['identifier'] as { system?: string; value?: string });
  return parseTelemonitoring(observations, index, {
    ...(str(composition?.['title']) ? { title: str(composition?.['title'])! } : {}),
    ...(id ? { id } : {}),
    patient: index.ofType('Patient')[0],
  });
}
