import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { formatClinicalDate } from '../../../../shared/format/clinical-date.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { newEntryId } from '../pss/sections.ts';
import { Part } from './RecordPart.tsx';
import { useRecordPart } from './useRecordPart.ts';

/** The therapies in progress, each with "Ripeti": a refill with the plan's posology and packs in one key (Enter on the button). */
export function TherapyPlanList({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const { data } = useRecordPart(patientId, ['therapies', 'prescriptions'], (a) => a.call('therapy.listPlans', { patientId, status: ['active'] }));
  const repeat = async (planId: string, drug: string) => {
    if (busy) return;
    setBusy(planId);
    try {
      const rx = await api.call('prescriptions.repeatPlan', { patientId, planId, id: newEntryId('prescription') });
      notifications.show({ color: 'green', message: t('record.plans.repeated', { drug, count: rx.kind === 'medicine' ? rx.packs : 1 }) });
    } catch (e) {
      notifications.show({ color: 'red', message: errorText(t, e) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Part title={t('record.plans.title')} testId="record-plans">
      {data?.items.length === 0 && <Text size="sm" c="dimmed">{t('record.plans.empty')}</Text>}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {data?.items.map(({ plan, lastPrescribed }) => {
          const drug = plan.aic?.display ?? plan.atc.display;
          return (
            <Group component="li" key={plan.id} justify="space-between" wrap="nowrap" gap="xs">
              <div>
                <Text size="sm" fw={600}>{drug}</Text>
                <Text size="xs" c="dimmed">
                  {plan.dosageText} · {lastPrescribed ? t('record.plans.lastPrescribed', { date: formatClinicalDate(lastPrescribed) }) : t('record.plans.never')}
                </Text>
              </div>
              <Button size="xs" variant="default" style={{ flexShrink: 0 }} loading={busy === plan.id} aria-label={t('record.plans.repeatLabel', { drug })} onClick={() => void repeat(plan.id, drug)}>
                {t('record.plans.repeat')}
              </Button>
            </Group>
          );
        })}
      </Stack>
    </Part>
  );
}
