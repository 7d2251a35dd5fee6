import { Fragment } from 'react';
import { Kbd, Table, Text } from '@mantine/core';
import { AppModal } from './layers/AppModal.tsx';
import { useTranslation } from 'react-i18next';
import { SHORTCUT_DOCS } from './shortcuts.ts';

/** The help sheet (F1 or ?): every shortcut and what it does. */
export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const keyLabel = (k: string) => (k.startsWith('key:') ? t(`keys.${k.slice(4)}`) : k);
  return (
    <AppModal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="lg">
      <Table verticalSpacing="sm" aria-label={t('shortcuts.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('shortcuts.keys')}</Table.Th>
            <Table.Th scope="col">{t('shortcuts.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUT_DOCS.map((s) => (
            <Table.Tr key={s.label}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {s.keys.map((combo, i) => (
                  <Fragment key={combo.join('+')}>
                    {i > 0 && (
                      <Text span c="dimmed" size="sm" mx={6}>
                        {s.label === 'shortcuts.list' ? ' ' : s.label === 'chart.shortcut' ? ' … ' : t('shortcuts.or')}
                      </Text>
                    )}
                    {combo.map((k, j) => (
                      <Fragment key={k}>
                        {j > 0 && ' + '}
                        <Kbd>{keyLabel(k)}</Kbd>
                      </Fragment>
                    ))}
                  </Fragment>
                ))}
              </Table.Td>
              <Table.Td>{t(s.label)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </AppModal>
  );
}
