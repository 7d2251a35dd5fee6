import { useEffect, useState, type ReactNode } from 'react';
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatClinicalDate, parseClinicalDate } from '../../../shared/format/clinical-date.ts';

/**
 * The one clinical date field of the app: typed as gg/mm/aaaa, gg/mm/aa, mm/aaaa or aaaa and
 * read at every keystroke (shared/format/clinical-date.ts), so Enter or Ctrl+S right after
 * typing saves the date as typed; shown dd/mm/yyyy once the field is left. The value is the
 * record's partial ISO date, or the text itself while it is not a date (the form refuses it).
 */
export function ClinicalDateInput(props: {
  label: ReactNode;
  value: string | undefined;
  onChange(value: string | undefined): void;
  error?: string | undefined;
  required?: boolean | undefined;
  autoFocus?: boolean | undefined;
}) {
  const { t } = useTranslation();
  const { value } = props;
  const [text, setText] = useState(() => formatClinicalDate(value));
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    setText((current) => {
      const parsed = parseClinicalDate(current);
      if (value === undefined) return '';
      if (parsed.ok && parsed.iso === value) return current;
      return parseClinicalDate(value).ok ? formatClinicalDate(value) : value;
    });
  }, [value]);

  const parsed = parseClinicalDate(text);
  const own = !parsed.ok && parsed.reason === 'invalid' && touched ? t('input.date.invalid') : undefined;
  return (
    <TextInput
      label={props.label}
      required={props.required}
      autoFocus={props.autoFocus}
      autoComplete="off"
      placeholder={t('input.date.placeholder')}
      value={text}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const p = parseClinicalDate(next);
        props.onChange(p.ok ? p.iso : p.reason === 'empty' ? undefined : next);
      }}
      onBlur={() => {
        setTouched(true);
        if (parsed.ok) setText(formatClinicalDate(parsed.iso));
      }}
      error={props.error ?? own}
    />
  );
}
