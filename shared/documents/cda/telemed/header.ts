/**
 * The telemedicine header: the common CDA header (../header.ts) plus what the three
 * telemedicine schematrons add: the patient's birthplace (ERRORE-22: place/addr, with country
 * for CTC/teleassistenza), the specialists as participants (CTC ERRORE-45/49/50a: id and
 * scopingOrganization), the order fulfilled (inFulfillmentOf, ERRORE-40/46), the service event
 * (PROG in ActCode IT, ERRORE-51/52) and the encounter with its facility and the ASL it belongs
 * to (componentOf, ERRORE-34…39 / 36…45). Element order follows POCD_MT000040UV02.
 */
import { el, type XmlElement } from '../../xml/writer.ts';
import { OID, cd, ii, tsDateTime } from '../datatypes.ts';
import { documentHeader, documentIdRoot, personName } from '../header.ts';
import type { TelemedInput } from './input.ts';
import { TELEMED_TYPES } from './templates.ts';

/** ISO 3166 alpha-3 used in addr/country; the synthetic and registered patients are born in Italy or abroad. */
function birthplace(input: TelemedInput): XmlElement {
  const place = input.patient.birthPlace?.trim();
  return el('birthplace', null, el('place', null, el('addr', null, el('country', null, 'ITA'), place ? el('city', null, place) : null)));
}

function participants(input: TelemedInput): XmlElement[] {
  const time = tsDateTime(input.service.start);
  return input.specialists.map((s) =>
    el(
      'participant',
      { typeCode: 'CON' },
      el('time', { value: time }),
      el(
        'associatedEntity',
        { classCode: 'PROV' },
        ii(OID.CODICE_FISCALE, s.codiceFiscale, 'MEF'),
        el('associatedPerson', null, personName(s.givenName, s.surname)),
        el('scopingOrganization', null, el('name', null, s.organization)),
      ),
    ),
  );
}

function inFulfillmentOf(input: TelemedInput): XmlElement {
  return el('inFulfillmentOf', null, el('order', { classCode: 'ACT', moodCode: 'RQO' }, ii(input.order.root, input.order.id)));
}

function serviceTime(input: TelemedInput): XmlElement {
  const s = input.service;
  return el('effectiveTime', null, el('low', { value: tsDateTime(s.start) }), s.end ? el('high', { value: tsDateTime(s.end) }) : null);
}

function documentationOf(input: TelemedInput): XmlElement {
  return el(
    'documentationOf',
    null,
    el(
      'serviceEvent',
      null,
      cd('code', { code: 'PROG', codeSystem: OID.ACT_CODE_IT, codeSystemName: 'ActCode', displayName: 'Accesso Programmato' }),
      serviceTime(input),
    ),
  );
}

export function componentOf(input: TelemedInput): XmlElement {
  const f = input.facility;
  return el(
    'componentOf',
    null,
    el(
      'encompassingEncounter',
      null,
      ii(documentIdRoot(input), input.encounterId),
      serviceTime(input),
      el(
        'location',
        null,
        el(
          'healthCareFacility',
          null,
          el(
            'serviceProviderOrganization',
            { classCode: 'ORG' },
            ii(f.idRoot, f.id),
            el('name', null, f.name),
            el('asOrganizationPartOf', null, ii(OID.ASL, input.organization.aslCode)),
          ),
        ),
      ),
    ),
  );
}

export function telemedHeader(input: TelemedInput): XmlElement[] {
  const t = TELEMED_TYPES[input.kind];
  return [
    ...documentHeader(input, {
      template: { root: t.templateRoot, extension: t.templateExtension },
      code: { code: t.code, codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName: t.displayName },
      title: t.title,
      authorCode: null,
      // POCD_MT000040.Patient: birthplace follows birthTime (and guardian, which these documents do not carry).
      guardian: birthplace(input),
      afterLegalAuthenticator: [...participants(input), inFulfillmentOf(input), documentationOf(input)],
    }),
    componentOf(input),
  ];
}
