/**
 * The PSS header (CDA R2 + HL7 Italia PSS IG; schematron_PSS_v4.0 ERRORE-1…58): the common
 * header of ../header.ts with the PSS document template and code, the author's role code
 * (assignedAuthorCode_PSSIT, MMG or PLS) and documentationOf/serviceEvent (ERRORE-34/49).
 */
import type { PssInput } from '../../../domain/clinical-record.ts';
import { el, type XmlElement } from '../../xml/writer.ts';
import { OID, cd, tsDateTime } from '../datatypes.ts';
import { documentHeader } from '../header.ts';
import { PSS_DOCUMENT_TEMPLATE } from './templates.ts';

export { documentIdRoot } from '../header.ts';

export function headerElements(input: PssInput): XmlElement[] {
  const a = input.author;
  return documentHeader(input, {
    template: PSS_DOCUMENT_TEMPLATE,
    code: { code: '60591-5', codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName: 'Profilo Sanitario Sintetico' },
    title: 'Profilo Sanitario Sintetico',
    authorCode: cd('code', {
      code: a.role,
      codeSystem: OID.PSS_AUTHOR_ROLE,
      codeSystemName: 'assignedAuthorCode_PSSIT',
      displayName: a.role === 'MMG' ? 'Medico di Medicina Generale' : 'Pediatra di Libera Scelta',
    }),
    afterLegalAuthenticator: [
      el(
        'documentationOf',
        null,
        el(
          'serviceEvent',
          null,
          cd('code', { code: 'PROG', codeSystem: OID.ACT_CODE_IT, codeSystemName: 'ActCode', displayName: 'Accesso Programmato' }),
          el('effectiveTime', { value: tsDateTime(input.effectiveTime) }),
        ),
      ),
    ],
  });
}
