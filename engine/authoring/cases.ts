import { didYouMean, hasErrors, type Diagnostic } from '../diagnostics.ts';
import { checkFacts } from '../facts.ts';
import type { Evaluator } from '../evaluate.ts';
import { checkSchema } from '../schema-check.ts';
import type {
  CompiledFlow,
  CompiledPack,
  CompiledRule,
  Facts,
  FactVocabulary,
  FailText,
  Lang,
  RuleResult,
  SourcePos,
  Status,
} from '../types.ts';
import { conditionLine } from './docs.ts';
import { parseYamlFile, type ParsedYamlFile } from '../yaml.ts';
import type { SourceFile } from '../load.ts';

/** Per language, a text or a list of texts. */
export type TextsByLang = Partial<Record<Lang, string | string[]>>;

export interface Expectation {
  status: Status;
  /** Text the message must contain, per language. */
  message?: TextsByLang;
  /** Text the message must not contain, per language: another cause's remedy, say. */
  notMessage?: TextsByLang;
}

export interface Case {
  name: string;
  flow: string;
  at?: string;
  facts: Facts;
  expect: Record<string, Expectation>;
  file: string;
  line: number;
  /**
   * Lines of the expectations, so that a failure points at the one that failed: by rule id
   * (the `rule:` entry), and by `rule message lang` / `rule notMessage lang` (the text).
   */
  lines: Record<string, number>;
}

export interface Suite {
  file: string;
  flow: string;
  cases: Case[];
}

interface RawCases {
  flow: string;
  at?: string;
  cases: {
    name: string;
    at?: string;
    facts: Facts;
    expect: Record<string, Status | Expectation>;
  }[];
}

/** Loads case files against a pack: the flow, rule ids and facts must all exist and fit. */
export function loadSuites(
  files: SourceFile[],
  pack: CompiledPack,
): { suites: Suite[]; diagnostics: Diagnostic[] } {
  const suites: Suite[] = [];
  const diagnostics: Diagnostic[] = [];
  const flows = new Map(pack.flows.map((f) => [f.id, f]));
  for (const source of files) {
    const file = parseYamlFile(source.path, source.text);
    const own = [...file.diagnostics, ...checkSchema('cases', file)];
    if (!hasErrors(own)) own.push(...checkCases(file, pack, flows));
    diagnostics.push(...own);
    if (hasErrors(own)) continue;
    const raw = file.value as RawCases;
    suites.push({
      file: file.path,
      flow: raw.flow,
      cases: raw.cases.map((c, i) => ({
        name: c.name,
        flow: raw.flow,
        ...((c.at ?? raw.at) ? { at: c.at ?? raw.at } : {}),
        facts: c.facts,
        expect: Object.fromEntries(
          Object.entries(c.expect).map(([rule, e]) => [
            rule,
            typeof e === 'string' ? { status: e } : e,
          ]),
        ),
        file: file.path,
        line: file.posAt(['cases', i]).line,
        lines: expectationLines(file, i, c.expect),
      })),
    });
  }
  return { suites, diagnostics };
}

function expectationLines(
  file: ParsedYamlFile,
  index: number,
  expect: RawCases['cases'][number]['expect'],
): Record<string, number> {
  const lines: Record<string, number> = {};
  for (const [rule, e] of Object.entries(expect)) {
    const at = ['cases', index, 'expect', rule];
    lines[rule] = file.keyPosAt(at).line;
    if (typeof e === 'string') continue;
    for (const kind of ['message', 'notMessage'] as const) {
      for (const lang of Object.keys(e[kind] ?? {})) {
        lines[`${rule} ${kind} ${lang}`] = file.posAt([...at, kind, lang]).line;
      }
    }
  }
  return lines;
}

