import { NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { GuardianRelation } from '../../../../shared/domain/patient.ts';
import type { PatientFormValues } from './PatientForm.tsx';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Drops a guardian left wholly empty, so the optional block does not fail validation (shared/domain/patient.ts). */
export function withoutEmptyGuardian<T extends { guardian?: Record<string, unknown> | undefined }>(values: T): T {
  const g = values.guardian;
  if (g && Object.values(g).every((v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === ''))) {
    const { guardian: _drop, ...rest } = values;
    return rest as T;
  }
  return values;
}

/** The parent or tutor of a minor: name, relation, codice fiscale, phone (PAEDIATRICS.md §1, patient/guardian). */
export function GuardianFields({ register, errors }: { register: UseFormRegister<PatientFormValues>; errors: FieldErrors<PatientFormValues> }) {
  const { t } = useTranslation();
  const e = errors.guardian;
  const msg = (k: 'name' | 'relation' | 'codiceFiscale' | 'phone') => (e?.[k] ? t(k === 'codiceFiscale' ? 'guardian.cfInvalid' : 'guardian.required') : undefined);
  return (
    <Paper withBorder p="lg">
      <Stack gap="md">
        <Title order={2} size="h4">
          {t('guardian.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('guardian.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('guardian.name')} {...register('guardian.name', { setValueAs: emptyToUndefined })} error={msg('name')} autoComplete="off" data-testid="guardian-name" />
          <NativeSelect
            label={t('guardian.relation')}
            {...register('guardian.relation', { setValueAs: emptyToUndefined })}
            error={msg('relation')}
            data={[{ value: '', label: t('guardian.choose') }, ...GuardianRelation.options.map((r) => ({ value: r, label: t(`guardian.relations.${r}`) }))]}
            data-testid="guardian-relation"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('guardian.codiceFiscale')}
            {...register('guardian.codiceFiscale', { setValueAs: emptyToUndefined })}
            error={msg('codiceFiscale')}
            maxLength={16}
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { textTransform: 'uppercase' } }}
            data-testid="guardian-cf"
          />
          <TextInput label={t('guardian.phone')} type="tel" {...register('guardian.phone', { setValueAs: emptyToUndefined })} error={msg('phone')} data-testid="guardian-phone" />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
