import { useEffect, useRef } from 'react';
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { routeHref } from '../../app/router.ts';
import { formatDate } from './format.ts';
import { useAgeText } from './useAgeText.ts';

interface Props {
  items: PatientSummary[];
  /** The row chosen with the arrow keys (Enter opens it). */
  activeIndex: number;
  onOpen(patient: PatientSummary): void;
}

/** The panel list: surname, name, birth date, age, sex, identifier; sticky header; one row active. */
export function PatientTable({ items, activeIndex, onOpen }: Props) {
  const { t } = useTranslation();
  const ageText = useAgeText();
  const activeRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // Braces: newer Chromium returns a Promise from scrollIntoView, which must not become the effect's cleanup.
    void activeRow.current?.scrollIntoView({ block: 'nearest' });
  }, [activeIndex]);

  return (
    <Table.ScrollContainer minWidth={720} maxHeight="calc(100vh - 250px)">
      <Table id="patient-list" stickyHeader highlightOnHover verticalSpacing="xs" aria-label={t('patients.tableLabel')} data-testid="patient-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('patient.fields.surname')}</Table.Th>
            <Table.Th scope="col">{t('patient.fields.givenName')}</Table.Th>
            <Table.Th scope="col">{t('patient.fields.birthDate')}</Table.Th>
            <Table.Th scope="col">{t('patient.fields.age')}</Table.Th>
            <Table.Th scope="col">{t('patient.fields.sex')}</Table.Th>
            <Table.Th scope="col">{t('patient.fields.codiceFiscale')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p, i) => {
            const active = i === activeIndex;
            return (
              <Table.Tr
                key={p.id}
                ref={active ? activeRow : undefined}
                id={`patient-row-${i}`}
                aria-current={active || undefined}
                data-active={active || undefined}
                bg={active ? 'var(--mantine-primary-color-light)' : undefined}
                onClick={() => onOpen(p)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Anchor href={routeHref({ name: 'patient', id: p.id })} c="inherit" fz="inherit" fw={600} underline="hover">
                    {p.surname}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.givenName}</Table.Td>
                <Table.Td ff="monospace">{formatDate(p.birthDate)}</Table.Td>
                <Table.Td>{ageText(p.birthDate)}</Table.Td>
                <Table.Td>
                  <abbr title={t(`patient.sex.${p.sex}`)} style={{ textDecoration: 'none' }}>
                    {p.sex}
                  </abbr>
                </Table.Td>
                <Table.Td ff="monospace">
                  {p.identifier}
                  {p.identifierKind !== 'CF' && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t(`patient.identifierKinds.${p.identifierKind}`)}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
