import { own } from '../own.ts';
import type { Suite } from './cases.ts';
import { factsOf, isFactRef } from '../check-condition.ts';
import {
  findAssignment,
  PRESENT,
  spaceOf,
  truthIn,
  type Assignment,
  type ConditionSpace,
} from './condition-space.ts';
import { sortDiagnostics, type Diagnostic } from '../diagnostics.ts';
import { placeholders } from '../messages.ts';
import type { CompiledPageMap } from '../pages.ts';
import { addDays, isWithin } from '../dates.ts';
import { readFact } from '../facts.ts';
import type {
  CompiledPack,
  CompiledRule,
  Condition,
  Facts,
  FactVocabulary,
  FailText,
  Lang,
  Localized,
  RuleVersion,
  SourcePos,
} from '../types.ts';
import { LANGS } from '../types.ts';
import type { JsonPath, ParsedYamlFile } from '../yaml.ts';

/** What one lint rule looks for; the CLI lists these and the config names them. */
export interface LintRuleDef {
  name: LintRuleName;
  description: string;
  /** Only checked when the pack has page maps. */
  needsPageMaps?: boolean;
}

export const LINT_RULE_NAMES = [
  'never-applies',
  'never-fails',
  'never-passes',
  'message-fact-not-read',
  'message-fact-unknown',
  'fail-text-never-shown',
  'fail-without-text',
  'unread-fact',
  'unused-page-fact',
  'rule-without-cases',
  'boundary-without-cases',
  'unknown-without-case',
  'date-gap',
] as const;
export type LintRuleName = (typeof LINT_RULE_NAMES)[number];

export const LINT_RULES: Record<LintRuleName, LintRuleDef> = {
  'never-applies': {
    name: 'never-applies',
    description:
      '"when" can never be true (contradictory conditions over enum or boolean facts), so the rule is always skipped.',
  },
  'never-fails': {
    name: 'never-fails',
    description:
      '"require" can never be false where "when" holds (a tautology), so the rule never fails: make it a notice or fix the condition.',
  },
  'never-passes': {
    name: 'never-passes',
    description:
      '"require" can never be true where "when" holds (a contradiction), so the rule never passes.',
  },
  'message-fact-not-read': {
    name: 'message-fact-not-read',
    description:
      'A message interpolates a fact its rule does not read: nothing says it is known when the message shows.',
  },
  'message-fact-unknown': {
    name: 'message-fact-unknown',
    description:
      'A "fail" text (or a notice\'s message) interpolates a fact that can still be unknown when it shows, so the partner reads "unknown".',
  },
  'fail-text-never-shown': {
    name: 'fail-text-never-shown',
    description:
      'One of a rule\'s fail texts by cause can never be shown: whenever the rule fails, a text before it is chosen or its own "when" does not hold.',
  },
  'fail-without-text': {
    name: 'fail-without-text',
    description:
      'The rule can fail for a cause none of its fail texts covers: the partner then reads only the general message, not what to do.',
  },
  'unread-fact': {
    name: 'unread-fact',
    description:
      "A rule reads a fact that no page map reads on its flow's page (nor remembers from another page): the extension always shows it unknown.",
    needsPageMaps: true,
  },
  'unused-page-fact': {
    name: 'unused-page-fact',
    description: 'A page map reads a fact that no rule uses.',
    needsPageMaps: true,
  },
  'rule-without-cases': {
    name: 'rule-without-cases',
    description: 'No case in any *.cases.yaml expects a status for the rule.',
  },
  'boundary-without-cases': {
    name: 'boundary-without-cases',
    description:
      'A dated rule lacks a case on the day before, the day of or the day after one of its boundaries (a "from" or "until").',
  },
  'unknown-without-case': {
    name: 'unknown-without-case',
    description:
      "A fact a version of the rule reads can leave it unknown when missing, and no case in that version's dates shows it unknown with that fact missing.",
  },
  'date-gap': {
    name: 'date-gap',
    description:
      'The versions of a rule leave days that no version covers: the rule is skipped on those days.',
  },
};

