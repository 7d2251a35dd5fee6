import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Group, Loader, NativeSelect, Progress, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SeriesEntry, StudyDetail } from '../../../../shared/api/imaging.ts';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { formatDate } from '../patients/format.ts';
import { MetadataPanel } from './MetadataPanel.tsx';
import { ObjectsPanel } from './ObjectsPanel.tsx';
import { SeriesThumbnail } from './SeriesThumbnail.tsx';
import { useStudyFiles } from './useStudyFiles.ts';
import { measureArrow, runCommand } from './view-commands.ts';
import { fixPoint, initialView, step, type ViewState, type WindowChoice } from './view-state.ts';
import { commandFor, type ViewerCommand } from './viewer-keys.ts';
import { Viewport } from './Viewport.tsx';
import { seriesStack } from './series-stack.ts';
import { DicomWorkerClient } from './worker-client.ts';

const PRESETS: Exclude<WindowChoice, 'custom'>[] = ['file', 'polmone', 'osso', 'addome', 'encefalo', 'auto'];

/** Cine speed when the file gives no Frame Time (PS3.3 C.7.6.5). */
const DEFAULT_FRAME_MS = 100;

export function seriesLabel(t: (k: string, o?: Record<string, unknown>) => string, s: SeriesEntry): string {
  return [s.number !== undefined ? t('imaging.series.number', { number: s.number }) : t('imaging.series.unnumbered'), s.modality, s.description].filter(Boolean).join(' · ');
}

/**
 * One study on screen: its series on the left (images first; structured reports and other
 * objects listed with what they are), the chosen series' stack in the viewport, the toolbar
 * above it. The viewport takes the keyboard (viewer-keys.ts); decoding runs in a worker that
 * lives as long as this component.
 */
