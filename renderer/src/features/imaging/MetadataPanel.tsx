import { Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DicomMetadata } from '../../../../shared/dicom/metadata.ts';
import { transferSyntax } from '../../../../shared/dicom/transfer-syntax.ts';
import { formatDate } from '../patients/format.ts';
import { formatNumber, personText } from './format.ts';

/** The file's main attributes, for the doctor who wants to know what they are looking at. */
export function MetadataPanel({ metadata: m }: { metadata: DicomMetadata }) {
  const { t, i18n } = useTranslation();
  const num = (v: number | undefined, digits = 3) => (v === undefined ? undefined : formatNumber(v, i18n.language, digits));
  const img = m.image;
  const rows: [string, string | undefined][] = [
    ['patient', personText(m.patient.name)],
    ['patientId', m.patient.id],
    ['birthDate', m.patient.birthDate && formatDate(m.patient.birthDate)],
    ['studyDate', m.study.date && formatDate(m.study.date)],
    ['study', m.study.description],
    ['accession', m.study.accessionNumber],
    ['institution', m.study.institution],
    ['referring', personText(m.study.referringPhysician)],
    ['modality', m.modality],
    ['series', [m.series.number, m.series.description].filter((x) => x !== undefined && x !== '').join(' · ')],
    ['bodyPart', m.series.bodyPart],
    ['manufacturer', m.series.manufacturer],
    ['instance', m.instance.number?.toString()],
    ['transferSyntax', transferSyntax(m.transferSyntaxUid)?.name ?? m.transferSyntaxUid],
    ['size', img && `${img.columns} × ${img.rows}${img.frames > 1 ? ` × ${img.frames}` : ''}`],
    ['photometric', img?.photometric],
    ['bits', img && `${img.bitsStored} / ${img.bitsAllocated}`],
    ['spacing', img?.spacing && `${num(img.spacing.row)} × ${num(img.spacing.column)} mm (${img.spacing.source})`],
    ['thickness', img?.sliceThickness !== undefined ? `${num(img.sliceThickness)} mm` : undefined],
    ['windows', img?.windows.map((w) => `${num(w.center, 0)} / ${num(w.width, 0)}${w.explanation ? ` (${w.explanation})` : ''}`).join('; ')],
    ['rescale', img && `${num(img.rescale.slope)} · x + ${num(img.rescale.intercept)}`],
    ['sopInstanceUid', m.sopInstanceUid],
  ];
  return (
    <section aria-labelledby="imaging-metadata-title" style={{ width: 320, flexShrink: 0, display: 'flex', flexDirection: 'column' }} data-testid="imaging-metadata">
      <Title order={3} size="h5" id="imaging-metadata-title" mb={4}>
        {t('imaging.metadata.title')}
      </Title>
      {/* Focusable so that the keyboard can scroll it (WCAG 2.1.1). */}
      <div tabIndex={0} aria-labelledby="imaging-metadata-title" style={{ flex: 1, overflow: 'auto' }}>
        <Table fz="xs" verticalSpacing={2}>
          <Table.Tbody>
            {rows
              .filter((r): r is [string, string] => Boolean(r[1]))
              .map(([k, v]) => (
                <Table.Tr key={k}>
                  <Table.Th scope="row" style={{ width: '42%' }}>
                    {t(`imaging.metadata.${k}`)}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{v}</Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </div>
    </section>
  );
}
