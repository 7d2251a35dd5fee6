/**
 * The Profilo Sanitario Sintetico as a document type: a thin adapter over the PSS builder,
 * metadata, FHIR mapping and parser (shared/documents/cda/pss, shared/documents/fhir/pss), so
 * the PSS bytes are what they were before the seam.
 */
import { PssInput } from '../../../domain/clinical-record.ts';
import { buildPssCda, pssPublicationMetadata, PSS_DOCUMENT_TEMPLATE } from '../../cda/pss/index.ts';
import { parsePssCda } from '../../cda/pss/parse/index.ts';
import { buildPssFhirBundle } from '../../fhir/pss/index.ts';
import { seededRandom } from '../../../random.ts';
import { syntheticPssInput } from '../../../synthetic/clinical-record.ts';
import { syntheticPatients } from '../../../synthetic/patients.ts';
import type { DocumentType, SyntheticDocument, SyntheticOptions } from '../types.ts';
import { pssPdfContent } from './pdf-content.ts';

/**
 * Half the panel MMG adults, half PLS children (seed + 1), so every section is exercised; one
 * random stream for the records, as `cartella pss` always drew them.
 */
function* syntheticPss(o: SyntheticOptions): Iterable<SyntheticDocument<PssInput>> {
  const today = new Date(o.today);
  const adults = syntheticPatients({ count: Math.ceil(o.count / 2), seed: o.seed, today });
  const children = syntheticPatients({ count: Math.floor(o.count / 2), seed: o.seed + 1, kind: 'PLS', today });
  const patients = [...adults, ...children];
  const rand = seededRandom(o.seed);
  for (let i = 0; i < patients.length; i++) {
    const patient = patients[i]!;
    const input = syntheticPssInput(patient, i, rand, { today: o.today, role: i < adults.length ? 'MMG' : 'PLS' });
    yield { input, fileStem: `PSS-${String(i + 1).padStart(4, '0')}-${patient.identifier}`, line: { patient: patient.identifier, role: input.author.role } };
  }
}

export const pssDocumentType: DocumentType<PssInput> = {
  id: 'pss',
  kind: 'PSS',
  title: { it: 'Profilo Sanitario Sintetico', en: 'Patient Summary' },
  loinc: { code: '60591-5', display: 'Profilo Sanitario Sintetico' },
  templateId: PSS_DOCUMENT_TEMPLATE,
  input: PssInput,
  build: buildPssCda,
  header: (input) => ({
    patient: input.patient,
    author: { codiceFiscale: input.author.codiceFiscale, name: [input.author.prefix, input.author.givenName, input.author.surname].filter(Boolean).join(' ') },
    version: input.version,
    effectiveTime: input.effectiveTime,
  }),
  metadata: (input) => pssPublicationMetadata(input),
  pdfContent: (input) => pssPdfContent(input),
  synthetic: syntheticPss,
  parse: parsePssCda,
  fhir: buildPssFhirBundle,
};