/** A lint finding: a warning by default; the config may raise it, lower it or switch it off. */
export interface LintFinding extends Diagnostic {
  code: LintRuleName;
  /** Names the config's `except` entries match: the rule id, the fact, or both. */
  subjects: string[];
}

/** One fact a page map can read, and where. */
export interface PageRead {
  fact: string;
  page: string;
  /** The flow whose checklist the page shows. */
  flow?: string;
  /** Remembered for the account's other pages. */
  isRemembered: boolean;
  pos?: SourcePos;
}

/** The facts page maps can read: each field's fact and the facts its value texts also set. */
export function pageReadsOf(pageMaps: CompiledPageMap[]): PageRead[] {
  const out: PageRead[] = [];
  for (const page of pageMaps) {
    for (const field of page.fields) {
      const facts = new Set([
        field.fact,
        ...(field.values ?? []).flatMap((v) => Object.keys(v.facts)),
      ]);
      for (const fact of facts) {
        out.push({
          fact,
          page: page.id,
          ...(page.flow !== undefined ? { flow: page.flow } : {}),
          isRemembered: field.isRemembered,
          ...(field.pos ? { pos: field.pos } : {}),
        });
      }
    }
  }
  return out;
}

export interface LintInput {
  pack: CompiledPack;
  /** The rule files the pack was loaded from, as parsed (`LoadResult.ruleFiles`), for positions. */
  ruleFiles: ParsedYamlFile[];
  suites: Suite[];
  /** What page maps can read; absent when the pack has no page maps (those checks are skipped). */
  pageReads?: PageRead[];
}

interface RawVersion {
  /** A date, or `{ date, approximates }`: only its position is used here. */
  from?: unknown;
  until?: unknown;
  when?: Condition;
  require?: Condition;
  message?: Localized;
  fail?: Localized | (Localized & { when?: Condition })[];
}

interface RawRule extends RawVersion {
  id: string;
  versions?: RawVersion[];
}

interface LocatedRule {
  file: ParsedYamlFile;
  at: JsonPath;
  raw: RawRule;
}

/**
 * Lints a valid pack: findings beyond validity, each a warning at the YAML node it is about.
 * Pure: positions come from the files' text, page-map checks from `pageReads`.
 */
