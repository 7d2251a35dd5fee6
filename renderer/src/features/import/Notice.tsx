import { Alert, type AlertProps } from '@mantine/core';
import type { ReactNode } from 'react';

const SYMBOL = { info: 'ℹ', warning: '⚠', error: '✗' } as const;

/**
 * A notice of the import (refusal, warnings, duplicates): the kind said by its symbol and words,
 * text in the body colour on a light tint (WCAG AA whatever the palette), a coloured border.
 */
export function Notice({ kind, title, children, ...rest }: { kind: keyof typeof SYMBOL; title?: ReactNode; children: ReactNode } & Omit<AlertProps, 'title' | 'color' | 'children'>) {
  const color = kind === 'error' ? 'red' : kind === 'warning' ? 'yellow' : 'blue';
  return (
    <Alert
      variant="outline"
      color={color}
      title={title ? <>{SYMBOL[kind]} {title}</> : undefined}
      styles={{ title: { color: 'var(--mantine-color-text)' }, message: { color: 'var(--mantine-color-text)' } }}
      {...rest}
    >
      {!title && `${SYMBOL[kind]} `}{children}
    </Alert>
  );
}
