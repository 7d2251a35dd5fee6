import { useEffect, useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Term, TermSystem } from '../../../../shared/api/terms.ts';
import { useApi } from '../../platform/api-context.tsx';

export interface Coded {
  code: string;
  display: string;
}

const label = (t: { code: string; display: string }) => `${t.code} — ${t.display}`;

/** A coded field with type-ahead over the official table (`terms.search`). */
export function CodePicker(props: {
  system: TermSystem;
  /** Only codes starting with this (ATC J07 for vaccines). */
  codePrefix?: string;
  label: string;
  value: Coded | undefined;
  onChange(value: Coded | undefined, term?: Term): void;
  error?: string | undefined;
  required?: boolean;
  autoFocus?: boolean;
  /** The field a window focuses first when it opens (AppModal). */
  'data-autofocus'?: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<Term[]>([]);
  useEffect(() => {
    let live = true;
    const text = search.includes(' — ') ? '' : search;
    const timer = setTimeout(() => {
      api.call('terms.search', { system: props.system, text, limit: 30, ...(props.codePrefix ? { codePrefix: props.codePrefix } : {}) }).then((r) => live && setItems(r.items), () => undefined);
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, props.system, props.codePrefix, search]);
  const data = useMemo(() => {
    const list = items.map((i) => ({ value: i.code, label: label(i) }));
    if (props.value && !list.some((o) => o.value === props.value!.code)) list.unshift({ value: props.value.code, label: label(props.value) });
    return list;
  }, [items, props.value]);
  return (
    <Select
      label={props.label}
      placeholder={t('pss.fields.search')}
      searchable
      clearable={!props.required}
      required={props.required}
      autoFocus={props.autoFocus}
      data-autofocus={props['data-autofocus']}
      data={data}
      value={props.value?.code ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage="—"
      error={props.error}
      onChange={(code) => {
        if (!code) return props.onChange(undefined);
        const term = items.find((i) => i.code === code);
        if (term) props.onChange({ code: term.code, display: term.display }, term);
        else if (props.value?.code === code) props.onChange(props.value);
      }}
    />
  );
}
