import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import bundle from 'virtual:policylens-pack';
import { Popup } from '../components/Popup.tsx';
import { words } from '../locales/index.ts';
import { pageTitle } from './pack-info.ts';
import {
  GET_PAGE_STATE,
  isControlMessage,
  PAGE_STATE_CHANGED,
  type PageState,
} from './page-state.ts';
import { RELEASE } from './release.ts';
import {
  browserLang,
  loadSettings,
  parseSettings,
  resolveLang,
  saveSettings,
  SETTINGS_KEY,
  withSite,
  type Settings,
} from './settings.ts';

/**
 * The tab the popup is about: `?tab=<id>` when given (the popup opened as a page, as the e2e
 * tests do), otherwise the active tab of the window the popup belongs to.
 */
export async function targetTab(search: string): Promise<number | undefined> {
  const given = Number.parseInt(new URLSearchParams(search).get('tab') ?? '', 10);
  if (Number.isInteger(given)) return given;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The tab's content script's answer; null when there is none (not a Partner Center page). */
async function askTab(tabId: number): Promise<PageState | null> {
  try {
    const answer = (await browser.tabs.sendMessage(tabId, { type: GET_PAGE_STATE })) as
      PageState | undefined;
    return answer && typeof answer.host === 'string' ? answer : null;
  } catch {
    return null;
  }
}

/** The popup wired to the browser: the tab's state (live), and the settings (saved at once). */
export function PopupApp({ search }: { search: string }) {
  const [settings, setSettings] = useState<Settings>();
  const [state, setState] = useState<PageState | null | undefined>(undefined);
  const [tab, setTab] = useState<number>();

  useEffect(() => {
    let tabId: number | undefined;
    const onMessage = (message: unknown, sender: { tab?: { id?: number } }) => {
      if (
        isControlMessage(message) &&
        message.type === PAGE_STATE_CHANGED &&
        tabId !== undefined &&
        sender.tab?.id === tabId
      ) {
        setState(message.state);
      }
      return undefined;
    };
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const change = changes[SETTINGS_KEY];
      if (area === 'local' && change) setSettings(parseSettings(change.newValue));
    };
    browser.runtime.onMessage.addListener(onMessage);
    browser.storage.onChanged.addListener(onChanged);
    void loadSettings(browser.storage.local).then(setSettings);
    void (async () => {
      tabId = await targetTab(search);
      setTab(tabId);
      setState(tabId === undefined ? null : await askTab(tabId));
    })();
    return () => {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [search]);

  const lang = resolveLang(
    settings?.lang ?? 'page',
    state?.pageLang ?? browserLang(navigator.language),
  );
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = words(lang).controls.product;
  }, [lang]);

  if (!settings) return null;
  const save = (next: Settings) => {
    setSettings(next);
    void saveSettings(browser.storage.local, next);
  };
  return (
    <Popup
      lang={lang}
      state={state}
      pageTitle={state?.page ? pageTitle(bundle, state.page.page, lang) : undefined}
      settings={settings}
      release={RELEASE}
      actions={{
        onSiteChange: (host, isEnabled) => save(withSite(settings, host, isEnabled)),
        onLangChange: (choice) => save({ ...settings, lang: choice }),
        onCheckPage: () => {
          // An extension page beside this one (page-check.html), about the same tab.
          const url = new URL(`/page-check.html?tab=${tab ?? ''}`, location.href).href;
          void browser.tabs.create({ url }).then(() => window.close());
        },
        onOpenOptions: () => {
          void browser.runtime.openOptionsPage().then(() => window.close());
        },
      }}
    />
  );
}
