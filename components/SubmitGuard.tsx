import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Lang } from '../engine/types.ts';
import { words } from '../locales/index.ts';
import type { GuardView } from './model.ts';

/**
 * Asks before a submission that will be refused: what fails, then "go back" (the default,
 * and Escape) or "submit anyway". A modal `<dialog>`: above everything on the page, the page
 * behind it inert; focus starts on "go back" and Tab keeps to the two buttons.
 */
export function SubmitGuard({ guard, lang }: { guard: GuardView; lang: Lang }) {
  const t = words(lang).overlay;
  const goBack = useRef<HTMLButtonElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const answered = useRef<GuardView | undefined>(undefined);
  // Escape may arrive both as a key and as the dialog's cancel: answer each question once.
  const answer = (choose: () => void) => () => {
    if (answered.current === guard) return;
    answered.current = guard;
    choose();
  };
  const onGoBack = answer(guard.onGoBack);
  const onSubmitAnyway = answer(guard.onSubmitAnyway);

  useLayoutEffect(() => {
    const el = dialog.current;
    if (el && !el.open) {
      try {
        el.showModal();
      } catch {
        // Not in a document (yet): shown in place, still labelled as modal.
        el.setAttribute('open', '');
      }
    }
    goBack.current?.focus();
    return () => {
      if (el?.open) el.close();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onGoBack();
    } else if (event.key === 'Tab') {
      const buttons = [...(dialog.current?.querySelectorAll('button') ?? [])];
      const first = buttons[0];
      const last = buttons[buttons.length - 1];
      const root = dialog.current?.getRootNode();
      const active = root instanceof ShadowRoot ? root.activeElement : document.activeElement;
      if (event.shiftKey && (active === first || !buttons.includes(active as HTMLButtonElement))) {
        event.preventDefault();
        last?.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first?.focus();
      }
    }
  };
  return (
    <dialog
      ref={dialog}
      class="dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="policylens-guard-title"
      aria-describedby="policylens-guard-intro"
      data-policylens="submit-guard"
      lang={lang}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onGoBack();
      }}
    >
      <h2 id="policylens-guard-title">{t.guardTitle}</h2>
      <p id="policylens-guard-intro">{t.guardIntro}</p>
      <ul class="items">
        {guard.failing.map((r) => (
          <li key={r.rule} class="item status-fail" data-rule={r.rule} data-status={r.status}>
            <strong class="title">{r.title}</strong>
            <p class="message">{r.message}</p>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button ref={goBack} type="button" class="primary" data-action="go-back" onClick={onGoBack}>
          {t.goBack}
        </button>
        <button type="button" data-action="submit-anyway" onClick={onSubmitAnyway}>
          {t.submitAnyway}
        </button>
      </div>
    </dialog>
  );
}
