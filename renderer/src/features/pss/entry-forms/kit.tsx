import type { ReactNode } from 'react';
import { Autocomplete, Group, Select, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlausibilityIssue } from '../../../../../shared/clinical/plausibility.ts';
import type { TermSystem } from '../../../../../shared/api/terms.ts';
import { todayIn } from '../../../../../shared/format/clinical-time.ts';
import { ClinicalDateInput } from '../../../components/ClinicalDateInput.tsx';
import { DecimalInput, type DecimalValue } from '../../../components/DecimalInput.tsx';
import { CodePicker, type Coded } from '../CodePicker.tsx';

/** An entry being edited: the section schema's fields, loosely typed until validated. */
export type Draft = Record<string, unknown>;

/** What every section's field block receives. Errors are keyed by the entry's top-level field. */
export interface FieldsProps {
  draft: Draft;
  set(key: string, value: unknown): void;
  /** Several fields at once (e.g. a new kind clears the previous kind's fields). */
  patch(change: Draft): void;
  err(key: string): string | undefined;
}

/** A section's form: its initial values, its fields, and checks the schema leaves to the form. */
export interface SectionForm {
  initial?(): Draft;
  Fields(props: FieldsProps): ReactNode;
  /** Field key -> i18n key of the message, for fields required only in some cases. */
  check?(draft: Draft): Record<string, string>;
  /** Values outside the possible (errors) or the plausible (warnings to confirm): shared/clinical/plausibility.ts. */
  plausibility?(draft: Draft): PlausibilityIssue[];
}

/** Today in the doctor's time zone (a clinical date, not the UTC date of the machine). */
export const today = (): string => todayIn();

type Field = { f: FieldsProps; k: string; label: string; required?: boolean; autoFocus?: boolean };

export function TextField({ f, k, label, required, autoFocus, description }: Field & { description?: string }) {
  return (
    <TextInput
      label={label}
      description={description}
      required={required}
      autoFocus={autoFocus}
      value={(f.draft[k] as string | undefined) ?? ''}
      onChange={(e) => f.set(k, e.currentTarget.value)}
      error={f.err(k)}
    />
  );
}

export function LongTextField({ f, k, label, required, autoFocus }: Field) {
  return (
    <Textarea
      label={label}
      required={required}
      autoFocus={autoFocus}
      autosize
      minRows={1}
      value={(f.draft[k] as string | undefined) ?? ''}
      onChange={(e) => f.set(k, e.currentTarget.value)}
      error={f.err(k)}
    />
  );
}

/** A clinical date, possibly partial: typed gg/mm/aaaa, gg/mm/aa, mm/aaaa or aaaa, kept as aaaa[-mm[-gg]]. */
export function DateField({ f, k, label, required, autoFocus }: Field) {
  return (
    <ClinicalDateInput
      label={label}
      required={required}
      autoFocus={autoFocus}
      value={f.draft[k] as string | undefined}
      onChange={(v) => f.set(k, v)}
      error={f.err(k)}
    />
  );
}

/** Start and end of a period side by side. */
export function PeriodFields({ f, startKey = 'start', endKey = 'end', startRequired = false }: { f: FieldsProps; startKey?: string; endKey?: string; startRequired?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group grow align="flex-start">
      <DateField f={f} k={startKey} label={t(`pss.fields.${startKey}`)} required={startRequired} />
      <DateField f={f} k={endKey} label={t(`pss.fields.${endKey}`)} />
    </Group>
  );
}

/** A number ("12,5" or "12.5"), with its unit when it has one. */
export function NumberField({ f, k, label, required, autoFocus, integer = false, unit, description }: Field & { integer?: boolean; unit?: string | undefined; description?: ReactNode }) {
  return (
    <DecimalInput
      label={label}
      description={description}
      required={required}
      autoFocus={autoFocus}
      integer={integer}
      unit={unit}
      value={f.draft[k] as DecimalValue}
      onChange={(v) => f.set(k, v)}
      error={f.err(k)}
    />
  );
}

