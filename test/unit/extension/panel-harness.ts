import type { ComponentChild } from 'preact';
import type { PanelHost } from '../../../extension/overlay.ts';
import { createShadowHost, OVERLAY_TAG } from '../../../extension/shadow.ts';

/**
 * The panel as the content script places it (right after the heading, in a guarded shadow
 * root), without WXT: the bridge's tests render through it.
 */
export function testPanel(doc: Document): PanelHost & { root: ShadowRoot; host: HTMLElement } {
  let isShown = false;
  let anchor: Element | undefined;
  const shadow = createShadowHost(doc, OVERLAY_TAG, '', {
    onRemoved: (host) => {
      if (!isShown || !anchor?.isConnected) return;
      anchor.after(host);
      shadow.placed();
    },
  });
  return {
    root: shadow.root,
    host: shadow.host,
    show(next: Element, content: ComponentChild) {
      if (shadow.host.previousElementSibling !== next) {
        next.after(shadow.host);
        shadow.placed();
      }
      anchor = next;
      isShown = true;
      shadow.render(content);
    },
    hide() {
      isShown = false;
      shadow.render(null);
      shadow.host.remove();
    },
    css: () => '',
  };
}

/**
 * A click as a person makes it. happy-dom has no `isTrusted`, and the overlay acts only on
 * trusted events (a page script's `.click()` must press nothing), so the test says so.
 */
export function userClick(el: Element): void {
  const event = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  el.dispatchEvent(event);
}
