/** Percentile of a sample (nearest-rank), in the sample's unit. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}

/** One figure line: `name  value unit  (extra)`. */
export function report(name: string, value: string, extra = ''): void {
  process.stdout.write(`  ${name.padEnd(52)} ${value.padStart(12)}${extra ? `   ${extra}` : ''}\n`);
}