/** A closed choice (an enum of the schema): a Select, clearable when optional. */
export function ChoiceSelect({
  f, k, label, values, labelOf, required = true, autoFocus, onPick, searchable,
}: Field & { values: readonly string[]; labelOf(v: string): string; onPick?(v: string | undefined): void; searchable?: boolean }) {
  return (
    <Select
      label={label}
      required={required}
      autoFocus={autoFocus}
      clearable={!required}
      allowDeselect={!required}
      searchable={searchable}
      data={values.map((v) => ({ value: v, label: labelOf(v) }))}
      value={(f.draft[k] as string | undefined) ?? null}
      onChange={(v) => (onPick ? onPick(v ?? undefined) : f.set(k, v ?? undefined))}
      error={f.err(k)}
    />
  );
}

/** A coded value picked from an official table through `terms.search`. */
export function CodeField({ f, k, label, system, required, autoFocus, codePrefix }: Field & { system: TermSystem; codePrefix?: string }) {
  return <CodePicker system={system} codePrefix={codePrefix} label={label} required={required} autoFocus={autoFocus} value={f.draft[k] as Coded | undefined} onChange={(v) => f.set(k, v)} error={f.err(k)} />;
}

/** A coded value from a small value set held by the form (no `terms.*` table): code — official description. */
export function ValueSetField({ f, k, label, options, required, autoFocus }: Field & { options: readonly Coded[] }) {
  const { t } = useTranslation();
  const value = f.draft[k] as Coded | undefined;
  return (
    <Select
      label={label}
      placeholder={t('pss.fields.search')}
      required={required}
      autoFocus={autoFocus}
      searchable
      clearable={!required}
      allowDeselect={!required}
      data={options.map((o) => ({ value: o.code, label: `${o.code} — ${o.display}` }))}
      value={value?.code ?? null}
      onChange={(code) => {
        const o = options.find((x) => x.code === code);
        f.set(k, o ? { code: o.code, display: o.display } : undefined);
      }}
      error={f.err(k)}
    />
  );
}

const suggestionLabel = (s: Coded) => `${s.code} — ${s.display}`;

/**
 * A coded value whose table the app does not hold (LOINC, regional catalogues): the code and
 * its description typed side by side; suggestions offer the codes most used.
 */
export function TypedCodeFields({ f, k, codeLabel, displayLabel, required, autoFocus, suggestions = [] }: {
  f: FieldsProps; k: string; codeLabel: string; displayLabel: string; required?: boolean; autoFocus?: boolean; suggestions?: readonly Coded[];
}) {
  const value = (f.draft[k] as Coded | undefined) ?? { code: '', display: '' };
  const put = (next: Coded) => f.set(k, next.code || next.display ? next : undefined);
  // The error goes where the doctor has to act: the description when only it is missing.
  const onDisplay = Boolean(value.code.trim()) && !value.display.trim();
  return (
    <Group grow align="flex-start">
      <Autocomplete
        label={codeLabel}
        required={required}
        autoFocus={autoFocus}
        data={suggestions.map((s) => ({ value: s.code, label: suggestionLabel(s) }))}
        value={value.code}
        onOptionSubmit={(code) => {
          const s = suggestions.find((x) => x.code === code);
          if (s) put({ code: s.code, display: value.display.trim() ? value.display : s.display });
        }}
        onChange={(code) => {
          // A picked suggestion arrives here as its label, after onOptionSubmit has taken it.
          if (!suggestions.some((s) => suggestionLabel(s) === code)) put({ ...value, code });
        }}
        error={onDisplay ? undefined : f.err(k)}
      />
      <TextInput
        label={displayLabel}
        required={required}
        value={value.display}
        onChange={(e) => put({ ...value, display: e.currentTarget.value })}
        error={onDisplay ? f.err(k) : undefined}
      />
    </Group>
  );
}
