import { h, type ComponentChild } from 'preact';
import type { ExplainNode, Lang, RuleResult } from '../../engine/types.ts';
import { FieldWarning } from '../../components/FieldWarning.tsx';
import type { ItemView } from '../../components/model.ts';
import type { FieldReading } from '../dom/extract.ts';
import type { Anchor } from '../dom/labels.ts';
import type { Session } from './session.ts';

/**
 * The inline warnings of a checklist page: each failing rule beside the field it is about
 * (the page map's choice, else the first field its requirement, then its condition, reads).
 * An editable field's warning shows once the partner has worked in it or tried to submit;
 * every editable field keeps a (possibly empty) live region, so a warning is announced.
 */
export function placeWarnings(
  s: Session,
  items: ItemView[],
  lang: Lang,
): { anchor: Anchor; content: ComponentChild; isEmpty: boolean }[] {
  const { page, fields } = s;
  const byFact = new Map<string, FieldReading>();
  for (const reading of fields) {
    for (const name of [reading.field.fact, ...Object.keys(reading.facts)]) {
      if (!byFact.has(name)) byFact.set(name, reading);
    }
  }
  const groups = new Map<FieldReading, RuleResult[]>();
  for (const reading of fields) if (reading.control) groups.set(reading, []);
  for (const item of items) {
    if (item.status !== 'fail') continue;
    const r = item.result;
    const fact =
      page.warnings[r.rule] ?? firstFieldFact(r.require, byFact) ?? firstFieldFact(r.when, byFact);
    const reading = fact ? byFact.get(fact) : undefined;
    if (!reading) continue;
    const isShown = !reading.control || s.isSubmitAttempted || s.touched.has(reading.field.fact);
    if (!isShown) continue;
    groups.set(reading, [...(groups.get(reading) ?? []), r]);
  }
  const entries: { anchor: Anchor; content: ComponentChild; isEmpty: boolean }[] = [];
  const seen = new Set<Element>();
  for (const [reading, results] of groups) {
    if (seen.has(reading.anchor.el)) continue;
    seen.add(reading.anchor.el);
    entries.push({
      anchor: reading.anchor,
      content: h(FieldWarning, { results, lang }),
      isEmpty: results.length === 0,
    });
  }
  return entries;
}

/** The first fact a condition reads that is a field on this page, in reading order. */
function firstFieldFact(
  node: ExplainNode | undefined,
  fields: Map<string, FieldReading>,
): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'fact') {
    if (fields.has(node.fact)) return node.fact;
    return node.expectedFact && fields.has(node.expectedFact) ? node.expectedFact : undefined;
  }
  const children = node.kind === 'not' ? [node.child] : node.children;
  for (const child of children) {
    const found = firstFieldFact(child, fields);
    if (found) return found;
  }
  return undefined;
}