export function StudyViewer({ patientId, studyUid }: { patientId: string; studyUid: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [study, setStudy] = useState<StudyDetail>();
  const [loadError, setLoadError] = useState<unknown>();
  const [worker, setWorker] = useState<DicomWorkerClient>();
  const [seriesUid, setSeriesUid] = useState<string>();
  const [view, setView] = useState<ViewState>(() => initialView(0));
  const [showMetadata, setShowMetadata] = useState(false);
  const viewportBox = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const w = new DicomWorkerClient();
    setWorker(w);
    return () => w.dispose();
  }, []);

  useEffect(() => {
    let live = true;
    api.call('imaging.study', { patientId, studyUid }).then(
      (s) => {
        if (!live) return;
        setStudy(s);
        setSeriesUid((cur) => cur ?? (s.series.find((x) => x.instances.some((i) => i.kind === 'image')) ?? s.series[0])?.seriesUid);
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api, patientId, studyUid]);

  const files = useStudyFiles(patientId, worker);
  const series = study?.series.find((s) => s.seriesUid === seriesUid);
  const stack = useMemo(() => seriesStack(series), [series]);
  const { load } = files;

  useEffect(() => {
    setView(initialView(stack.length));
    if (series) load(series.instances.map((i) => i.sopInstanceUid));
  }, [series, stack.length, load]);

  // Each series' middle image for its thumbnail, queued behind the series on screen.
  useEffect(() => {
    if (!study) return;
    load(study.series.flatMap((s) => {
      const st = seriesStack(s);
      const mid = st[Math.floor(st.length / 2)];
      return mid ? [mid.key] : [];
    }), 'last');
  }, [study, load]);

  // The viewport takes the keyboard as soon as a series with images is on screen.
  const hasStack = stack.length > 0;
  useEffect(() => {
    if (hasStack) viewportBox.current?.querySelector<HTMLElement>('[data-testid="imaging-viewport"]')?.focus();
  }, [hasStack, seriesUid]);

  const item = stack[view.index];
  const opened = item ? files.opened.get(item.key) : undefined;
  const image = opened?.metadata.image;
  const imageSize = image ? { width: image.columns, height: image.rows } : undefined;

  // Cine: the next frame at the file's frame rate, round and round, until stopped.
  const frameMs = image?.frameTimeMs && image.frameTimeMs > 0 ? image.frameTimeMs : DEFAULT_FRAME_MS;
  useEffect(() => {
    if (!view.playing) return;
    const id = setInterval(() => setView((s) => step(s, 1, true)), frameMs);
    return () => clearInterval(id);
  }, [view.playing, frameMs]);

  const run = (command: ViewerCommand) => {
    if (command === 'metadata') setShowMetadata((v) => !v);
    else setView((s) => runCommand(s, command, imageSize));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && view.tool === 'measure') {
      e.preventDefault();
      setView(fixPoint);
      return;
    }
    if (imageSize && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const moved = measureArrow(view, e.key, e.shiftKey, imageSize);
      if (moved) {
        e.preventDefault();
        setView(moved);
        return;
      }
    }
    const command = commandFor(e);
    if (!command) return;
    e.preventDefault();
    e.stopPropagation();
    run(command);
  };

  if (loadError) return <Alert color="red" role="alert">{errorText(t, loadError)}</Alert>;
  if (!study || !worker) return <Loader role="status" aria-label={t('imaging.viewer.loading')} />;

  const seriesFiles = series?.instances ?? [];
  const ready = seriesFiles.filter((i) => files.opened.has(i.sopInstanceUid) || files.failed.has(i.sopInstanceUid)).length;
  const damaged = seriesFiles.filter((i) => files.failed.has(i.sopInstanceUid)).length;
  const toolButton = (tool: ViewState['tool'], command: ViewerCommand, key: string) => (
    <Button size="xs" variant={view.tool === tool ? 'filled' : 'default'} aria-pressed={view.tool === tool} onClick={() => run(command)} title={key}>
      {t(`imaging.tools.${tool}`)}
    </Button>
  );

  return (
    <div style={{ display: 'flex', gap: 12, height: 'calc(100vh - 190px)', minHeight: 360 }} data-testid="imaging-viewer">
      <nav aria-label={t('imaging.series.title')} style={{ width: 240, flexShrink: 0, display: 'flex', flexDirection: 'column' }}>
        <Title order={3} size="h5" mb={4}>
          {study.description || t('imaging.studies.noDescription')}
        </Title>
        <Text size="sm" c="gray.7" mb="xs">
          {[study.date && formatDate(study.date), study.institution].filter(Boolean).join(' · ')}
        </Text>
        <ScrollArea style={{ flex: 1 }}>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {study.series.map((s) => {
              const stackOf = seriesStack(s);
              const images = stackOf.length;
              const thumb = stackOf[Math.floor(images / 2)]?.key;
              const current = s.seriesUid === seriesUid;
              return (
                <li key={s.seriesUid}>
                  <UnstyledButton
                    onClick={() => setSeriesUid(s.seriesUid)}
                    aria-current={current ? 'true' : undefined}
                    data-testid="imaging-series"
                    p="xs"
                    style={{ display: 'block', width: '100%', borderRadius: 4, border: '1px solid var(--mantine-color-gray-4)', background: current ? 'var(--mantine-color-blue-1)' : undefined }}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      {thumb && <SeriesThumbnail worker={worker} sopInstanceUid={thumb} opened={files.opened.get(thumb)} />}
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={current ? 700 : 500}>
                          {seriesLabel(t, s)}
                        </Text>
                        <Text size="xs" c="gray.7">
                          {images > 0 ? t('imaging.series.images', { count: images }) : t('imaging.series.objects', { count: s.instances.length })}
                        </Text>
                      </div>
                    </Group>
                  </UnstyledButton>
                </li>
              );
            })}
          </Stack>
        </ScrollArea>
      </nav>
      <div style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
        {stack.length > 0 && (
          <Group gap="xs" wrap="wrap" role="toolbar" aria-label={t('imaging.toolbar.label')} aria-controls="imaging-viewport">
            <NativeSelect
              size="xs"
              label={t('imaging.toolbar.window')}
              value={view.window === 'custom' ? '' : view.window}
              onChange={(e) => e.currentTarget.value && run(e.currentTarget.value as ViewerCommand)}
              data={[...(view.window === 'custom' ? [{ value: '', label: t('imaging.presets.custom') }] : []), ...PRESETS.map((p) => ({ value: p, label: t(`imaging.presets.${p}`) }))]}
              styles={{ root: { display: 'flex', alignItems: 'center', gap: 6 } }}
            />
            {toolButton('window', 'toolWindow', 'W')}
            {toolButton('pan', 'toolPan', 'P')}
            {toolButton('zoom', 'toolZoom', 'Z')}
            {toolButton('measure', 'toolMeasure', 'M')}
            <Button size="xs" variant={view.invert ? 'filled' : 'default'} aria-pressed={view.invert} onClick={() => run('invert')}>
              {t('imaging.toolbar.invert')}
            </Button>
            <Button size="xs" variant="default" onClick={() => run('rotateRight')}>
              {t('imaging.toolbar.rotate')}
            </Button>
            <Button size="xs" variant="default" onClick={() => run('flipH')}>
              {t('imaging.toolbar.flipH')}
            </Button>
            <Button size="xs" variant="default" onClick={() => run('reset')}>
              {t('imaging.toolbar.reset')}
            </Button>
            {stack.length > 1 && (
              <Button size="xs" variant={view.playing ? 'filled' : 'default'} aria-pressed={view.playing} onClick={() => run('play')}>
                {t('imaging.toolbar.cine')}
              </Button>
            )}
            <Button size="xs" variant={showMetadata ? 'filled' : 'default'} aria-pressed={showMetadata} onClick={() => run('metadata')}>
              {t('imaging.toolbar.metadata')}
            </Button>
          </Group>
        )}
        {ready < seriesFiles.length && (
          <div>
            <Text size="sm" id="imaging-loading-text">
              {t('imaging.viewer.loadingFiles', { done: ready, total: seriesFiles.length })}
            </Text>
            <Progress value={(100 * ready) / Math.max(1, seriesFiles.length)} aria-labelledby="imaging-loading-text" size="sm" />
          </div>
        )}
        {damaged > 0 && (
          <Alert color="orange" role="status" p="xs">
            {t('imaging.viewer.damaged', { count: damaged })}
          </Alert>
        )}
        <div style={{ flex: 1, minHeight: 0, display: 'flex', gap: 8 }}>
          {stack.length > 0 ? (
            <div ref={viewportBox} id="imaging-viewport" onKeyDown={onKeyDown} style={{ flex: 1, minWidth: 0, display: 'flex' }}>
              <Viewport worker={worker} stack={stack} opened={files.opened} failed={files.failed} view={view} setView={setView} seriesLabel={series ? seriesLabel(t, series) : ''} />
            </div>
          ) : (
            series && <ObjectsPanel instances={series.instances} files={files} />
          )}
          {showMetadata && opened && <MetadataPanel metadata={opened.metadata} />}
        </div>
      </div>
    </div>
  );
}
