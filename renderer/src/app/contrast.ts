/**
 * WCAG 2.1 contrast (§1.4.3: 4.5:1 for text) and the palette adjustment the theme applies:
 * Mantine's default shades 6–9 are for display, several fail AA as text or as a filled
 * background under white text (orange 8 is 3.6:1, green 8 3.4:1, gray 6 3.3:1). Pure functions,
 * also used by the theme's test.
 */

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.split('').map((x) => x + x).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function hex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;
}

export function luminance(color: string): number {
  const [r, g, b] = rgb(color);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour darkened (towards black, hue kept) just enough to reach `ratio` against `background`. */
export function darkenTo(color: string, background: string, ratio: number): string {
  let c = rgb(color);
  for (let i = 0; i < 100 && contrast(hex(c), background) < ratio; i++) c = c.map((v) => v * 0.97) as [number, number, number];
  return hex(c);
}

/**
 * A Mantine palette whose shades 6–9 read as text on white and on the palette's own light
 * background (shade 1, used by the "light" variants), and carry white text when filled.
 */
export function accessiblePalette(shades: readonly string[]): string[] {
  const out = [...shades];
  const tint = out[1]!;
  // Shade 9 is the "light" variants' text, which Mantine also prints at 90 % opacity (active
  // navigation descriptions): it keeps a margin.
  const ratios = { 6: 4.6, 7: 4.8, 8: 5.2, 9: 6 } as Record<number, number>;
  for (let i = 6; i <= 9; i++) {
    const darker = darkenTo(out[i]!, tint, ratios[i]!);
    // Keep the scale ordered: each shade at least as dark as the one before.
    out[i] = luminance(darker) > luminance(out[i - 1]!) && i > 6 ? out[i - 1]! : darker;
  }
  return out;
}
