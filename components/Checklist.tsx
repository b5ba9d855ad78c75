import type { RefObject } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatDate, words } from '../locales/index.ts';
import { useKeptFocus } from './focus.ts';
import { Item } from './Item.tsx';
import type { ChecklistView, ItemActions, ItemView, ViewContext } from './model.ts';
import { byUrgency, isFolded, outcomeOf, type Outcome } from './order.ts';

export interface ChecklistProps {
  view: ChecklistView;
  ctx: ViewContext;
  actions: ItemActions & { onForgetAll(): void };
}

/**
 * The flow's checklist, most pressing first, every item shown whole; what is met and the
 * notices fold into one line that opens on click. Rules that do not apply are left out.
 */
export function Checklist({ view, ctx, actions }: ChecklistProps) {
  const t = words(ctx.lang).overlay;
  const [isOpen, setOpen] = useState(true);
  const [isFoldOpen, setFoldOpen] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const itemActions = useKeptFocus(panel, actions);
  const items = byUrgency(view.items.filter((i) => i.status !== 'skip'));
  const steady = useSteadyList(body, items);
  const releaseHeight = steady.release;
  const outcome = outcomeOf(items);
  // Notices alone are not folded: there is nothing else to see.
  const shown = outcome.isNoticesOnly ? items : steady.shown;
  const folded = items.filter((i) => !shown.includes(i));
  const met = folded.filter((i) => i.status === 'pass').length;
  const headingId = 'policylens-checklist-heading';
  const foldedId = 'policylens-checklist-folded';
  return (
    <section
      ref={panel}
      class="panel"
      data-policylens="checklist"
      aria-labelledby={headingId}
      lang={ctx.lang}
    >
      <header class="panel-head">
        <div class="panel-title">
          <h2 id={headingId} tabIndex={-1}>
            {t.checklist(view.flowTitle)}
          </h2>
          <button
            type="button"
            class="toggle"
            aria-expanded={isOpen}
            onClick={() => {
              releaseHeight();
              setOpen(!isOpen);
            }}
          >
            {isOpen ? t.collapse : t.expand}
          </button>
        </div>
        <Summary outcome={outcome} ctx={ctx} />
      </header>
      {isOpen && (
        <>
          {/* A click in the panel is the partner's own doing: the panel may change height. */}
          <div class="panel-body" ref={body} onClickCapture={releaseHeight}>
            {shown.length > 0 && (
              <ol class="items checklist-items">
                {shown.map((item) => (
                  <Item key={item.result.rule} item={item} ctx={ctx} actions={itemActions} />
                ))}
              </ol>
            )}
            {folded.length > 0 && (
              <>
                <button
                  type="button"
                  class="folded-toggle"
                  data-action="show-folded"
                  aria-expanded={isFoldOpen}
                  aria-controls={foldedId}
                  onClick={() => setFoldOpen(!isFoldOpen)}
                >
                  <span class="mark" aria-hidden="true">
                    {isFoldOpen ? '▾' : '▸'}
                  </span>
                  {t.folded(met, folded.length - met)}
                </button>
                <ol id={foldedId} class="items folded-items" hidden={!isFoldOpen}>
                  {folded.map((item) => (
                    <Item key={item.result.rule} item={item} ctx={ctx} actions={itemActions} />
                  ))}
                </ol>
              </>
            )}
          </div>
          <Footer ctx={ctx} onForgetAll={actions.onForgetAll} />
        </>
      )}
    </section>
  );
}

/** The outcome in words: "2 things will get this refused · 1 warning". */
function Summary({ outcome, ctx }: { outcome: Outcome; ctx: ViewContext }) {
  const t = words(ctx.lang).overlay;
  const { refused, warnings, toCheck } = outcome;
  const isSettled = refused === 0 && toCheck === 0;
  const parts = [
    refused > 0 ? t.summary.refused(refused) : '',
    isSettled && outcome.isApplication ? t.summary.clear : '',
    isSettled && !outcome.isApplication && warnings === 0 && !outcome.isNoticesOnly
      ? t.summary.allMet
      : '',
    outcome.isNoticesOnly ? t.summary.nothingToCheck(outcome.notices) : '',
    warnings > 0 ? t.summary.warnings(warnings) : '',
    toCheck > 0 ? t.summary.toCheck(toCheck) : '',
  ].filter(Boolean);
  const kind =
    refused > 0 ? 'refused' : toCheck > 0 ? 'to-check' : warnings > 0 ? 'warning' : 'clear';
  return (
    // A status: said when it changes, as the partner's typing settles an item.
    <p
      class={`summary outcome-${kind}`}
      data-policylens="summary"
      data-outcome={kind}
      role="status"
    >
      {parts.join(t.partSeparator)}
    </p>
  );
}

/**
 * The items in view, kept steady while the partner works in the form below, so the form
 * never moves under their cursor: an item in view stays in view when their typing settles
 * it (it shows as met, after the open items, rather than folding away), and the list's
 * height only grows. Once they are no longer in a field of the page, or do something in the
 * panel, the list is laid out afresh. (Late page data that settles items before the partner
 * has started is not their typing: the list follows it.)
 */
function useSteadyList(
  ref: RefObject<HTMLElement | null>,
  items: ItemView[],
): { shown: ItemView[]; release(): void } {
  const kept = useRef<string[] | undefined>(undefined);
  const reserved = useRef(0);
  const isSteady = kept.current !== undefined && isWorkingInPage(ref.current);
  const previous = isSteady ? (kept.current ?? []) : [];
  if (!isSteady) reserved.current = 0;
  const shown = items.filter((i) => !isFolded(i) || previous.includes(i.result.rule));
  kept.current = shown.map((i) => i.result.rule);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.minHeight = '';
    const height = el.getBoundingClientRect().height;
    reserved.current = Math.max(reserved.current, height);
    if (reserved.current > height) el.style.minHeight = `${reserved.current}px`;
  });
  return {
    shown,
    release() {
      kept.current = undefined;
      reserved.current = 0;
      if (ref.current) ref.current.style.minHeight = '';
    },
  };
}

/** True while focus is in the page (a field, a button of the form), not on nothing or ours. */
function isWorkingInPage(el: Element | null): boolean {
  const doc = el?.ownerDocument;
  const active = doc?.activeElement;
  if (!el || !doc || !active || active === doc.body || active === doc.documentElement) {
    return false;
  }
  const root = el.getRootNode();
  return !(root instanceof ShadowRoot && root.host === active) && !active.contains(el);
}

export function Footer({ ctx, onForgetAll }: { ctx: ViewContext; onForgetAll(): void }) {
  const t = words(ctx.lang).overlay;
  return (
    <footer class="panel-foot">
      <span data-policylens="checked-on" data-date={ctx.date}>
        {t.checkedOn(formatDate(ctx.date, ctx.lang))}
      </span>
      {ctx.notRemembered !== 'nameTooLong' && (
        <span>{ctx.account ? t.rememberedFor(ctx.account) : t.noAccount}</span>
      )}
      {ctx.notRemembered && (
        <span role="status" class="not-remembered" data-policylens="not-remembered">
          {t.notRemembered[ctx.notRemembered]}
        </span>
      )}
      {ctx.account && (
        <button type="button" data-action="forget-all" onClick={onForgetAll}>
          {t.forgetAll}
        </button>
      )}
    </footer>
  );
}
