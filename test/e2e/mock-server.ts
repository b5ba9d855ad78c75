import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Route } from '@playwright/test';
import { CERTIFICATION_URL, CONSOLE_ORIGINS, CONSOLE_PATH } from './flows.ts';

/** The mock partner center's files (plain HTML/JS/CSS, no build step). */
export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../fixtures/partner-center');
/** A second console, built differently (English, tables and description lists). */
export const ALT_FIXTURE_DIR = path.resolve(import.meta.dirname, '../fixtures/partner-center-alt');

/**
 * Which mock console the console URLs serve: `classic` (test/fixtures/partner-center) or
 * `alt` (test/fixtures/partner-center-alt). Both share the account data of mock-state.js.
 */
export type ConsoleFixture = 'classic' | 'alt';

/** The alt console's own files; the rest (mock-state.js) come from the classic one. */
const ALT_ASSETS: Record<string, string> = {
  'index.html': 'text/html',
  'alt.js': 'text/javascript',
  'alt.css': 'text/css',
};

const ASSETS: Record<string, string> = {
  'app.css': 'text/css',
  'mock-state.js': 'text/javascript',
  'i18n.js': 'text/javascript',
  'ui.js': 'text/javascript',
  'pages.js': 'text/javascript',
  'app.js': 'text/javascript',
  'certification.js': 'text/javascript',
};

const certification = new URL(CERTIFICATION_URL);
const CERTIFICATION_PATHS = [
  certification.pathname,
  // The international site's copy of the same page.
  `/intl/en-us${certification.pathname}`,
];

/**
 * Account state of the mock partner center, merged over the defaults in
 * test/fixtures/partner-center/mock-state.js (its schema: engine/schema/scenario.schema.json
 * #/definitions/mockState). A `null` value hides that row on the page.
 */
export type MockState = Record<string, unknown>;

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  /** Made by a service worker (the extension's background). */
  isFromServiceWorker: boolean;
  /** The page that made it, when a page did. */
  pageUrl?: string;
}

/** What a URL on one of the mock hosts serves: an entry HTML page or an asset. */
function fixtureFor(url: URL): { file: string; isEntry: boolean } | undefined {
  const isConsole = Object.values(CONSOLE_ORIGINS).includes(url.origin);
  if (isConsole) {
    if (url.pathname === CONSOLE_PATH || url.pathname === `${CONSOLE_PATH}index.html`) {
      return { file: 'index.html', isEntry: true };
    }
    const asset = url.pathname.slice(CONSOLE_PATH.length);
    if (
      url.pathname.startsWith(CONSOLE_PATH) &&
      (Object.hasOwn(ASSETS, asset) || Object.hasOwn(ALT_ASSETS, asset))
    ) {
      return { file: asset, isEntry: false };
    }
    return undefined;
  }
  if (url.origin !== certification.origin) return undefined;
  for (const page of CERTIFICATION_PATHS) {
    if (url.pathname === page) return { file: 'certification.html', isEntry: true };
    const dir = page.slice(0, page.lastIndexOf('/') + 1);
    const asset = url.pathname.slice(dir.length);
    if (url.pathname.startsWith(dir) && Object.hasOwn(ASSETS, asset)) {
      return { file: asset, isEntry: false };
    }
  }
  return undefined;
}

function contentType(file: string): string {
  if (file.endsWith('.html')) return 'text/html; charset=utf-8';
  return `${ASSETS[file] ?? ALT_ASSETS[file]}; charset=utf-8`;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/**
 * Serves the mock partner center at its production URLs inside one browser context, and
 * aborts and records every other request. Change the account state with `setState`: it is
 * injected as `window.__MOCK_STATE__` into every page the mock serves from then on.
 */
export class MockPartnerCenter {
  private state: MockState = {};
  private stateId = 0;

  constructor(private readonly console: ConsoleFixture = 'classic') {}
  /** Every http(s) request the mock did not serve: aborted, or 404 on a mock host. */
  readonly unexpectedRequests: RecordedRequest[] = [];
  /** Every http(s) request the mock served, in order (for debugging). */
  readonly servedUrls: string[] = [];

  /** Registers the routes: call before any page loads. */
  async attach(context: BrowserContext): Promise<void> {
    await context.route('**/*', (route) => this.handle(route));
  }

  /** The account state pages load with from now on (an empty object: the defaults). */
  setState(state: MockState): void {
    this.state = structuredClone(state);
    this.stateId += 1;
  }

  getState(): MockState {
    return structuredClone(this.state);
  }

  private async handle(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      await route.fallback();
      return;
    }
    const fixture = fixtureFor(url);
    if (!fixture) {
      const isFromServiceWorker = request.serviceWorker() !== null;
      this.unexpectedRequests.push({
        url: request.url(),
        method: request.method(),
        resourceType: request.resourceType(),
        isFromServiceWorker,
        // A service worker's request has no frame (frame() throws).
        pageUrl: isFromServiceWorker ? undefined : request.frame().url(),
      });
      await route.abort('blockedbyclient');
      return;
    }
    const isAlt =
      this.console === 'alt' &&
      Object.values(CONSOLE_ORIGINS).includes(url.origin) &&
      Object.hasOwn(ALT_ASSETS, fixture.file);
    let body = readFileSync(path.join(isAlt ? ALT_FIXTURE_DIR : FIXTURE_DIR, fixture.file), 'utf8');
    if (fixture.isEntry) {
      body = body.replace(
        '<!-- mock-state -->',
        `<script>window.__MOCK_STATE__ = ${scriptJson(this.state)}; ` +
          `window.__MOCK_STATE_ID__ = ${this.stateId};</script>`,
      );
    }
    this.servedUrls.push(request.url());
    await route.fulfill({
      status: 200,
      headers: { 'content-type': contentType(fixture.file), 'cache-control': 'no-store' },
      body,
    });
  }
}
