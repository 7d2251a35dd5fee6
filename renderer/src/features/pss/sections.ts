import type { TFunction } from 'i18next';
import type { ClinicalRecord } from '../../../../shared/domain/clinical-record.ts';
import type { EntrySection } from '../../../../shared/api/record.ts';
import { VITAL_MEASURES, interpretation, measureFor, vitalSignInterpretation, type Interpretation } from '../../../../shared/clinical/plausibility.ts';
import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { completedMonths } from '../../../../shared/domain/age.ts';

/** Record keys in the IG's section order (official PSS example), organ donation in its place. */
export const EDITOR_SECTIONS: ReadonlyArray<EntrySection | 'organDonation'> = [
  'allergies', 'medications', 'vaccinations', 'problems', 'familyHistory', 'lifestyle', 'pregnancies',
  'vitalSigns', 'devices', 'carePlans', 'procedures', 'encounters', 'functionalStatus', 'labResults',
  'organDonation', 'exemptions', 'careNetworks',
];

/**
 * Sections that do not apply to a patient are not offered (PAEDIATRICS.md, "Why"): pregnancies
 * not for a man nor for a girl under 10 (before the earliest menarche). What the record already
 * holds is always shown, so nothing recorded disappears.
 */
export function sectionOffered(section: EntrySection | 'organDonation', patient: { sex: 'M' | 'F'; birthDate: string }, today: string, record: ClinicalRecord): boolean {
  if (section !== 'pregnancies') return true;
  if (record.pregnancies.length > 0) return true;
  return patient.sex === 'F' && (completedMonths(patient.birthDate, today) ?? 0) >= 120;
}

/** Absence statements of the mandatory sections. */
export const STATEMENTS = {
  problems: { key: 'noProblems', values: ['no-known-problems', 'no-problem-info'] },
  allergies: {
    key: 'noAllergies',
    values: ['no-known-allergies', 'no-allergy-info', 'no-known-medication-allergies', 'no-known-food-allergies', 'no-known-environmental-allergies'],
  },
  medications: { key: 'noMedications', values: ['no-known-medications', 'no-medication-info'] },
} as const;

export type AnyEntry = { id: string; source: 'doctor' | 'patient-declared' | 'specialist'; note?: string | undefined } & Record<string, unknown>;

function c(x: unknown): string {
  const v = x as { code?: string; display?: string } | undefined;
  return v?.code ? `${v.display ?? ''} (${v.code})` : '';
}
function dates(a: unknown, b?: unknown): string {
  const s = [a, b].filter((x): x is string => typeof x === 'string' && x !== '').map(formatClinicalDate).join(' → ');
  return s ? ` · ${s}` : '';
}
const n = (x: unknown) => (typeof x === 'number' ? formatDecimal(x) : String(x));

/** Below/above the reference range in words (UX.md: abnormal values marked, not by colour alone). */
export function abnormalOf(section: EntrySection, e: AnyEntry): Interpretation | undefined {
  if (section === 'vitalSigns') return vitalSignInterpretation(e as never);
  if (section === 'labResults') {
    if (e.interpretation === 'H' || e.interpretation === 'L') return e.interpretation;
    const loinc = (e.loinc as { code: string }).code;
    return interpretation(Number(e.value), measureFor(loinc), { low: e.referenceLow as number | undefined, high: e.referenceHigh as number | undefined });
  }
  return undefined;
}

