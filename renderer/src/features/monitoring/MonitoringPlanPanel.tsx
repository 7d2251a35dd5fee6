import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MonitoringPlan } from '../../../../shared/api/monitoring.ts';
import { VITAL_KINDS, type VitalKind } from '../../../../shared/domain/record/vital-kinds.ts';
import { formatDecimal } from '../../../../shared/format/decimal.ts';
import { addDays } from '../../../../shared/domain/iso-date.ts';
import { todayIn } from '../../../../shared/format/clinical-time.ts';
import { routeHref } from '../../app/router.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { useClinicalZone } from '../record/useClinicalZone.ts';
import { MONITORED_KINDS, emptyParameter, readPlanForm, type ParameterFields, type PlanFields } from './plan-form.ts';

function range(r: { low?: number | undefined; high?: number | undefined }): string {
  if (r.low !== undefined && r.high !== undefined) return `${formatDecimal(r.low)}–${formatDecimal(r.high)}`;
  if (r.low !== undefined) return `≥ ${formatDecimal(r.low)}`;
  if (r.high !== undefined) return `≤ ${formatDecimal(r.high)}`;
  return '—';
}

/**
 * The patient's telemonitoring plans on the Parametri tab: the running ones with their
 * parameters, targets and thresholds and how many alerts are open; a form (keyboard, dates as
 * 15/03/2024, numbers as 12,5) to assign a new plan. Alerts are acted on in the worklist.
 */
