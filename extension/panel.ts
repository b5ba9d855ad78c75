import type { ComponentChild } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { PanelHost } from './overlay.ts';
import { panelAnchor } from './overlay/placement.ts';
import { guardShadow, OVERLAY_TAG } from './shadow.ts';

/**
 * The panel's shadow root (open), placed right after the page heading, or after the header
 * row holding it (extension/overlay/placement.ts), carrying `css` (the overlay's styles). WXT
 * removes it when the extension is reloaded. The root is guarded (shadow.ts): only trusted
 * events reach its buttons, and what the page changes in it, or its removal, is put right at
 * once.
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
  const rootCss = ui.shadow.querySelector('style')?.textContent ?? '';
  const host = ui.shadowHost;
  const view = guardShadow(host, ui.shadow, rootCss, {
    // The page took the panel out while it should show: put it back under its heading.
    onRemoved: () => {
      if (!isMounted || ctx.signal.aborted || !anchor?.isConnected) return;
      view.change(() => ui.mount());
    },
  });
  ctx.signal.addEventListener('abort', () => view.dispose(), { once: true });

  return {
    show(heading: Element, content: ComponentChild) {
      const next = panelAnchor(heading);
      if (
        !isMounted ||
        anchor !== next ||
        !host.isConnected ||
        host.previousElementSibling !== next
      ) {
        view.change(() => {
          if (isMounted) ui.remove();
          anchor = next;
          ui.mount();
          isMounted = true;
        });
      }
      view.render(content);
    },
    hide() {
      if (!isMounted) return;
      isMounted = false;
      anchor = null;
      view.render(null);
      ui.remove();
    },
    css: () => rootCss,
  };
}
