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

/**
 * Where a page's title never sits: navigation, menus, tabs and breadcrumbs (which name the
 * current page too), links and buttons, list items, labels and table cells, dialogs, the top
 * bar, and hidden parts.
 */
const NOT_A_TITLE = [
  'nav, [role="navigation"], [role="menu"], [role="menubar"], [role="tree"], [role="tablist"]',
  '[role="tab"], [role="listbox"], [role="option"]',
  'a, button, [role="button"], [role="link"], li, label, option, td, th, dt, dd',
  'dialog, [role="dialog"], [role="tooltip"], header, [role="banner"]',
  'script, style, noscript, template, [hidden], [aria-hidden="true"]',
].join(', ');

/** An inline `display: none`, as UI libraries hide closed pop-ups and dialogs. */
function isHiddenInline(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) {
    if (/display\s*:\s*none/iu.test(e.getAttribute('style') ?? '')) return true;
  }
  return false;
}

/** A breadcrumb names the current page too: it counts only when nothing else shows the heading. */
function isInBreadcrumb(el: Element): boolean {
  return el.closest('[class*="breadcrumb" i]') !== null;
}

/**
 * The element showing one of the page's headings, or null while it is not rendered: a
 * heading element first; else, as UI libraries draw page titles (`ant-page-header-heading-title`
 * is a `<span>`, `el-page-header__content` a `<div>`), the outermost element showing only that
 * text, outside navigation, cells and pop-ups.
 */
export function findHeading(doc: Document, page: CompiledPageMap): Element | null {
  const wanted = new Set([...page.heading['zh-CN'], ...page.heading.en].map(normalizeText));
  const shows = (el: Element) => wanted.has(normalizeText(el.textContent ?? ''));
  for (const el of doc.querySelectorAll(HEADINGS)) {
    if (isOwnNode(el)) continue;
    if (shows(el)) return el;
  }
  const body = doc.body;
  if (!body) return null;
  let crumb: Element | null = null;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !wanted.has(normalizeText(node.textContent ?? ''))) continue;
    if (!shows(parent) || parent.closest(NOT_A_TITLE) || isOwnNode(parent)) continue;
    if (isHiddenInline(parent)) continue;
    let title = parent;
    while (title.parentElement && title.parentElement !== body && shows(title.parentElement)) {
      title = title.parentElement;
    }
    if (!isInBreadcrumb(title)) return title;
    crumb ??= title;
  }
  return crumb;
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
