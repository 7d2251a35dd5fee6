import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isAppError } from '../../../../shared/errors/index.ts';
import type { DefinitionItem, IndicatorDef } from '../../../../shared/api/cruscotto-definitions.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { DecimalInput, type DecimalValue } from '../../components/DecimalInput.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { definitionFields, getAt, parseCodes, setAt, type DefinitionField } from './definition-fields.ts';

/** What a field holds while edited: the number (PDC as a percentage), the codes as typed, or text that is not a number. */
type Draft = Record<string, DecimalValue>;
const keyOf = (f: DefinitionField) => f.path.join('.');

function shown(f: DefinitionField, d: IndicatorDef): DecimalValue {
  const v = getAt(d, f.path);
  if (f.kind === 'codes') return ((v as string[] | undefined) ?? []).join(', ');
  if (typeof v !== 'number') return undefined;
  return f.kind === 'percent' ? Math.round(v * 1000) / 10 : v;
}

function shownText(f: DefinitionField, d: IndicatorDef): string {
  const v = shown(f, d);
  return typeof v === 'number' ? formatDecimal(v) : (v ?? '—');
}

/**
 * The editor of one indicator's definition (DOMAIN.md §3.4): its windows, targets and code
 * lists, each beside its default; an unconfirmed definition says so in words. Saving replaces
 * the doctor's overrides (cruscotto.setDefinitions); the service refuses a bad value with the
 * path of the field, shown under it. "Ripristina predefiniti" drops this indicator's override.
 */
export function DefinitionEditor(props: { item: DefinitionItem; all: DefinitionItem[]; onSaved(items: DefinitionItem[], message: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { item } = props;
  const fields = useMemo(() => definitionFields(item.definition), [item.definition]);
  const [draft, setDraft] = useState<Draft>(() => Object.fromEntries(fields.map((f) => [keyOf(f), shown(f, item.definition)])));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const others = props.all.filter((x) => x.overridden && x.definition.id !== item.definition.id).map((x) => x.definition);

  const send = async (overrides: IndicatorDef[], message: string) => {
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const r = await api.call('cruscotto.setDefinitions', { overrides });
      props.onSaved(r.items, message);
    } catch (e) {
      if (isAppError(e) && e.code === 'INVALID_INPUT') {
        const own = `overrides.${overrides.length - 1}.`;
        const byField: Record<string, string> = {};
        for (const issue of (e.data as { issues: Array<{ path: string; message: string }> }).issues) {
          const f = fields.find((x) => issue.path.startsWith(own + keyOf(x)));
          if (f) byField[keyOf(f)] = issue.message;
        }
        setErrors(byField);
        if (!Object.keys(byField).length) setError(errorText(t, e));
      } else setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    let d = item.definition;
    const bad: Record<string, string> = {};
    for (const f of fields) {
      const v = draft[keyOf(f)];
      if (f.kind === 'codes') {
        const codes = parseCodes(typeof v === 'string' ? v : '');
        if (codes.length || getAt(d, f.path) !== undefined) d = setAt(d, f.path, codes);
      }
      else if (typeof v !== 'number') bad[keyOf(f)] = t('cruscotto.defs.invalid');
      else d = setAt(d, f.path, f.kind === 'percent' ? v / 100 : v);
    }
    if (Object.keys(bad).length) {
      setErrors(bad);
      return;
    }
    void send([...others, d], t('cruscotto.defs.saved'));
  };

  const groups: Array<{ key: string; label: string; fields: DefinitionField[] }> = [];
  for (const f of fields) {
    const key = `${f.group}:${f.part ?? 0}`;
    let g = groups.find((x) => x.key === key);
    if (!g) {
      const base = t(`cruscotto.defs.${f.group}`);
      groups.push((g = { key, label: f.part ? `${base} — ${t('cruscotto.defs.part', { n: f.part })}` : base, fields: [] }));
    }
    g.fields.push(f);
  }

  return (
    <Stack gap="sm">
      <Text size="sm">{t('cruscotto.defs.intro')}</Text>
      {item.definition.confirmed ? (
        <Text size="sm">{t('cruscotto.defs.confirmedText')}</Text>
      ) : (
        <Alert color="orange" variant="light" title={t('cruscotto.unconfirmed')} data-testid="definition-unconfirmed">
          {t('cruscotto.defs.unconfirmedText')}
        </Alert>
      )}
      {item.overridden && <Badge variant="outline" color="blue.9" w="fit-content">{t('cruscotto.defs.overriddenText')}</Badge>}
      <Text size="xs" c="dimmed">{t('cruscotto.defs.source', { source: item.definition.source })}</Text>
      {item.definition.note && <Text size="xs" c="dimmed">{item.definition.note}</Text>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack gap="xs">
          {groups.map((g) => (
            <Stack key={g.key} gap={4}>
              <Title order={3} size="h6">{g.label}</Title>
              {g.fields.map((f) => {
                const k = keyOf(f);
                const label = t(`cruscotto.defs.field.${f.name}`);
                const description = t('cruscotto.defs.default', { value: shownText(f, item.defaults) });
                return f.kind === 'codes' ? (
                  <TextInput
                    key={k}
                    label={label}
                    description={`${t('cruscotto.defs.codesHelp')}. ${description}`}
                    value={typeof draft[k] === 'string' ? draft[k] : ''}
                    onChange={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
                    error={errors[k]}
                    autoComplete="off"
                  />
                ) : (
                  <DecimalInput
                    key={k}
                    label={label}
                    description={description}
                    integer={f.kind === 'int'}
                    unit={f.unit}
                    value={draft[k]}
                    onChange={(v) => setDraft({ ...draft, [k]: v })}
                    error={errors[k]}
                  />
                );
              })}
            </Stack>
          ))}
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <Group>
            <Button type="submit" loading={busy}>{t('cruscotto.defs.save')}</Button>
            <Button variant="default" disabled={busy || !item.overridden} onClick={() => void send(others, t('cruscotto.defs.resetDone'))}>
              {t('cruscotto.defs.resetOne')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
