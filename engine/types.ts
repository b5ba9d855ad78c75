import type { Lang, Localized } from '../locales/langs.ts';

export { LANGS, type Lang, type Localized } from '../locales/langs.ts';

export const STATUSES = ['pass', 'fail', 'unknown', 'skip', 'notice'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['block', 'warn', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Three-valued truth: a condition over a missing fact is `unknown`, never false. */
export type Truth = 'true' | 'false' | 'unknown';

export type FactType = 'string' | 'boolean' | 'number' | 'enum' | 'month' | 'date';

export interface FactDef {
  name: string;
  type: FactType;
  description: Localized;
  /**
   * Enum values with their labels, in declaration order; for a boolean, the labels of `true`
   * and `false` as the console shows them (Bound, Not bound).
   */
  values?: Record<string, Localized>;
  /** A number fact's currency (ISO 4217): the value is an amount, shown as money (¥1,200.00). */
  unit?: string;
  /** Facts the engine supplies itself (e.g. the evaluation date). */
  isBuiltIn?: boolean;
}

export type FactVocabulary = Record<string, FactDef>;

/** A fact reference used as the right-hand side of a comparison. */
export interface FactRef {
  fact: string;
}

export interface FactCondition {
  fact: string;
  operator: string;
  value: unknown;
}

export type Condition =
  { all: Condition[] } | { any: Condition[] } | { not: Condition } | FactCondition;

/** Where a node came from, for messages that point at the YAML. */
export interface SourcePos {
  file: string;
  line: number;
  col: number;
}

/**
 * One text shown when a rule fails: what to do next, for one cause. A rule's `fail` is a list
 * of these; the first whose `when` holds is shown (one without `when` always holds).
 */
export interface FailText {
  when?: Condition;
  text: Localized;
  pos?: SourcePos;
}

export interface RuleVersion {
  /** First day this version applies (inclusive), YYYY-MM-DD. */
  from?: string;
  /** First day this version no longer applies (exclusive), YYYY-MM-DD. */
  until?: string;
  /**
   * Dates that approximate what the source says (it gives "mid-April 2024", the rule takes
   * the 15th): the source's words, for `from` and `until`.
   */
  approximate?: { from?: Localized; until?: Localized };
  when?: Condition;
  require?: Condition;
  message?: Localized;
  fail?: FailText[];
  source?: string[];
}

export interface CompiledRule {
  id: string;
  flow: string;
  severity: Severity;
  title: Localized;
  /** Shown for pass / unknown / notice, and for fail when `fail` is absent. */
  message: Localized;
  /** Shown when the requirement does not hold: what to do next, chosen by cause. */
  fail?: FailText[];
  source: string[];
  /** At least one; versions never overlap. */
  versions: RuleVersion[];
  pos?: SourcePos;
}

export interface CompiledFlow {
  id: string;
  title: Localized;
  /** The overview shows whether the account is eligible for this flow. */
  isProgram: boolean;
  rules: CompiledRule[];
  pos?: SourcePos;
}

/** Everything the evaluator needs; plain JSON so the extension can ship it pre-validated. */
export interface CompiledPack {
  version: string;
  facts: FactVocabulary;
  flows: CompiledFlow[];
}

export type ExplainNode =
  | { kind: 'all' | 'any'; result: Truth; children: ExplainNode[] }
  | { kind: 'not'; result: Truth; child: ExplainNode }
  | {
      kind: 'fact';
      result: Truth;
      fact: string;
      operator: string;
      expected: unknown;
      /** Set when the expected value is itself a fact. */
      expectedFact?: string;
      actual: unknown;
    };

export interface RuleResult {
  rule: string;
  status: Status;
  severity: Severity;
  title: string;
  message: string;
  /** One sentence saying why this status, in the chosen language. */
  reason: string;
  /** The facts the rule reads that were missing. */
  missing: string[];
  when?: ExplainNode;
  require?: ExplainNode;
  /**
   * On fail, when the message is one of several fail texts: which one (its index in the
   * version's list) and how its `when` came out.
   */
  cause?: { index: number; when?: ExplainNode };
  /**
   * The dates of the version in effect; `approximate` says, in the result's language, what the
   * source gives instead of an exact day ("the end of November 2024").
   */
  effective: { from?: string; until?: string; approximate?: { from?: string; until?: string } };
  source: string[];
}

export interface FlowResult {
  flow: string;
  at: string;
  lang: Lang;
  results: RuleResult[];
}

/** Facts as a nested object; a dotted name is a path in it. */
export type Facts = Record<string, unknown>;
