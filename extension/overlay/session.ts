import type { CompiledPageMap } from '../../engine/pages.ts';
import type { RuleResult } from '../../engine/types.ts';
import type { GuardView, ViewContext } from '../../components/model.ts';
import type { OverlayContent } from '../../components/Overlay.tsx';
import type { FieldReading } from '../dom/extract.ts';
import type { StoredConfirmation } from '../fact-store.ts';
import { installSubmitGuard, type GuardChoice } from '../submit-guard.ts';

/** One page shown from the moment its heading appears until the partner leaves it. */
export interface Session {
  page: CompiledPageMap;
  heading: Element;
  /** Aborts when the session ends: its listeners and its guard go with it. */
  controller: AbortController;
  /** The account the page was last read as signed in to (undefined: not recognised). */
  account?: string | undefined;
  /** What was last written to storage from this page, to write only on change. */
  rememberedKey?: string;
  /** Confirmations kept in memory when no account is recognised. */
  localConfirmations: Map<string, StoredConfirmation>;
  /** Block items failing as last evaluated, for the submit guard. */
  failing: RuleResult[];
  guard?: GuardView;
  /** The last rendered panel, to re-render when only the guard changes. */
  rendered?: { content: OverlayContent; ctx: ViewContext };
  /** The fields last read, to tell which one the partner is working in. */
  fields: FieldReading[];
  /**
   * Facts of the editable fields the partner has worked in: only these show inline warnings
   * (all of them once a submission was held), so warnings never jump at untouched fields.
   */
  touched: Set<string>;
  /**
   * Where the partner typed or clicked, kept until the fields are read: a partner (or the
   * browser's autofill) may fill a field before the overlay has first read the page.
   */
  touchedTargets: Node[];
  isSubmitAttempted: boolean;
}

/** Enough for any form; older targets only ever name fields already marked. */
const MAX_TOUCHED_TARGETS = 50;

export interface SessionOptions {
  win: Window;
  /** The overlay's own signal: the session ends with it. */
  signal: AbortSignal;
  page: CompiledPageMap;
  heading: Element;
  /** True while what was last evaluated may be behind the page (a read is due or running). */
  isBehind(): boolean;
  /** Reads the page and evaluates now. */
  refresh(): Promise<void>;
  /** Renders the panel again (the guard opened or closed). */
  renderPanel(): void;
  onError(error: unknown): void;
}

/**
 * Starts a page's session. On a checklist page it follows which fields the partner works
 * in and installs the submit guard, which asks before a submission a `block` rule says will
 * be refused.
 */
export function startSession(options: SessionOptions): Session {
  const { win, signal, page, heading } = options;
  const doc = win.document;
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), {
    once: true,
    signal: controller.signal,
  });
  const s: Session = {
    page,
    heading,
    controller,
    localConfirmations: new Map(),
    failing: [],
    fields: [],
    touched: new Set(),
    touchedTargets: [],
    isSubmitAttempted: false,
  };
  if (page.show !== 'checklist') return s;

  for (const type of ['input', 'change', 'click']) {
    doc.addEventListener(type, (event) => touch(s, event.target), {
      capture: true,
      passive: true,
      signal: controller.signal,
    });
  }
  installSubmitGuard({
    win,
    signal: controller.signal,
    submitTexts: page.submit,
    current: () => ({ isCurrent: !options.isBehind(), failing: s.failing }),
    settle: async () => {
      await options.refresh();
      return s.failing;
    },
    ask: (failing) =>
      new Promise<GuardChoice>((resolve) => {
        s.isSubmitAttempted = true;
        const previous = doc.activeElement;
        const close = (choice: GuardChoice) => {
          delete s.guard;
          options.renderPanel();
          if (choice === 'go-back' && previous instanceof HTMLElement) previous.focus();
          resolve(choice);
        };
        s.guard = {
          failing,
          onGoBack: () => close('go-back'),
          onSubmitAnyway: () => close('submit-anyway'),
        };
        controller.signal.addEventListener('abort', () => resolve('go-back'), { once: true });
        options.renderPanel();
        // Every field's warning shows from now on, touched or not.
        void options.refresh();
      }),
    onError: options.onError,
  });
  return s;
}

function touch(s: Session, target: EventTarget | null): void {
  if (!(target instanceof Node)) return;
  s.touchedTargets.push(target);
  if (s.touchedTargets.length > MAX_TOUCHED_TARGETS) s.touchedTargets.shift();
  markTouched(s, target);
}

/** The fields were read again: marks those the partner worked in before they were known. */
export function updateFields(s: Session, fields: FieldReading[]): void {
  s.fields = fields;
  for (const target of s.touchedTargets) markTouched(s, target);
}

/** Marks the field an event happened in (its control, its box, or the popup it controls). */
function markTouched(s: Session, target: Node): void {
  for (const reading of s.fields) {
    const control = reading.control;
    if (!control) continue;
    const popups =
      `${control.getAttribute('aria-controls') ?? ''} ${control.getAttribute('aria-owns') ?? ''}`
        .split(/\s+/u)
        .filter(Boolean);
    const isInPopup = popups.some((id) =>
      target.ownerDocument?.getElementById(id)?.contains(target),
    );
    if (control.contains(target) || reading.anchor.el.contains(target) || isInPopup) {
      s.touched.add(reading.field.fact);
    }
  }
}
