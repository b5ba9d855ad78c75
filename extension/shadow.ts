/** Tag names of the elements the overlay adds to a page; everything of ours lives inside them. */
export const OVERLAY_TAG = 'policylens-overlay';
export const FIELD_WARNING_TAG = 'policylens-field-warning';
const OWN = `${OVERLAY_TAG}, ${FIELD_WARNING_TAG}`;

/** True for the overlay's own elements: never read as page content, never a page change. */
export function isOwnNode(node: Node | null): boolean {
  if (!node) return false;
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return Boolean(el?.closest(OWN));
}

export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Where a view renders. */
  container: HTMLElement;
}

/**
 * An element with an open shadow root carrying the overlay's styles, not yet in the page.
 * The page's styles cannot reach inside, and ours do not leak out.
 */
export function createShadowHost(doc: Document, tag: string, css: string): ShadowHost {
  const host = doc.createElement(tag);
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = css;
  const container = doc.createElement('div');
  root.append(style, container);
  return { host, root, container };
}
