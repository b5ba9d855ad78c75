import { own } from '../../engine/own.ts';
import { DATE_FACT, type Evaluator } from '../../engine/evaluate.ts';
import type { CompiledPageMap } from '../../engine/pages.ts';
import { summarizeEligibility } from '../../engine/summary.ts';
import type { CompiledPack, ExplainNode, Facts, Lang, RuleResult } from '../../engine/types.ts';
import type { FlowEligibilityView, ItemView } from '../../components/model.ts';
import type { OverlayContent } from '../../components/Overlay.tsx';
import type { FieldReading } from '../dom/extract.ts';
import type { StoredConfirmation } from '../fact-store.ts';

export interface EvaluatedPage {
  content: OverlayContent;
  /** The checklist's items (none on the overview, which has no form to warn about). */
  items: ItemView[];
}

export interface EvaluateInput {
  evaluator: Evaluator;
  pack: CompiledPack;
  page: CompiledPageMap;
  facts: Facts;
  confirmations: Record<string, StoredConfirmation>;
  /** The page's fields as read: what the partner can still fill in here. */
  fields: FieldReading[];
  lang: Lang;
  /** The date the rules are checked for: today in China. */
  at: string;
}

/**
 * What the panel shows for a page: its flow's checklist or, on the overview, each program
 * flow's eligibility from the account's conditions alone.
 */
export async function evaluatePage(input: EvaluateInput): Promise<EvaluatedPage> {
  const { evaluator, pack, page, facts, confirmations, lang, at } = input;
  const editable = editableFacts(input.fields);
  if (page.show === 'eligibility') {
    const flows: FlowEligibilityView[] = [];
    for (const flow of pack.flows.filter((f) => f.isProgram)) {
      const result = await evaluator.evaluate(flow.id, facts, { lang, at });
      // What the partner ticks or types while applying is not a condition on the account.
      const accountRules = result.results.filter((r) => !isFormOnly(r));
      const flowItems = toItems(accountRules, confirmations, editable);
      const counted = flowItems.map((i) => ({ ...i.result, status: i.status }));
      const eligibility = summarizeEligibility(counted);
      flows.push({
        flow: flow.id,
        title: flow.title[lang],
        status: eligibility.status,
        items: flowItems.filter(
          (i) =>
            i.result.severity === 'block' &&
            (i.status === 'fail' || i.status === 'unknown' || i.confirmedAt !== undefined),
        ),
        missing: eligibility.missing,
      });
    }
    return { content: { kind: 'eligibility', flows }, items: [] };
  }
  const flowId = page.flow!;
  const result = await evaluator.evaluate(flowId, facts, { lang, at });
  const items = toItems(result.results, confirmations, editable);
  const flowTitle = pack.flows.find((f) => f.id === flowId)?.title[lang] ?? flowId;
  return { content: { kind: 'checklist', view: { flow: flowId, flowTitle, items } }, items };
}

/** Facts the partner can fill in on this page: its editable fields that are shown. */
function editableFacts(fields: FieldReading[]): Set<string> {
  const out = new Set<string>();
  for (const reading of fields) {
    if (!reading.control) continue;
    out.add(reading.field.fact);
    for (const value of reading.field.values ?? [])
      for (const name of Object.keys(value.facts)) out.add(name);
  }
  return out;
}

/**
 * Results as items: an undecided rule the partner confirmed shows as met, by them. A rule
 * may be confirmed by hand when what it misses cannot be filled in on this page.
 */
function toItems(
  results: RuleResult[],
  confirmations: Record<string, StoredConfirmation>,
  editable: Set<string>,
): ItemView[] {
  return results.map((result) => {
    const confirmation = result.status === 'unknown' ? own(confirmations, result.rule) : undefined;
    return {
      result,
      status: confirmation ? 'pass' : result.status,
      ...(confirmation ? { confirmedAt: confirmation.confirmedAt } : {}),
      canConfirm: result.status === 'unknown' && result.missing.some((name) => !editable.has(name)),
    };
  });
}

/** Names of the facts a result's conditions read. */
function factsRead(node: ExplainNode | undefined, out: string[] = []): string[] {
  if (!node) return out;
  if (node.kind === 'fact') {
    out.push(node.fact);
    if (node.expectedFact) out.push(node.expectedFact);
  } else {
    for (const child of node.kind === 'not' ? [node.child] : node.children) factsRead(child, out);
  }
  return out;
}

/**
 * A rule about the application form alone (every fact it reads is a `form.` fact, filled in
 * while applying): the flow page checks it; the overview's eligibility does not.
 */
function isFormOnly(result: RuleResult): boolean {
  const names = [...factsRead(result.when), ...factsRead(result.require)].filter(
    (n) => n !== DATE_FACT,
  );
  return names.length > 0 && names.every((n) => n.startsWith('form.'));
}
