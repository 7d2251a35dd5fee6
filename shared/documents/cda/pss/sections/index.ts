/**
 * The body: the sections in the IG order. Mandatory sections (allergies, medications,
 * problems, family history: schematron b1–b17a) are always written, with an absence
 * statement when empty; the others only when the record has something to say.
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import type { XmlElement } from '../../../xml/writer.ts';
import type { BuildContext } from '../context.ts';
import { allergiesSection } from './allergies.ts';
import { familyHistorySection } from './family-history.ts';
import { medicationsSection } from './medications.ts';
import { problemsSection } from './problems.ts';

export function buildSections(ctx: BuildContext, r: ClinicalRecord): XmlElement[] {
  const out: Array<XmlElement | null> = [
    allergiesSection(ctx, r),
    medicationsSection(ctx, r),
    problemsSection(ctx, r),
    familyHistorySection(ctx, r),
  ];
  return out.filter((s): s is XmlElement => s !== null);
}
