/**
 * useEarlyRead (renderer/src/features/chart/useEarlyRead.ts): the Riepilogo's first reads start
 * with the first render and are handed over once, to the effect of the same patient only.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useEarlyRead } from '../../../renderer/src/features/chart/useEarlyRead.ts';

function rendered(key: string, read: () => Promise<string>): (k: string) => Promise<string> | null {
  let take: ((k: string) => Promise<string> | null) | undefined;
  function Probe() {
    take = useEarlyRead(key, read);
    return null;
  }
  renderToStaticMarkup(createElement(Probe));
  return take!;
}

describe('useEarlyRead', () => {
  it('reads during the render and hands the read over once, for its own key', async () => {
    let reads = 0;
    const take = rendered('p1', async () => `answer ${++reads}`);
    expect(reads).toBe(1);
    expect(take('p2')).toBeNull();
    const first = take('p1');
    expect(first).not.toBeNull();
    await expect(first).resolves.toBe('answer 1');
    expect(take('p1')).toBeNull();
    expect(reads).toBe(1);
  });

  it('a failed read that is never taken does not surface as an unhandled rejection', async () => {
    const take = rendered('p1', () => Promise.reject(new Error('offline')));
    await new Promise((r) => setTimeout(r, 10));
    await expect(take('p1')).rejects.toThrow('offline');
  });
});
