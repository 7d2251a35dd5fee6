import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InstanceEntry } from '../../../../shared/api/imaging.ts';
import type { SrItem } from '../../../../shared/dicom/structured-report.ts';
import { errorText } from '../../platform/error-text.ts';
import { download } from '../signing/files.ts';
import { bytesToBase64 } from './format.ts';
import type { StudyFiles } from './useStudyFiles.ts';

/**
 * A series without images (structured reports, segmentations, dose reports, documents):
 * each object with what it is, and a structured report's content as indented text.
 */
export function ObjectsPanel({ instances, files }: { instances: readonly InstanceEntry[]; files: StudyFiles }) {
  const { t } = useTranslation();
  return (
    <div tabIndex={0} role="region" aria-label={t('imaging.series.objectsRegion')} style={{ flex: 1, overflow: 'auto' }} data-testid="imaging-objects">
      <Stack gap="sm">
        {instances.map((i) => {
          const opened = files.opened.get(i.sopInstanceUid);
          const failed = files.failed.get(i.sopInstanceUid);
          return (
            <Paper key={i.sopInstanceUid} withBorder p="sm">
              <Title order={4} size="h6">
                {t(`imaging.kinds.${i.kind}`)}
                {i.number !== undefined && ` · ${t('imaging.series.instance', { number: i.number })}`}
              </Title>
              <Text size="sm" c="gray.7">
                {t(`imaging.kindHelp.${i.kind}`)}
              </Text>
              {failed !== undefined && (
                <Alert color="red" role="alert" mt="xs" p="xs">
                  {errorText(t, failed)}
                </Alert>
              )}
              {opened?.document && (
                <Button mt="xs" size="xs" variant="light" onClick={() => download(documentName(opened.document!), bytesToBase64(opened.document!.bytes))}>
                  {t('imaging.document.save', { title: opened.document.title || opened.document.mimeType })}
                </Button>
              )}
              {opened?.report && (
                <div data-testid="imaging-sr">
                  <SrTree item={opened.report.root} />
                  {opened.report.truncated && <Text size="xs">{t('imaging.sr.truncated')}</Text>}
                </div>
              )}
            </Paper>
          );
        })}
      </Stack>
    </div>
  );
}

/** A file name for an encapsulated document (PS3.3 C.24.2): its title, with .pdf for a PDF. */
function documentName(d: { mimeType: string; title?: string }): string {
  const base = (d.title || 'documento').replace(/[\\/:*?"<>|]+/g, '_').slice(0, 80);
  return d.mimeType === 'application/pdf' && !/\.pdf$/i.test(base) ? `${base}.pdf` : base;
}

function SrTree({ item }: { item: SrItem }) {
  return (
    <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
      <li>
        <Text size="sm" span fw={item.children.length ? 600 : 400}>
          {item.concept}
          {item.concept && item.value ? ': ' : ''}
        </Text>
        {item.value && <Text size="sm" span>{item.value}</Text>}
        {item.children.map((c, k) => (
          <SrTree key={k} item={c} />
        ))}
      </li>
    </ul>
  );
}
