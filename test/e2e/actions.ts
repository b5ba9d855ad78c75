import { expect, type Locator, type Page, type Worker } from '@playwright/test';
import { flowPage, flowUrl, type FlowId, type Host, type Lang } from './flows.ts';
import type { MockPartnerCenter, MockState } from './mock-server.ts';

// What a user does on the mock partner center, for the e2e tests and the demo alike.

export interface OpenOptions {
  lang: Lang;
  host?: Host;
  /** Account state to load with (merged over the mock's defaults); default: keep the current. */
  state?: MockState;
}

/** Identifies the current document: it changes only when the page is loaded again. */
export async function loadId(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (window as { __mockPartnerCenter?: { loadId: string } }).__mockPartnerCenter?.loadId,
  );
}

/** Waits until the mock page has rendered what its fake fetch brought (forms render late). */
export async function waitForMockPage(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (window as { __mockPartnerCenter?: { isRendered: boolean } }).__mockPartnerCenter
        ?.isRendered === true,
  );
}

/**
 * Loads a flow page as if the user typed its URL: always a fresh document, even when only
 * the route after '#' differs from the current URL. Returns once the page has rendered.
 */
export async function openFlow(
  page: Page,
  partnerCenter: MockPartnerCenter,
  flow: FlowId,
  { lang, host, state }: OpenOptions,
): Promise<void> {
  if (state) partnerCenter.setState(state);
  const url = flowUrl({ flow, lang, host });
  const before =
    page.url() === 'about:blank' ? undefined : await loadId(page).catch(() => undefined);
  await page.goto(url);
  if (before !== undefined && (await loadId(page)) === before) await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await waitForMockPage(page);
}

/** Goes to another console page through the app's own navigation: no reload. */
export async function navigateInApp(page: Page, flow: FlowId): Promise<void> {
  const { route, routeQuery } = flowPage(flow);
  if (!route) throw new Error(`${flow} is not a page of the console app: use goto.`);
  const before = await loadId(page);
  const hash = routeQuery ? `#${route}?${routeQuery}` : `#${route}`;
  const link = page.locator(`nav a[href=${JSON.stringify(hash)}]`);
  if ((await link.count()) > 0) await link.first().click();
  else await page.evaluate((h) => (location.hash = h), hash);
  await expect(page).toHaveURL((url) => url.hash === hash);
  expect(await loadId(page), 'the app changed route without reloading the page').toBe(before);
  await waitForMockPage(page);
}

/** The first of `locator`'s matches that is the page's own (not in the overlay's shadow DOM). */
async function firstInPage(locator: Locator): Promise<Locator | undefined> {
  const count = await locator.count();
  for (let i = 0; i < count; i += 1) {
    const candidate = locator.nth(i);
    const isOwn = await candidate
      .evaluate((el) => el.getRootNode() === document)
      .catch(() => false);
    if (isOwn) return candidate;
  }
  return undefined;
}

/** Waits for the first of the locators to match an element of the page itself, and clicks it. */
async function clickOwn(locators: Locator[], what: string): Promise<void> {
  let target: Locator | undefined;
  await expect
    .poll(
      async () => {
        for (const locator of locators) {
          target = await firstInPage(locator);
          if (target) return true;
        }
        return false;
      },
      { message: what },
    )
    .toBe(true);
  const found = target as Locator | undefined;
  if (!found) throw new Error(`No ${what}.`);
  await found.click();
}

/** Clicks the page's own submit button (the extension may intercept it). */
export async function submitForm(page: Page, flow: FlowId, lang: Lang): Promise<void> {
  const submit = flowPage(flow).submit;
  if (!submit) throw new Error(`The ${flow} page has no submit button.`);
  await clickOwn(
    [page.locator('#app').getByRole('button', { name: submit[lang], exact: true })],
    `the "${submit[lang]}" button of the ${flow} page`,
  );
}

