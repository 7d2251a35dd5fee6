import { useEffect, useState, type ReactNode } from 'react';
import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDecimal, parseDecimal } from '../../../shared/format/decimal.ts';

/** What a number field holds: the number, nothing, or the text as typed when it is not a number (the form refuses it). */
export type DecimalValue = number | string | undefined;

/**
 * The one number field of the app: "12,5" and "12.5" are the same value, shown as "12,5"
 * once the field is left; text that is not a number is kept as typed and said to be wrong,
 * never shortened into another number (shared/format/decimal.ts). The unit, when given, is
 * printed in the field (UX.md: units always shown).
 */
export function DecimalInput(props: {
  label: ReactNode;
  value: DecimalValue;
  onChange(value: DecimalValue): void;
  integer?: boolean;
  unit?: string | undefined;
  error?: string | undefined;
  description?: ReactNode;
  required?: boolean | undefined;
  autoFocus?: boolean | undefined;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  const { value, integer } = props;
  const [text, setText] = useState(() => (typeof value === 'number' ? formatDecimal(value) : (value ?? '')));
  const [touched, setTouched] = useState(false);

  // A value changed from outside (another kind chosen, an entry loaded) replaces the text.
  useEffect(() => {
    setText((current) => {
      const parsed = parseDecimal(current, { integer });
      if (value === undefined) return '';
      if (typeof value === 'number') return parsed.ok && parsed.value === value ? current : formatDecimal(value);
      return current === value ? current : value;
    });
  }, [value, integer]);

  const parsed = parseDecimal(text, { integer });
  const own = !parsed.ok && parsed.reason !== 'empty' && touched ? t(parsed.reason === 'not-integer' ? 'input.number.notInteger' : 'input.number.invalid') : undefined;
  return (
    <TextInput
      label={props.label}
      description={props.description}
      required={props.required}
      autoFocus={props.autoFocus}
      inputMode={integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      value={text}
      data-testid={props['data-testid']}
      rightSection={props.unit ? <span aria-hidden="true">{props.unit}</span> : undefined}
      rightSectionWidth={props.unit ? Math.max(36, props.unit.length * 9 + 16) : undefined}
      rightSectionPointerEvents="none"
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const p = parseDecimal(next, { integer });
        props.onChange(p.ok ? p.value : p.reason === 'empty' ? undefined : next);
      }}
      onBlur={() => {
        setTouched(true);
        if (parsed.ok) setText(formatDecimal(parsed.value));
      }}
      error={props.error ?? own}
    />
  );
}
