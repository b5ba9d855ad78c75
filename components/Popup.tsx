import type { Lang } from '../engine/types.ts';
import type { Release } from '../extension/pack-info.ts';
import type { Counts, PageState } from '../extension/page-state.ts';
import { isSiteEnabled, type LangChoice, type Settings } from '../extension/settings.ts';
import { words, type ControlWords } from '../locales/index.ts';
import { LanguageChoice, SiteSwitch } from './SettingsControls.tsx';

export interface PopupProps {
  lang: Lang;
  /** The tab's answer; undefined while asking, null when no content script answered. */
  state: PageState | null | undefined;
  /** The title of the page the overlay shows, in `lang`. */
  pageTitle?: string | undefined;
  settings: Settings;
  release: Release;
  actions: {
    onSiteChange(host: string, isEnabled: boolean): void;
    onLangChange(choice: LangChoice): void;
    onOpenOptions(): void;
    /** Opens the page check of this tab (what PolicyLens reads here, field by field). */
    onCheckPage(): void;
  };
}

const COUNT_KEYS = ['blockFail', 'warnFail', 'unknown'] as const satisfies (keyof Counts)[];
const PROGRAM_KEYS = ['pass', 'fail', 'unknown'] as const;

/** The toolbar popup: the current page's flow and counts, this site on/off, the language. */
export function Popup({ lang, state, pageTitle, settings, release, actions }: PopupProps) {
  const t = words(lang).controls;
  return (
    <div class="controls popup" lang={lang}>
      <header class="bar">
        <h1>{t.product}</h1>
      </header>
      <main>
        <section aria-labelledby="page-heading">
          <h2 id="page-heading">{t.thisPage}</h2>
          <PageSection t={t} state={state} pageTitle={pageTitle} />
          {state && (
            <button
              type="button"
              class="link"
              data-action="check-page"
              onClick={actions.onCheckPage}
            >
              {t.pageCheck.open}
            </button>
          )}
        </section>
        <section aria-labelledby="settings-heading">
          <h2 id="settings-heading">{t.settings}</h2>
          {state && (
            <SiteSwitch
              host={state.host}
              label={t.siteSwitch(state.host)}
              isEnabled={isSiteEnabled(settings, state.host)}
              onChange={actions.onSiteChange}
            />
          )}
          <LanguageChoice t={t} value={settings.lang} onChange={actions.onLangChange} />
        </section>
      </main>
      <footer class="release">
        <p data-policylens="release">
          {t.rulesVersion(release.version, release.hash, release.builtOn)}
        </p>
        <button
          type="button"
          class="link"
          data-action="open-options"
          onClick={actions.onOpenOptions}
        >
          {t.openOptions}
        </button>
      </footer>
    </div>
  );
}

function PageSection({
  t,
  state,
  pageTitle,
}: {
  t: ControlWords;
  state: PopupProps['state'];
  pageTitle: string | undefined;
}) {
  if (state === undefined) {
    return (
      <p role="status" data-policylens="page-state" data-state="reading">
        {t.reading}
      </p>
    );
  }
  if (state === null) {
    return (
      <p data-policylens="page-state" data-state="not-partner-center">
        {t.notPartnerCenter}
      </p>
    );
  }
  if (!state.isEnabled) {
    return (
      <p data-policylens="page-state" data-state="off">
        {t.siteOff(state.host)}
      </p>
    );
  }
  const { page } = state;
  if (!page) {
    return (
      <p data-policylens="page-state" data-state="no-checklist">
        {t.noChecklist}
      </p>
    );
  }
  return (
    <div data-policylens="page-state" data-state={page.kind} data-page={page.page}>
      <h3 class="flow-title" data-flow={page.flow}>
        {pageTitle ?? page.page}
      </h3>
      {page.programs && (
        <>
          <h4 class="sub">{t.programs}</h4>
          <dl class="counts">
            {PROGRAM_KEYS.map((key) => (
              <div key={key} class={`count program-${key}`} data-count={`program-${key}`}>
                <dt>{t.programCounts[key]}</dt>
                <dd>{page.programs?.[key] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {page.kind === 'checklist' && (
        <dl class="counts">
          {COUNT_KEYS.map((key) => (
            <div
              key={key}
              class={`count count-${key}${page.counts[key] > 0 ? ' is-nonzero' : ''}`}
              data-count={key}
            >
              <dt>{t.counts[key]}</dt>
              <dd>{page.counts[key]}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
