import { memo, useEffect, useRef } from 'react';
import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient.ts';
import { routeHref } from '../../app/router.ts';
import { formatDate } from './format.ts';
import { useAgeText } from './useAgeText.ts';

const TR_CLASS = `${Table.classes.tr} mantine-Table-tr`;
const TD_CLASS = `${Table.classes.td} mantine-Table-td`;
// What <Anchor c="inherit" fz="inherit" fw={600} underline="hover"> renders.
const LINK_CLASS = `mantine-focus-auto ${Anchor.classes.root} ${Text.classes.root} mantine-Text-root mantine-Anchor-root`;
const LINK_STYLE = { color: 'inherit', fontSize: 'inherit', fontWeight: 600 };
const MONO = { fontFamily: 'var(--mantine-font-family-monospace)' };
const ROW_STYLE = { cursor: 'pointer' };
const ACTIVE_ROW_STYLE = { cursor: 'pointer', background: 'var(--mantine-primary-color-light)' };

interface Props {
  items: PatientSummary[];
  /** The row chosen with the arrow keys (Enter opens it). */
  activeIndex: number;
  onOpen(patient: PatientSummary): void;
}

/**
 * The panel list: surname, name, birth date, age, sex, identifier; sticky header; one row active.
 * memo: drawn again only when its rows, the active row or the language change, not with every
 * render of the page above it.
 */
export const PatientTable = memo(function PatientTable({ items, activeIndex, onOpen }: Props) {
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
            // Plain elements with the classes and data attributes Table.Tr / Table.Td / Anchor give
            // (Table.classes, the static classes, this table's row border and hover): the same markup
            // and look without a Mantine component (props, styles, context) per cell; the panel list is
            // the first page's largest render (bench "node host start", page open → patient rows shown).
            return (
              <tr
                key={p.id}
                ref={active ? activeRow : undefined}
                id={`patient-row-${i}`}
                className={TR_CLASS}
                data-with-row-border
                data-hover
                aria-current={active || undefined}
                data-active={active || undefined}
                onClick={() => onOpen(p)}
                style={active ? ACTIVE_ROW_STYLE : ROW_STYLE}
              >
                <td className={TD_CLASS}>
                  <a className={LINK_CLASS} data-underline="hover" href={routeHref({ name: 'patient', id: p.id })} style={LINK_STYLE}>
                    {p.surname}
                  </a>
                </td>
                <td className={TD_CLASS}>{p.givenName}</td>
                <td className={TD_CLASS} style={MONO}>
                  {formatDate(p.birthDate)}
                </td>
                <td className={TD_CLASS}>{ageText(p.birthDate)}</td>
                <td className={TD_CLASS}>
                  <abbr title={t(`patient.sex.${p.sex}`)} style={{ textDecoration: 'none' }}>
                    {p.sex}
                  </abbr>
                </td>
                <td className={TD_CLASS} style={MONO}>
                  {p.identifier}
                  {p.identifierKind !== 'CF' && (
                    <Text span size="xs" c="dimmed" ml={6}>
                      {t(`patient.identifierKinds.${p.identifierKind}`)}
                    </Text>
                  )}
                </td>
              </tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
});
