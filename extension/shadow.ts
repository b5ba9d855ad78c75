import { options, render, type ComponentChild } from 'preact';

/** Tag names of the elements the overlay adds to a page; everything of ours lives inside them. */
export const OVERLAY_TAG = 'policylens-overlay';
export const FIELD_WARNING_TAG = 'policylens-field-warning';

// Our hosts, by reference. A tag name proves nothing: the page can make a
// <policylens-overlay> of its own, and must not be able to hide content from us that way.
const ownHosts = new WeakSet<Node>();

/** True for the overlay's own elements: never read as page content, never a page change. */
export function isOwnNode(node: Node | null): boolean {
  for (let n = node; n; n = n.parentNode ?? (isShadowRoot(n) ? n.host : null)) {
    if (ownHosts.has(n)) return true;
  }
  return false;
}

function isShadowRoot(node: Node): node is ShadowRoot {
  return node.nodeType === 11 && 'host' in node;
}

/**
 * Events a person causes. The page can dispatch any of them on our elements (an open shadow
 * root is reachable from its scripts), and a synthetic one must never press a button.
 */
const USER_EVENTS = [
  'click',
  'auxclick',
  'dblclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'change',
  'submit',
  'toggle',
  'cancel',
  'close',
];

/** Repairs allowed per window before they slow down: a page that fights us cannot spin us. */
const REPAIRS_PER_WINDOW = 20;
const REPAIR_WINDOW_MS = 10_000;

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Renders a view: anything the page changes in it afterwards is put back. */
  render(view: ComponentChild): void;
  /**
   * Runs a change of ours to the host (its place, its style): what it does is not the page's,
   * and the host's attributes afterwards are the ones to keep.
   */
  change(fn: () => void): void;
  /** Call after the host is placed (or placed again): its place and attributes are ours. */
  placed(): void;
  /** The element the view renders into now (a repair replaces it). */
  container(): HTMLElement;
  /** Unmounts the view and stops guarding; the caller removes the host. */
  dispose(): void;
}

export interface ShadowHostOptions {
  /** The page removed the host from where it was placed: put it back. */
  onRemoved?: (host: HTMLElement) => void;
  /**
   * Wraps the container the view renders into (a table cell, say) and returns what goes
   * into the root after the styles; called again whenever the root is rebuilt.
   */
  wrap?: (container: HTMLElement) => Node;
  /** The root was rebuilt from the last view: restyle what the owner styles (in `change`). */
  onRebuilt?: () => void;
}

/**
 * An element with an open shadow root carrying the overlay's styles, not yet in the page.
 * The page's styles cannot reach inside, and ours do not leak out.
 */
export function createShadowHost(
  doc: Document,
  tag: string,
  css: string,
  opts: ShadowHostOptions = {},
): ShadowHost {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  return guardShadow(host, root, css, opts);
}

/**
 * Guards a shadow root of ours against the page: it is recognised by reference, only trusted
 * events reach its controls, and what the page changes inside it (a status rewritten, a
 * button removed, our styles edited), on the host's attributes (hidden, restyled) or by
 * removing the host is put back at once, from the last view rendered, not from whatever
 * the page left there.
 */
