import { own } from '../engine/own.ts';
import { useState } from 'preact/hooks';
import { formatFactValue } from '../engine/facts.ts';
import { operatorWords } from '../engine/operators.ts';
import type { ExplainNode, FactDef, RuleResult } from '../engine/types.ts';
import { formatDate, words } from '../locales/index.ts';
import type { FactOrigin, ViewContext } from './model.ts';

type Leaf = Extract<ExplainNode, { kind: 'fact' }>;

/**
 * A "why" disclosure: the reason, then every condition with its fact, operator, expected and
 * actual values and where each value came from. Its body is only rendered while open.
 */
export function Why({ result, ctx }: { result: RuleResult; ctx: ViewContext }) {
  const [isOpen, setOpen] = useState(false);
  const t = words(ctx.lang).overlay;
  return (
    <details
      class="why"
      data-policylens="why"
      open={isOpen}
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>
        {t.why}
        {/* Many items have a "why": its name says which one. */}
        <span class="sr-only"> {result.title}</span>
      </summary>
      {isOpen && <WhyBody result={result} ctx={ctx} />}
    </details>
  );
}

function WhyBody({ result, ctx }: { result: RuleResult; ctx: ViewContext }) {
  const t = words(ctx.lang).overlay;
  const { from, until, approximate } = result.effective;
  // A day the source gives only roughly says so: the partner should not plan on that exact day.
  const day = (date: string, said: string | undefined) =>
    said ? t.approximately(formatDate(date, ctx.lang), said) : formatDate(date, ctx.lang);
  const effective = t.effective(
    from && day(from, approximate?.from),
    until && day(until, approximate?.until),
  );
  return (
    <>
      <p class="reason">{result.reason}</p>
      {result.when && (
        <div class="conditions">
          <h3>{t.appliesWhen}</h3>
          <Node node={result.when} ctx={ctx} />
        </div>
      )}
      {result.require && (
        <div class="conditions">
          <h3>{t.requires}</h3>
          <Node node={result.require} ctx={ctx} />
        </div>
      )}
      {(effective || result.source.length > 0) && (
        <p class="source">
          {effective && <span>{effective}. </span>}
          {result.source.length > 0 && (
            <span>
              {t.source}: {result.source.join(', ')}
            </span>
          )}
        </p>
      )}
    </>
  );
}

function Node({ node, ctx }: { node: ExplainNode; ctx: ViewContext }) {
  const t = words(ctx.lang).overlay;
  if (node.kind === 'fact') return <LeafRow leaf={node} ctx={ctx} />;
  const children = node.kind === 'not' ? [node.child] : node.children;
  const title = node.kind === 'all' ? t.allOf : node.kind === 'any' ? t.anyOf : t.notThis;
  return (
    <div class="group" data-result={node.result}>
      <span class="group-title">
        <Truth value={node.result} ctx={ctx} /> {title}
      </span>
      <ul>
        {children.map((child, i) => (
          <li key={i}>
            <Node node={child} ctx={ctx} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A condition's result: a coloured mark, and the same in words for screen readers. */
function Truth({ value, ctx }: { value: ExplainNode['result']; ctx: ViewContext }) {
  const mark = value === 'true' ? '✓' : value === 'false' ? '✗' : '?';
  return (
    <>
      <span class={`truth truth-${value}`} aria-hidden="true">
        {mark}
      </span>
      <span class="sr-only">{words(ctx.lang).overlay.truth[value]}: </span>
    </>
  );
}

function LeafRow({ leaf, ctx }: { leaf: Leaf; ctx: ViewContext }) {
  const t = words(ctx.lang).overlay;
  const def = own(ctx.vocabulary, leaf.fact);
  const subject = def?.description[ctx.lang] ?? leaf.fact;
  const op = operatorWords(leaf.operator, ctx.lang);
  const expected = leaf.expectedFact
    ? (own(ctx.vocabulary, leaf.expectedFact)?.description[ctx.lang] ?? leaf.expectedFact)
    : formatFactValue(def, leaf.expected, ctx.lang);
  return (
    <div class="leaf" data-fact={leaf.fact} data-result={leaf.result}>
      <Truth value={leaf.result} ctx={ctx} /> <span class="subject">{subject}</span>{' '}
      <code class="fact-name">{leaf.fact}</code> <span class="operator">{op}</span>{' '}
      <span class="expected">{expected}</span>
      {leaf.expectedFact && (
        <>
          {' '}
          <code class="fact-name">{leaf.expectedFact}</code>
        </>
      )}
      <dl class="values">
        {leaf.expectedFact && (
          <>
            <dt>{t.expected}</dt>
            <dd>
              <Value
                text={formatFactValue(def, leaf.expected, ctx.lang)}
                origin={own(ctx.facts, leaf.expectedFact)}
                def={own(ctx.vocabulary, leaf.expectedFact)}
                ctx={ctx}
              />
            </dd>
          </>
        )}
        <dt>{t.found}</dt>
        <dd data-actual="">
          <Value
            text={formatFactValue(def, leaf.actual, ctx.lang)}
            origin={own(ctx.facts, leaf.fact)}
            def={def}
            ctx={ctx}
          />
        </dd>
      </dl>
    </div>
  );
}

function Value({
  text,
  origin,
  def,
  ctx,
}: {
  text: string;
  origin: FactOrigin | undefined;
  /** The fact's definition, to show a stale value as its fact shows values. */
  def: FactDef | undefined;
  ctx: ViewContext;
}) {
  const t = words(ctx.lang).overlay;
  const age = origin?.readAt !== undefined ? t.age(ctx.now - origin.readAt) : '';
  let note: string;
  switch (origin?.origin) {
    case 'page':
      note = t.factOrigin.page;
      break;
    case 'remembered':
      note = t.factOrigin.remembered(origin.pageTitle ?? '', age);
      break;
    case 'stale':
      note = t.factOrigin.stale(origin.pageTitle ?? '', age);
      break;
    default:
      note = t.factOrigin.missing;
  }
  const staleValue =
    origin?.origin === 'stale' ? ` (${formatFactValue(def, origin.value, ctx.lang)})` : '';
  return (
    <>
      <span class="value">{text}</span>
      <span class={`origin origin-${origin?.origin ?? 'missing'}`}>
        {' '}
        — {note}
        {staleValue}
      </span>
    </>
  );
}
