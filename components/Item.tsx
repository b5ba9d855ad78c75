import { words } from '../locales/index.ts';
import type { ItemActions, ItemView, ViewContext } from './model.ts';
import { Why } from './Why.tsx';

const MARK = { pass: '✓', fail: '✗', unknown: '?', notice: 'i', skip: '–' } as const;

/** One checklist item: status, title, message, then "why" and the manual confirm / forget. */
export function Item({
  item,
  ctx,
  actions,
}: {
  item: ItemView;
  ctx: ViewContext;
  actions: ItemActions;
}) {
  const t = words(ctx.lang).overlay;
  const { result, status } = item;
  const isConfirmed = item.confirmedAt !== undefined;
  return (
    <li
      class={`item status-${status} severity-${result.severity}`}
      data-rule={result.rule}
      data-status={status}
      data-severity={result.severity}
      {...(isConfirmed ? { 'data-confirmed': 'true' } : {})}
    >
      <div class="item-head">
        <span class="mark" aria-hidden="true">
          {MARK[status]}
        </span>
        <span class="title">{result.title}</span>
        <span class="badge">
          {t.status[status]}
          {status !== 'pass' && status !== 'skip' && result.severity !== 'info'
            ? ` · ${t.severity[result.severity]}`
            : ''}
        </span>
      </div>
      <p class="message">{result.message}</p>
      {isConfirmed && (
        <p class="confirmed">{t.confirmedByYou(t.age(ctx.now - (item.confirmedAt ?? ctx.now)))}</p>
      )}
      {/* One line under the message: "why", then what the partner can do about the item. */}
      <div class="item-foot">
        <Why result={result} ctx={ctx} />
        {isConfirmed && (
          <button type="button" data-action="forget" onClick={() => actions.onForget(result.rule)}>
            {t.forget}
            <span class="sr-only">: {result.title}</span>
          </button>
        )}
        {item.canConfirm && !isConfirmed && (
          <button
            type="button"
            data-action="confirm"
            onClick={() => actions.onConfirm(result.rule)}
          >
            {t.confirm}
            <span class="sr-only">: {result.title}</span>
          </button>
        )}
      </div>
    </li>
  );
}
