// The overlay's styles go into its shadow roots only, as text: no file of the extension is
// exposed to web pages (no web_accessible_resources), so a page cannot probe for it.
import overlayCss from '../../components/overlay.css?inline';
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import bundle from 'virtual:policylens-pack';
import { FactStore, KEY_PREFIX, recordVocabulary } from '../../extension/fact-store.ts';
import { CONTENT_MATCHES } from '../../extension/matches.ts';
import { startOverlay } from '../../extension/overlay.ts';
import { createPanelHost } from '../../extension/panel.ts';
import {
  answerPageCheck,
  answerPageState,
  onSettingsChange,
  publishPageState,
} from '../../extension/control-port.ts';
import { checkPage } from '../../extension/page-check.ts';
import { startSiteControl } from '../../extension/site-control.ts';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: 'document_idle',
  cssInjectionMode: 'manual',

  async main(ctx) {
    const onError = (error: unknown) => console.debug('[PolicyLens]', error);
    try {
      const panel = await createPanelHost(ctx, overlayCss);
      // What storage holds is checked against the rules and page maps built in.
      const store = new FactStore(browser.storage.local, recordVocabulary(bundle));
      // The overlay runs only while the partner has this site on (popup, options page).
      const control = startSiteControl({
        win: window,
        signal: ctx.signal,
        area: browser.storage.local,
        onSettingsChange: (listener) => onSettingsChange(ctx.signal, listener),
        publish: publishPageState,
        onError,
        startOverlay: (signal, hooks) =>
          startOverlay({
            win: window,
            signal,
            bundle,
            store,
            panel,
            onStorageChange: (listener) => {
              const onChanged = (changes: Record<string, unknown>, area: string) => {
                if (
                  area === 'local' &&
                  Object.keys(changes).some((k) => k.startsWith(KEY_PREFIX))
                ) {
                  listener();
                }
              };
              browser.storage.onChanged.addListener(onChanged);
              signal.addEventListener(
                'abort',
                () => browser.storage.onChanged.removeListener(onChanged),
                { once: true },
              );
            },
            onError,
            lang: hooks.lang,
            onRender: hooks.onRender,
          }),
      });
      answerPageState(ctx.signal, control.state);
      // Asked for from the popup: reads the page as the overlay does, and stores nothing.
      answerPageCheck(ctx.signal, async () =>
        checkPage(document, location.href, bundle.pageMaps, {
          knownAccounts: await store.accounts(),
        }),
      );
      await control.state();
    } catch (error) {
      // The page always comes first: a broken overlay leaves it untouched.
      onError(error);
    }
  },
});