export function lintPack(input: LintInput): LintFinding[] {
  const { pack } = input;
  const located = locateRules(input.ruleFiles);
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  const report = (
    code: LintRuleName,
    where: { file: string; line: number; col: number },
    message: string,
    subjects: string[],
  ) => {
    const key = `${code}|${where.file}:${where.line}:${where.col}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ ...where, severity: 'warning', code, message, subjects });
  };

  const expected = new Set(
    input.suites.flatMap((s) => s.cases.flatMap((c) => Object.keys(c.expect))),
  );
  const reads = input.pageReads ? indexPageReads(input.pageReads) : undefined;
  const casesByRule = indexCases(input.suites);
  const usedFacts = new Set<string>();

  for (const flow of pack.flows) {
    for (const rule of flow.rules) {
      const loc = located.get(rule.id);
      const at = (path: JsonPath) =>
        loc
          ? { file: loc.file.path, ...loc.file.posAt([...loc.at, ...path]) }
          : {
              file: rule.pos?.file ?? flow.pos?.file ?? 'rules',
              line: rule.pos?.line ?? 1,
              col: rule.pos?.col ?? 1,
            };
      const versionPath = (i: number): JsonPath => (loc?.raw.versions ? ['versions', i] : []);
      const whenPath = (i: number): JsonPath =>
        loc?.raw.versions?.[i]?.when ? [...versionPath(i), 'when'] : ['when'];

      for (const f of readsOf(rule)) usedFacts.add(f);
      for (const site of textSites(rule, loc?.raw)) {
        for (const lang of LANGS) placeholders(site.text[lang]).forEach((f) => usedFacts.add(f));
      }

      checkOutcomes(rule, pack.facts, at, whenPath, versionPath, report);
      checkMessages(rule, loc?.raw, pack.facts, at, report);
      checkFailTexts(rule, loc?.raw, pack.facts, at, report);

      if (!expected.has(rule.id)) {
        report(
          'rule-without-cases',
          at(['id']),
          `rule "${rule.id}" has no cases: no case in a *.cases.yaml expects a status for it`,
          [rule.id],
        );
      }
      checkDateGaps(rule, at, versionPath, report);
      // A rule with no cases at all is reported once, as such.
      const cases = casesByRule.get(rule.id) ?? [];
      if (cases.length > 0) {
        checkBoundaryCases(rule, cases, at, versionPath, report);
        checkUnknownCases(rule, loc?.raw, cases, pack.facts, at, report);
      }
      if (reads) checkUnreadFacts(rule, loc, reads, pack.facts, at, report);
    }
  }

  if (reads) {
    for (const [fact, readers] of reads.byFact) {
      if (usedFacts.has(fact) || own(pack.facts, fact)?.isBuiltIn) continue;
      const first = [...readers].sort(byPosition)[0]!;
      const pages = [...new Set(readers.map((r) => r.page))];
      report(
        'unused-page-fact',
        first.pos ?? { file: 'rules/pages', line: 1, col: 1 },
        `fact "${fact}" is read by ${pages.length === 1 ? 'page' : 'pages'} ${listNames(pages)} but no rule uses it`,
        [fact],
      );
    }
  }
  return sortDiagnostics(findings) as LintFinding[];
}

type Report = (
  code: LintRuleName,
  where: { file: string; line: number; col: number },
  message: string,
  subjects: string[],
) => void;
type At = (path: JsonPath) => { file: string; line: number; col: number };

function locateRules(files: ParsedYamlFile[]): Map<string, LocatedRule> {
  const out = new Map<string, LocatedRule>();
  for (const file of files) {
    const rules = (file.value as { rules?: RawRule[] } | undefined)?.rules;
    if (!Array.isArray(rules)) continue;
    rules.forEach((raw, i) => {
      if (raw && typeof raw.id === 'string') out.set(raw.id, { file, at: ['rules', i], raw });
    });
  }
  return out;
}

function versionLabel(rule: CompiledRule, v: RuleVersion): string {
  if (rule.versions.length < 2) return '';
  const span = [v.from ? `from ${v.from}` : '', v.until ? `until ${v.until}` : '']
    .filter(Boolean)
    .join(' ');
  return ` (version ${span || 'without dates'})`;
}

/** The enum and boolean facts a space ranges over, for "for every value of ..." */
function rangedFacts(space: ConditionSpace): string {
  const names = space.facts
    .filter((f) => f.domain.some((d) => d !== undefined && d !== PRESENT))
    .map((f) => f.name);
  return names.length > 0 ? ` for every value of ${listNames(names)}` : '';
}

function checkOutcomes(
  rule: CompiledRule,
  vocabulary: FactVocabulary,
  at: At,
  whenPath: (i: number) => JsonPath,
  versionPath: (i: number) => JsonPath,
  report: Report,
): void {
  rule.versions.forEach((v, i) => {
    const label = versionLabel(rule, v);
    const whenHolds = (a: Assignment) => truthIn(v.when, a) === 'true';
    if (v.when) {
      const whenSpace = spaceOf([v.when], vocabulary);
      if (findAssignment(whenSpace, whenHolds) === undefined) {
        report(
          'never-applies',
          at(whenPath(i)),
          `rule "${rule.id}" never applies: "when" is false or unknown${rangedFacts(whenSpace)}`,
          [rule.id],
        );
        return;
      }
    }
    if (!v.require) return;
    const space = spaceOf([v.when, v.require], vocabulary);
    const requirePos = at([...versionPath(i), 'require']);
    const given = v.when ? ' where "when" holds' : '';
    const fails = findAssignment(space, (a) => whenHolds(a) && truthIn(v.require, a) === 'false');
    if (fails === undefined) {
      report(
        'never-fails',
        requirePos,
        `rule "${rule.id}"${label} never fails: "require" is true or unknown${rangedFacts(space)}${given}; make it a notice (no "require") or fix the condition`,
        [rule.id],
      );
    }
    const passes = findAssignment(space, (a) => whenHolds(a) && truthIn(v.require, a) === 'true');
    if (passes === undefined) {
      report(
        'never-passes',
        requirePos,
        `rule "${rule.id}"${label} never passes: "require" is false or unknown${rangedFacts(space)}${given}`,
        [rule.id],
      );
    }
  });
}

interface TextSite {
  path: JsonPath;
  kind: 'message' | 'fail';
  text: Localized;
  /** Versions that show this text. */
  versions: number[];
  /** A fail text: the list it is one of (tried in order) and its place in it. */
  list?: FailText[];
  index?: number;
}

/** The facts a rule reads: its conditions and the causes of its fail texts. */
function readsOf(rule: CompiledRule): string[] {
  const reads: string[] = [];
  rule.versions.forEach((v) => {
    factsOf(v.when, reads);
    factsOf(v.require, reads);
    for (const f of v.fail ?? rule.fail ?? []) factsOf(f.when, reads);
  });
  return reads;
}

/** The path of a fail text in the YAML: `fail`, or `fail[k]` when `fail` is a list. */
function failPath(base: JsonPath, raw: RawVersion | undefined, k: number): JsonPath {
  return Array.isArray(raw?.fail) ? [...base, 'fail', k] : [...base, 'fail'];
}

function textSites(rule: CompiledRule, raw: RawRule | undefined): TextSite[] {
  const sites: TextSite[] = [];
  const all = rule.versions.map((_, i) => i);
  const ownMessage = rule.versions.map((v, i) => (v.message ? -1 : i)).filter((i) => i >= 0);
  const ownFail = rule.versions.map((v, i) => (v.fail ? -1 : i)).filter((i) => i >= 0);
  const addFail = (
    list: FailText[],
    base: JsonPath,
    rawAt: RawVersion | undefined,
    versions: number[],
  ) =>
    list.forEach((f, k) =>
      sites.push({
        path: failPath(base, rawAt, k),
        kind: 'fail',
        text: f.text,
        versions,
        list,
        index: k,
      }),
    );
  sites.push({
    path: ['message'],
    kind: 'message',
    text: rule.message,
    versions: raw?.versions ? ownMessage : all,
  });
  if (rule.fail) addFail(rule.fail, [], raw, raw?.versions ? ownFail : all);
  rule.versions.forEach((v, i) => {
    if (!raw?.versions) return;
    if (v.message)
      sites.push({
        path: ['versions', i, 'message'],
        kind: 'message',
        text: v.message,
        versions: [i],
      });
    if (v.fail) addFail(v.fail, ['versions', i], raw.versions[i], [i]);
  });
  return sites;
}

function checkMessages(
  rule: CompiledRule,
  raw: RawRule | undefined,
  vocabulary: FactVocabulary,
  at: At,
  report: Report,
): void {
  for (const site of textSites(rule, raw)) {
    const versions = (
      site.versions.length > 0 ? site.versions : rule.versions.map((_, i) => i)
    ).map((i) => rule.versions[i]!);
    const reads: string[] = [];
    for (const v of versions) {
      factsOf(v.when, reads);
      factsOf(v.require, reads);
    }
    // A fail text is shown only once its own cause holds: the facts it reads are known.
    if (site.list) factsOf(site.list[site.index!]!.when, reads);
    const name = `${site.path[0] === 'versions' ? `version ${Number(site.path[1]) + 1} ` : ''}"${site.kind}" text${site.list && site.list.length > 1 ? ` ${site.index! + 1}` : ''}`;
    // One finding per fact, at the first language's text, naming every language that uses it.
    const langsOf = new Map<string, Lang[]>();
    for (const lang of LANGS) {
      for (const fact of placeholders(site.text[lang])) {
        const langs = langsOf.get(fact) ?? [];
        if (!langs.includes(lang)) langs.push(lang);
        langsOf.set(fact, langs);
      }
    }
    for (const [fact, langs] of langsOf) {
      const where = at([...site.path, langs[0]!]);
      const text = `the ${name} (${langs.join(', ')}) of rule "${rule.id}" interpolates {${fact}}`;
      if (!reads.includes(fact)) {
        report(
          'message-fact-not-read',
          where,
          `${text}, a fact the rule does not read${reads.length ? ` (it reads ${listNames(reads)})` : ''}`,
          [rule.id, fact],
        );
        continue;
      }
      const example = unknownWhenShown(rule, site, fact, vocabulary);
      if (example !== undefined) {
        report(
          'message-fact-unknown',
          where,
          `${text}, which can be unknown when it shows (e.g. ${example})`,
          [rule.id, fact],
        );
      }
    }
  }
}

/**
 * An example of facts for which the text shows while `fact` is missing, or undefined. Fail
 * texts show when "when" holds and "require" is false; a notice's message when "when" holds.
 * Other messages also show for unknown and skip, where missing facts are expected.
 */
function unknownWhenShown(
  rule: CompiledRule,
  site: TextSite,
  fact: string,
  vocabulary: FactVocabulary,
): string | undefined {
  const indices = site.versions.length > 0 ? site.versions : rule.versions.map((_, i) => i);
  for (const i of indices) {
    const v = rule.versions[i]!;
    const isFail = site.kind === 'fail';
    if (isFail ? !v.require : v.require) continue;
    const causes = site.list?.map((f) => f.when) ?? [];
    const space = spaceOf([v.when, v.require, ...causes], vocabulary, [fact]);
    const found = findAssignment(
      space,
      (a) =>
        a.facts.get(fact) === undefined &&
        truthIn(v.when, a) === 'true' &&
        (!isFail || (truthIn(v.require, a) === 'false' && chosenText(site.list, a) === site.index)),
    );
    if (found !== undefined && found !== 'too-big') return describeAssignment(found);
  }
  return undefined;
}

/** Which fail text an assignment shows: the first whose cause holds; -1 for none. */
function chosenText(list: FailText[] | undefined, a: Assignment): number {
  if (!list) return -1;
  return list.findIndex((f) => truthIn(f.when, a) === 'true');
}

/**
 * Fail texts by cause: each must be shown for some failing facts, and (when every text has a
 * cause) every way the rule can fail must have a text.
 */
function checkFailTexts(
  rule: CompiledRule,
  raw: RawRule | undefined,
  vocabulary: FactVocabulary,
  at: At,
  report: Report,
): void {
  for (const site of textSites(rule, raw)) {
    if (!site.list || site.index !== 0) continue;
    const list = site.list;
    if (!list.some((f) => f.when)) continue;
    const versions = site.versions.map((i) => rule.versions[i]!).filter((v) => v.require);
    if (versions.length === 0) continue;
    const base = site.path.slice(0, site.path.lastIndexOf('fail') + 1);
    const spaces = versions.map((v) => ({
      v,
      space: spaceOf([v.when, v.require, ...list.map((f) => f.when)], vocabulary),
    }));
    const fails = (v: RuleVersion, a: Assignment) =>
      truthIn(v.when, a) === 'true' && truthIn(v.require, a) === 'false';

    list.forEach((f, k) => {
      const isShown = spaces.some(({ v, space }) => {
        const found = findAssignment(space, (a) => fails(v, a) && chosenText(list, a) === k);
        return found !== undefined;
      });
      if (isShown) return;
      const path = f.when ? [...base, k, 'when'] : [...base, k];
      report(
        'fail-text-never-shown',
        at(path),
        `fail text ${k + 1} of rule "${rule.id}" is never shown: whenever the rule fails, ${k > 0 ? 'a text before it is chosen or ' : ''}its "when" is false or unknown${rangedFacts(spaces[0]!.space)}`,
        [rule.id],
      );
    });

    if (list.some((f) => !f.when)) continue;
    for (const { v, space } of spaces) {
      // Comparisons on names, numbers and dates are free atoms; two on one fact may not be
      // free together, so a gap found through them might not exist: say nothing then.
      if (hasDependentAtoms(space)) continue;
      const found = findAssignment(space, (a) => fails(v, a) && chosenText(list, a) === -1);
      if (found === undefined || found === 'too-big') continue;
      report(
        'fail-without-text',
        at(base),
        `rule "${rule.id}"${versionLabel(rule, v)} can fail with no fail text for the cause (e.g. ${describeAssignment(found)}): add a text whose "when" covers it, or a last text without "when"`,
        [rule.id],
      );
      break;
    }
  }
}

/** True when two free comparisons read the same fact, so their truths may depend on each other. */
function hasDependentAtoms(space: ConditionSpace): boolean {
  const seen = new Set<string>();
  for (const atom of space.atoms) {
    const [fact, , value] = JSON.parse(atom) as [string, string, unknown];
    const facts = [fact, ...(isFactRef(value) ? [value.fact] : [])];
    for (const name of facts) {
      if (seen.has(name)) return true;
      seen.add(name);
    }
  }
  return false;
}

function describeAssignment(a: Assignment): string {
  return [...a.facts]
    .map(([name, value]) =>
      value === undefined
        ? `${name} missing`
        : value === PRESENT
          ? `${name} given`
          : `${name}: ${String(value)}`,
    )
    .join(', ');
}

function checkDateGaps(
  rule: CompiledRule,
  at: At,
  versionPath: (i: number) => JsonPath,
  report: Report,
): void {
  const ordered = rule.versions
    .map((v, i) => ({ v, i }))
    .sort((a, b) => ((a.v.from ?? '') < (b.v.from ?? '') ? -1 : 1));
  for (let k = 1; k < ordered.length; k++) {
    const prev = ordered[k - 1]!.v;
    const next = ordered[k]!;
    if (prev.until && next.v.from && prev.until < next.v.from) {
      report(
        'date-gap',
        at([...versionPath(next.i), 'from']),
        `rule "${rule.id}" is not in effect from ${prev.until} until ${next.v.from}: no version covers those days, so it is skipped then`,
        [rule.id],
      );
    }
  }
}

/** Page reads looked up by fact, and the flows that have a page: built once per lint. */
interface PageReadIndex {
  byFact: Map<string, PageRead[]>;
  /** `flow\nfact` for each fact read on a flow's page. */
  readOnFlow: Set<string>;
  /** Facts some page reads and remembers for the account's other pages. */
  remembered: Set<string>;
  flowsWithPage: Set<string>;
}

function indexPageReads(pageReads: PageRead[]): PageReadIndex {
  const index: PageReadIndex = {
    byFact: new Map(),
    readOnFlow: new Set(),
    remembered: new Set(),
    flowsWithPage: new Set(),
  };
  for (const read of pageReads) {
    const list = index.byFact.get(read.fact);
    if (list) list.push(read);
    else index.byFact.set(read.fact, [read]);
    if (read.isRemembered) index.remembered.add(read.fact);
    if (read.flow !== undefined) {
      index.flowsWithPage.add(read.flow);
      index.readOnFlow.add(`${read.flow}\n${read.fact}`);
    }
  }
  return index;
}

interface RuleCase {
  at?: string;
  facts: Facts;
  status: string;
}

/** Each rule's cases (those that expect a status for it), with their dates: built once. */
function indexCases(suites: Suite[]): Map<string, RuleCase[]> {
  const byRule = new Map<string, RuleCase[]>();
  for (const suite of suites) {
    for (const c of suite.cases) {
      for (const [ruleId, expected] of Object.entries(c.expect)) {
        const entry = { ...(c.at ? { at: c.at } : {}), facts: c.facts, status: expected.status };
        const list = byRule.get(ruleId);
        if (list) list.push(entry);
        else byRule.set(ruleId, [entry]);
      }
    }
  }
  return byRule;
}

/** A dated rule needs cases on the day before, the day of and the day after each boundary. */
function checkBoundaryCases(
  rule: CompiledRule,
  cases: RuleCase[],
  at: At,
  versionPath: (i: number) => JsonPath,
  report: Report,
): void {
  const dated = new Set(cases.flatMap((c) => (c.at ? [c.at] : [])));
  const seen = new Set<string>();
  rule.versions.forEach((v, i) => {
    for (const key of ['from', 'until'] as const) {
      const boundary = v[key];
      if (!boundary || seen.has(boundary)) continue;
      seen.add(boundary);
      const days = [addDays(boundary, -1), boundary, addDays(boundary, 1)];
      const lacking = days.filter((d) => !dated.has(d));
      if (lacking.length === 0) continue;
      report(
        'boundary-without-cases',
        at([...versionPath(i), key]),
        `rule "${rule.id}" has no case on ${listNames(lacking)}, around its boundary ${boundary}: add cases on the day before, the day of and the day after it`,
        [rule.id],
      );
    }
  });
}

/**
 * Each fact a version reads that can leave the rule unknown when it is missing needs a case,
 * dated within the version, that expects unknown with that fact missing and, where that can
 * be, every other fact the version reads given: the case then shows that this fact alone
 * keeps the rule undecided (a case with no facts at all shows nothing of the kind).
 */
function checkUnknownCases(
  rule: CompiledRule,
  raw: RawRule | undefined,
  cases: RuleCase[],
  vocabulary: FactVocabulary,
  at: At,
  report: Report,
): void {
  rule.versions.forEach((v, i) => {
    const label = versionLabel(rule, v);
    // A version whose "when" never holds is reported as such; asking for cases is noise.
    const whenSpace = spaceOf([v.when], vocabulary);
    if (v.when && findAssignment(whenSpace, (a) => truthIn(v.when, a) === 'true') === undefined) {
      return;
    }
    const inVersion = cases.filter(
      (c) =>
        c.status === 'unknown' &&
        (c.at === undefined
          ? v.from === undefined && v.until === undefined
          : isWithin(c.at, v.from, v.until)),
    );
    const reads = [...factsOf(v.when), ...factsOf(v.require)].filter(
      (f, k, all) => all.indexOf(f) === k && !vocabulary[f]?.isBuiltIn,
    );
    const space = spaceOf([v.when, v.require], vocabulary);
    const isUnknown = (a: Assignment) => {
      const when = truthIn(v.when, a);
      return (
        when === 'unknown' ||
        (when === 'true' && v.require !== undefined && truthIn(v.require, a) === 'unknown')
      );
    };
    for (const fact of reads) {
      const others = reads.filter((f) => f !== fact);
      const alone = findAssignment(
        space,
        (a) =>
          a.facts.get(fact) === undefined &&
          others.every((o) => a.facts.get(o) !== undefined) &&
          isUnknown(a),
      );
      const isAlone = alone !== undefined && alone !== 'too-big';
      if (!isAlone) {
        const any = findAssignment(space, (a) => a.facts.get(fact) === undefined && isUnknown(a));
        if (any === undefined || any === 'too-big') continue;
      }
      const shown = inVersion.some(
        (c) =>
          readFact(c.facts, fact) === undefined &&
          (!isAlone || others.every((o) => readFact(c.facts, o) !== undefined)),
      );
      if (shown) continue;
      const path = raw ? (leafPath(raw, fact, i) ?? ['id']) : ['id'];
      const given = isAlone && others.length > 0 ? ` and ${listNames(others)} given` : '';
      report(
        'unknown-without-case',
        at(path),
        `rule "${rule.id}"${label} has no case${v.from || v.until ? ' in its dates' : ''} that expects it unknown with ${fact} missing${given}: add one`,
        [rule.id, fact],
      );
    }
  });
}

function checkUnreadFacts(
  rule: CompiledRule,
  loc: LocatedRule | undefined,
  pageReads: PageReadIndex,
  vocabulary: FactVocabulary,
  at: At,
  report: Report,
): void {
  const reads = readsOf(rule);
  const hasPage = pageReads.flowsWithPage.has(rule.flow);
  for (const fact of reads) {
    if (own(vocabulary, fact)?.isBuiltIn) continue;
    const readers = pageReads.byFact.get(fact) ?? [];
    const where = at(loc ? (leafPath(loc.raw, fact) ?? ['id']) : ['id']);
    if (readers.length === 0) {
      report(
        'unread-fact',
        where,
        `rule "${rule.id}" reads fact "${fact}", which no page map reads: the extension always shows the rule unknown`,
        [rule.id, fact],
      );
    } else if (
      hasPage &&
      !pageReads.remembered.has(fact) &&
      !pageReads.readOnFlow.has(`${rule.flow}\n${fact}`)
    ) {
      const pages = [...new Set(readers.map((r) => r.page))];
      report(
        'unread-fact',
        where,
        `rule "${rule.id}" reads fact "${fact}", which only ${pages.length === 1 ? 'page' : 'pages'} ${listNames(pages)} ${pages.length === 1 ? 'reads' : 'read'}, without remembering it: on the page of flow "${rule.flow}" the rule is always unknown`,
        [rule.id, fact],
      );
    }
  }
}

/**
 * The path of the first condition leaf that reads a fact, in "when" then "require" order (in
 * one version, when `only` names it).
 */
function leafPath(raw: RawRule, fact: string, only?: number): JsonPath | undefined {
  const search = (c: Condition | undefined, path: JsonPath): JsonPath | undefined => {
    if (!c || typeof c !== 'object') return undefined;
    if ('all' in c) return firstOf(c.all, (x, i) => search(x, [...path, 'all', i]));
    if ('any' in c) return firstOf(c.any, (x, i) => search(x, [...path, 'any', i]));
    if ('not' in c) return search(c.not, [...path, 'not']);
    if (c.fact === fact) return [...path, 'fact'];
    if (isFactRef(c.value) && c.value.fact === fact) return [...path, 'value', 'fact'];
    return undefined;
  };
  const causes = (v: RawVersion, base: JsonPath): JsonPath | undefined =>
    Array.isArray(v.fail)
      ? firstOf(v.fail, (f, k) => search(f.when, [...base, 'fail', k, 'when']))
      : undefined;
  const versions = raw.versions ?? [raw];
  for (const [i, v] of versions.entries()) {
    if (only !== undefined && raw.versions && i !== only) continue;
    const base: JsonPath = raw.versions ? ['versions', i] : [];
    const found =
      search(v.when, [...base, 'when']) ??
      search(raw.when, ['when']) ??
      search(v.require, [...base, 'require']) ??
      causes(v, base) ??
      causes(raw, []);
    if (found) return found;
  }
  return undefined;
}

function firstOf<T>(list: T[], f: (x: T, i: number) => JsonPath | undefined): JsonPath | undefined {
  for (const [i, x] of list.entries()) {
    const found = f(x, i);
    if (found) return found;
  }
  return undefined;
}

function byPosition(a: PageRead, b: PageRead): number {
  const pa = a.pos ?? { file: '', line: 0, col: 0 };
  const pb = b.pos ?? { file: '', line: 0, col: 0 };
  return pa.file < pb.file ? -1 : pa.file > pb.file ? 1 : pa.line - pb.line || pa.col - pb.col;
}

/** "a", "a and b", "a, b and c", or "a, b, c and 4 more". */
function listNames(names: string[]): string {
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  if (shown.length < 2) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}
