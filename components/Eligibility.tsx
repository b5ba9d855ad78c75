import { own } from '../engine/own.ts';
import { useRef } from 'preact/hooks';
import { Footer } from './Checklist.tsx';
import { useKeptFocus } from './focus.ts';
import { words } from '../locales/index.ts';
import { Item } from './Item.tsx';
import type { FlowEligibilityView, ItemActions, ViewContext } from './model.ts';
import { byUrgency } from './order.ts';

export interface EligibilityProps {
  flows: FlowEligibilityView[];
  ctx: ViewContext;
  actions: ItemActions & { onForgetAll(): void };
}

/** The overview: for every program flow, whether the account may apply now and what is missing. */
export function Eligibility({ flows, ctx, actions }: EligibilityProps) {
  const t = words(ctx.lang).overlay;
  const headingId = 'policylens-eligibility-heading';
  const panel = useRef<HTMLElement>(null);
  const itemActions = useKeptFocus(panel, actions);
  return (
    <section
      ref={panel}
      class="panel"
      data-policylens="eligibility"
      aria-labelledby={headingId}
      lang={ctx.lang}
    >
      <header class="panel-head">
        <h2 id={headingId} tabIndex={-1}>
          {t.eligibility}
        </h2>
        <p class="summary" data-policylens="summary" role="status">
          {(['pass', 'fail', 'unknown'] as const)
            .map((status) => [status, flows.filter((f) => f.status === status).length] as const)
            .filter(([, count]) => count > 0)
            .map(([status, count]) => t.eligibilitySummary[status](count))
            .join(t.partSeparator)}
        </p>
      </header>
      <ul class="flows">
        {flows.map((flow) => (
          <li
            key={flow.flow}
            class={`flow status-${flow.status}`}
            data-flow={flow.flow}
            data-status={flow.status}
            tabIndex={-1}
          >
            <div class="item-head">
              <span class="title">{flow.title}</span>
              <span class="badge">{t.eligibilityStatus[flow.status]}</span>
            </div>
            {flow.status !== 'pass' && (
              <div class="missing">
                <h3 class="sr-only">{t.whatIsMissing}</h3>
                {flow.missing.length > 0 && (
                  <p class="missing-facts">
                    {t.missingFacts}:{' '}
                    {flow.missing
                      .map((name) => own(ctx.vocabulary, name)?.description[ctx.lang] ?? name)
                      .join(words(ctx.lang).values.listSeparator)}
                  </p>
                )}
                <ol class="items">
                  {byUrgency(flow.items).map((item) => (
                    <Item key={item.result.rule} item={item} ctx={ctx} actions={itemActions} />
                  ))}
                </ol>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Footer ctx={ctx} onForgetAll={actions.onForgetAll} />
    </section>
  );
}
