import type { CompiledPack, Lang } from '../engine/types.ts';
import type { Release } from '../extension/pack-info.ts';
import { isSiteEnabled, type LangChoice, type Settings } from '../extension/settings.ts';
import type { DroppedEntry } from '../extension/fact-store.ts';
import type { StoredAccountView } from '../extension/stored-data.ts';
import { words } from '../locales/index.ts';
import { RuleBrowser } from './RuleBrowser.tsx';
import { LanguageChoice, SiteSwitch } from './SettingsControls.tsx';
import { StoredData } from './StoredData.tsx';

export interface OptionsProps {
  lang: Lang;
  settings: Settings;
  sites: readonly string[];
  accounts: StoredAccountView[] | undefined;
  /** Stored entries that did not fit and were dropped. */
  dropped?: DroppedEntry[] | undefined;
  now: number;
  pack: CompiledPack;
  release: Release;
  newestRuleDate?: string | undefined;
  actions: {
    onSiteChange(host: string, isEnabled: boolean): void;
    onLangChange(choice: LangChoice): void;
    onForgetAll(): Promise<void>;
    onDismissDropped?(): Promise<void>;
  };
}

/** The options page: the settings, everything stored (per account), and the rule browser. */
export function Options(props: OptionsProps) {
  const { lang, settings, sites, actions } = props;
  const t = words(lang).controls;
  const release = t.rulesVersion(props.release.version, props.release.hash, props.release.builtOn);
  return (
    <div class="controls options" lang={lang}>
      <header class="bar">
        <h1>{t.optionsTitle}</h1>
        <p class="release">{release}</p>
      </header>
      <main>
        <section aria-labelledby="settings-heading" data-policylens="settings">
          <h2 id="settings-heading">{t.settings}</h2>
          <fieldset class="sites" aria-describedby="sites-hint">
            <legend>{t.sites}</legend>
            <p id="sites-hint" class="hint">
              {t.sitesHint}
            </p>
            {sites.map((host) => (
              <SiteSwitch
                key={host}
                host={host}
                label={`${t.siteNames[host] ?? host} (${host})`}
                isEnabled={isSiteEnabled(settings, host)}
                onChange={actions.onSiteChange}
              />
            ))}
          </fieldset>
          <LanguageChoice
            t={t}
            value={settings.lang}
            hint={t.languageHint}
            onChange={actions.onLangChange}
          />
        </section>
        <StoredData
          t={t}
          accounts={props.accounts}
          now={props.now}
          dropped={props.dropped}
          onForgetAll={actions.onForgetAll}
          {...(actions.onDismissDropped ? { onDismissDropped: actions.onDismissDropped } : {})}
        />
        <RuleBrowser
          t={t}
          lang={lang}
          pack={props.pack}
          release={release}
          newestDate={props.newestRuleDate}
        />
      </main>
    </div>
  );
}
