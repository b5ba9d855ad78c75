import { quote } from './diagnostics.ts';
import { own } from './own.ts';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { factsOf, isFactRef } from './check-condition.ts';
import { isWithin, today } from './dates.ts';
import { formatFactValue, readFact } from './facts.ts';
import { words } from '../locales/index.ts';
import { interpolate } from './messages.ts';
import { comparison, OPERATORS } from './operators.ts';
import type {
  CompiledFlow,
  CompiledPack,
  CompiledRule,
  Condition,
  ExplainNode,
  Facts,
  FactVocabulary,
  FailText,
  FlowResult,
  Lang,
  RuleResult,
  RuleVersion,
  Truth,
} from './types.ts';

export interface EvaluateOptions {
  /** The date to evaluate for, YYYY-MM-DD; defaults to today in China (Asia/Shanghai). */
  at?: string;
  lang?: Lang;
}

export interface Evaluator {
  readonly pack: CompiledPack;
  /** Evaluates every rule of a flow, in checklist order. */
  evaluate(flowId: string, facts: Facts, options?: EvaluateOptions): Promise<FlowResult>;
}

/** Thrown for a flow id the pack does not define; lists the ones it does. */
export class UnknownFlowError extends Error {
  constructor(
    readonly flow: string,
    readonly known: string[],
  ) {
    super(`unknown flow ${quote(flow)}; known flows: ${known.join(', ')}`);
  }
}

/** The built-in fact holding the evaluation date. */
export const DATE_FACT = 'context.date';

interface PreparedFlow {
  flow: CompiledFlow;
  engine: Engine;
  /** Facts the flow's rules read, looked up once per evaluation. */
  reads: string[];
  /** The last run on this engine; the next one waits for it (see `runAlone`). */
  queue: Promise<unknown>;
}

/**
 * Runs the flow's engine once no earlier run on it is in flight. A json-rules-engine Engine
 * keeps one `status` for all its runs: when one run finishes it marks the engine finished,
 * and a run that started meanwhile then skips every rule still to evaluate (so its rules
 * came back as notices). Runs of one flow therefore take turns.
 */
function runAlone(entry: PreparedFlow, runtime: Record<string, unknown>) {
  const run = entry.queue.then(() => entry.engine.run(runtime));
  entry.queue = run.catch(() => undefined);
  return run;
}

/**
 * Creates an evaluator for a validated pack. Each flow's json-rules-engine Engine is built
 * on first use and reused for every later evaluation.
 */
export function createEvaluator(pack: CompiledPack): Evaluator {
  const prepared = new Map<string, PreparedFlow>();
  const byId = new Map(pack.flows.map((f) => [f.id, f]));

  const prepare = (flowId: string): PreparedFlow => {
    const cached = prepared.get(flowId);
    if (cached) return cached;
    const flow = byId.get(flowId);
    if (!flow) throw new UnknownFlowError(flowId, [...byId.keys()]);
    const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
    for (const [name, def] of Object.entries(OPERATORS)) {
      const evaluateOp = def.evaluate;
      if (evaluateOp) engine.addOperator(name, (a: unknown, b: unknown) => evaluateOp(a, b));
    }
    const reads: string[] = [];
    for (const rule of flow.rules) {
      rule.versions.forEach((version, index) => {
        factsOf(version.when, reads);
        factsOf(version.require, reads);
        for (const alternative of failTexts(rule, version)) factsOf(alternative.when, reads);
        engine.addRule(toEngineRule(rule, version, index));
      });
    }
    const entry: PreparedFlow = { flow, engine, reads, queue: Promise.resolve() };
    prepared.set(flowId, entry);
    return entry;
  };

  return {
    pack,
    async evaluate(flowId, given, options = {}) {
      // Facts that are not an object (null from empty storage, say) are no facts: all unknown.
      const facts: Facts = given !== null && typeof given === 'object' ? given : {};
      const entry = prepare(flowId);
      const { flow, reads } = entry;
      const at = options.at ?? today();
      const lang = options.lang ?? 'zh-CN';
      const runtime: Record<string, unknown> = {};
      for (const name of reads) {
        const value = name === DATE_FACT ? at : readFact(facts, name);
        // Only plain values are readings of a fact; a list or an object is not (and would
        // break json-rules-engine's number checks), so the fact stays unknown.
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
          runtime[name] = value;
        }
      }
      const { results, failureResults } = await runAlone(entry, runtime);
      const evaluated = new Map<string, EngineCondition>();
      for (const r of [...results, ...failureResults]) {
        evaluated.set(String(r.name), r.conditions as unknown as EngineCondition);
      }
      const withDate = { ...facts, context: { ...(facts.context as object), date: at } };
      return {
        flow: flow.id,
        at,
        lang,
        results: flow.rules.map((rule) => judge(rule, at, lang, evaluated, withDate, pack.facts)),
      };
    },
  };
}

function ruleName(rule: CompiledRule, index: number): string {
  return `${rule.id}#${index}`;
}

