import { useRef, useState } from 'preact/hooks';
import { useKeptFocus } from './focus.ts';
import { words } from '../locales/index.ts';
import { Item } from './Item.tsx';
import type { ChecklistView, ItemActions, ViewContext } from './model.ts';

const ITEM_PX = 76;
const MIN_LIST_PX = 120;
const MAX_LIST_PX = 360;

export interface ChecklistProps {
  view: ChecklistView;
  ctx: ViewContext;
  actions: ItemActions & { onForgetAll(): void };
}

/** The flow's checklist, in checklist order. Rules that do not apply are left out. */
export function Checklist({ view, ctx, actions }: ChecklistProps) {
  const t = words(ctx.lang).overlay;
  const [isOpen, setOpen] = useState(true);
  const panel = useRef<HTMLElement>(null);
  const itemActions = useKeptFocus(panel, actions);
  const items = view.items.filter((i) => i.status !== 'skip');
  // The list keeps one height for the page (from the flow's rule count, not its results),
  // scrolling inside: the form below never jumps while the partner fills it in.
  const listHeight = Math.min(MAX_LIST_PX, Math.max(MIN_LIST_PX, view.items.length * ITEM_PX));
  const counts = countBy(items.map((i) => i.status));
  const headingId = 'policylens-checklist-heading';
  return (
    <section
      ref={panel}
      class="panel"
      data-policylens="checklist"
      aria-labelledby={headingId}
      lang={ctx.lang}
    >
      <header class="panel-head">
        <h2 id={headingId} tabIndex={-1}>
          {t.checklist(view.flowTitle)}
        </h2>
        <span class="counts">
          {(['fail', 'unknown', 'pass', 'notice'] as const)
            .filter((s) => counts[s])
            .map((s) => `${t.status[s]} ${counts[s]}`)
            .join(' · ')}
        </span>
        <button
          type="button"
          class="toggle"
          aria-expanded={isOpen}
          onClick={() => setOpen(!isOpen)}
        >
          {isOpen ? t.collapse : t.expand}
        </button>
      </header>
      {isOpen && (
        <>
          <ol class="items checklist-items" style={{ height: `${listHeight}px` }}>
            {items.map((item) => (
              <Item key={item.result.rule} item={item} ctx={ctx} actions={itemActions} />
            ))}
          </ol>
          <Footer ctx={ctx} onForgetAll={actions.onForgetAll} />
        </>
      )}
    </section>
  );
}

export function Footer({ ctx, onForgetAll }: { ctx: ViewContext; onForgetAll(): void }) {
  const t = words(ctx.lang).overlay;
  return (
    <footer class="panel-foot">
      <span data-policylens="checked-on" data-date={ctx.date}>
        {t.checkedOn(ctx.date)}
      </span>
      <span>{ctx.account ? t.rememberedFor(ctx.account) : t.noAccount}</span>
      {ctx.account && (
        <button type="button" data-action="forget-all" onClick={onForgetAll}>
          {t.forgetAll}
        </button>
      )}
    </footer>
  );
}

function countBy<T extends string>(values: T[]): Partial<Record<T, number>> {
  const out: Partial<Record<T, number>> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
