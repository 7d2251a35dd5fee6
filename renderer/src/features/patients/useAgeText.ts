import { useTranslation } from 'react-i18next';
import { ageOf } from './format.ts';

/** "47 anni", "2 anni e 5 mesi" (under six), "23 mesi" (under two), "12 giorni". */
export function useAgeText(): (birthIso: string) => string {
  const { t } = useTranslation();
  return (birthIso) => {
    const a = ageOf(birthIso);
    if (!a) return '';
    const main = t(`age.${a.unit}`, { count: a.count });
    return a.months ? t('age.yearsMonths', { years: main, months: t('age.months', { count: a.months }) }) : main;
  };
}
