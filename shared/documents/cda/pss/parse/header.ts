/**
 * The few header facts an import must check before reading the body (IG PSS v1.x, §2 header):
 * is it a PSS (ClinicalDocument/code LOINC 60591-5), whose is it (recordTarget/patientRole/id),
 * when and by whom it was written (effectiveTime, author/assignedAuthor/assignedPerson/name).
 */
import { OID } from '../../datatypes.ts';
import { type El, attr, isoDate, kid, kids } from './dom.ts';

export const PSS_LOINC = '60591-5';

export interface PssHeader {
  isPss: boolean;
  /** recordTarget/patientRole/id: codice fiscale (root 2.16.840.1.113883.2.9.4.3.2) or other. */
  patientIds: Array<{ root: string; extension: string }>;
  effectiveDate?: string;
  authorName?: string;
}

export function readPssHeader(root: El): PssHeader {
  const code = kid(root, 'code');
  const isPss = attr(code, 'code') === PSS_LOINC && attr(code, 'codeSystem') === OID.LOINC;
  const patientIds = kids(kid(root, 'recordTarget', 'patientRole'), 'id').flatMap((id) => {
    const r = attr(id, 'root');
    const ext = attr(id, 'extension');
    return r && ext ? [{ root: r, extension: ext.trim() }] : [];
  });
  const name = kid(root, 'author', 'assignedAuthor', 'assignedPerson', 'name');
  const authorName = name ? [...kids(name, 'given'), ...kids(name, 'family')].map((n) => (n.textContent ?? '').trim()).filter(Boolean).join(' ') : undefined;
  return {
    isPss,
    patientIds,
    ...(isoDate(attr(kid(root, 'effectiveTime'), 'value')) ? { effectiveDate: isoDate(attr(kid(root, 'effectiveTime'), 'value')) } : {}),
    ...(authorName ? { authorName } : {}),
  };
}
