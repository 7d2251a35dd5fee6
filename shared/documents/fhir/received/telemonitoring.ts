/**
 * Telemonitoring measurements (HL7 Italia telemonitoraggio IG 0.1.0, DASHBOARD.md §5): a
 * single Observation, a Bundle of Observations (collection, transaction, searchset) or a
 * measurement report (Composition 64296-7) with its Observations and Device (the IG requires a
 * UDI). Every reading becomes a point of its series with source `device`.
 */
import type { ReceivedContent, ReceivedHeader } from '../../../import/content.ts';
import { emptyContent } from '../../../import/content.ts';
import { patientOf } from './header.ts';
import { effectiveOf, readFhirObservation } from './observation.ts';
import { BundleIndex, type Json, type Reference, identifierText, oidOf, str } from './resources.ts';

function subjectPatient(o: Json): ReceivedHeader['patient'] {
  const id = (o['subject'] as Reference | undefined)?.identifier;
  const root = oidOf(id?.system) ?? str(id?.system);
  const ext = str(id?.value);
  return root && ext ? { ids: [{ root, extension: ext }] } : undefined;
}

export function parseTelemonitoring(observations: Json[], index: BundleIndex | undefined, meta: { title?: string; id?: string; patient?: Json | undefined }): ReceivedContent {
  const first = observations[0];
  const patient = patientOf(meta.patient) ?? (first ? subjectPatient(first) : undefined);
  const dates = observations.map(effectiveOf).filter((d): d is string => !!d).sort();
  const header: ReceivedHeader = {
    kind: 'DEVICE',
    title: (meta.title ?? 'Misurazioni da telemonitoraggio').slice(0, 300),
    ...(meta.id ? { cdaId: meta.id.slice(0, 300) } : {}),
    ...(dates.length ? { documentDate: dates[dates.length - 1]! } : {}),
    ...(patient ? { patient } : {}),
  };
  const content = emptyContent(header);
  let n = 0;
  const ctx = { nextId: () => `o${++n}`, source: 'device' as const, fallbackTime: undefined, index, warnings: content.warnings };
  for (const o of observations) content.observations.push(...readFhirObservation(o, ctx));
  content.text = `${content.observations.length} misurazioni${dates.length ? ` dal ${dates[0]!.slice(0, 10)} al ${dates[dates.length - 1]!.slice(0, 10)}` : ''}`;
  return content;
}

export function observationIdentity(o: Json): string | undefined {
  const ids = o['identifier'] as Array<{ system?: string; value?: string }> | undefined;
  return identifierText(ids?.[0]);
}
