import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { MockPartnerCenter } from './mock-server.ts';

// Launching Debian's Chromium with the built extension on the mock partner center: one
// implementation for the e2e fixtures (fixtures.ts) and the demo (scripts/demo.ts).

/** The built extension (`npm run build`); POLICYLENS_EXTENSION_DIR overrides it. */
export const EXTENSION_DIR = path.resolve(
  process.env.POLICYLENS_EXTENSION_DIR ??
    path.join(import.meta.dirname, '../../.output/chrome-mv3'),
);

/** Debian's Chromium, never a downloaded one; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// No host name resolves: a request the mock's routes miss fails instead of reaching the network.
const NO_DNS = '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost';

export interface LaunchOptions {
  /** Default true. false opens a window (needs a display). */
  headless?: boolean;
}

/** What is missing to launch the browser with the extension, each with its fix. */
export function missingPrerequisites({ withExtension = true } = {}): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) {
    missing.push(
      `No Chromium at ${CHROMIUM_PATH}: install Debian's (\`apt-get install -y chromium\`) or set CHROMIUM_PATH.`,
    );
  }
  const manifest = path.join(EXTENSION_DIR, 'manifest.json');
  if (withExtension && !existsSync(manifest)) {
    missing.push(`No built extension: ${manifest} is missing. Run \`npm run build\` first.`);
  }
  return missing;
}

function launch(args: string[], { headless = true }: LaunchOptions): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: CHROMIUM_PATH,
    headless,
    // A window a person uses sizes the page; headless keeps Playwright's 1280×720.
    ...(headless ? {} : { viewport: null }),
    args: [...args, NO_DNS, ...(headless ? [] : ['--window-size=1400,960'])],
  });
}

/** Launches Debian's Chromium with the built extension, in a fresh profile. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<BrowserContext> {
  const [missing] = missingPrerequisites();
  if (missing) throw new Error(missing);
  return launch(
    [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
    options,
  );
}

/** The same browser without the extension: for tests of the mock partner center itself. */
export async function launchWithoutExtension(options: LaunchOptions = {}): Promise<BrowserContext> {
  return launch([], options);
}

/** A browser whose every request goes to the mock partner center (at the real URLs) or fails. */
export async function launchOnMockPartnerCenter({
  withExtension = true,
  ...options
}: LaunchOptions & { withExtension?: boolean } = {}): Promise<{
  context: BrowserContext;
  partnerCenter: MockPartnerCenter;
}> {
  const context = withExtension
    ? await launchWithExtension(options)
    : await launchWithoutExtension(options);
  const partnerCenter = new MockPartnerCenter();
  try {
    await partnerCenter.attach(context);
  } catch (error) {
    await context.close();
    throw error;
  }
  return { context, partnerCenter };
}

/** The extension's background service worker (it gives the extension's id). */
export async function extensionWorker(context: BrowserContext, timeout = 10_000): Promise<Worker> {
  const isExtension = (w: Worker) => w.url().startsWith('chrome-extension://');
  return (
    context.serviceWorkers().find(isExtension) ??
    (await context.waitForEvent('serviceworker', { predicate: isExtension, timeout }))
  );
}
