import type { TFunction } from 'i18next';
import { doctorName } from '../../../../shared/domain/doctor-name.ts';
import type { DoctorView } from '../../../../shared/api/doctors.ts';
import { formatDate } from '../patients/format.ts';

/** "Dott.ssa Giulia Bianchi". */
export function nameOf(d: Pick<DoctorView, 'author'>): string {
  return doctorName(d.author);
}

/** "dal 01/11/2026 al 31/01/2027". */
export function periodText(t: TFunction, p: { from: string; to: string }): string {
  return t('doctors.period', { from: formatDate(p.from), to: formatDate(p.to) });
}

/** "Sostituto, dal … al …" or "Titolare". */
export function roleText(t: TFunction, d: Pick<DoctorView, 'kind' | 'periods'>): string {
  const kind = t(`doctors.kind.${d.kind}`);
  if (d.kind !== 'sostituto' || d.periods.length === 0) return kind;
  return `${kind}, ${d.periods.map((p) => periodText(t, p)).join('; ')}`;
}
