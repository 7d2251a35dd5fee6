/**
 * The vaccination documents' header: the common header of ../header.ts with the document
 * template (ERRORE-3/4), code and title (ERRORE-4/5, W001) and the child's parent or tutor as
 * patient/guardian (allowed by both schematrons; PAEDIATRICS.md §1). The IG has no author role
 * code and no documentationOf.
 */
import { GUARDIAN_RELATION_LABEL, type VaccDocInput } from '../../../domain/vaccination-document.ts';
import { el, type XmlElement } from '../../xml/writer.ts';
import { OID, cd, ii } from '../datatypes.ts';
import { documentHeader, telecoms } from '../header.ts';
import { VACC_TEMPLATE_EXTENSION, type VaccDocType } from './templates.ts';

function guardian(input: VaccDocInput): XmlElement | null {
  const g = input.guardian;
  if (!g) return null;
  return el(
    'guardian',
    null,
    g.codiceFiscale ? ii(OID.CODICE_FISCALE, g.codiceFiscale, 'MEF') : null,
    cd('code', { code: g.relation, codeSystem: OID.ROLE_CODE, codeSystemName: 'RoleCode', displayName: GUARDIAN_RELATION_LABEL[g.relation] }),
    telecoms(g.phone, undefined, 'HP'),
    // The registry keeps the name as written: a PN with text content (no delimiter, ERRORE-39).
    el('guardianPerson', null, el('name', null, g.name)),
  );
}

export function vaccHeader(input: VaccDocInput, type: VaccDocType): XmlElement[] {
  return documentHeader(input, {
    template: { root: type.template, extension: VACC_TEMPLATE_EXTENSION },
    code: { code: type.code, codeSystem: OID.LOINC, codeSystemName: 'LOINC', displayName: type.display },
    title: type.title,
    authorCode: null,
    guardian: guardian(input),
  });
}
