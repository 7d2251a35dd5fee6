/**
 * Test fixtures: `host` is one node host per worker (fresh data folder, no sandbox panel);
 * `app` is a page logged in through the token URL, on Assistiti, that fails the test on any
 * Content-Security-Policy violation or uncaught page error.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './node-host.ts';

interface Fixtures {
  app: Page;
}

/** A fresh node host for the worker (a fixture definition of its own means a worker of its own). */
const freshHost = (): [(args: object, use: (h: RunningHost) => Promise<void>) => Promise<void>, { scope: 'worker'; timeout: number }] => [
  async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
  },
  { scope: 'worker', timeout: 90_000 },
];

export const test = base.extend<Fixtures, { host: RunningHost }>({
  host: freshHost(),
  app: async ({ page, host }, use) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(host.loginUrl);
    await expect(page.getByRole('heading', { name: 'Assistiti' })).toBeVisible();
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'open');
    await use(page);
    expect(problems, 'no CSP violations or page errors').toEqual([]);
  },
});

/**
 * The same fixtures on a host no other spec file shares: for files that change settings
 * (gateway, doctor profile) which must not leak into other files' sandbox tests.
 */
export const testWithOwnHost = test.extend<object, { host: RunningHost }>({ host: freshHost() });

export { expect };
