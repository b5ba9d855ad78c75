import { quote } from './diagnostics.ts';
import { own } from './own.ts';
import { Engine, type EngineResult, type TopLevelCondition } from 'json-rules-engine';
import { isFactRef } from './check-condition.ts';
import { isWithin, today } from './dates.ts';
import { formatFactValue, readFact } from './facts.ts';
import { words } from '../locales/index.ts';
import { fill, templateParts } from './messages.ts';
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
  Localized,
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

/** One comparison json-rules-engine evaluates: each distinct leaf of a flow's conditions. */
interface Leaf {
  fact: string;
  operator: string;
  value: unknown;
  /** The fact the leaf compares with, when its value is `{ fact }`. */
  expectedFact?: string;
}

/** A condition with each leaf replaced by its number in the flow's list of leaves. */
type Shape = { all: Shape[] } | { any: Shape[] } | { not: Shape } | { leaf: number };

interface PreparedVersion {
  when?: Shape;
  require?: Shape;
  /** For each fail text, its cause (`when`), if it has one. */
  causes: (Shape | undefined)[];
  /** The leaves this version's conditions and fail texts read. */
  leaves: number[];
  effective: Span;
}

/** A version's dates, and what its source says where it gives no exact day. */
type Span = Pick<RuleVersion, 'from' | 'until' | 'approximate'>;

interface PreparedFlow {
  flow: CompiledFlow;
  /** Every distinct leaf of the flow, in order of first use. */
  leaves: Leaf[];
  /** By rule, in checklist order: its versions with their conditions as shapes. */
  versions: PreparedVersion[][];
  /** The engines of the sets of versions in effect on the dates asked for, by set. */
  eras: Map<string, Era>;
  /** By date asked for: the version in effect of each rule (-1: none), and its era. */
  byDate: Map<string, { inEffect: number[]; era: Era }>;
  /**
   * By language and leaf number: the leaf's condition in words, without what was found. It
   * is the same on every run (unless the leaf compares with another fact), so it is written
   * once: formatting a list of expected values on every run cost more than evaluating it.
   */
  conditionWords: Partial<Record<Lang, (string | undefined)[]>>;
}

/**
 * The versions in effect on a date, and one json-rules-engine Engine for their leaves: one
 * rule whose conditions are every distinct leaf side by side (`any` at one priority, so each
 * is evaluated). The engine evaluates every comparison; the rule structure (all, any, not)
 * is folded with three-valued logic here, as it would be anyway: json-rules-engine's own
 * booleans have no "unknown". So the engine copies a short list of leaves once per run
 * instead of each rule's whole tree, and runs one rule instead of one per rule and version.
 */
interface Era {
  engine?: Engine;
  /** The flow's leaf numbers, in the order the engine evaluates them. */
  leaves: number[];
  /** The last run on this engine while it is in flight; the next one waits for it (see `runAlone`). */
  last?: Promise<unknown>;
  /** The names of the engine's facts, and their values in the run in progress. */
  reads: string[];
  values: unknown[];
}

/** What json-rules-engine found for one leaf. */
interface Evaluated {
  factResult?: unknown;
  valueResult?: unknown;
  result?: boolean;
}

/**
 * Runs an era's engine once no earlier run on it is in flight, and gives what it found to
 * `then`. A json-rules-engine Engine keeps one `status` for all its runs: when one run
 * finishes it marks the engine finished, and a run that started meanwhile then skips every
 * rule still to evaluate. Runs of one engine therefore take turns. The usual case, no run in
 * flight, starts at once.
 */
