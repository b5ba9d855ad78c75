import { render, type ComponentChild } from 'preact';
import type { Anchor } from './dom/labels.ts';
import { createShadowHost, FIELD_WARNING_TAG, type ShadowHost } from './shadow.ts';

/** How far up a warning may move to find a place in normal flow. */
const MAX_CLIMB = 3;

/**
 * The inline warnings' hosts, one beside each field that has (or may get) a warning. Hosts
 * are reused while their field stays in place, so a live region exists before a warning
 * appears in it; hosts whose field is gone are removed.
 */
export class FieldWarningLayer {
  private readonly hosts = new Map<Element, ShadowHost & { at: Anchor }>();

  constructor(
    private readonly doc: Document,
    private readonly css: () => string,
  ) {}

  /** Renders each anchor's content; anchors not listed lose their host. */
  render(entries: { anchor: Anchor; content: ComponentChild }[]): void {
    const wanted = new Set(entries.map((e) => e.anchor.el));
    for (const [el, host] of this.hosts) {
      if (!wanted.has(el)) this.drop(el, host);
    }
    for (const { anchor, content } of entries) {
      let host = this.hosts.get(anchor.el);
      if (host && !isInPlace(host.host, host.at)) {
        this.drop(anchor.el, host);
        host = undefined;
      }
      if (!host) {
        const at = inFlow(anchor);
        host = { ...createShadowHost(this.doc, FIELD_WARNING_TAG, this.css()), at };
        if (at.placement === 'append') at.el.append(host.host);
        else at.el.after(host.host);
        this.hosts.set(anchor.el, host);
      }
      render(content, host.container);
    }
  }

  clear(): void {
    for (const [el, host] of this.hosts) this.drop(el, host);
  }

  private drop(el: Element, host: ShadowHost): void {
    render(null, host.container);
    host.host.remove();
    this.hosts.delete(el);
  }
}

function isLaidOutInRows(el: Element): boolean {
  const display = el.ownerDocument.defaultView?.getComputedStyle(el).display ?? '';
  return /flex|grid/u.test(display);
}

/**
 * Where a warning goes so that it sits under the field, not squeezed in as one more item of
 * a flex or grid row (a radio list, a label-control row): out of such rows, a little way up.
 */
function inFlow(anchor: Anchor): Anchor {
  let { el, placement } = anchor;
  if (placement === 'append' && isLaidOutInRows(el)) placement = 'after';
  for (let i = 0; placement === 'after' && i < MAX_CLIMB; i++) {
    const parent = el.parentElement;
    if (!parent || parent === el.ownerDocument.body || !isLaidOutInRows(parent)) break;
    el = parent;
  }
  return { el, placement };
}

function isInPlace(host: Element, at: Anchor): boolean {
  if (!host.isConnected) return false;
  return at.placement === 'append'
    ? host.parentElement === at.el
    : host.previousElementSibling === at.el;
}
