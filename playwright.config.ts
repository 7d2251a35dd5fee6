/**
 * Playwright e2e of the web build (tests/e2e-web): Debian's Chromium (never `playwright
 * install`, TOOLCHAIN.md §7) against the node host, which each worker spawns with a fresh data
 * folder (tests/e2e-web/fixtures.ts). `npm run test:e2e` builds the renderer first.
 * The list reporter ends with the summary line ("N passed").
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e-web',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e-web',
  use: {
    browserName: 'chromium',
    headless: process.env.HEADED !== '1',
    viewport: { width: 1280, height: 800 },
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
