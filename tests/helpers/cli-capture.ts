/** Runs a CLI command in process and returns its exit code and its stdout as JSON lines. */
import { vi } from 'vitest';

export async function captureJsonLines(fn: () => Promise<number>): Promise<{ code: number; lines: unknown[] }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c));
    return true;
  });
  try {
    const code = await fn();
    return { code, lines: chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) };
  } finally {
    spy.mockRestore();
  }
}
