import { defineConfig } from '@playwright/test';

// End-to-end tests: Debian's Chromium with the built extension (.output/chrome-mv3) on the
// mock Partner Center, served at its real URLs (test/e2e/fixtures.ts). Build first.
export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  workers: 2,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 7_000 },
  outputDir: 'test-results',
  // Baselines of the screenshot tests, one per name: the same on this machine and in CI
  // (Debian's Chromium and fonts-noto-cjk on both), so no platform suffix.
  snapshotPathTemplate: '{testDir}/screenshots/{arg}{ext}',
  forbidOnly: Boolean(process.env.CI),
});
