/**
 * Assenso/dissenso donazione organi (42348-3, …4.2.15; optional). The IG defines no entry for
 * it (b57–b59 require templateId, title and text only), so the statement is narrative only.
 */
import type { ClinicalRecord, OrganDonationStatement } from '../../../../domain/clinical-record.ts';
import type { XmlElement } from '../../../xml/writer.ts';
import { type BuildContext, noteCell, section } from '../context.ts';
import { itDate, table } from '../narrative.ts';
import { TPL } from '../templates.ts';

export const DONATION_LABEL: Record<OrganDonationStatement['choice'], string> = {
  consent: 'Assenso', dissent: 'Dissenso', 'not-expressed': 'Non espressa',
};

export function organDonationSection(ctx: BuildContext, r: ClinicalRecord): XmlElement | null {
  const d = r.organDonation;
  if (!d) return null;
  return section(ctx, {
    key: 'organDonation',
    templateRoot: TPL.secOrganDonation,
    text: table(['Richiesta', 'Scelta del paziente', 'Data', 'Fonte e note'], [
      { id: 'don1', cells: ['Donazione organi', DONATION_LABEL[d.choice], itDate(d.date), noteCell('don1', d.source, d.note)] },
    ]),
    entries: [],
  });
}