function checkCases(
  file: ParsedYamlFile,
  pack: CompiledPack,
  flows: Map<string, CompiledFlow>,
): Diagnostic[] {
  const raw = file.value as RawCases;
  const out: Diagnostic[] = [];
  const error = (pos: { line: number; col: number }, code: string, message: string) =>
    out.push({ file: file.path, ...pos, severity: 'error', code, message });
  const flow = flows.get(raw.flow);
  if (!flow) {
    const known = pack.flows.map((f) => f.id);
    error(
      file.posAt(['flow']),
      'unknown-flow',
      `unknown flow "${raw.flow}"${didYouMean(raw.flow, known)}; known flows: ${known.join(', ')}`,
    );
    return out;
  }
  const ruleIds = flow.rules.map((r) => r.id);
  raw.cases.forEach((c, i) => {
    for (const problem of checkFacts(pack.facts, c.facts)) {
      const path = ['cases', i, 'facts', ...problem.path];
      const pos = problem.isAboutName ? file.keyPosAt(path) : file.posAt(path);
      out.push({
        file: file.path,
        ...pos,
        severity: problem.severity,
        code: problem.severity === 'error' ? 'fact-value' : 'unknown-fact',
        message: problem.message,
      });
    }
    for (const [ruleId, e] of Object.entries(c.expect)) {
      if (!ruleIds.includes(ruleId)) {
        error(
          file.keyPosAt(['cases', i, 'expect', ruleId]),
          'unknown-rule',
          `flow "${flow.id}" has no rule "${ruleId}"${didYouMean(ruleId, ruleIds)}`,
        );
        continue;
      }
      const rule = flow.rules.find((r) => r.id === ruleId)!;
      const status = typeof e === 'string' ? e : e.status;
      const isNotice = rule.versions.every((v) => !v.require);
      if ((status === 'pass' || status === 'fail') && isNotice) {
        error(
          file.posAt(['cases', i, 'expect', ruleId]),
          'impossible-status',
          `rule "${ruleId}" is a notice: it can be notice, skip or unknown, never ${status}`,
        );
      }
      if (status === 'notice' && !isNotice) {
        error(
          file.posAt(['cases', i, 'expect', ruleId]),
          'impossible-status',
          `rule "${ruleId}" has a requirement: it can be pass, fail, unknown or skip, never notice`,
        );
      }
    }
  });
  return out;
}

export interface Mismatch {
  rule: string;
  /** The line of the expectation that failed. */
  line: number;
  expected: Expectation;
  actual: RuleResult;
  /** The message in the language the expectation named, when that is what differs. */
  lang?: Lang;
  actualMessage?: string;
  /** The text the message should contain (or, with `isUnwanted`, should not). */
  text?: string;
  isUnwanted?: boolean;
}

export interface CaseResult {
  case: Case;
  isOk: boolean;
  mismatches: Mismatch[];
  /** Every rule's status, for coverage. */
  statuses: Record<string, Status>;
  /**
   * The fail text shown, for rules whose fail texts are chosen by cause; `isChecked` when the
   * case says what its message contains and what it must not (another cause's remedy).
   */
  causes: Record<string, { index: number; effective: RuleResult['effective']; isChecked: boolean }>;
}

function textList(texts: string | string[] | undefined): string[] {
  return texts === undefined ? [] : Array.isArray(texts) ? texts : [texts];
}

/** Runs one case: evaluates its flow and compares every expected status and message. */
export async function runCase(evaluator: Evaluator, testCase: Case): Promise<CaseResult> {
  const options = testCase.at ? { at: testCase.at } : {};
  const byLang = new Map<Lang, RuleResult[]>();
  const resultsIn = async (lang: Lang) => {
    let results = byLang.get(lang);
    if (!results) {
      results = (await evaluator.evaluate(testCase.flow, testCase.facts, { ...options, lang }))
        .results;
      byLang.set(lang, results);
    }
    return results;
  };
  const results = await resultsIn('en');
  const mismatches: Mismatch[] = [];
  for (const [ruleId, expected] of Object.entries(testCase.expect)) {
    const actual = results.find((r) => r.rule === ruleId)!;
    const line = testCase.lines[ruleId] ?? testCase.line;
    if (actual.status !== expected.status) {
      mismatches.push({ rule: ruleId, line, expected, actual });
      continue;
    }
    for (const [isUnwanted, byLang] of [
      [false, expected.message],
      [true, expected.notMessage],
    ] as const) {
      for (const [lang, texts] of Object.entries(byLang ?? {}) as [Lang, string | string[]][]) {
        const inLang = (await resultsIn(lang)).find((r) => r.rule === ruleId)!;
        for (const text of textList(texts)) {
          if (inLang.message.includes(text) === isUnwanted) {
            mismatches.push({
              rule: ruleId,
              line:
                testCase.lines[`${ruleId} ${isUnwanted ? 'notMessage' : 'message'} ${lang}`] ??
                line,
              expected,
              actual: inLang,
              lang,
              actualMessage: inLang.message,
              text,
              ...(isUnwanted ? { isUnwanted } : {}),
            });
          }
        }
      }
    }
  }
  const causes: CaseResult['causes'] = {};
  for (const r of results) {
    if (!r.cause) continue;
    const expected = testCase.expect[r.rule];
    const isChecked = Boolean(expected?.message && expected.notMessage);
    causes[r.rule] = { index: r.cause.index, effective: r.effective, isChecked };
  }
  return {
    case: testCase,
    isOk: mismatches.length === 0,
    mismatches,
    statuses: Object.fromEntries(results.map((r) => [r.rule, r.status])),
    causes,
  };
}

