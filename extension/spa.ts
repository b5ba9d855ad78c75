import { isOwnNode } from './shadow.ts';

export interface WatchOptions {
  signal: AbortSignal;
  win: Window;
  /** Called (debounced) whenever the route, the DOM or a field may have changed. */
  onChange: () => void;
  /**
   * Debounce for DOM changes, asked each time: the page may re-render many times in a burst,
   * but a page that has just appeared is worth reading at once.
   */
  domDelayMs?: () => number;
  /** Debounce for typing and choosing: short, so warnings follow within 300 ms. */
  inputDelayMs?: number;
}

const MAX_WAIT_MS = 250;

/** Attributes through which ARIA widgets show a choice; classes and styles churn too much. */
const WATCHED_ATTRIBUTES = [
  'aria-checked',
  'aria-selected',
  'aria-activedescendant',
  'aria-expanded',
  'checked',
  'selected',
  'value',
  'hidden',
];

export interface PageWatch {
  /** True while a change is waiting for its debounce: what is shown may be behind. */
  isPending(): boolean;
}

/**
 * Follows a single-page app: hash and history navigation (history.pushState fires no event
 * a content script can hear, so every DOM change also checks the URL), late-rendered
 * content (a MutationObserver), and the partner's typing and choosing. Changes made by the overlay
 * itself are ignored. Everything stops when `signal` aborts.
 */
export function watchPage(options: WatchOptions): PageWatch {
  const { signal, win, onChange } = options;
  const doc = win.document;
  const domDelay = options.domDelayMs ?? (() => 120);
  const inputDelay = options.inputDelayMs ?? 60;
  let timer: number | undefined;
  let firstAt: number | undefined;
  let href = win.location.href;

  const schedule = (delay: number) => {
    if (signal.aborted) return;
    const now = Date.now();
    firstAt ??= now;
    // Debounced, but never put off past MAX_WAIT_MS: a page that keeps changing (a ticking
    // clock, an animation) is still read.
    const wait = Math.max(0, Math.min(delay, firstAt + MAX_WAIT_MS - now));
    if (timer !== undefined) win.clearTimeout(timer);
    timer = win.setTimeout(() => {
      timer = undefined;
      firstAt = undefined;
      if (!signal.aborted) onChange();
    }, wait);
  };

  const checkRoute = () => {
    if (win.location.href !== href) {
      href = win.location.href;
      schedule(0);
      return true;
    }
    return false;
  };

  const listen = { signal, capture: true, passive: true } as const;
  win.addEventListener('hashchange', checkRoute, listen);
  win.addEventListener('popstate', checkRoute, listen);
  for (const type of ['input', 'change', 'click', 'keyup']) {
    doc.addEventListener(
      type,
      (event) => {
        if (isOwnNode(event.target as Node | null)) return;
        schedule(inputDelay);
      },
      listen,
    );
  }

  const observer = new MutationObserver((records) => {
    if (checkRoute()) return;
    if (records.every(isOwnMutation)) return;
    schedule(domDelay());
  });
  observer.observe(doc.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== undefined) win.clearTimeout(timer);
    },
    { once: true },
  );
  return { isPending: () => timer !== undefined };
}

/** A mutation caused by the overlay: inside its hosts, or adding or removing only them. */
function isOwnMutation(record: MutationRecord): boolean {
  if (isOwnNode(record.target)) return true;
  if (record.type !== 'childList') return false;
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => isOwnNode(n));
}
