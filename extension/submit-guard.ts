import type { RuleResult } from '../engine/types.ts';
import { isOwnNode } from './shadow.ts';
import { normalizeLabel } from './text.ts';

export type GuardChoice = 'go-back' | 'submit-anyway';

export interface SubmitGuardOptions {
  win: Window;
  signal: AbortSignal;
  /** Texts of the page's submit button (from the page map). */
  submitTexts: string[];
  /** The failing block items as last evaluated, and whether that evaluation is current. */
  current(): { isCurrent: boolean; failing: RuleResult[] };
  /** Reads the page and evaluates now; resolves to the failing block items. */
  settle(): Promise<RuleResult[]>;
  /** Tells the partner what will be refused; resolves to their choice. */
  ask(failing: RuleResult[]): Promise<GuardChoice>;
  onError?(error: unknown): void;
}

const CLICKABLE = 'button, input[type="submit"], input[type="button"], [role="button"], a';

/**
 * Stands between the partner and a submission that a `block` rule says will be refused.
 * Listens in the capture phase on the window (before the page's own handlers) to clicks
 * on the submit button and to form submissions. When nothing fails it never interferes;
 * otherwise it holds the event, asks, and on "submit anyway" replays the same click or
 * submission. The form is never touched, so nothing typed is lost either way.
 */
export function installSubmitGuard(options: SubmitGuardOptions): void {
  const { win, signal } = options;
  const wanted = new Set(options.submitTexts.map(normalizeLabel));
  let isReplaying = false;
  let isAsking = false;

  const submitControlOf = (event: Event): HTMLElement | null => {
    for (const target of event.composedPath()) {
      if (!(target instanceof HTMLElement) || isOwnNode(target)) continue;
      if (!target.matches(CLICKABLE)) continue;
      const text = normalizeLabel(
        target instanceof HTMLInputElement ? target.value : (target.textContent ?? ''),
      );
      const isFormSubmit = target.matches(
        'button[type="submit"], input[type="submit"], form button:not([type])',
      );
      return wanted.has(text) || isFormSubmit ? target : null;
    }
    return null;
  };

  const intercept = (event: Event, replay: () => void) => {
    const state = options.current();
    if (state.isCurrent && state.failing.length === 0) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (isAsking) return;
    isAsking = true;
    void (async () => {
      const failing = state.isCurrent ? state.failing : await options.settle();
      const choice = failing.length > 0 ? await options.ask(failing) : 'submit-anyway';
      if (choice === 'submit-anyway' && !signal.aborted) {
        isReplaying = true;
        try {
          replay();
        } finally {
          isReplaying = false;
        }
      }
    })()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        isAsking = false;
      });
  };

  win.addEventListener(
    'click',
    (event) => {
      if (isReplaying) return;
      const control = submitControlOf(event);
      if (control) intercept(event, () => control.click());
    },
    { capture: true, signal },
  );
  win.addEventListener(
    'submit',
    (event) => {
      if (isReplaying) return;
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const submitter = (event as SubmitEvent).submitter;
      intercept(event, () => form.requestSubmit(submitter ?? undefined));
    },
    { capture: true, signal },
  );
}
