import { createTheme } from '@mantine/core';

/** Calm, legible, high-contrast (WCAG AA): system fonts, one accent colour, visible focus. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 5 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
});
