import type { CompiledPageMap } from '../engine/pages.ts';
import { isOwnNode } from './shadow.ts';
import { normalizeText } from './text.ts';

/**
 * The routes a URL may stand for: the single-page app's route after `#` (its query
 * dropped), and the URL path itself.
 */
export function routesOf(href: string): string[] {
  const url = new URL(href);
  const routes: string[] = [];
  if (url.hash.startsWith('#/')) routes.push(trimSlash(url.hash.slice(1).split('?')[0]!));
  routes.push(trimSlash(url.pathname));
  return routes;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/u, '') : path;
}

function isOnSite(href: string, site: string): boolean {
  const url = new URL(href);
  const here = `${url.origin}${url.pathname}`;
  return here.startsWith(site) || `${here}/`.startsWith(site);
}

/** The page maps whose site and route fit a URL (before their heading is checked). */
export function pagesForUrl(href: string, pageMaps: CompiledPageMap[]): CompiledPageMap[] {
  const routes = routesOf(href);
  return pageMaps.filter(
    (page) =>
      page.sites.some((site) => isOnSite(href, site)) &&
      (page.routes.length === 0 || page.routes.some((r) => routes.includes(trimSlash(r)))),
  );
}

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** The element showing one of the page's headings, or null while it is not rendered. */
export function findHeading(doc: Document, page: CompiledPageMap): Element | null {
  const wanted = new Set([...page.heading['zh-CN'], ...page.heading.en].map(normalizeText));
  for (const el of doc.querySelectorAll(HEADINGS)) {
    if (isOwnNode(el)) continue;
    if (wanted.has(normalizeText(el.textContent ?? ''))) return el;
  }
  return null;
}

export interface PageMatch {
  page: CompiledPageMap;
  heading: Element;
}

/** The page the document shows: its URL and route fit, and its heading is on screen. */
export function matchPage(
  doc: Document,
  href: string,
  pageMaps: CompiledPageMap[],
): PageMatch | null {
  for (const page of pagesForUrl(href, pageMaps)) {
    const heading = findHeading(doc, page);
    if (heading) return { page, heading };
  }
  return null;
}
