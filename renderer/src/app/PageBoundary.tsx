import { Component, type ReactNode } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageChunkError } from './lazy-pages.ts';

function ChunkFailed() {
  const { t } = useTranslation();
  return (
    <Alert color="red" title={t('pageLoading.failedTitle')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('pageLoading.failed')}</Text>
        <Button size="xs" onClick={() => location.reload()}>
          {t('pageLoading.reload')}
        </Button>
      </Stack>
    </Alert>
  );
}

interface Props {
  /** The page shown (its route's name): another page clears a failure. */
  page: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  page: string;
}

/**
 * Catches only a page chunk that could not be loaded (lazy-pages.ts) and offers a reload; any
 * other error goes on to where it went before the pages were split.
 */
export class PageBoundary extends Component<Props, State> {
  override state: State = { error: null, page: this.props.page };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.page === state.page ? null : { error: null, page: props.page };
  }

  override render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    if (error instanceof PageChunkError) return <ChunkFailed />;
    throw error;
  }
}
