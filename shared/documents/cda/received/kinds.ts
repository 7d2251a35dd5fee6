/**
 * The FSE document types a doctor receives, by ClinicalDocument/code (LOINC): the same table
 * the gateway's metadata use (FSE-GATEWAY.md, tipologiaDocumento; DASHBOARD.md §4).
 */
import type { ReceivedKind } from '../../../domain/record/received-document.ts';

export const KIND_BY_LOINC: Readonly<Record<string, ReceivedKind>> = {
  '11502-2': 'LAB',
  '34105-7': 'LDO',
  '59258-4': 'VPS',
  '11488-4': 'RSA',
  '68604-8': 'RAD',
  '11526-1': 'RAP',
  '60591-5': 'PSS',
  '87273-9': 'SING_VACC',
  '82593-5': 'CERT_VACC',
  '60593-1': 'ERF',
};

export function kindOfLoinc(code: string | undefined): ReceivedKind {
  return (code && KIND_BY_LOINC[code]) || 'OTHER';
}
