import type { ReactNode } from 'react';
import { Stack, Title } from '@mantine/core';

/** One titled part of the record's section (diary, therapies, prescriptions, vital signs). */
export function Part({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Stack gap={6} data-testid={testId}>
      <Title order={3} size="h5">{title}</Title>
      {children}
    </Stack>
  );
}

/** How many rows a part shows before "more". */
export const PAGE = 5;
