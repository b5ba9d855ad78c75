import { formatFactValue } from '../engine/facts.ts';
import type { FactVocabulary, Lang } from '../engine/types.ts';
import { words } from '../locales/index.ts';
import type { FieldReport, PageCheckReport } from '../extension/page-check.ts';

export interface PageCheckProps {
  lang: Lang;
  /** The tab's answer; undefined while asking, null when no Partner Center page answered. */
  report: PageCheckReport | null | undefined;
  /** The matched page's title in `lang`. */
  pageTitle?: string | undefined;
  vocabulary: FactVocabulary;
  /** The report as it will be copied (masked unless values are included). */
  reportText: string;
  includeValues: boolean;
  /** The last copy's outcome. */
  copied?: 'done' | 'failed' | undefined;
  actions: {
    onAgain(): void;
    onCopy(): void;
    onIncludeValues(include: boolean): void;
  };
}

/**
 * The page check: what the page maps read on the current tab, field by field (found or not,
 * the text read, the value it gave), and a report to copy, its values left out by default.
 */
export function PageCheck(props: PageCheckProps) {
  const { lang, report } = props;
  const t = words(lang).controls;
  const pc = t.pageCheck;
  return (
    <div class="controls page-check" lang={lang}>
      <header class="bar">
        <h1>
          {t.product} · {pc.title}
        </h1>
      </header>
      <main>
        <p class="hint">{pc.intro}</p>
        {report === undefined && (
          <p role="status" data-policylens="page-check-state" data-state="reading">
            {pc.reading}
          </p>
        )}
        {report === null && (
          <p data-policylens="page-check-state" data-state="no-tab">
            {pc.noTab}
          </p>
        )}
        {report && <Report {...props} report={report} />}
      </main>
    </div>
  );
}

function Report(props: PageCheckProps & { report: PageCheckReport }) {
  const { lang, report, vocabulary, actions } = props;
  const pc = words(lang).controls.pageCheck;
  const accountField = report.fields.find((f) => f.account);
  const found = report.fields.filter((f) => f.status === 'found' || f.status === 'empty').length;
  return (
    <>
      <section aria-labelledby="check-page">
        {report.page === null ? (
          <>
            <h2 id="check-page" data-policylens="page-check-state" data-state="no-page">
              {pc.noPage}
            </h2>
            {report.candidates.length > 0 && (
              <p>{pc.candidates(report.candidates.map((c) => c.id).join(', '))}</p>
            )}
          </>
        ) : (
          <h2
            id="check-page"
            data-policylens="page-check-state"
            data-state="page"
            data-page={report.page}
          >
            {pc.matched(props.pageTitle ?? report.page, report.page)}
          </h2>
        )}
        {accountField?.account && (
          <dl
            class="check-account"
            data-policylens="page-check-account"
            data-basis={accountField.account.basis}
          >
            <dt>{report.account ? pc.account(report.account) : pc.noAccount}</dt>
            <dd>{pc.basis[accountField.account.basis]}</dd>
            <dt>{pc.topBar}</dt>
            <dd>{accountField.account.topBarTexts.join(' | ') || '—'}</dd>
          </dl>
        )}
        <button type="button" data-action="check-again" onClick={actions.onAgain}>
          {pc.again}
        </button>
      </section>
      {report.fields.length > 0 && (
        <table data-policylens="page-check">
          <caption>{pc.summary(found, report.fields.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{pc.columns.field}</th>
              <th scope="col">{pc.columns.label}</th>
              <th scope="col">{pc.columns.status}</th>
              <th scope="col">{pc.columns.text}</th>
              <th scope="col">{pc.columns.value}</th>
            </tr>
          </thead>
          <tbody>
            {report.fields.map((f) => (
              <Row key={`${f.fact}@${f.region}`} field={f} lang={lang} vocabulary={vocabulary} />
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="check-report" class="check-report">
        <h2 id="check-report">{pc.copy}</h2>
        <label class="radio">
          <input
            type="checkbox"
            data-action="include-values"
            checked={props.includeValues}
            onChange={(e) => actions.onIncludeValues((e.target as HTMLInputElement).checked)}
          />
          {pc.includeValues}
        </label>
        <p>
          <button type="button" data-action="copy-report" onClick={actions.onCopy}>
            {pc.copy}
          </button>
        </p>
        <p role="status" data-policylens="copy-state">
          {props.copied === 'done' ? pc.copied : props.copied === 'failed' ? pc.copyFailed : ''}
        </p>
        <pre data-policylens="page-check-report" tabIndex={0}>
          {props.reportText}
        </pre>
      </section>
    </>
  );
}

function Row({
  field,
  lang,
  vocabulary,
}: {
  field: FieldReport;
  lang: Lang;
  vocabulary: FactVocabulary;
}) {
  const pc = words(lang).controls.pageCheck;
  const description = vocabulary[field.fact]?.description[lang] ?? field.fact;
  const values = Object.entries(field.values).map(([name, value]) =>
    formatFactValue(vocabulary[name], value, lang),
  );
  return (
    <tr data-fact={field.fact} data-region={field.region} data-status={field.status}>
      <th scope="row">
        {description} <code>{field.fact}</code>
      </th>
      <td>
        {field.region === 'top-bar' && !field.label
          ? pc.inTopBar
          : (field.label ?? field.labels.join(' / '))}
      </td>
      <td class={`check-status check-${field.status}`}>{pc.status[field.status]}</td>
      <td>{field.text ?? ''}</td>
      <td>{values.join(' · ')}</td>
    </tr>
  );
}