export function MonitoringPlanPanel({ patientId, onSaved }: { patientId: string; /** A plan was saved (the Parametri charts redraw its targets). */ onSaved?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const zone = useClinicalZone();
  const [plans, setPlans] = useState<MonitoringPlan[] | null>(null);
  const [open, setOpen] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<PlanFields | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      const [p, a] = await Promise.all([api.call('monitoring.plans', { patientId }), api.call('monitoring.alerts', { patientId })]);
      setPlans(p.items);
      setOpen(a.items.length);
    } catch (e) {
      setError(errorText(t, e));
    }
  }, [api, patientId, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const startForm = () => {
    const today = todayIn(zone);
    setErrors({});
    setForm({ title: '', start: formatDate(today), end: formatDate(addDays(today, 89)), parameters: [emptyParameter()] });
  };
  const setParam = (i: number, patch: Partial<ParameterFields>) =>
    setForm((f) => f && { ...f, parameters: f.parameters.map((p, k) => (k === i ? { ...p, ...patch } : p)) });
  const err = (key: string) => (errors[key] ? t(`monitoring.plan.errors.${errors[key]}`) : undefined);

  const save = async () => {
    if (!form) return;
    const r = readPlanForm(form);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setSaving(true);
    try {
      await api.call('monitoring.savePlan', { patientId, plan: r.plan });
      setForm(null);
      await load();
      onSaved?.();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Paper withBorder p="md" data-testid="monitoring-plans">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">{t('monitoring.plan.title')}</Title>
          {!form && <Button size="xs" variant="default" onClick={startForm}>{t('monitoring.plan.new')}</Button>}
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {plans && plans.length === 0 && !form && <Text size="sm" c="dimmed">{t('monitoring.plan.none')}</Text>}
        {plans && plans.length > 0 && (
          <>
            {plans.map((p) => (
              <Stack key={p.id} gap={4} data-testid="monitoring-plan">
                <Text size="sm" fw={500}>{t('monitoring.plan.summary', { title: p.title, start: formatDate(p.start), end: formatDate(p.end) })}</Text>
                <Table aria-label={t('monitoring.plan.parametersOf', { title: p.title })}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('monitoring.plan.parameter')}</Table.Th>
                      <Table.Th>{t('monitoring.plan.every')}</Table.Th>
                      <Table.Th>{t('monitoring.plan.target')}</Table.Th>
                      <Table.Th>{t('monitoring.plan.alert')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.parameters.map((x) => (
                      <Table.Tr key={x.code}>
                        <Table.Td>{`${x.display} (${x.unit})`}</Table.Td>
                        <Table.Td>{t('monitoring.plan.everyDays', { count: x.everyDays })}</Table.Td>
                        <Table.Td>{range(x.target)}</Table.Td>
                        <Table.Td>{range(x.alert)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            ))}
            <Text size="sm" data-testid="monitoring-open-alerts">
              {t('monitoring.plan.openAlerts', { count: open })} · <Anchor size="sm" href={routeHref({ name: 'monitoring' })}>{t('monitoring.plan.toWorklist')}</Anchor>
            </Text>
          </>
        )}
        {form && (
          <Stack gap="xs" component="form" onSubmit={(e: React.FormEvent) => { e.preventDefault(); void save(); }} aria-label={t('monitoring.plan.formLabel')}>
            <TextInput label={t('monitoring.plan.fields.title')} value={form.title} onChange={(e) => setForm({ ...form, title: e.currentTarget.value })} error={err('title')} required />
            <Group grow>
              <TextInput label={t('monitoring.plan.fields.start')} placeholder="gg/mm/aaaa" value={form.start} onChange={(e) => setForm({ ...form, start: e.currentTarget.value })} error={err('start')} />
              <TextInput label={t('monitoring.plan.fields.end')} placeholder="gg/mm/aaaa" value={form.end} onChange={(e) => setForm({ ...form, end: e.currentTarget.value })} error={err('end')} />
            </Group>
            {form.parameters.map((p, i) => (
              <Group key={i} grow align="flex-start" wrap="wrap" data-testid="monitoring-parameter">
                <NativeSelect
                  label={t('monitoring.plan.parameter')}
                  value={p.kind}
                  onChange={(e) => setParam(i, { kind: e.currentTarget.value as VitalKind })}
                  data={MONITORED_KINDS.map((k) => ({ value: k, label: `${VITAL_KINDS[k].display} (${VITAL_KINDS[k].unit})` }))}
                  error={err(`parameters.${i}.kind`)}
                />
                <TextInput label={t('monitoring.plan.fields.everyDays')} inputMode="numeric" value={p.everyDays} onChange={(e) => setParam(i, { everyDays: e.currentTarget.value })} error={err(`parameters.${i}.everyDays`)} />
                <TextInput label={t('monitoring.plan.fields.targetLow')} inputMode="decimal" value={p.targetLow} onChange={(e) => setParam(i, { targetLow: e.currentTarget.value })} error={err(`parameters.${i}.targetLow`)} />
                <TextInput label={t('monitoring.plan.fields.targetHigh')} inputMode="decimal" value={p.targetHigh} onChange={(e) => setParam(i, { targetHigh: e.currentTarget.value })} error={err(`parameters.${i}.targetHigh`)} />
                <TextInput label={t('monitoring.plan.fields.alertLow')} inputMode="decimal" value={p.alertLow} onChange={(e) => setParam(i, { alertLow: e.currentTarget.value })} error={err(`parameters.${i}.alertLow`)} />
                <TextInput label={t('monitoring.plan.fields.alertHigh')} inputMode="decimal" value={p.alertHigh} onChange={(e) => setParam(i, { alertHigh: e.currentTarget.value })} error={err(`parameters.${i}.alertHigh`)} />
              </Group>
            ))}
            <Group>
              <Button size="xs" variant="subtle" onClick={() => setForm({ ...form, parameters: [...form.parameters, emptyParameter(MONITORED_KINDS.find((k) => !form.parameters.some((p) => p.kind === k)) ?? 'systolic')] })}>
                {t('monitoring.plan.addParameter')}
              </Button>
              <Button size="xs" type="submit" loading={saving}>{t('monitoring.plan.save')}</Button>
              <Button size="xs" variant="default" onClick={() => setForm(null)}>{t('monitoring.plan.cancel')}</Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
