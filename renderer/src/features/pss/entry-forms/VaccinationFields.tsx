import { Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouteCode } from '../../../../../shared/domain/record/entry-base.ts';
import { VaccinationSite } from '../../../../../shared/domain/record/vaccination-entries.ts';
import { ChoiceSelect, CodeField, DateField, NumberField, TextField, TypedCodeFields, today, type FieldsProps, type SectionForm } from './kit.tsx';

/** Routes a vaccine is given by (HL7 RouteOfAdministration): intramuscular, subcutaneous, oral, nasal. */
const VACCINE_ROUTES = RouteCode.options.filter((r) => r === 'IM' || r === 'SQ' || r === 'PO' || r === 'NASINHL');

/**
 * A vaccination given (PAEDIATRICS.md §1, substanceAdministration ...11.4.1): the vaccine from the
 * ATC J07 list (the AIFA transparency list holds no vaccine packages, so the AIC is typed), dose,
 * date, lot, route, site, place and who gave it; an adverse reaction as ICD-9-CM. The target
 * diseases are filled from the vaccine when it is saved.
 */
function VaccinationFields(f: FieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <CodeField f={f} k="atc" label={t('vaccinations.fields.vaccine')} system="atc" codePrefix="J07" required autoFocus />
      <TypedCodeFields f={f} k="aic" codeLabel={t('vaccinations.fields.aic')} displayLabel={t('vaccinations.fields.aicName')} />
      <Group grow align="flex-start">
        <DateField f={f} k="date" label={t('pss.fields.date')} required />
        <NumberField f={f} k="doseNumber" label={t('pss.fields.doseNumber')} integer />
        <TextField f={f} k="lot" label={t('pss.fields.lot')} />
      </Group>
      <Group grow align="flex-start">
        <ChoiceSelect f={f} k="route" label={t('vaccinations.fields.route')} values={VACCINE_ROUTES} labelOf={(v) => t(`vaccinations.routes.${v}`)} required={false} />
        <ChoiceSelect f={f} k="site" label={t('vaccinations.fields.site')} values={VaccinationSite.options} labelOf={(v) => t(`vaccinations.sites.${v}`)} required={false} />
      </Group>
      <Group grow align="flex-start">
        <TextField f={f} k="place" label={t('vaccinations.fields.place')} />
        <TextField f={f} k="performer" label={t('vaccinations.fields.performer')} />
      </Group>
      <CodeField f={f} k="adverseReaction" label={t('vaccinations.fields.adverseReaction')} system="icd9-dx" />
    </>
  );
}

export const vaccinationForm: SectionForm = {
  initial: () => ({ date: today() }),
  Fields: VaccinationFields,
};
