import { useEffect, useRef, useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Kbd, Paper, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useHotkeys } from '@mantine/hooks';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { decodeCodiceFiscale, checkCodiceFiscale } from '../../../../shared/domain/codice-fiscale.ts';
import { IdentifierKind, PatientInput } from '../../../../shared/domain/patient.ts';
import { escapeBelongsToPage } from '../../app/escape.ts';
import { birthDateFromCf, parseTypedDate } from './date-parse.ts';
import { fieldErrorText } from './field-error.ts';
import { LeaveConfirm } from './LeaveConfirm.tsx';
import { useIdentifierFeedback } from './useIdentifierFeedback.ts';
import { useServerErrors } from './useServerErrors.ts';

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
  const [filledFromCf, setFilledFromCf] = useState(false);
  const { register, control, handleSubmit, setError, setValue, getValues, formState } = useForm<PatientFormValues, unknown, PatientInput>({
    resolver: zodResolver(PatientInput),
    defaultValues: { identifierKind: 'CF', identifier: '', surname: '', givenName: '', birthDate: '', ...initial },
  });
  const { errors, isSubmitting, isDirty } = formState;
  const { formError, showServerError, clearFormError } = useServerErrors(setError);
  const values = useWatch({ control });
  const feedback = useIdentifierFeedback(values as PatientFormValues);
  const kind = values.identifierKind ?? 'CF';

  // A valid codice fiscale typed into an empty form fills birth date and sex (to be checked).
  useEffect(() => {
    if (kind !== 'CF' || !values.identifier) return;
    const cf = values.identifier;
    const { birthDate, sex } = getValues();
    if (birthDate || sex || !checkCodiceFiscale(cf).valid) return;
    const d = decodeCodiceFiscale(cf)!;
    setValue('birthDate', birthDateFromCf(d.yearTwoDigits, d.month, d.day), { shouldDirty: true });
    setValue('sex', d.sex, { shouldDirty: true });
    setFilledFromCf(true);
  }, [kind, values.identifier, getValues, setValue]);

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
  useHotkeys(
    [
      ['mod+S', () => formRef.current?.requestSubmit()],
      ['Escape', (e) => escapeBelongsToPage(e) && cancel(), { preventDefault: false }],
    ],
    [],
  );

  const err = (name: keyof PatientFormValues) => fieldErrorText(t, name, errors[name]);
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
            <Controller
              name="identifierKind"
              control={control}
              render={({ field }) => (
                <Radio.Group label={t('patient.fields.identifierKind')} value={field.value} onChange={(v) => field.onChange(v)} name={field.name}>
                  <Group gap="lg" mt={6}>
                    {IdentifierKind.options.map((k) => (
                      <Radio key={k} value={k} label={t(`patient.identifierKinds.${k}`)} />
                    ))}
                  </Group>
                </Radio.Group>
              )}
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
              <Controller
                name="birthDate"
                control={control}
                render={({ field }) => (
                  <DateInput
                    label={t('patient.fields.birthDate')}
                    placeholder={t('patient.form.birthDatePlaceholder')}
                    valueFormat="DD/MM/YYYY"
                    dateParser={parseTypedDate}
                    value={field.value || null}
                    onChange={(v) => field.onChange(v ?? '')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    maxDate={new Date()}
                    defaultLevel={field.value ? 'month' : 'decade'}
                    error={err('birthDate')}
                    description={filledFromCf ? t('patient.form.filledFromCf') : undefined}
                    withAsterisk
                    data-testid="birth-date"
                  />
                )}
              />
              <Controller
                name="sex"
                control={control}
                render={({ field }) => (
                  <Radio.Group label={t('patient.fields.sex')} value={field.value ?? ''} onChange={(v) => field.onChange(v)} name={field.name} error={err('sex')} withAsterisk>
                    <Group gap="lg" mt={6}>
                      <Radio value="M" label={t('patient.sex.M')} />
                      <Radio value="F" label={t('patient.sex.F')} />
                    </Group>
                  </Radio.Group>
                )}
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
