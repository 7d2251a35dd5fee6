import { useEffect, useState } from 'react';
import type { UseFormGetValues, UseFormSetValue } from 'react-hook-form';
import { checkCodiceFiscale, decodeCodiceFiscale } from '../../../../shared/domain/codice-fiscale.ts';
import { birthDateFromCf } from './date-parse.ts';
import type { PatientFormValues } from './PatientForm.tsx';

/**
 * A valid codice fiscale typed while birth date and sex are still empty fills them in (the
 * century is a guess, so the form says to check them). Returns whether it did.
 */
export function useFillFromCodiceFiscale(
  kind: string,
  identifier: string | undefined,
  getValues: UseFormGetValues<PatientFormValues>,
  setValue: UseFormSetValue<PatientFormValues>,
): boolean {
  const [filled, setFilled] = useState(false);
  useEffect(() => {
    if (kind !== 'CF' || !identifier) return;
    const { birthDate, sex } = getValues();
    if (birthDate || sex || !checkCodiceFiscale(identifier).valid) return;
    const d = decodeCodiceFiscale(identifier)!;
    setValue('birthDate', birthDateFromCf(d.yearTwoDigits, d.month, d.day), { shouldDirty: true });
    setValue('sex', d.sex, { shouldDirty: true });
    setFilled(true);
  }, [kind, identifier, getValues, setValue]);
  return filled;
}
