import { Radio, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportDecisions, ReconciliationRow, TherapyAction } from '../../../../shared/api/import.ts';
import { RouteCode } from '../../../../shared/domain/record/entry-base.ts';

type TherapyChoice = ImportDecisions['therapy'][string];

/**
 * The therapy reconciliation of a discharge letter: per medicine, what the letter says, what the
 * patient takes now, and the doctor's choice (keep, change to the letter's dosage, stop; start a
 * new one or not). A letter without the route asks for it before the therapy can start.
 */
export function Reconciliation({ rows, choices, onChange }: { rows: ReconciliationRow[]; choices: Record<string, TherapyChoice>; onChange(key: string, c: TherapyChoice): void }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder fz="sm" data-testid="reconciliation">
      <Table.Caption c="gray.7">{t('importDoc.reconciliation.caption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('importDoc.reconciliation.letter')}</Table.Th>
          <Table.Th scope="col">{t('importDoc.reconciliation.current')}</Table.Th>
          <Table.Th scope="col">{t('importDoc.reconciliation.choice')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => {
          const choice = choices[r.key] ?? { action: r.action };
          const name = r.medicine ? (r.medicine.aic?.display ?? r.medicine.atc.display) : (r.current?.aic?.display ?? r.current?.atc.display ?? '');
          const needsRoute = r.needsRoute && (choice.action === 'start' || choice.action === 'change');
          return (
            <Table.Tr key={r.key} data-row={r.key}>
              <Table.Td>
                {r.medicine ? (
                  <>
                    <Text size="sm" fw={600}>{r.medicine.aic?.display ?? r.medicine.atc.display}</Text>
                    <Text size="xs">{r.medicine.atc.code} · {r.medicine.dosageText}</Text>
                  </>
                ) : <Text size="sm" c="gray.7">{t('importDoc.reconciliation.notInLetter')}</Text>}
              </Table.Td>
              <Table.Td>
                {r.current ? (
                  <>
                    <Text size="sm">{r.current.aic?.display ?? r.current.atc.display}</Text>
                    <Text size="xs">{r.current.dosageText}</Text>
                  </>
                ) : <Text size="sm" c="gray.7">{t('importDoc.reconciliation.none')}</Text>}
              </Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <Radio.Group
                    value={choice.action}
                    onChange={(v) => onChange(r.key, { ...choice, action: v as TherapyAction })}
                    label={t('importDoc.reconciliation.choiceFor', { name })}
                    labelProps={{ style: { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } }}
                  >
                    <Group gap="sm">
                      {r.actions.map((a) => <Radio key={a} value={a} label={t(`importDoc.actions.${a}`)} />)}
                    </Group>
                  </Radio.Group>
                  {needsRoute && (
                    <Select
                      size="xs"
                      label={t('importDoc.reconciliation.route')}
                      required
                      data={RouteCode.options.map((c) => ({ value: c, label: t(`pss.route.${c}`, { defaultValue: c }) }))}
                      value={choice.route ?? null}
                      onChange={(v) => onChange(r.key, { ...choice, ...(v ? { route: v as TherapyChoice['route'] } : {}) })}
                    />
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
