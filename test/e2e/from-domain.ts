import type { BrowserContext, Page } from '@playwright/test';
import { fromDomainPages, type ExpectedReading } from '../fixtures/from-domain/pages.ts';
import { ruleStatus } from './overlay.ts';

// The console pages written from shared/domain.md alone (test/fixtures/from-domain/), served
// at their real URLs the way a single-page app shows them: one document per console host, the
// route after `#` picks the page, the frame renders first with `--` where the data goes, and
// the data arrives a moment later.

/** How long the frame shows `--` before the data arrives. */
export const DATA_DELAY_MS = 1200;

interface RoutedPage {
  lang: string;
  title: string;
  style: string;
  body: string;
  /** Texts shown as `--` until the data arrives. */
  late: string[];
}

function part(html: string, pattern: RegExp): string {
  return pattern.exec(html)?.[1] ?? '';
}

function shell(pages: Record<string, RoutedPage>): string {
  const data = JSON.stringify({ pages, delay: DATA_DELAY_MS }).replace(/</gu, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title></title><style id="route-style"></style></head>
<body><script>
(() => {
  const { pages, delay } = ${data};
  let rendering = 0;
  const withPlaceholders = (page) => {
    const box = document.createElement('div');
    box.innerHTML = page.body;
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (page.late.includes(n.data.trim())) n.data = '--';
    }
    for (const el of box.querySelectorAll('[title]')) {
      if (page.late.includes(el.getAttribute('title'))) el.setAttribute('title', '');
    }
    return box.innerHTML;
  };
  const render = () => {
    const route = location.hash.slice(1).split('?')[0].replace(/\\/+$/, '');
    const page = pages[route];
    const id = ++rendering;
    if (!page) { document.body.textContent = ''; return; }
    document.documentElement.lang = page.lang;
    document.title = page.title;
    document.getElementById('route-style').textContent = page.style;
    document.body.innerHTML = withPlaceholders(page);
    setTimeout(() => { if (id === rendering) document.body.innerHTML = page.body; }, delay);
  };
  addEventListener('hashchange', render);
  render();
})();
</script></body></html>`;
}

/**
 * Serves these pages (by file name, one per URL) at their real URLs in this context (registered after the mock partner
 * center's routes, so these win for the console's documents).
 */
export async function attachFromDomainConsole(
  context: BrowserContext,
  names: string[],
): Promise<void> {
  const byOrigin = new Map<string, Record<string, RoutedPage>>();
  const pages = fromDomainPages().filter((p) => names.includes(p.name));
  if (pages.length !== names.length) throw new Error(`no such page among ${names.join(', ')}`);
  for (const page of pages) {
    const url = new URL(page.expected.url);
    const route = url.hash.slice(1).split('?')[0]!;
    if (byOrigin.get(url.origin)?.[route]) throw new Error(`two pages at ${page.expected.url}`);
    const body = part(page.html, /<body[^>]*>([\s\S]*)<\/body>/u);
    const routes = byOrigin.get(url.origin) ?? {};
    routes[route] = {
      lang: part(page.html, /<html[^>]*\blang="([^"]+)"/u),
      title: part(page.html, /<title>([\s\S]*?)<\/title>/u),
      style: part(page.html, /<style>([\s\S]*?)<\/style>/u),
      body,
      late: page.expected.lateTexts,
    };
    byOrigin.set(url.origin, routes);
  }
  for (const [origin, routes] of byOrigin) {
    const document = shell(routes);
    await context.route(`${origin}/obmgr/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname !== '/obmgr/' || route.request().resourceType() !== 'document') {
        await route.fallback();
        return;
      }
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        body: document,
      });
    });
  }
}

/** A rule's status once it holds a moment (remembered facts may still be loading). */
export async function settled(page: Page, rule: string): Promise<string> {
  const first = await ruleStatus(page, rule);
  await page.waitForTimeout(300);
  const second = await ruleStatus(page, rule);
  return first === second ? second : `changing (${first}, then ${second})`;
}

/** Follows a link of the page's own side menu: the route changes, the document stays. */
export async function followMenu(page: Page, route: string): Promise<void> {
  await page.locator(`a[href="#${route}"]`).first().click();
}

/** What a correct reader must get from the page of this name (its `*.expected.json`). */
export function expected(name: string): ExpectedReading {
  const page = fromDomainPages().find((p) => p.name === name);
  if (!page) throw new Error(`no page ${name} in test/fixtures/from-domain`);
  return page.expected;
}
