/**
 * The "Scheda singola vaccinazione" as a document type (PAEDIATRICS.md §1): a thin adapter over
 * shared/documents/cda/vacc. Its input is the child's record plus the administration or decision
 * the scheda is about (SingVaccInput.entryId; the service side's fromRecord takes it from
 * ctx.subject). Built by a factory because its synthetic panel follows the national calendar,
 * which the caller loads from resources/vaccination (shared code reads no files).
 */
import { SingVaccInput } from '../../domain/vaccination-document.ts';
import { buildSingVaccCdaFromInput, buildSingVaccCdaTree, SING_VACC, vaccPdfContent, vaccPublicationMetadata } from '../cda/vacc/index.ts';
import { VACC_TEMPLATE_EXTENSION } from '../cda/vacc/templates.ts';
import { singVaccVersion, syntheticVaccPanel, type VaccinationCalendarSource } from '../../synthetic/vaccination-document.ts';
import type { DocumentType, SyntheticDocument, SyntheticOptions } from './types.ts';
import { vaccHeaderFacts } from './vacc-common.ts';

export function singVaccDocumentType(source: () => VaccinationCalendarSource): DocumentType<SingVaccInput> {
  return {
    id: 'sing-vacc',
    kind: 'SING_VACC',
    title: { it: 'Scheda singola vaccinazione', en: 'Immunization note' },
    loinc: { code: SING_VACC.code, display: SING_VACC.display },
    templateId: { root: SING_VACC.template, extension: VACC_TEMPLATE_EXTENSION },
    input: SingVaccInput,
    build: buildSingVaccCdaFromInput,
    header: vaccHeaderFacts,
    metadata: (input) => vaccPublicationMetadata(input, 'sing-vacc'),
    pdfContent: (input) => vaccPdfContent(input, 'sing-vacc', buildSingVaccCdaTree(SingVaccInput.parse(input), input.entryId)),
    /** Per child, the scheda of its latest dose with a package code (else its first decision). */
    *synthetic(o: SyntheticOptions): Iterable<SyntheticDocument<SingVaccInput>> {
      let n = 0;
      for (const { input } of syntheticVaccPanel(o, source())) {
        n++;
        const given = input.administrations.filter((a) => a.vaccine.aic).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))[0];
        const entryId = given?.id ?? input.decisions[0]?.id;
        if (!entryId) continue;
        yield {
          input: { ...input, version: singVaccVersion(input, entryId), entryId },
          fileStem: `SING_VACC-${String(n).padStart(4, '0')}-${input.patient.identifier}-${entryId}`,
          line: { patient: input.patient.identifier, entry: entryId },
        };
      }
    },
  };
}