function runAlone<T>(
  era: Era,
  engine: Engine,
  facts: Facts,
  at: string,
  then: (found: EngineResult) => T,
): Promise<T> {
  const start = () => {
    // Each fact once per run, however many comparisons read it.
    const { reads, values } = era;
    for (let k = 0; k < reads.length; k++) {
      const name = reads[k]!;
      const value = name === DATE_FACT ? at : readFact(facts, name);
      // Only plain values are readings of a fact; a list or an object is not (and would
      // break json-rules-engine's number checks), so the fact stays unknown.
      values[k] =
        typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
          ? value
          : undefined;
    }
    return engine.run();
  };
  const previous = era.last;
  const run = (previous === undefined ? start() : previous.then(start, start)).then(
    (found) => {
      // The last run, settled, leaves the engine free; a later run has replaced it otherwise.
      if (era.last === run) era.last = undefined;
      return then(found);
    },
    (error: unknown) => {
      if (era.last === run) era.last = undefined;
      throw error;
    },
  );
  era.last = run;
  return run;
}

/** The fail texts a version shows, by cause: its own, or else the rule's. */
function failTexts(rule: CompiledRule, version: RuleVersion): FailText[] {
  return version.fail ?? rule.fail ?? [];
}

function prepareFlow(flow: CompiledFlow): PreparedFlow {
  const leaves: Leaf[] = [];
  const byKey = new Map<string, number>();
  const shape = (condition: Condition, used: Set<number>): Shape => {
    if ('all' in condition) return { all: condition.all.map((c) => shape(c, used)) };
    if ('any' in condition) return { any: condition.any.map((c) => shape(c, used)) };
    if ('not' in condition) return { not: shape(condition.not, used) };
    const key = JSON.stringify([condition.fact, condition.operator, condition.value]);
    let index = byKey.get(key);
    if (index === undefined) {
      index = leaves.length;
      byKey.set(key, index);
      const expectedFact = isFactRef(condition.value) ? condition.value.fact : undefined;
      leaves.push({
        fact: condition.fact,
        operator: condition.operator,
        value: condition.value,
        ...(expectedFact !== undefined ? { expectedFact } : {}),
      });
    }
    used.add(index);
    return { leaf: index };
  };
  const versions = flow.rules.map((rule) =>
    rule.versions.map((version): PreparedVersion => {
      const used = new Set<number>();
      return {
        ...(version.when ? { when: shape(version.when, used) } : {}),
        ...(version.require ? { require: shape(version.require, used) } : {}),
        causes: failTexts(rule, version).map((f) => (f.when ? shape(f.when, used) : undefined)),
        leaves: [...used],
        effective: {
          ...(version.from ? { from: version.from } : {}),
          ...(version.until ? { until: version.until } : {}),
          ...(version.approximate ? { approximate: version.approximate } : {}),
        },
      };
    }),
  );
  return { flow, leaves, versions, eras: new Map(), byDate: new Map(), conditionWords: {} };
}

function buildEra(prepared: PreparedFlow, inEffect: number[]): Era {
  const used = new Set<number>();
  inEffect.forEach((index, rule) => {
    if (index >= 0) for (const leaf of prepared.versions[rule]![index]!.leaves) used.add(leaf);
  });
  const leaves = [...used].sort((a, b) => a - b);
  const era: Era = { leaves, reads: [], values: [] };
  if (leaves.length === 0) return era;
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
  for (const [name, def] of Object.entries(OPERATORS)) {
    const evaluateOp = def.evaluate;
    if (evaluateOp) engine.addOperator(name, (a: unknown, b: unknown) => evaluateOp(a, b));
  }
  // Each fact the leaves read is a fact of the engine, whose value was read from the facts
  // as the run started (see `runAlone`): nothing is built or hashed per run for it, as
  // runtime facts would be.
  const reads = new Set<string>();
  for (const i of leaves) {
    const leaf = prepared.leaves[i]!;
    reads.add(leaf.fact);
    if (leaf.expectedFact !== undefined) reads.add(leaf.expectedFact);
  }
  era.reads = [...reads];
  era.reads.forEach((name, k) => {
    engine.addFact(name, () => era.values[k], { cache: false });
  });
  engine.addRule({
    name: prepared.flow.id,
    conditions: {
      any: leaves.map((i) => {
        const { fact, operator, value } = prepared.leaves[i]!;
        return { fact, operator, value };
      }),
    } as TopLevelCondition,
    event: { type: prepared.flow.id },
  });
  era.engine = engine;
  return era;
}

