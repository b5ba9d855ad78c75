import type { Lang, RuleResult } from '../engine/types.ts';
import { words } from '../locales/index.ts';

/**
 * Warnings beside one field. The live region is always rendered (possibly empty) so a
 * screen reader announces a warning when it appears.
 */
export function FieldWarning({ results, lang }: { results: RuleResult[]; lang: Lang }) {
  const t = words(lang).overlay;
  return (
    <div class="field-warnings" aria-live="polite" lang={lang}>
      {results.map((r) => (
        <div
          key={r.rule}
          class={`field-warning severity-${r.severity}`}
          data-policylens="field-warning"
          data-rule={r.rule}
          data-status={r.status}
          role="note"
        >
          <span class="mark" aria-hidden="true">
            !
          </span>
          <span class="sr-only">{t.fieldWarning}: </span>
          {/* The severity in words, not only in the warning's colour. */}
          <span class="severity">{t.severity[r.severity]}</span>
          <span class="sr-only">: </span> <strong class="title">{r.title}</strong>{' '}
          <span class="message">{r.message}</span>
        </div>
      ))}
    </div>
  );
}
