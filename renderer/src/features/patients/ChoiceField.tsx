import { Group, Radio } from '@mantine/core';
import { Controller, type Control } from 'react-hook-form';
import type { PatientFormValues } from './PatientForm.tsx';

interface Props {
  control: Control<PatientFormValues>;
  name: 'identifierKind' | 'sex';
  label: string;
  options: { value: string; label: string }[];
  error?: string;
  required?: boolean;
}

/** A short closed choice as a labelled radio group (arrow keys move between options). */
export function ChoiceField({ control, name, label, options, error, required }: Props) {
  return (
    <Controller
      name={name}
      control={control}
      render={({ field }) => (
        <Radio.Group label={label} value={field.value ?? ''} onChange={(v) => field.onChange(v)} name={field.name} error={error} withAsterisk={required}>
          <Group gap="lg" mt={6}>
            {options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Radio.Group>
      )}
    />
  );
}
