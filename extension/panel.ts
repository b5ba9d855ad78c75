import { render, type ComponentChild } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { PanelHost } from './overlay.ts';
import { panelAnchor } from './overlay/placement.ts';
import { OVERLAY_TAG } from './shadow.ts';

/**
 * The panel's shadow root (open), placed right after the page heading, or after the header
 * row holding it (extension/overlay/placement.ts), carrying `css` (the overlay's styles). WXT
 * removes it when the extension is reloaded.
 */
export async function createPanelHost(ctx: ContentScriptContext, css: string): Promise<PanelHost> {
  let anchor: Element | null = null;
  let isMounted = false;
  const ui = await createShadowRootUi(ctx, {
    name: OVERLAY_TAG,
    mode: 'open',
    position: 'inline',
    anchor: () => anchor,
    append: 'after',
    css,
    onMount: () => undefined,
  });
  // WXT wraps the UI in an <html><head><body> of its own. A second <html> and <body> in the
  // page's tree confuse the page's scripts and testing tools that look for "the" html or
  // body through shadow roots, so the root holds just the styles and a container.
  const style = ui.shadow.querySelector('style');
  const container = document.createElement('div');
  ui.shadow.replaceChildren(...(style ? [style] : []), container);
  const rootCss = style?.textContent ?? '';

  return {
    show(heading: Element, content: ComponentChild) {
      const next = panelAnchor(heading);
      const host = ui.shadowHost;
      if (
        !isMounted ||
        anchor !== next ||
        !host.isConnected ||
        host.previousElementSibling !== next
      ) {
        if (isMounted) ui.remove();
        anchor = next;
        ui.mount();
        isMounted = true;
      }
      render(content, container);
    },
    hide() {
      if (!isMounted) return;
      render(null, container);
      ui.remove();
      isMounted = false;
      anchor = null;
    },
    css: () => rootCss,
  };
}
