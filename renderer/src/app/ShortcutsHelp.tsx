import { Fragment } from 'react';
import { Kbd, Table, Text, Title } from '@mantine/core';
import { AppModal } from './layers/AppModal.tsx';
import { useTranslation } from 'react-i18next';
import { SHORTCUT_DOCS, type ShortcutDoc } from './shortcuts.ts';
import { IMAGING_SHORTCUT_DOCS } from '../features/imaging/viewer-keys.ts';

/** The help sheet (F1 or ?): every shortcut and what it does, the image viewer's in a table of their own. */
export function ShortcutsHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal opened={opened} onClose={onClose} title={t('shortcuts.title')} size="lg">
      <ShortcutTable docs={SHORTCUT_DOCS} label={t('shortcuts.title')} />
      <Title order={3} size="h5" mt="lg" mb="xs" id="shortcuts-imaging">
        {t('imaging.shortcuts.title')}
      </Title>
      <ShortcutTable docs={IMAGING_SHORTCUT_DOCS} label={t('imaging.shortcuts.title')} />
    </AppModal>
  );
}

function ShortcutTable({ docs, label }: { docs: readonly ShortcutDoc[]; label: string }) {
  const { t } = useTranslation();
  const keyLabel = (k: string) => (k.startsWith('key:') ? t(`keys.${k.slice(4)}`) : k);
  return (
    <Table verticalSpacing="sm" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('shortcuts.keys')}</Table.Th>
          <Table.Th scope="col">{t('shortcuts.action')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {docs.map((s) => (
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
  );
}
