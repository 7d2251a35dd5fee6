import { localIsoDate } from '../../../../shared/domain/iso-date.ts';
import { ageOf } from '../../../../shared/domain/age.ts';
import { usePatient } from '../patients/usePatient.ts';
import { GROWTH_UNTIL_YEARS, GrowthView } from './GrowthView.tsx';

/** Crescita at the top of the Parametri tab, for a patient under 19 years only (WHO 2007 ends there). */
export function CrescitaSection({ patientId }: { patientId: string }) {
  const { patient } = usePatient(patientId);
  if (!patient) return null;
  const age = ageOf(patient.birthDate, localIsoDate(new Date()));
  if (!age || (age.unit === 'years' && age.count >= GROWTH_UNTIL_YEARS)) return null;
  return <GrowthView patientId={patientId} />;
}