/** One line per entry: what will be sent, in the doctor's words, in the interface's language. */
export function entrySummary(t: TFunction, section: EntrySection, e: AnyEntry): string {
  const label = (group: string, v: unknown) => t(`pss.${group}.${String(v)}`, { defaultValue: String(v) });
  switch (section) {
    case 'allergies': {
      const agent = e.agent as { kind: string; code?: string; display?: string };
      const a = agent.kind === 'unknown' ? t('pss.summary.unknownAgent') : c(agent);
      return `${label('allergyType', e.type)}: ${a}${e.reaction ? ` — ${t('pss.summary.reaction')}: ${c(e.reaction)}` : ''}${e.criticality ? ` — ${t('pss.summary.criticality')} ${label('levels', e.criticality).toLowerCase()}` : ''}${dates(e.onset, e.resolution)}`;
    }
    case 'problems':
      return `${c(e.diagnosis)}${e.chronic ? ` — ${t('pss.summary.chronic')}` : ''}${dates(e.onset, e.resolution)}`;
    case 'medications':
      return `${e.aic ? c(e.aic) : c(e.atc)} — ${String(e.dosageText)}${dates(e.start, e.end)}`;
    case 'vaccinations':
      return `${c(e.atc)}${e.doseNumber ? ` — ${t('vaccinations.doseN', { n: Number(e.doseNumber) })}` : ''}${dates(e.date)}${e.lot ? ` — ${t('pss.summary.lot')} ${String(e.lot)}` : ''}`;
    case 'vaccinationDecisions':
      return `${t(`vaccinations.decision.kinds.${String(e.kind)}`)}: ${c(e.atc)}${dates(e.date, e.until)} — ${String(e.reason)}`;
    case 'vitalSigns':
      return e.kind === 'blood-pressure'
        ? `${label('vital', 'blood-pressure')} ${n(e.systolic)}/${n(e.diastolic)} ${VITAL_MEASURES.systolic.unit}${dates(e.date)}`
        : `${label('vital', e.kind)}: ${n(e.value)} ${VITAL_MEASURES[e.kind as keyof typeof VITAL_MEASURES].unit}${dates(e.date)}`;
    case 'familyHistory':
      return `${label('relationship', e.relationship)}: ${(e.conditions as Array<{ diagnosis: unknown }>).map((x) => c(x.diagnosis)).join(', ')}`;
    case 'procedures':
      return `${c(e.procedure)}${dates(e.start, e.end)}`;
    case 'encounters':
      return `${c(e.encounterType)}${e.facility ? ` — ${String(e.facility)}` : ''}${dates(e.start, e.end)}`;
    case 'devices':
      return `${c(e.cnd)}${dates(e.date)}`;
    case 'exemptions':
      return `${c(e.exemption)}${dates(e.start, e.end)}`;
    case 'careNetworks':
      return `${c(e.network)}${dates(e.start, e.end)}`;
    case 'labResults':
      return `${c(e.loinc)}: ${n(e.value)} ${String(e.unit)}${e.referenceLow !== undefined && e.referenceHigh !== undefined ? ` (${t('pss.summary.reference')} ${n(e.referenceLow)}–${n(e.referenceHigh)})` : ''}${e.interpretation ? ` (${label('interpretation', e.interpretation)})` : ''}${dates(e.date)}`;
    case 'lifestyle':
      return `${label('lifestyle', e.kind)}${e.smoking ? `: ${label('smoking', e.smoking)}` : ''}${e.drinksPerDay !== undefined ? `: ${t('pss.summary.drinksPerDay', { count: Number(e.drinksPerDay), value: n(e.drinksPerDay) })}` : ''}${e.text ? `: ${String(e.text)}` : ''}${dates(e.date)}`;
    case 'pregnancies':
      return `${label('pregnancy', e.kind)}${e.count !== undefined ? `: ${String(e.count)}` : ''}${dates(e.date)}`;
    case 'carePlans':
      return `${label('carePlan', e.kind)}: ${c(e.loinc ?? e.atc ?? e.procedure ?? e.encounterType) || String(e.description ?? '')}${dates(e.date ?? e.start, e.end)}`;
    case 'functionalStatus':
      return [e.motorCapacity ? label('motor', e.motorCapacity) : '', e.careRegime ? label('regime', e.careRegime) : '', c(e.mentalStatus)].filter(Boolean).join(' · ') + dates(e.date);
  }
}

export function entriesOf(record: ClinicalRecord, section: EntrySection): AnyEntry[] {
  return (record[section] ?? []) as unknown as AnyEntry[];
}

export function newEntryId(section: string): string {
  return `${section.slice(0, 3).toUpperCase()}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
