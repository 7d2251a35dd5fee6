import { useRef, useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Kbd, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { IdentifierKind, PatientInput } from '../../../../shared/domain/patient.ts';
import { usePageKeys } from '../../app/layers/useLayer.ts';
import { BirthDateField } from './BirthDateField.tsx';
import { ChoiceField } from './ChoiceField.tsx';
import { fieldErrorText } from './field-error.ts';
import { LeaveConfirm } from './LeaveConfirm.tsx';
import { useIdentifierFeedback } from './useIdentifierFeedback.ts';
import { useFillFromCodiceFiscale } from './useFillFromCodiceFiscale.ts';
import { useServerErrors } from './useServerErrors.ts';
import { GuardianFields, withoutEmptyGuardian } from './GuardianFields.tsx';

export type PatientFormValues = z.input<typeof PatientInput>;

interface Props {
  title: string;
  initial?: Partial<PatientFormValues>;
  /** Saves; rejects with the service's AppError, which is shown on the right field. */
  onSave(values: PatientInput): Promise<void>;
  onCancel(): void;
}

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Create and edit a patient: react-hook-form + the contract's zod schema; Ctrl+S saves, Esc cancels. */
export function PatientForm({ title, initial, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const [leaving, setLeaving] = useState(false);
  const { register, control, handleSubmit, setError, setValue, getValues, formState } = useForm<PatientFormValues, unknown, PatientInput>({
    // An untouched guardian block is no guardian (it is optional): dropped before validation.
    resolver: (values, ctx, options) => zodResolver(PatientInput)(withoutEmptyGuardian(values), ctx, options),
    defaultValues: { identifierKind: 'CF', identifier: '', surname: '', givenName: '', birthDate: '', ...initial },
  });
  const { errors, isSubmitting, isDirty } = formState;
  const { formError, showServerError, clearFormError } = useServerErrors(setError);
  const values = useWatch({ control });
  const feedback = useIdentifierFeedback(values as PatientFormValues);
  const kind = values.identifierKind ?? 'CF';

  const filledFromCf = useFillFromCodiceFiscale(kind, values.identifier, getValues, setValue);

  const submit = handleSubmit(async (input) => {
    clearFormError();
    const clean: PatientInput = { ...input, ...(input.identifierKind === 'TEAM' ? {} : { teamCountry: undefined }) };
    try {
      await onSave(clean);
    } catch (e) {
      showServerError(e, kind);
    }
  });

  const cancel = () => (isDirty ? setLeaving(true) : onCancel());
  usePageKeys({ onSave: () => formRef.current?.requestSubmit(), onEscape: cancel });

  const err = (name: Exclude<keyof PatientFormValues, 'guardian'>) => fieldErrorText(t, name, errors[name]);
  const identifierError = err('identifier') ?? feedback.problem;
  const identifierDescription = [feedback.info, feedback.warning].filter(Boolean).join(' — ') || t(`patient.identifierKindHints.${kind}`);

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="patient-form-title">
      <Stack gap="md" maw={900}>
        <Group justify="space-between">
          <Title order={1} size="h2" id="patient-form-title">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {t('patient.form.saveHint')}
          </Text>
        </Group>
        {formError && (
          <Alert color="red" role="alert" title={t('patient.form.notSaved')} data-testid="form-error">
            {formError}
          </Alert>
        )}
        <Paper withBorder p="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              {t('patient.form.identity')}
            </Title>
            <ChoiceField
              control={control}
              name="identifierKind"
              label={t('patient.fields.identifierKind')}
              options={IdentifierKind.options.map((k) => ({ value: k, label: t(`patient.identifierKinds.${k}`) }))}
            />
            <SimpleGrid cols={{ base: 1, sm: kind === 'TEAM' ? 2 : 1 }}>
              <TextInput
                label={t(`patient.identifierLabels.${kind}`)}
                {...register('identifier')}
                error={identifierError}
                description={identifierError ? undefined : identifierDescription}
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                autoComplete="off"
                spellCheck={false}
                maxLength={40}
                styles={{ input: { textTransform: 'uppercase', fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.05em' } }}
                withAsterisk
                autoFocus
                data-testid="identifier"
              />
              {kind === 'TEAM' && (
                <TextInput label={t('patient.fields.teamCountry')} {...register('teamCountry', { setValueAs: emptyToUndefined })} error={err('teamCountry')} maxLength={2} />
              )}
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('patient.fields.surname')} {...register('surname')} error={err('surname')} withAsterisk autoComplete="off" />
              <TextInput label={t('patient.fields.givenName')} {...register('givenName')} error={err('givenName')} withAsterisk autoComplete="off" />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <BirthDateField control={control} error={err('birthDate')} description={filledFromCf ? t('patient.form.filledFromCf') : undefined} />
              <ChoiceField
                control={control}
                name="sex"
                label={t('patient.fields.sex')}
                options={[
                  { value: 'M', label: t('patient.sex.M') },
                  { value: 'F', label: t('patient.sex.F') },
                ]}
                error={err('sex')}
                required
              />
            </SimpleGrid>
            <TextInput label={t('patient.fields.birthPlace')} {...register('birthPlace', { setValueAs: emptyToUndefined })} error={err('birthPlace')} />
          </Stack>
        </Paper>
        <Paper withBorder p="lg">
          <Stack gap="md">
            <Title order={2} size="h4">
              {t('patient.form.contacts')}
            </Title>
            <TextInput label={t('patient.fields.address')} {...register('address', { setValueAs: emptyToUndefined })} error={err('address')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('patient.fields.phone')} type="tel" {...register('phone', { setValueAs: emptyToUndefined })} error={err('phone')} />
              <TextInput label={t('patient.fields.email')} type="email" {...register('email', { setValueAs: emptyToUndefined })} error={err('email')} />
            </SimpleGrid>
          </Stack>
        </Paper>
        <GuardianFields register={register} errors={errors} />
        <Group justify="flex-end">
          <Button variant="default" onClick={cancel} aria-keyshortcuts="Escape" rightSection={<Kbd size="xs">Esc</Kbd>}>
            {t('patient.form.cancel')}
          </Button>
          <Button type="submit" loading={isSubmitting} aria-keyshortcuts="Control+S Meta+S" rightSection={<Kbd size="xs">Ctrl+S</Kbd>}>
            {t('patient.form.save')}
          </Button>
        </Group>
      </Stack>
      <LeaveConfirm opened={leaving} onStay={() => setLeaving(false)} onLeave={onCancel} />
    </form>
  );
}
