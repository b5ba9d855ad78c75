import { test as base, expect, type Worker } from '@playwright/test';
import { extensionWorker, launchWithExtension, launchWithoutExtension } from './browser.ts';
import { MockPartnerCenter, type ConsoleFixture } from './mock-server.ts';
import { readChecklist } from './overlay.ts';

export { expect };
export * from './actions.ts';
export * from './fields.ts';
export * from './flows.ts';
export * from './overlay.ts';
export {
  CHROMIUM_PATH,
  EXTENSION_DIR,
  launchOnMockPartnerCenter,
  launchWithExtension,
  launchWithoutExtension,
} from './browser.ts';
export {
  MockPartnerCenter,
  type ConsoleFixture,
  type MockState,
  type RecordedRequest,
} from './mock-server.ts';

interface Options {
  /** false: plain Chromium, to test the mock pages with nothing else on them. */
  withExtension: boolean;
  /** Which mock console the console URLs serve (test/e2e/mock-server.ts). */
  consoleFixture: ConsoleFixture;
}

interface Fixtures {
  /** Serves the mock partner center at the real URLs; records every other request. */
  partnerCenter: MockPartnerCenter;
  /** The extension's background service worker. */
  serviceWorker: Worker;
  extensionId: string;
}

export const test = base.extend<Fixtures & Options>({
  withExtension: [true, { option: true }],
  consoleFixture: ['classic', { option: true }],

  partnerCenter: async ({ consoleFixture }, use) => {
    await use(new MockPartnerCenter(consoleFixture));
  },

  context: async ({ partnerCenter, withExtension }, use) => {
    const context = withExtension ? await launchWithExtension() : await launchWithoutExtension();
    await partnerCenter.attach(context);
    await use(context);
    await context.close();
  },

  page: async ({ context }, use, testInfo) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && !page.isClosed()) {
      await testInfo.attach('page.png', {
        body: await page.screenshot({ fullPage: true }).catch(() => Buffer.from('')),
        contentType: 'image/png',
      });
      const checklist = await readChecklist(page).catch(() => ({}));
      await testInfo.attach('checklist.json', {
        body: JSON.stringify({ url: page.url(), checklist }, null, 2),
        contentType: 'application/json',
      });
    }
  },

  serviceWorker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },

  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
});