/** The fail texts a version shows, by cause: its own, or else the rule's. */
function failTexts(rule: CompiledRule, version: RuleVersion): FailText[] {
  return version.fail ?? rule.fail ?? [];
}

function toEngineRule(rule: CompiledRule, version: RuleVersion, index: number): RuleProperties {
  // The parts sit side by side at one priority, so json-rules-engine evaluates every leaf
  // (it only short-circuits between priorities) and each leaf's values reach the explanation:
  // `when`, `require`, then the `when` of each fail text, in order.
  const parts = [
    version.when,
    version.require,
    ...failTexts(rule, version).map((f) => f.when),
  ].filter((c): c is Condition => c !== undefined);
  return {
    name: ruleName(rule, index),
    conditions: { all: parts.map(toEngineCondition) } as TopLevelCondition,
    event: { type: rule.id },
  };
}

function toEngineCondition(condition: Condition): object {
  if ('all' in condition) return { all: condition.all.map(toEngineCondition) };
  if ('any' in condition) return { any: condition.any.map(toEngineCondition) };
  if ('not' in condition) return { not: toEngineCondition(condition.not) };
  return { fact: condition.fact, operator: condition.operator, value: condition.value };
}

/** A condition as json-rules-engine returns it, with the values it saw. */
interface EngineCondition {
  all?: EngineCondition[];
  any?: EngineCondition[];
  not?: EngineCondition;
  fact?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/** Kleene three-valued logic over the evaluated tree: a missing fact is unknown. */
function explain(node: EngineCondition): ExplainNode {
  if (node.all || node.any) {
    const isAll = Boolean(node.all);
    const children = (node.all ?? node.any ?? []).map(explain);
    const results = children.map((c) => c.result);
    const decisive: Truth = isAll ? 'false' : 'true';
    const result: Truth = results.includes(decisive)
      ? decisive
      : results.includes('unknown')
        ? 'unknown'
        : isAll
          ? 'true'
          : 'false';
    return { kind: isAll ? 'all' : 'any', result, children };
  }
  if (node.not) {
    const child = explain(node.not);
    const result: Truth =
      child.result === 'unknown' ? 'unknown' : child.result === 'true' ? 'false' : 'true';
    return { kind: 'not', result, child };
  }
  const expectedFact = isFactRef(node.value) ? node.value.fact : undefined;
  const expected = expectedFact ? node.valueResult : node.value;
  const isUnknown =
    node.factResult === undefined || (expectedFact !== undefined && node.valueResult === undefined);
  return {
    kind: 'fact',
    result: isUnknown ? 'unknown' : node.result ? 'true' : 'false',
    fact: node.fact ?? '',
    operator: node.operator ?? '',
    expected,
    ...(expectedFact ? { expectedFact } : {}),
    actual: node.factResult,
  };
}

function judge(
  rule: CompiledRule,
  at: string,
  lang: Lang,
  evaluated: Map<string, EngineCondition>,
  facts: Facts,
  vocabulary: FactVocabulary,
): RuleResult {
  const index = rule.versions.findIndex((v) => isWithin(at, v.from, v.until));
  const version = rule.versions[index];
  const text = (template: RuleVersion['message']) =>
    interpolate((template ?? rule.message)[lang], facts, vocabulary, lang);
  const message = version?.message ?? rule.message;
  const base = {
    rule: rule.id,
    severity: rule.severity,
    title: rule.title[lang],
    source: version?.source ?? rule.source,
  };
  if (!version) {
    const span = effectiveSpan(rule);
    return {
      ...base,
      status: 'skip',
      message: text(message),
      reason: words(lang).reasons.notInEffect(at, span.from, span.until),
      missing: [],
      effective: span,
    };
  }
  const effective = {
    ...(version.from ? { from: version.from } : {}),
    ...(version.until ? { until: version.until } : {}),
  };
  const tree = evaluated.get(ruleName(rule, index));
  const parts = [...(tree?.all ?? [])].map(explain);
  const when = version.when ? parts.shift() : undefined;
  const require = version.require ? parts.shift() : undefined;
  const causes = failTexts(rule, version).map((f) => (f.when ? parts.shift() : undefined));
  const explained = { ...(when ? { when } : {}), ...(require ? { require } : {}) };
  const describe = (node: ExplainNode, target: Truth) => [
    explainText(node, target, vocabulary, lang) ?? '',
  ];

  if (when && when.result !== 'true') {
    const isUnknown = when.result === 'unknown';
    return {
      ...base,
      status: isUnknown ? 'unknown' : 'skip',
      message: text(message),
      reason: isUnknown
        ? words(lang).reasons.unknown(missingOf(when, vocabulary, lang))
        : words(lang).reasons.notApplicable(describe(when, 'false')),
      missing: isUnknown ? missingFacts(when) : [],
      ...explained,
      effective,
    };
  }
  if (!require) {
    return {
      ...base,
      status: 'notice',
      message: text(message),
      reason: when
        ? words(lang).reasons.appliesBecause(describe(when, 'true'))
        : words(lang).reasons.notice,
      missing: [],
      ...explained,
      effective,
    };
  }
  const status =
    require.result === 'true' ? 'pass' : require.result === 'false' ? 'fail' : 'unknown';
  // On fail, the first fail text whose cause holds; none holding, the general message.
  const chosen =
    status === 'fail'
      ? causes.findIndex((cause) => cause === undefined || cause.result === 'true')
      : -1;
  const alternatives = failTexts(rule, version);
  return {
    ...base,
    status,
    message: text(chosen >= 0 ? alternatives[chosen]!.text : message),
    reason:
      status === 'unknown'
        ? words(lang).reasons.unknown(missingOf(require, vocabulary, lang))
        : status === 'pass'
          ? words(lang).reasons.holds(describe(require, 'true'))
          : words(lang).reasons.fails(describe(require, 'false')),
    missing: status === 'unknown' ? missingFacts(require) : [],
    ...explained,
    ...(chosen >= 0 && alternatives.some((f) => f.when)
      ? { cause: { index: chosen, ...(causes[chosen] ? { when: causes[chosen] } : {}) } }
      : {}),
    effective,
  };
}

function effectiveSpan(rule: CompiledRule): { from?: string; until?: string } {
  const froms = rule.versions.map((v) => v.from);
  const untils = rule.versions.map((v) => v.until);
  const from = froms.includes(undefined) ? undefined : [...(froms as string[])].sort()[0];
  const until = untils.includes(undefined) ? undefined : [...(untils as string[])].sort().at(-1);
  return { ...(from ? { from } : {}), ...(until ? { until } : {}) };
}

/** The leaves that make a node come out as `target`. */
function deciders(node: ExplainNode, target: Truth): Extract<ExplainNode, { kind: 'fact' }>[] {
  if (node.kind === 'fact') return node.result === target ? [node] : [];
  if (node.kind === 'not') {
    const inverse: Truth = target === 'unknown' ? 'unknown' : target === 'true' ? 'false' : 'true';
    return deciders(node.child, inverse);
  }
  return node.children.filter((c) => c.result === target).flatMap((c) => deciders(c, target));
}

/**
 * The part of a condition that made it come out as `target`, in words. Alternatives that all
 * failed read as "A or B" (any of them would do); everything else reads as a list.
 */
function explainText(
  node: ExplainNode,
  target: Truth,
  vocabulary: FactVocabulary,
  lang: Lang,
  isNested = false,
): string | undefined {
  if (node.kind === 'fact') {
    return node.result === target ? describeLeaf(node, vocabulary, lang) : undefined;
  }
  if (node.kind === 'not') {
    const inverse: Truth = target === 'unknown' ? 'unknown' : target === 'true' ? 'false' : 'true';
    return explainText(node.child, inverse, vocabulary, lang, isNested);
  }
  const parts = node.children
    .filter((c) => c.result === target)
    .map((c) => explainText(c, target, vocabulary, lang, true))
    .filter((t): t is string => t !== undefined);
  if (parts.length <= 1) return parts[0];
  const isAlternatives = node.kind === 'any' && target === 'false';
  const w = words(lang).conditions;
  const joined = parts.join(isAlternatives ? w.orSeparator : w.andSeparator);
  return isAlternatives && isNested ? `(${joined})` : joined;
}

/** Names of the facts that were missing where the node came out unknown. */
export function missingFacts(node: ExplainNode): string[] {
  const out: string[] = [];
  for (const leaf of deciders(node, 'unknown')) {
    if (leaf.actual === undefined && !out.includes(leaf.fact)) out.push(leaf.fact);
    if (leaf.expectedFact && leaf.expected === undefined && !out.includes(leaf.expectedFact)) {
      out.push(leaf.expectedFact);
    }
  }
  return out;
}

function missingOf(node: ExplainNode, vocabulary: FactVocabulary, lang: Lang): string[] {
  return missingFacts(node).map((name) => own(vocabulary, name)?.description[lang] ?? name);
}

/** One condition in plain words: "Account freeze is not frozen (found: frozen for arrears)". */
export function describeLeaf(
  leaf: Extract<ExplainNode, { kind: 'fact' }>,
  vocabulary: FactVocabulary,
  lang: Lang,
): string {
  const def = own(vocabulary, leaf.fact);
  const subject = def?.description[lang] ?? leaf.fact;
  const w = words(lang).conditions;
  const expected = leaf.expectedFact
    ? `${own(vocabulary, leaf.expectedFact)?.description[lang] ?? leaf.expectedFact}`
    : formatFactValue(def, leaf.expected, lang);
  const found = formatFactValue(def, leaf.actual, lang);
  const expectedValue =
    leaf.expectedFact && leaf.expected !== undefined
      ? w.quoted(formatFactValue(def, leaf.expected, lang))
      : '';
  return w.found(comparison(leaf.operator, subject, `${expected}${expectedValue}`, lang), found);
}
