/**
 * Playwright configuration of the Electron tests (tests/e2e-electron), separate from the web
 * e2e config (playwright.config.ts) because they need no browser and no node host.
 * Run: npx playwright test -c playwright.electron.config.ts
 * Where no Electron binary exists the tests report themselves skipped with the reason.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e-electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/e2e-electron/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  reporter: [['list']],
  outputDir: 'test-results/e2e-electron',
});
