import { Anchor, createTheme, DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import { accessiblePalette } from './contrast.ts';

/**
 * Calm, legible, high-contrast (WCAG 2.1 AA, UX.md "Accessible"): system fonts, one accent
 * colour, visible focus. Contrast is settled here, once for every screen: the palettes' text
 * and filled shades (6–9) are darkened to 4.6:1 against white and against their own light
 * background (contrast.ts), so grey helper text ("dimmed" is gray 6), filled badges and
 * buttons, outline badges and the active navigation item all pass; links are underlined, so a
 * link inside a line of text is not told apart by colour alone (WCAG 1.4.1).
 */
const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, shades]) => [name, name === 'dark' ? shades : (accessiblePalette(shades) as unknown as MantineColorsTuple)]),
) as typeof DEFAULT_THEME.colors;

export const theme = createTheme({
  colors,
  primaryColor: 'teal',
  primaryShade: { light: 7, dark: 5 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, Cantarell, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
  defaultRadius: 'sm',
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});
