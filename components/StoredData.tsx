import { useEffect, useRef, useState } from 'preact/hooks';
import type { DroppedEntry } from '../extension/fact-store.ts';
import type { StoredAccountView } from '../extension/stored-data.ts';
import type { ControlWords } from '../locales/index.ts';

export interface StoredDataProps {
  t: ControlWords;
  /** undefined while reading storage. */
  accounts: StoredAccountView[] | undefined;
  now: number;
  /** Stored entries that did not fit and were dropped: the partner is told, not left guessing. */
  dropped?: DroppedEntry[] | undefined;
  onForgetAll(): Promise<void>;
  onDismissDropped?(): Promise<void>;
}

/**
 * Everything PolicyLens keeps, account by account: each fact with its value, the page it was
 * read on and its age (stale ones marked), and the partner's confirmations; then one button
 * that forgets it all, after a confirm step.
 */
export function StoredData({
  t,
  accounts,
  now,
  dropped,
  onForgetAll,
  onDismissDropped,
}: StoredDataProps) {
  const [step, setStep] = useState<'idle' | 'confirming' | 'done'>('idle');
  const forgetButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const doneMessage = useRef<HTMLParagraphElement>(null);
  const previousStep = useRef(step);
  useEffect(() => {
    const previous = previousStep.current;
    previousStep.current = step;
    if (step === 'confirming') cancelButton.current?.focus();
    else if (step === 'done') doneMessage.current?.focus();
    else if (previous === 'confirming') forgetButton.current?.focus();
  }, [step]);

  const hasData = (accounts?.length ?? 0) > 0;
  return (
    <section aria-labelledby="stored-heading" data-policylens="stored-data">
      <h2 id="stored-heading">{t.stored}</h2>
      <p class="hint">{t.storedIntro}</p>
      {dropped && dropped.length > 0 && (
        <div class="dropped" role="status" data-policylens="dropped">
          <h3>{t.dropped}</h3>
          <p>{t.droppedIntro}</p>
          <ul>
            {dropped.map((d) => (
              <li key={`${d.account}\n${d.kind}\n${d.name}\n${d.reason}`} data-reason={d.reason}>
                {droppedLine(t, d)}
              </li>
            ))}
          </ul>
          {onDismissDropped && (
            <button
              type="button"
              data-action="dismiss-dropped"
              onClick={() => void onDismissDropped()}
            >
              {t.droppedDismiss}
            </button>
          )}
        </div>
      )}
      {accounts && !hasData && <p data-state="empty">{t.nothingStored}</p>}
      {accounts?.map((account) => (
        <Account key={account.account} t={t} account={account} now={now} />
      ))}
      <p
        ref={doneMessage}
        role="status"
        tabIndex={-1}
        class={step === 'done' ? 'done' : 'sr-only'}
        data-policylens="forget-all-status"
      >
        {step === 'done' ? t.forgotten : ''}
      </p>
      {hasData && step !== 'confirming' && (
        <p>
          <button
            ref={forgetButton}
            type="button"
            class="danger"
            data-action="forget-all"
            onClick={() => setStep('confirming')}
          >
            {t.forgetAll}
          </button>
        </p>
      )}
      {hasData && step === 'confirming' && (
        <div
          class="confirm-step"
          role="group"
          aria-labelledby="forget-all-question"
          data-policylens="forget-all-confirm"
        >
          <p id="forget-all-question">{t.forgetAllQuestion(accounts?.length ?? 0)}</p>
          <button
            type="button"
            class="danger"
            data-action="forget-all-confirm"
            onClick={() => void onForgetAll().then(() => setStep('done'))}
          >
            {t.forgetAllConfirm}
          </button>{' '}
          <button
            ref={cancelButton}
            type="button"
            data-action="forget-all-cancel"
            onClick={() => setStep('idle')}
          >
            {t.cancel}
          </button>
        </div>
      )}
    </section>
  );
}

function Account({
  t,
  account,
  now,
}: {
  t: ControlWords;
  account: StoredAccountView;
  now: number;
}) {
  const id = `account-${slug(account.account)}`;
  return (
    <section class="account" aria-labelledby={id} data-account={account.account}>
      <h3 id={id}>{t.account(account.account)}</h3>
      <table class="facts" data-table="facts">
        <caption>{t.facts}</caption>
        <thead>
          <tr>
            <th scope="col">{t.factColumns.fact}</th>
            <th scope="col">{t.factColumns.value}</th>
            <th scope="col">{t.factColumns.page}</th>
            <th scope="col">{t.factColumns.age}</th>
          </tr>
        </thead>
        <tbody>
          {account.facts.length === 0 && (
            <tr>
              <td colSpan={4}>{t.none}</td>
            </tr>
          )}
          {account.facts.map((row) => (
            <tr
              key={row.fact}
              data-fact={row.fact}
              data-stale={String(row.isStale)}
              class={row.isStale ? 'is-stale' : undefined}
            >
              <th scope="row">
                {row.label} <code>{row.fact}</code>
              </th>
              <td data-column="value">{row.value}</td>
              <td data-column="page">{row.pageTitle}</td>
              <td data-column="age">
                <Age t={t} at={row.readAt} now={now} isStale={row.isStale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="confirmations" data-table="confirmations">
        <caption>{t.confirmations}</caption>
        <thead>
          <tr>
            <th scope="col">{t.confirmationColumns.rule}</th>
            <th scope="col">{t.confirmationColumns.page}</th>
            <th scope="col">{t.confirmationColumns.age}</th>
          </tr>
        </thead>
        <tbody>
          {account.confirmations.length === 0 && (
            <tr>
              <td colSpan={3}>{t.none}</td>
            </tr>
          )}
          {account.confirmations.map((row) => (
            <tr
              key={row.rule}
              data-confirmation={row.rule}
              data-stale={String(row.isStale)}
              class={row.isStale ? 'is-stale' : undefined}
            >
              <th scope="row">
                {row.title} <code>{row.rule}</code>
              </th>
              <td data-column="page">{row.pageTitle}</td>
              <td data-column="age">
                <Age t={t} at={row.confirmedAt} now={now} isStale={row.isStale} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Age({
  t,
  at,
  now,
  isStale,
}: {
  t: ControlWords;
  at: number;
  now: number;
  isStale: boolean;
}) {
  return (
    <>
      <time dateTime={new Date(at).toISOString()}>{t.age(now - at)}</time>
      {isStale && (
        <>
          {' '}
          <span class="stale-badge" data-stale-mark="">
            {t.stale}
          </span>
        </>
      )}
    </>
  );
}

function slug(text: string): string {
  return [...text].map((c) => (/[\w-]/u.test(c) ? c : `_${c.codePointAt(0)}`)).join('');
}

function droppedLine(t: ControlWords, d: DroppedEntry): string {
  const reason = t.droppedReasons[d.reason];
  if (d.kind === 'fact') return t.droppedFact(d.account, d.name, reason);
  if (d.kind === 'confirmation') return t.droppedConfirmation(d.account, d.name, reason);
  return t.droppedRecord(d.account, reason);
}
