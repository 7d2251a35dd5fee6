/**
 * The bytes of the synthetic received documents: a small LAB report (HL7 CDA R2, referto di
 * laboratorio 11502-2, DASHBOARD.md §4: specialty section → entry → observation with its own
 * effectiveTime, PQ value, interpretation and reference range) carrying exactly the
 * observations linked to it, and the narrative documents (discharge letter, specialist report)
 * a timeline shows with their metadata. Synthetic: well-formed, not meant to pass the gateway.
 */
import { el, serializeXml, type XmlElement } from '../../documents/xml/writer.ts';
import type { Observation } from '../../domain/record/index.ts';
import type { PatientInput } from '../../domain/patient.ts';

const CDA_NS = { xmlns: 'urn:hl7-org:v3', 'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance' };
const LOINC = '2.16.840.1.113883.6.1';
const DOC_ROOT = '2.16.840.1.113883.2.9.2.120.4.4';

/** yyyymmddhhmmss+zzzz from a date or an ISO date-time with offset. */
function ts(instant: string): string {
  if (instant.length <= 10) return instant.replace(/-/g, '');
  return `${instant.slice(0, 19).replace(/[-:T]/g, '')}${instant.slice(19).replace(':', '') || '+0000'}`;
}

function header(o: { id: string; typeCode: string; title: string; effective: string; patient: PatientInput; author: string; organization: string }): XmlElement[] {
  return [
    el('realmCode', { code: 'IT' }),
    el('typeId', { root: '2.16.840.1.113883.1.3', extension: 'POCD_HD000040' }),
    el('id', { root: DOC_ROOT, extension: o.id }),
    el('code', { code: o.typeCode, codeSystem: LOINC, codeSystemName: 'LOINC', displayName: o.title }),
    el('title', null, o.title),
    el('effectiveTime', { value: ts(o.effective) }),
    el('confidentialityCode', { code: 'N', codeSystem: '2.16.840.1.113883.5.25' }),
    el('languageCode', { code: 'it-IT' }),
    el('setId', { root: DOC_ROOT, extension: o.id }),
    el('versionNumber', { value: 1 }),
    el('recordTarget', null, el('patientRole', null,
      el('id', { root: '2.16.840.1.113883.2.9.4.3.2', extension: o.patient.identifier }),
      el('patient', null, el('name', null, el('family', null, o.patient.surname), el('given', null, o.patient.givenName)),
        el('administrativeGenderCode', { code: o.patient.sex, codeSystem: '2.16.840.1.113883.5.1' }), el('birthTime', { value: ts(o.patient.birthDate) })))),
    el('author', null, el('time', { value: ts(o.effective) }), el('assignedAuthor', null, el('id', { root: '2.16.840.1.113883.2.9.4.3.2', nullFlavor: 'NI' }),
      el('assignedPerson', null, el('name', null, o.author)))),
    el('custodian', null, el('assignedCustodian', null, el('representedCustodianOrganization', null, el('id', { root: '2.16.840.1.113883.2.9.4.1.2', extension: '120901' }), el('name', null, o.organization)))),
  ];
}

/** A LAB report carrying `observations` (each with its own effective time, value, range, interpretation). */
export function labReportCda(o: { id: string; effective: string; patient: PatientInput; laboratory: string; observations: readonly Observation[] }): string {
  const rows = o.observations.map((x, i) => {
    const v = x.value.type === 'quantity' ? `${String(x.value.value).replace('.', ',')} ${x.value.unit}` : '';
    const range = x.referenceRange ? `${x.referenceRange.low ?? ''} – ${x.referenceRange.high ?? ''}` : '';
    return el('tr', { ID: `r${i + 1}` }, el('td', null, x.display), el('td', null, v), el('td', null, range), el('td', null, x.interpretation ?? ''));
  });
  const entries = o.observations.map((x) =>
    el('entry', { typeCode: 'DRIV' }, el('act', { classCode: 'ACT', moodCode: 'EVN' },
      el('code', { code: '11502-2', codeSystem: LOINC }), el('statusCode', { code: 'completed' }),
      el('entryRelationship', { typeCode: 'COMP' }, el('observation', { classCode: 'OBS', moodCode: 'EVN' },
        el('id', { root: DOC_ROOT, extension: x.id }),
        el('code', { code: x.code, codeSystem: LOINC, codeSystemName: 'LOINC', displayName: x.display }),
        el('statusCode', { code: 'completed' }),
        el('effectiveTime', { value: ts(x.effective) }),
        x.value.type === 'quantity' ? el('value', { 'xsi:type': 'PQ', value: x.value.value, unit: x.value.unit }) : null,
        x.interpretation ? el('interpretationCode', { code: x.interpretation, codeSystem: '2.16.840.1.113883.5.83' }) : null,
        x.referenceRange && x.value.type === 'quantity'
          ? el('referenceRange', null, el('observationRange', null, el('value', { 'xsi:type': 'IVL_PQ' },
              x.referenceRange.low !== undefined ? el('low', { value: x.referenceRange.low, unit: x.value.unit }) : null,
              x.referenceRange.high !== undefined ? el('high', { value: x.referenceRange.high, unit: x.value.unit }) : null)))
          : null)))));
  return serializeXml(el('ClinicalDocument', CDA_NS,
    ...header({ id: o.id, typeCode: '11502-2', title: 'Referto di laboratorio', effective: o.effective, patient: o.patient, author: 'Laboratorio analisi', organization: o.laboratory }),
    el('component', null, el('structuredBody', null, el('component', null, el('section', null,
      el('code', { code: '18719-5', codeSystem: LOINC, displayName: 'Chimica' }),
      el('title', null, 'Esami di laboratorio'),
      el('text', null, el('table', null, el('thead', null, el('tr', null, el('th', null, 'Esame'), el('th', null, 'Risultato'), el('th', null, 'Intervallo di riferimento'), el('th', null, 'Interpretazione'))), el('tbody', null, rows))),
      entries))))));
}

/** A narrative document (discharge letter 34105-7, specialist report 11488-4): metadata and text only. */
export function narrativeCda(o: { id: string; typeCode: string; title: string; effective: string; patient: PatientInput; author: string; organization: string; text: string }): string {
  return serializeXml(el('ClinicalDocument', CDA_NS,
    ...header(o),
    el('component', null, el('structuredBody', null, el('component', null, el('section', null, el('title', null, o.title), el('text', null, el('paragraph', null, o.text))))))));
}

/**
 * A home-telemonitoring upload (FHIR R4 Bundle of Observations, the HL7 Italia telemonitoring
 * shapes of DASHBOARD.md §5: BP components 8480-6/8462-4, weight 29463-7, glucose), as JSON.
 */
export function deviceReportJson(o: { id: string; device: string; observations: readonly Observation[] }): string {
  return JSON.stringify({
    resourceType: 'Bundle',
    id: o.id,
    type: 'collection',
    entry: o.observations.map((x) => ({
      resource: {
        resourceType: 'Observation',
        id: x.id,
        status: 'final',
        code: { coding: [{ system: 'http://loinc.org', code: x.code, display: x.display }] },
        effectiveDateTime: x.effective,
        device: { display: o.device },
        ...(x.value.type === 'quantity' ? { valueQuantity: { value: x.value.value, unit: x.value.unit, system: 'http://unitsofmeasure.org', code: x.value.unit } } : {}),
      },
    })),
  });
}
