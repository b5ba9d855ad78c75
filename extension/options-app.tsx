import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import bundle from 'virtual:policylens-pack';
import { words } from '../locales/index.ts';
import { Options } from '../components/Options.tsx';
import { recordVocabulary } from './fact-store.ts';
import { newestRuleDate } from './pack-info.ts';
import { RELEASE } from './release.ts';
import {
  browserLang,
  loadSettings,
  parseSettings,
  resolveLang,
  saveSettings,
  SETTINGS_KEY,
  SITES,
  withSite,
  type Settings,
} from './settings.ts';
import {
  dismissDropped,
  forgetAllAccounts,
  readAccounts,
  storedAccountViews,
  type StoredAccounts,
} from './stored-data.ts';

// Storage is checked against the rules and page maps built in, as the content script does.
const VOCABULARY = recordVocabulary(bundle);

const MINUTE_MS = 60_000;

/** The options page wired to the browser: settings and stored data, both followed live. */
export function OptionsApp() {
  const [settings, setSettings] = useState<Settings>();
  const [stored, setStored] = useState<StoredAccounts>();
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    const area = browser.storage.local;
    const reload = () =>
      void readAccounts(area, VOCABULARY, Date.now()).then((next) => {
        setStored(next);
        setNow(Date.now());
      });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, areaName: string) => {
      if (areaName !== 'local') return;
      const change = changes[SETTINGS_KEY];
      if (change) setSettings(parseSettings(change.newValue));
      if (Object.keys(changes).some((key) => key !== SETTINGS_KEY)) reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    void loadSettings(area).then(setSettings);
    reload();
    // Ages move on while the page stays open.
    const timer = setInterval(() => setNow(Date.now()), MINUTE_MS);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      clearInterval(timer);
    };
  }, []);

  const lang = resolveLang(settings?.lang ?? 'page', browserLang(navigator.language));
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = words(lang).controls.optionsTitle;
  }, [lang]);

  if (!settings) return null;
  const save = (next: Settings) => {
    setSettings(next);
    void saveSettings(browser.storage.local, next);
  };
  return (
    <Options
      lang={lang}
      settings={settings}
      sites={SITES}
      accounts={stored && storedAccountViews(stored.records, bundle, lang, now)}
      dropped={stored?.dropped}
      now={now}
      pack={bundle.pack}
      release={RELEASE}
      newestRuleDate={newestRuleDate(bundle.pack)}
      actions={{
        onSiteChange: (host, isEnabled) => save(withSite(settings, host, isEnabled)),
        onLangChange: (choice) => save({ ...settings, lang: choice }),
        onForgetAll: async () => {
          await forgetAllAccounts(browser.storage.local);
          setStored(await readAccounts(browser.storage.local, VOCABULARY, Date.now()));
        },
        onDismissDropped: async () => {
          await dismissDropped(browser.storage.local, VOCABULARY, Date.now());
          setStored(await readAccounts(browser.storage.local, VOCABULARY, Date.now()));
        },
      }}
    />
  );
}
