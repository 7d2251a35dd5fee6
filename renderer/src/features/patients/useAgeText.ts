import { useTranslation } from 'react-i18next';
import { AGE_WORDING, ageOf, formatAge } from '../../../../shared/domain/age.ts';
import { localIsoDate } from '../../../../shared/domain/iso-date.ts';

/** "47 anni", "2 anni e 5 mesi", "8 mesi", "5 settimane", "3 giorni" (shared/domain/age.ts), in the interface's language. */
export function useAgeText(): (birthIso: string) => string {
  const { i18n } = useTranslation();
  const wording = i18n.resolvedLanguage === 'en' ? AGE_WORDING.en : AGE_WORDING.it;
  return (birthIso) => {
    const a = ageOf(birthIso, localIsoDate(new Date()));
    return a ? formatAge(a, wording) : '';
  };
}