/** The versions in effect on a date and their era, looked up once per date. */
function eraOn(prepared: PreparedFlow, at: string): { inEffect: number[]; era: Era } {
  const inEffect = prepared.flow.rules.map((rule) =>
    rule.versions.findIndex((v) => isWithin(at, v.from, v.until)),
  );
  const key = inEffect.join(',');
  let era = prepared.eras.get(key);
  if (!era) {
    era = buildEra(prepared, inEffect);
    prepared.eras.set(key, era);
  }
  // Dates asked for are few (today, a case's date); a caller walking through years is bounded.
  if (prepared.byDate.size >= 1000) prepared.byDate.clear();
  const found = { inEffect, era };
  prepared.byDate.set(at, found);
  return found;
}

/**
 * Creates an evaluator for a validated pack. Each flow is prepared on first use, and its
 * json-rules-engine Engine built for the versions in effect on each date asked for, then
 * reused for every later evaluation.
 */
export function createEvaluator(pack: CompiledPack): Evaluator {
  const prepared = new Map<string, PreparedFlow>();
  const byId = new Map(pack.flows.map((f) => [f.id, f]));

  const prepare = (flowId: string): PreparedFlow => {
    let entry = prepared.get(flowId);
    if (entry) return entry;
    const flow = byId.get(flowId);
    if (!flow) throw new UnknownFlowError(flowId, [...byId.keys()]);
    entry = prepareFlow(flow);
    prepared.set(flowId, entry);
    return entry;
  };

  return {
    pack,
    evaluate(flowId, given, options = {}) {
      // Not an async function, which would add a promise and a turn to every evaluation; a
      // problem still arrives as a rejection, never thrown at the caller.
      try {
        return evaluate(flowId, given, options);
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
  };

  function evaluate(flowId: string, given: Facts, options: EvaluateOptions): Promise<FlowResult> {
    // Facts that are not an object (null from empty storage, say) are no facts: all unknown.
    const facts: Facts = given !== null && typeof given === 'object' ? given : {};
    const entry = prepare(flowId);
    const { flow } = entry;
    const at = options.at ?? today();
    const lang = options.lang ?? 'zh-CN';
    const { inEffect, era } = entry.byDate.get(at) ?? eraOn(entry, at);
    const seen: (Evaluated | undefined)[] = [];
    const results = (): FlowResult => {
      const context: Judging = {
        at,
        lang,
        facts,
        vocabulary: pack.facts,
        leaves: entry.leaves,
        seen,
        conditionWords: (entry.conditionWords[lang] ??= []),
      };
      return {
        flow: flow.id,
        at,
        lang,
        results: flow.rules.map((rule, i) => {
          const index = inEffect[i]!;
          return judge(rule, index, entry.versions[i]![index], context);
        }),
      };
    };
    if (!era.engine) return Promise.resolve(results());
    return runAlone(era, era.engine, facts, at, (found) => {
      const ruleResult = found.results[0] ?? found.failureResults[0];
      const evaluated = (ruleResult?.conditions as { any?: Evaluated[] } | undefined)?.any ?? [];
      const { leaves } = era;
      for (let position = 0; position < leaves.length; position++) {
        seen[leaves[position]!] = evaluated[position];
      }
      return results();
    });
  }
}

/** What judging a rule needs besides the rule: the evaluation and its leaves' outcomes. */
interface Judging {
  at: string;
  lang: Lang;
  /** The facts given (the date, which the engine supplies, is `at`). */
  facts: Facts;
  vocabulary: FactVocabulary;
  leaves: Leaf[];
  /** What json-rules-engine found for each leaf evaluated, by leaf number. */
  seen: (Evaluated | undefined)[];
  /** The flow's leaves' conditions in words, in this language, by leaf number (see PreparedFlow). */
  conditionWords: (string | undefined)[];
}

/** Kleene three-valued logic over a condition's leaves: a missing fact is unknown. */
function explain(shape: Shape, leaves: Leaf[], seen: (Evaluated | undefined)[]): ExplainNode {
  if ('leaf' in shape) {
    const leaf = leaves[shape.leaf]!;
    const found = seen[shape.leaf];
    const actual = found?.factResult;
    const expected = leaf.expectedFact !== undefined ? found?.valueResult : leaf.value;
    const isUnknown =
      actual === undefined || (leaf.expectedFact !== undefined && expected === undefined);
    const result: Truth = isUnknown ? 'unknown' : found?.result ? 'true' : 'false';
    const { fact, operator, expectedFact } = leaf;
    // Two literals rather than a spread: this runs for every leaf of every evaluation.
    return expectedFact === undefined
      ? { kind: 'fact', result, fact, operator, expected, actual }
      : { kind: 'fact', result, fact, operator, expected, expectedFact, actual };
  }
  if ('not' in shape) {
    const child = explain(shape.not, leaves, seen);
    return { kind: 'not', result: inverse(child.result), child };
  }
  const isAll = 'all' in shape;
  const children = (isAll ? shape.all : shape.any).map((c) => explain(c, leaves, seen));
  const decisive: Truth = isAll ? 'false' : 'true';
  let result: Truth = isAll ? 'true' : 'false';
  for (const child of children) {
    if (child.result === decisive) {
      result = decisive;
      break;
    }
    if (child.result === 'unknown') result = 'unknown';
  }
  return { kind: isAll ? 'all' : 'any', result, children };
}

/** A rule's result, its keys always in this order (they show in JSON output). */
function ruleResult(
  rule: CompiledRule,
  version: RuleVersion | undefined,
  lang: Lang,
  status: RuleResult['status'],
  message: string,
  reason: string,
  missing: string[],
  effective: RuleResult['effective'],
  when?: ExplainNode,
  require?: ExplainNode,
  cause?: RuleResult['cause'],
): RuleResult {
  const source = version?.source ?? rule.source;
  const title = rule.title[lang];
  // Built without spreads or option objects, keys in one order whatever is present (they
  // show in JSON output): this runs for every rule of every evaluation.
  if (!when && !require && !cause) {
    return {
      rule: rule.id,
      severity: rule.severity,
      title,
      source,
      status,
      message,
      reason,
      missing,
      effective,
    };
  }
  const result = {
    rule: rule.id,
    severity: rule.severity,
    title,
    source,
    status,
    message,
    reason,
    missing,
  } as RuleResult;
  if (when) result.when = when;
  if (require) result.require = require;
  if (cause) result.cause = cause;
  result.effective = effective;
  return result;
}

/** Texts with placeholders, split at them once per language (see templateParts). */
const TEMPLATES = new WeakMap<Localized, Partial<Record<Lang, string[]>>>();

/** A message, fail text or other text in the evaluation's language, its facts filled in. */
function textOf(template: Localized, context: Judging): string {
  const { lang } = context;
  const written = template[lang];
  // Most texts name no fact: only those with a `{` are filled in.
  if (!written.includes('{')) return written;
  let byLang = TEMPLATES.get(template);
  if (byLang === undefined) {
    byLang = {};
    TEMPLATES.set(template, byLang);
  }
  const parts = (byLang[lang] ??= templateParts(written));
  const { facts, at } = context;
  return fill(parts, context.vocabulary, lang, (name) =>
    name === DATE_FACT ? at : readFact(facts, name),
  );
}

/** Why a node came out as `target`, as the one item of a reason's list. */
function because(node: ExplainNode, shape: Shape, target: Truth, context: Judging): string[] {
  return [explainText(node, shape, target, context) ?? ''];
}

function judge(
  rule: CompiledRule,
  index: number,
  prepared: PreparedVersion | undefined,
  context: Judging,
): RuleResult {
  const { at, lang, vocabulary, leaves, seen } = context;
  const version = rule.versions[index];
  const reasons = words(lang).reasons;
  const message = version?.message ?? rule.message;
  if (!version || !prepared) {
    const span = effectiveSpan(rule);
    return ruleResult(
      rule,
      version,
      lang,
      'skip',
      textOf(message, context),
      reasons.notInEffect(at, span.from, span.until),
      [],
      effectiveIn(span, lang),
    );
  }
  const effective = effectiveIn(prepared.effective, lang);
  const when = prepared.when && explain(prepared.when, leaves, seen);
  const require = prepared.require && explain(prepared.require, leaves, seen);

  if (when && when.result !== 'true') {
    const isUnknown = when.result === 'unknown';
    return ruleResult(
      rule,
      version,
      lang,
      isUnknown ? 'unknown' : 'skip',
      textOf(message, context),
      isUnknown
        ? reasons.unknown(missingOf(when, vocabulary, lang))
        : reasons.notApplicable(because(when, prepared.when!, 'false', context)),
      isUnknown ? missingFacts(when) : [],
      effective,
      when,
      require,
    );
  }
  if (!require) {
    return ruleResult(
      rule,
      version,
      lang,
      'notice',
      textOf(message, context),
      when
        ? reasons.appliesBecause(because(when, prepared.when!, 'true', context))
        : reasons.notice,
      [],
      effective,
      when,
    );
  }
  if (require.result === 'true') {
    return ruleResult(
      rule,
      version,
      lang,
      'pass',
      textOf(message, context),
      reasons.holds(because(require, prepared.require!, 'true', context)),
      [],
      effective,
      when,
      require,
    );
  }
  if (require.result === 'unknown') {
    return ruleResult(
      rule,
      version,
      lang,
      'unknown',
      textOf(message, context),
      reasons.unknown(missingOf(require, vocabulary, lang)),
      missingFacts(require),
      effective,
      when,
      require,
    );
  }
  // On fail, the first fail text whose cause holds; none holding, the general message.
  const alternatives = failTexts(rule, version);
  const causes = prepared.causes.map((c) => c && explain(c, leaves, seen));
  const chosen = causes.findIndex((cause) => cause === undefined || cause.result === 'true');
  const cause =
    chosen >= 0 && alternatives.some((f) => f.when)
      ? { index: chosen, ...(causes[chosen] ? { when: causes[chosen] } : {}) }
      : undefined;
  return ruleResult(
    rule,
    version,
    lang,
    'fail',
    textOf(chosen >= 0 ? alternatives[chosen]!.text : message, context),
    reasons.fails(because(require, prepared.require!, 'false', context)),
    [],
    effective,
    when,
    require,
    cause,
  );
}

function effectiveSpan(rule: CompiledRule): Span {
  const froms = rule.versions.map((v) => v.from);
  const untils = rule.versions.map((v) => v.until);
  const from = froms.includes(undefined) ? undefined : [...(froms as string[])].sort()[0];
  const until = untils.includes(undefined) ? undefined : [...(untils as string[])].sort().at(-1);
  const approximateFrom = rule.versions.find((v) => v.from === from)?.approximate?.from;
  const approximateUntil = rule.versions.find((v) => v.until === until)?.approximate?.until;
  return {
    ...(from ? { from } : {}),
    ...(until ? { until } : {}),
    ...(approximateFrom || approximateUntil
      ? {
          approximate: {
            ...(from && approximateFrom ? { from: approximateFrom } : {}),
            ...(until && approximateUntil ? { until: approximateUntil } : {}),
          },
        }
      : {}),
  };
}

/** A span's dates for a result: what the source says instead of a day, in its language. */
function effectiveIn(span: Span, lang: Lang): RuleResult['effective'] {
  const { from, until, approximate } = span;
  const effective: RuleResult['effective'] = {
    ...(from ? { from } : {}),
    ...(until ? { until } : {}),
  };
  if (approximate) {
    effective.approximate = {
      ...(approximate.from ? { from: approximate.from[lang] } : {}),
      ...(approximate.until ? { until: approximate.until[lang] } : {}),
    };
  }
  return effective;
}

/** The leaves that make a node come out as `target`. */
function deciders(
  node: ExplainNode,
  target: Truth,
  into: Extract<ExplainNode, { kind: 'fact' }>[] = [],
): Extract<ExplainNode, { kind: 'fact' }>[] {
  if (node.kind === 'fact') {
    if (node.result === target) into.push(node);
  } else if (node.kind === 'not') {
    deciders(node.child, inverse(target), into);
  } else {
    for (const child of node.children) if (child.result === target) deciders(child, target, into);
  }
  return into;
}

function inverse(truth: Truth): Truth {
  return truth === 'unknown' ? 'unknown' : truth === 'true' ? 'false' : 'true';
}

/**
 * The part of a condition that made it come out as `target`, in words. Alternatives that all
 * failed read as "A or B" (any of them would do); everything else reads as a list. The shape
 * the node was explained from gives each leaf's number, by which its words are kept.
 */
function explainText(
  node: ExplainNode,
  shape: Shape,
  target: Truth,
  context: Judging,
  isNested = false,
): string | undefined {
  if (node.kind === 'fact') {
    if (node.result !== target) return undefined;
    const { vocabulary, lang } = context;
    if (node.expectedFact !== undefined || !('leaf' in shape)) {
      return describeLeaf(node, vocabulary, lang);
    }
    const condition = (context.conditionWords[shape.leaf] ??= leafCondition(
      node,
      vocabulary,
      lang,
    ));
    return foundWords(condition, node, vocabulary, lang);
  }
  if (node.kind === 'not') {
    return explainText(
      node.child,
      (shape as { not: Shape }).not,
      inverse(target),
      context,
      isNested,
    );
  }
  const shapes = 'all' in shape ? shape.all : (shape as { any: Shape[] }).any;
  const parts: string[] = [];
  for (let i = 0; i < node.children.length; i++) {
    const child = node.children[i]!;
    if (child.result !== target) continue;
    const part = explainText(child, shapes[i]!, target, context, true);
    if (part !== undefined) parts.push(part);
  }
  if (parts.length <= 1) return parts[0];
  const isAlternatives = node.kind === 'any' && target === 'false';
  const w = words(context.lang).conditions;
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

/** One condition in plain words: "Account status is Normal (found: Frozen (arrears))". */
export function describeLeaf(
  leaf: Extract<ExplainNode, { kind: 'fact' }>,
  vocabulary: FactVocabulary,
  lang: Lang,
): string {
  return foundWords(leafCondition(leaf, vocabulary, lang), leaf, vocabulary, lang);
}

/** A leaf's condition in words, without what was found: "Account freeze is not frozen". */
function leafCondition(
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
  const expectedValue =
    leaf.expectedFact && leaf.expected !== undefined
      ? w.quoted(formatFactValue(def, leaf.expected, lang))
      : '';
  return comparison(leaf.operator, subject, `${expected}${expectedValue}`, lang);
}

/** A leaf's condition with what was found: "... (found: frozen for arrears)". */
function foundWords(
  condition: string,
  leaf: Extract<ExplainNode, { kind: 'fact' }>,
  vocabulary: FactVocabulary,
  lang: Lang,
): string {
  const found = formatFactValue(own(vocabulary, leaf.fact), leaf.actual, lang);
  return words(lang).conditions.found(condition, found);
}
