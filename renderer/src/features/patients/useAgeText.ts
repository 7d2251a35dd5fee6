import { useTranslation } from 'react-i18next';
import { ageOf } from './format.ts';

/** "47 anni", "8 mesi", "12 giorni". */
export function useAgeText(): (birthIso: string) => string {
  const { t } = useTranslation();
  return (birthIso) => {
    const a = ageOf(birthIso);
    return a ? t(`age.${a.unit}`, { count: a.count }) : '';
  };
}