/** Clicks a button or link of the page (not of the overlay) by its visible text. */
export async function clickText(page: Page, text: string): Promise<void> {
  const app = page.locator('#app');
  await clickOwn(
    [
      app.getByRole('button', { name: text, exact: true }),
      app.getByRole('link', { name: text, exact: true }),
      app.getByText(text, { exact: true }),
    ],
    `a button, link or text "${text}" of the page`,
  );
}

/**
 * Signs in as another account through the top bar's user menu. The console switches without
 * leaving the page: the top bar shows the new name at once, the page's data follows later.
 * Returns once the page shows the new account's data.
 */
export async function switchAccount(page: Page, accountName: string, lang: Lang): Promise<void> {
  const trigger = page.locator('#app [aria-haspopup="menu"]');
  await trigger.click();
  await page.getByRole('menuitem', { name: lang === 'en' ? 'Switch account' : '切换账号' }).click();
  const before = await loadId(page);
  await page.getByRole('dialog').getByRole('button', { name: accountName, exact: true }).click();
  await expect(trigger).toContainText(accountName);
  await page.waitForFunction((name) => {
    const api = (window as { __mockPartnerCenter?: { account: string; isRendered: boolean } })
      .__mockPartnerCenter;
    return api?.account === name && api.isRendered;
  }, accountName);
  expect(await loadId(page), 'the console switched accounts without reloading').toBe(before);
}

/** Number of times the page's own submit handler ran in this document. */
export async function pageSubmissions(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (window as { __mockPartnerCenter?: { submissions: unknown[] } }).__mockPartnerCenter
        ?.submissions.length ?? 0,
  );
}

/**
 * Makes `days` pass for what the extension stored: every timestamp in its
 * chrome.storage.local (epoch milliseconds, or an ISO-8601 date string) moves back by `days`.
 * The extension's clock cannot be moved from a test (page.clock reaches only the page's own
 * scripts), so the remembered facts are aged instead.
 */
export async function ageExtensionStorage(serviceWorker: Worker, days: number): Promise<number> {
  return serviceWorker.evaluate(async (ms) => {
    interface StorageArea {
      get(keys: null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    }
    const storage = (globalThis as unknown as { chrome: { storage: { local: StorageArea } } })
      .chrome.storage.local;
    const MIN_EPOCH_MS = Date.UTC(2001, 0, 1);
    const MAX_EPOCH_MS = Date.UTC(2100, 0, 1);
    let shifted = 0;
    const age = (value: unknown): unknown => {
      if (typeof value === 'number' && value > MIN_EPOCH_MS && value < MAX_EPOCH_MS) {
        shifted += 1;
        return value - ms;
      }
      if (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)
      ) {
        const time = Date.parse(value);
        if (Number.isNaN(time)) return value;
        shifted += 1;
        const iso = new Date(time - ms).toISOString();
        return value.length === 10 ? iso.slice(0, 10) : iso;
      }
      if (Array.isArray(value)) return value.map(age);
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, age(v)]));
      }
      return value;
    };
    const all = await storage.get(null);
    await storage.set(age(all) as Record<string, unknown>);
    return shifted;
  }, days * 86_400_000);
}

/** What the extension remembers per account: account name -> fact name -> value. */
export async function storedFacts(
  serviceWorker: Worker,
): Promise<Record<string, Record<string, unknown>>> {
  const all = await serviceWorker.evaluate(async () => {
    const storage = (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local;
    return storage.get(null);
  });
  const out: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith('policylens:account:')) continue;
    const record = value as { account: string; facts: Record<string, { value: unknown }> };
    out[record.account] = Object.fromEntries(
      Object.entries(record.facts).map(([name, fact]) => [name, fact.value]),
    );
  }
  return out;
}

/** The browser's id of a page's tab: the active tab once the page is brought to the front. */
export async function tabIdOf(serviceWorker: Worker, page: Page): Promise<number> {
  await page.bringToFront();
  return serviceWorker.evaluate(async () => {
    const chrome = (
      globalThis as unknown as {
        chrome: { tabs: { query(q: object): Promise<{ id?: number }[]> } };
      }
    ).chrome;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab!.id!;
  });
}
