import {
  LANGS,
  type CompiledPack,
  type CompiledRule,
  type FailText,
  type Lang,
  type Localized,
} from '../engine/types.ts';
import { formatDate, type ControlWords } from '../locales/index.ts';

export interface RuleBrowserProps {
  t: ControlWords;
  lang: Lang;
  pack: CompiledPack;
  /** The release line ("rules 0.1.0 · a1b2c3d4 · built …") and the newest dated change. */
  release: string;
  newestDate?: string | undefined;
}

/**
 * Every flow and rule of the pack: severity, messages and fail texts in both languages, the
 * dated versions, and the sources (web pages as plain links; nothing is fetched).
 */
export function RuleBrowser({ t, lang, pack, release, newestDate }: RuleBrowserProps) {
  return (
    <section aria-labelledby="rules-heading" data-policylens="rule-browser">
      <h2 id="rules-heading">{t.rules}</h2>
      <p class="hint">{t.rulesIntro}</p>
      <p class="release" data-policylens="release">
        {release}
        {newestDate ? ` · ${t.newestChange(newestDate)}` : ''}
      </p>
      <nav aria-label={t.rules} class="flow-index">
        <ul>
          {pack.flows.map((flow) => (
            <li key={flow.id}>
              <a href={`#flow-${flow.id}`}>{flow.title[lang]}</a>
            </li>
          ))}
        </ul>
      </nav>
      {pack.flows.map((flow) => (
        <section key={flow.id} class="flow" aria-labelledby={`flow-${flow.id}`} data-flow={flow.id}>
          <h3 id={`flow-${flow.id}`} tabIndex={-1}>
            {flow.title[lang]} <code>{flow.id}</code>
          </h3>
          <p class="hint">
            <span lang={other(lang)}>{flow.title[other(lang)]}</span> ·{' '}
            {t.flowOf(flow.rules.length)}
          </p>
          <ol class="rules">
            {flow.rules.map((rule) => (
              <Rule key={rule.id} t={t} lang={lang} rule={rule} />
            ))}
          </ol>
        </section>
      ))}
    </section>
  );
}

function Rule({ t, lang, rule }: { t: ControlWords; lang: Lang; rule: CompiledRule }) {
  const versions = rule.versions.filter(
    (v) => v.from || v.until || v.message || v.fail || v.source,
  );
  // A day the source gives only roughly says so, and what the source says instead.
  const day = (date: string, said: Localized | undefined) =>
    said ? t.approximately(formatDate(date, lang), said[lang]) : formatDate(date, lang);
  return (
    <li class={`rule severity-${rule.severity}`} data-rule={rule.id} data-severity={rule.severity}>
      <h4>{rule.title[lang]}</h4>
      <p class="rule-meta">
        <code>{rule.id}</code> · <span class="severity">{t.severity[rule.severity]}</span>
      </p>
      <dl class="rule-texts">
        <dt>{t.ruleFields.message}</dt>
        <dd>
          <BothLanguages t={t} text={rule.message} />
        </dd>
        {rule.fail && (
          <>
            <dt>{t.ruleFields.fail}</dt>
            <dd>
              <FailTexts t={t} texts={rule.fail} />
            </dd>
          </>
        )}
        <dt>{t.ruleFields.source}</dt>
        <dd>
          <Sources sources={rule.source} />
        </dd>
      </dl>
      {versions.length > 0 && (
        <>
          <h5>{t.ruleFields.versions}</h5>
          <ol class="versions">
            {versions.map((v, i) => (
              <li key={i} data-version={i}>
                <p class="effective">
                  {t.effective(
                    v.from && day(v.from, v.approximate?.from),
                    v.until && day(v.until, v.approximate?.until),
                  ) || t.always}
                </p>
                {(v.message || v.fail || v.source) && (
                  <dl class="rule-texts">
                    {v.message && (
                      <>
                        <dt>{t.ruleFields.message}</dt>
                        <dd>
                          <BothLanguages t={t} text={v.message} />
                        </dd>
                      </>
                    )}
                    {v.fail && (
                      <>
                        <dt>{t.ruleFields.fail}</dt>
                        <dd>
                          <FailTexts t={t} texts={v.fail} />
                        </dd>
                      </>
                    )}
                    {v.source && (
                      <>
                        <dt>{t.ruleFields.source}</dt>
                        <dd>
                          <Sources sources={v.source} />
                        </dd>
                      </>
                    )}
                  </dl>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </li>
  );
}

function BothLanguages({ t, text }: { t: ControlWords; text: Localized }) {
  return (
    <>
      {LANGS.map((l) => (
        <p key={l} class="localized" data-lang={l}>
          <span class="lang-tag" lang={l}>
            {t.langNames[l]}
          </span>{' '}
          <span lang={l}>{text[l]}</span>
        </p>
      ))}
    </>
  );
}

/** A rule's fail texts: one, or one per cause in the order they are tried. */
function FailTexts({ t, texts }: { t: ControlWords; texts: FailText[] }) {
  if (texts.length === 1) return <BothLanguages t={t} text={texts[0]!.text} />;
  return (
    <ol class="fail-texts">
      {texts.map((f, i) => (
        <li key={i}>
          <BothLanguages t={t} text={f.text} />
        </li>
      ))}
    </ol>
  );
}

/** Web pages as links (never fetched, no referrer); other citations (seed lines) as text. */
function Sources({ sources }: { sources: string[] }) {
  return (
    <ul class="sources">
      {sources.map((source) => (
        <li key={source}>
          {/^https?:\/\//u.test(source) ? (
            <a href={source} rel="noreferrer" target="_blank">
              {source}
            </a>
          ) : (
            source
          )}
        </li>
      ))}
    </ul>
  );
}

function other(lang: Lang): Lang {
  return lang === 'en' ? 'zh-CN' : 'en';
}
