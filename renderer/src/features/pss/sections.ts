import type { ClinicalRecord } from '../../../../shared/domain/clinical-record.ts';
import type { EntrySection } from '../../../../shared/api/record.ts';

/** Record keys in the IG's section order (official PSS example), organ donation in its place. */
export const EDITOR_SECTIONS: ReadonlyArray<EntrySection | 'organDonation'> = [
  'allergies', 'medications', 'vaccinations', 'problems', 'familyHistory', 'lifestyle', 'pregnancies',
  'vitalSigns', 'devices', 'carePlans', 'procedures', 'encounters', 'functionalStatus', 'labResults',
  'organDonation', 'exemptions', 'careNetworks',
];

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

const RELATIONSHIP: Record<string, string> = {
  FTH: 'Padre', MTH: 'Madre', BRO: 'Fratello', SIS: 'Sorella', GRFTH: 'Nonno', GRMTH: 'Nonna', UNCLE: 'Zio', AUNT: 'Zia', SON: 'Figlio', DAU: 'Figlia',
};

const LIFESTYLE: Record<string, string> = { smoking: 'Fumo', alcohol: 'Alcol', 'physical-activity': 'Attività fisica', diet: 'Alimentazione', occupation: 'Occupazione' };
const SMOKING: Record<string, string> = { current: 'fumatore', former: 'ex fumatore', never: 'non fumatore' };
const PREGNANCY: Record<string, string> = {
  pregnancies: 'Gravidanze', 'live-births': 'Nati vivi', 'spontaneous-abortions': 'Aborti spontanei', 'last-menstrual-period': 'Ultima mestruazione', 'expected-delivery': 'Data presunta del parto',
};
const PLAN: Record<string, string> = { exam: 'Esame', therapy: 'Terapia', procedure: 'Procedura', visit: 'Visita', other: 'Altro' };
const MOTOR: Record<string, string> = { 'LA21285-4': 'Autonomo', 'LA21286-5': 'Assistito', 'LA4270-0': 'Allettato', 'LA6743-4': 'Su sedia a rotelle' };
const REGIME: Record<string, string> = { PSSADI: 'ADI', PSSADP: 'ADP' };
const VITAL: Record<string, string> = { weight: 'Peso', height: 'Altezza', bmi: 'BMI', 'heart-rate': 'Frequenza cardiaca', waist: 'Circonferenza vita' };
const INTERPRETATION: Record<string, string> = { N: 'nella norma', H: 'alto', L: 'basso', A: 'anomalo' };

function c(x: unknown): string {
  const v = x as { code?: string; display?: string } | undefined;
  return v?.code ? `${v.display ?? ''} (${v.code})` : '';
}
function dates(a: unknown, b?: unknown): string {
  const s = [a, b].filter((x) => typeof x === 'string' && x).join(' → ');
  return s ? ` · ${s}` : '';
}

/** One line per entry: what will be sent, in the doctor's words. */
export function entrySummary(section: EntrySection, e: AnyEntry): string {
  switch (section) {
    case 'allergies': {
      const agent = e.agent as { kind: string; code?: string; display?: string };
      const a = agent.kind === 'unknown' ? 'Agente non noto' : c(agent);
      return `${a}${e.reaction ? ` — reazione: ${c(e.reaction)}` : ''}${e.criticality ? ` — criticità ${String(e.criticality)}` : ''}${dates(e.onset, e.resolution)}`;
    }
    case 'problems':
      return `${c(e.diagnosis)}${e.chronic ? ' — cronico' : ''}${dates(e.onset, e.resolution)}`;
    case 'medications':
      return `${e.aic ? c(e.aic) : c(e.atc)} — ${String(e.dosageText)}${dates(e.start, e.end)}`;
    case 'vaccinations':
      return `${c(e.atc)}${dates(e.date)}${e.lot ? ` — lotto ${String(e.lot)}` : ''}`;
    case 'vitalSigns':
      return e.kind === 'blood-pressure' ? `Pressione ${String(e.systolic)}/${String(e.diastolic)} mmHg${dates(e.date)}` : `${VITAL[String(e.kind)] ?? String(e.kind)}: ${String(e.value)}${dates(e.date)}`;
    case 'familyHistory':
      return `${RELATIONSHIP[String(e.relationship)] ?? String(e.relationship)}: ${(e.conditions as Array<{ diagnosis: unknown }>).map((x) => c(x.diagnosis)).join(', ')}`;
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
      return `${c(e.loinc)}: ${String(e.value)} ${String(e.unit)}${e.interpretation ? ` (${INTERPRETATION[String(e.interpretation)] ?? String(e.interpretation)})` : ''}${dates(e.date)}`;
    case 'lifestyle':
      return `${LIFESTYLE[String(e.kind)] ?? String(e.kind)}${e.smoking ? `: ${SMOKING[String(e.smoking)] ?? String(e.smoking)}` : ''}${e.drinksPerDay !== undefined ? `: ${String(e.drinksPerDay)} bevande/die` : ''}${e.text ? `: ${String(e.text)}` : ''}${dates(e.date)}`;
    case 'pregnancies':
      return `${PREGNANCY[String(e.kind)] ?? String(e.kind)}${e.count !== undefined ? `: ${String(e.count)}` : ''}${dates(e.date)}`;
    case 'carePlans':
      return `${PLAN[String(e.kind)] ?? String(e.kind)}: ${c(e.loinc ?? e.atc ?? e.procedure ?? e.encounterType) || String(e.description ?? '')}${dates(e.date ?? e.start, e.end)}`;
    case 'functionalStatus':
      return [MOTOR[String(e.motorCapacity)], e.careRegime ? `Assistenza domiciliare ${REGIME[String(e.careRegime)] ?? String(e.careRegime)}` : '', c(e.mentalStatus)].filter(Boolean).join(' · ') + dates(e.date);
  }
}

export function entriesOf(record: ClinicalRecord, section: EntrySection): AnyEntry[] {
  return record[section] as unknown as AnyEntry[];
}

export function newEntryId(section: string): string {
  return `${section.slice(0, 3).toUpperCase()}-${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
