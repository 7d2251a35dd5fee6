import { Checkbox, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReceivedPlan } from '../../../../shared/api/import.ts';
import { entrySummary, type AnyEntry } from '../pss/sections.ts';

type Group = 'problems' | 'allergies' | 'encounters';

/**
 * Proposals of a received letter (discharge diagnoses, allergies, the hospital stay): each one
 * checked by default unless the record already holds it; nothing is written until confirmed.
 */
export function Proposals({ plan, include, onToggle }: { plan: ReceivedPlan; include: Record<string, boolean>; onToggle(localId: string, on: boolean): void }) {
  const { t } = useTranslation();
  const groups: Group[] = ['problems', 'allergies', 'encounters'];
  return (
    <>
      {groups.filter((g) => plan[g].length > 0).map((g) => (
        <Stack key={g} gap={4} data-testid={`proposals-${g}`}>
          <Title order={3} size="h6">{t(`importDoc.proposals.${g}`)}</Title>
          {plan[g].map((p) => {
            const localId = p.entry.id.split('.').pop()!;
            const label = entrySummary(t, g, p.entry as unknown as AnyEntry);
            return p.already ? (
              <Text key={p.entry.id} size="sm" c="gray.7">{label} — {t('importDoc.already')}</Text>
            ) : (
              <Checkbox key={p.entry.id} label={label} checked={include[localId] ?? p.include} onChange={(e) => onToggle(localId, e.currentTarget.checked)} />
            );
          })}
        </Stack>
      ))}
    </>
  );
}