export function guardShadow(
  host: HTMLElement,
  root: ShadowRoot,
  css: string,
  opts: ShadowHostOptions = {},
): ShadowHost {
  ownHosts.add(host);
  const doc = host.ownerDocument;
  const controller = new AbortController();
  for (const type of USER_EVENTS) {
    root.addEventListener(type, stopUntrusted, { capture: true, signal: controller.signal });
  }

  let container: HTMLElement;
  let view: ComponentChild = null;
  let hostAttributes: [string, string][] = [];
  let parent: Node | null = null;
  let isActive = true;
  const budget = repairBudget(() => isActive && repair());

  const build = () => {
    const style = doc.createElement('style');
    style.textContent = css;
    container = doc.createElement('div');
    root.replaceChildren(style, opts.wrap ? opts.wrap(container) : container);
  };

  // While a handler of ours runs for a person's event, and until the microtask right after it.
  let isHandling = false;
  const inside = new MutationObserver((records) => {
    if (!isHandling && records.some(isForeign)) budget.spend();
  });
  const place = new MutationObserver((records) => {
    const isRemoved = records.some((r) => [...r.removedNodes].includes(host));
    if (isRemoved && !host.isConnected) opts.onRemoved?.(host);
  });
  const watch = () => {
    inside.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    inside.observe(host, { attributes: true });
  };

  /** A change from outside: our own are taken off the queue as soon as they are made. */
  function isForeign(record: MutationRecord): boolean {
    // A person opening or closing a "why" toggles its details element: that is theirs.
    if (record.type === 'attributes' && record.attributeName === 'open') {
      return (record.target as Element).localName !== 'details';
    }
    return true;
  }

  /** Our mutations are not the page's: forget them, but keep any the page made before. */
  const own = (fn: () => void) => {
    const before = inside.takeRecords();
    fn();
    inside.takeRecords();
    if (before.some(isForeign)) budget.spend();
  };

  function repair() {
    own(() => {
      if (
        host.getAttributeNames().join() !== hostAttributes.map(([n]) => n).join() ||
        hostAttributes.some(([n, v]) => host.getAttribute(n) !== v)
      ) {
        for (const name of host.getAttributeNames()) host.removeAttribute(name);
        for (const [name, value] of hostAttributes) host.setAttribute(name, value);
      }
      // Preact compares with what it rendered, not with the page's edits: start afresh.
      render(null, container);
      build();
      render(view, container);
      opts.onRebuilt?.();
    });
  }

  const change = (fn: () => void) => {
    own(fn);
    hostAttributes = host.getAttributeNames().map((n) => [n, host.getAttribute(n) ?? '']);
    if (parent !== host.parentNode) {
      place.disconnect();
      parent = host.parentNode;
      if (parent) place.observe(parent, { childList: true });
    }
  };

  build();
  watch();
  const guard: Guard = {
    own,
    ownUntilMicrotask() {
      const before = inside.takeRecords();
      isHandling = true;
      // The observers' own microtask may already be queued, ahead of this one: isHandling
      // tells them what they hear of meanwhile is the handler's.
      queueMicrotask(() => {
        isHandling = false;
        inside.takeRecords();
        if (before.some(isForeign)) budget.spend();
      });
    },
  };
  guards.add(guard);

  return {
    host,
    root,
    render(next) {
      view = next;
      own(() => render(next, container));
    },
    change,
    placed: () => change(() => undefined),
    container: () => container,
    dispose() {
      isActive = false;
      guards.delete(guard);
      controller.abort();
      inside.disconnect();
      place.disconnect();
      budget.cancel();
      render(null, container);
    },
  };
}

function stopUntrusted(event: Event): void {
  if (event.isTrusted) return;
  event.stopImmediatePropagation();
  event.preventDefault();
}

/**
 * Spends one repair: at once while the budget lasts, then at most one more when the window
 * ends, however often the page strikes meanwhile.
 */
function repairBudget(run: () => void) {
  let windowStart = 0;
  let spent = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    spend() {
      const now = Date.now();
      if (now - windowStart > REPAIR_WINDOW_MS) {
        windowStart = now;
        spent = 0;
      }
      if (spent < REPAIRS_PER_WINDOW) {
        spent++;
        run();
      } else if (timer === undefined) {
        timer = setTimeout(
          () => {
            timer = undefined;
            run();
          },
          windowStart + REPAIR_WINDOW_MS - now,
        );
      }
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

interface Guard {
  /** Runs a change of ours: its mutations are not the page's. */
  own(fn: () => void): void;
  /** What changes until the next microtask is ours (a handler of ours running now). */
  ownUntilMicrotask(): void;
}

// Preact re-renders a component whose state changed (a "why" opened) on its own schedule:
// those changes are ours too. Every guarded root is told when preact is about to re-render
// and has just done so.
const guards = new Set<Guard>();
const defer = options.debounceRendering ?? queueMicrotask;
options.debounceRendering = (process) =>
  defer(() => {
    let run = process;
    for (const guard of guards) {
      const inner = run;
      run = () => guard.own(inner);
    }
    run();
  });

// A handler of ours may change our elements itself, as a person's click in the panel
// releases the height kept for it: that is ours, not the page's. Preact calls this hook
// right before the handler; the microtask queued here runs right after the listener returns,
// before the observers hear of the change. Untrusted events never get this far for the
// events a person makes (stopUntrusted), and others are not taken on trust.
const previousEvent = options.event;
options.event = (event) => {
  const e = previousEvent ? previousEvent(event) : event;
  if (e.isTrusted) for (const guard of guards) guard.ownUntilMicrotask();
  return e;
};
