/**
 * The body: the sections in the IG order (official PSS example). Mandatory sections
 * (allergies, medications, problems, family history: schematron b1–b17a) are always written,
 * with an absence statement when empty; the others only when the record has something to say.
 */
import type { ClinicalRecord } from '../../../../domain/clinical-record.ts';
import type { XmlElement } from '../../../xml/writer.ts';
import type { BuildContext } from '../context.ts';
import { allergiesSection } from './allergies.ts';
import { carePlansSection } from './care-plans.ts';
import { devicesSection } from './devices.ts';
import { encountersSection } from './encounters.ts';
import { exemptionsSection } from './exemptions.ts';
import { familyHistorySection } from './family-history.ts';
import { functionalStatusSection } from './functional-status.ts';
import { lifestyleSection } from './lifestyle.ts';
import { medicationsSection } from './medications.ts';
import { networksSection } from './networks.ts';
import { organDonationSection } from './organ-donation.ts';
import { pregnanciesSection } from './pregnancies.ts';
import { problemsSection } from './problems.ts';
import { proceduresSection } from './procedures.ts';
import { resultsSection } from './results.ts';
import { vaccinationsSection } from './vaccinations.ts';
import { vitalSignsSection } from './vital-signs.ts';

export function buildSections(ctx: BuildContext, r: ClinicalRecord): XmlElement[] {
  const out: Array<XmlElement | null> = [
    allergiesSection(ctx, r),
    medicationsSection(ctx, r),
    vaccinationsSection(ctx, r),
    problemsSection(ctx, r),
    familyHistorySection(ctx, r),
    lifestyleSection(ctx, r),
    pregnanciesSection(ctx, r),
    vitalSignsSection(ctx, r),
    devicesSection(ctx, r),
    carePlansSection(ctx, r),
    proceduresSection(ctx, r),
    encountersSection(ctx, r),
    functionalStatusSection(ctx, r),
    resultsSection(ctx, r),
    organDonationSection(ctx, r),
    exemptionsSection(ctx, r),
    networksSection(ctx, r),
  ];
  return out.filter((s): s is XmlElement => s !== null);
}