export interface RuleCoverage {
  rule: string;
  flow: string;
  isNotice: boolean;
  reached: Status[];
  /** Statuses the cases still need to reach. */
  lacking: Status[];
  /**
   * Fail texts chosen by cause that no case shows while checking its message (`message` and
   * `notMessage`): their number in their list, and cause.
   */
  lackingTexts: { number: number; when?: string; pos?: SourcePos }[];
}

/**
 * Coverage: a rule with a requirement is covered when cases reach both pass and fail, and
 * every one of its fail texts chosen by cause is shown by some case that says what the
 * message contains and what it must not (another cause's remedy); a notice is covered when
 * cases reach notice.
 */
export function coverage(
  pack: CompiledPack,
  flows: string[],
  results: CaseResult[],
): {
  rules: RuleCoverage[];
  percent: number;
} {
  const reached = new Map<string, Set<Status>>();
  const shown = new Set<FailText>();
  const rulesById = new Map(pack.flows.flatMap((f) => f.rules.map((r) => [r.id, r] as const)));
  for (const r of results) {
    for (const [rule, status] of Object.entries(r.statuses)) {
      if (!reached.has(rule)) reached.set(rule, new Set());
      reached.get(rule)!.add(status);
    }
    for (const [ruleId, cause] of Object.entries(r.causes)) {
      const rule = rulesById.get(ruleId);
      const version = rule?.versions.find(
        (v) => v.from === cause.effective.from && v.until === cause.effective.until,
      );
      const text = (version?.fail ?? rule?.fail)?.[cause.index];
      if (text && cause.isChecked) shown.add(text);
    }
  }
  const wanted = new Set(flows);
  const rules: RuleCoverage[] = pack.flows
    .filter((f) => wanted.has(f.id))
    .flatMap((f) => f.rules)
    .map((rule) => {
      const isNotice = rule.versions.every((v) => !v.require);
      const seen = reached.get(rule.id) ?? new Set<Status>();
      const needed: Status[] = isNotice ? ['notice'] : ['pass', 'fail'];
      return {
        rule: rule.id,
        flow: rule.flow,
        isNotice,
        reached: [...seen].sort(),
        lacking: needed.filter((s) => !seen.has(s)),
        lackingTexts: isNotice ? [] : unshownTexts(rule, shown, pack.facts),
      };
    });
  const covered = rules.filter((r) => r.lacking.length === 0 && r.lackingTexts.length === 0).length;
  return { rules, percent: rules.length === 0 ? 100 : (covered / rules.length) * 100 };
}

/** A rule's fail texts chosen by cause (in lists with a `when`) that no case showed. */
function unshownTexts(
  rule: CompiledRule,
  shown: Set<FailText>,
  vocabulary: FactVocabulary,
): RuleCoverage['lackingTexts'] {
  const lists = new Set<FailText[]>();
  for (const v of rule.versions) {
    const list = v.require ? (v.fail ?? rule.fail) : undefined;
    if (list?.some((f) => f.when)) lists.add(list);
  }
  return [...lists].flatMap((list) =>
    list.flatMap((f, i) =>
      shown.has(f)
        ? []
        : [
            {
              number: i + 1,
              ...(f.when ? { when: conditionLine(f.when, vocabulary, 'en') } : {}),
              ...(f.pos ? { pos: f.pos } : {}),
            },
          ],
    ),
  );
}
