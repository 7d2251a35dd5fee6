/**
 * The "Certificato vaccinale" as a document type (PAEDIATRICS.md §1): a thin adapter over
 * shared/documents/cda/vacc; the whole vaccination history, printable for school. Built by a
 * factory for the same reason as the scheda singola (sing-vacc.ts): the synthetic panel needs
 * the calendar the caller loads.
 */
import { VaccDocInput } from '../../domain/vaccination-document.ts';
import { buildCertVaccCda, buildCertVaccCdaTree, CERT_VACC, vaccPdfContent, vaccPublicationMetadata } from '../cda/vacc/index.ts';
import { VACC_TEMPLATE_EXTENSION } from '../cda/vacc/templates.ts';
import { syntheticVaccPanel, type VaccinationCalendarSource } from '../../synthetic/vaccination-document.ts';
import type { DocumentType, SyntheticDocument, SyntheticOptions } from './types.ts';
import { vaccHeaderFacts } from './vacc-common.ts';

export function certVaccDocumentType(source: () => VaccinationCalendarSource): DocumentType<VaccDocInput> {
  return {
    id: 'cert-vacc',
    kind: 'CERT_VACC',
    title: { it: 'Certificato vaccinale', en: 'Immunization summary report' },
    loinc: { code: CERT_VACC.code, display: CERT_VACC.display },
    templateId: { root: CERT_VACC.template, extension: VACC_TEMPLATE_EXTENSION },
    input: VaccDocInput,
    build: buildCertVaccCda,
    header: vaccHeaderFacts,
    metadata: (input) => vaccPublicationMetadata(input, 'cert-vacc'),
    pdfContent: (input) => vaccPdfContent(input, 'cert-vacc', buildCertVaccCdaTree(VaccDocInput.parse(input))),
    /** Per child with at least one entry (a newborn before week 6 has none: no certificate). */
    *synthetic(o: SyntheticOptions): Iterable<SyntheticDocument<VaccDocInput>> {
      let n = 0;
      for (const { input, profile } of syntheticVaccPanel(o, source())) {
        n++;
        if (input.administrations.length + input.decisions.length === 0) continue;
        yield {
          input,
          fileStem: `CERT_VACC-${String(n).padStart(4, '0')}-${input.patient.identifier}`,
          line: { patient: input.patient.identifier, profile, entries: input.administrations.length + input.decisions.length },
        };
      }
    },
  };
}
