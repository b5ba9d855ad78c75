import { LANG_CHOICES, type LangChoice } from '../extension/settings.ts';
import type { ControlWords } from '../locales/index.ts';

/** Turns PolicyLens on or off for one site: a native checkbox with its label. */
export function SiteSwitch({
  host,
  label,
  isEnabled,
  onChange,
}: {
  host: string;
  label: string;
  isEnabled: boolean;
  onChange(host: string, isEnabled: boolean): void;
}) {
  const id = `site-${host.replace(/\W+/gu, '-')}`;
  return (
    <div class="switch" data-site={host}>
      <input
        id={id}
        type="checkbox"
        checked={isEnabled}
        onChange={(event) => onChange(host, (event.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{label}</label>
    </div>
  );
}

/** The language of every PolicyLens text: follow the page, or always one language. */
export function LanguageChoice({
  t,
  value,
  hint,
  onChange,
}: {
  t: ControlWords;
  value: LangChoice;
  hint?: string;
  onChange(choice: LangChoice): void;
}) {
  return (
    <fieldset
      class="language"
      data-setting="lang"
      aria-describedby={hint ? 'lang-hint' : undefined}
    >
      <legend>{t.language}</legend>
      {hint && (
        <p id="lang-hint" class="hint">
          {hint}
        </p>
      )}
      {LANG_CHOICES.map((choice) => (
        <div class="radio" key={choice}>
          <input
            id={`lang-${choice}`}
            type="radio"
            name="policylens-lang"
            value={choice}
            checked={value === choice}
            onChange={() => onChange(choice)}
          />
          <label for={`lang-${choice}`} lang={choice === 'page' ? undefined : choice}>
            {t.langChoice[choice]}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
