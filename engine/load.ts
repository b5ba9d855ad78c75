import { own } from './own.ts';
import { checkCondition, factsOf } from './check-condition.ts';
import { fileKind } from './file-kind.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { placeholders } from './messages.ts';
import { checkSchema } from './schema-check.ts';
import type {
  CompiledFlow,
  CompiledPack,
  CompiledRule,
  Condition,
  FactVocabulary,
  FailText,
  Localized,
  RuleVersion,
  Severity,
} from './types.ts';
import {
  describePosition,
  objectFile,
  parseYamlFile,
  type JsonPath,
  type ParsedYamlFile,
} from './yaml.ts';

export interface SourceFile {
  path: string;
  text: string;
}

export interface LoadResult {
  /** Present only when there are no errors: invalid rules never half-load. */
  pack?: CompiledPack;
  diagnostics: Diagnostic[];
  /** The rule files as parsed, for tools that point at their nodes (lint) without parsing again. */
  ruleFiles: ParsedYamlFile[];
}

/** A fail text as written: `{ when?, zh-CN, en }`. */
export type RawFailText = Localized & { when?: Condition };

/** `fail` as written: one text for every cause, or a list of texts by cause. */
export type RawFail = Localized | RawFailText[];

/** A date as written: `YYYY-MM-DD`, or one that approximates what its source says. */
type RawBoundary = string | { date: string; approximates: Localized };

interface RawVersion {
  from?: RawBoundary;
  until?: RawBoundary;
  when?: Condition;
  require?: Condition;
  message?: Localized;
  fail?: RawFail;
  source?: string | string[];
}

interface RawRule extends RawVersion {
  id: string;
  severity: Severity;
  title: Localized;
  message: Localized;
  versions?: RawVersion[];
}

interface RawRuleFile {
  flow: string;
  title: Localized;
  program?: boolean;
  rules: RawRule[];
}

interface RawFactsFile {
  facts: Record<
    string,
    {
      type: FactVocabulary[string]['type'];
      description: Localized;
      values?: Record<string, Localized>;
      unit?: string;
      builtIn?: boolean;
    }
  >;
}

/** Parses and schema-checks the fact vocabulary. */
export function loadVocabulary(file: ParsedYamlFile): {
  facts?: FactVocabulary;
  diagnostics: Diagnostic[];
} {
  const diagnostics = [...file.diagnostics, ...checkSchema('facts', file)];
  if (hasErrors(diagnostics)) return { diagnostics };
  const raw = file.value as RawFactsFile;
  const facts: FactVocabulary = {};
  for (const [name, def] of Object.entries(raw.facts)) {
    facts[name] = {
      name,
      type: def.type,
      description: def.description,
      ...(def.values ? { values: def.values } : {}),
      ...(def.unit ? { unit: def.unit } : {}),
      ...(def.builtIn ? { isBuiltIn: true } : {}),
    };
  }
  return { facts, diagnostics };
}

/**
 * Loads the fact vocabulary and every rule file: YAML syntax, schema, then semantics
 * (facts, operators, values, ids, sources, dates, messages). Case files and page maps are
 * loaded by their own functions; they are skipped here.
 */
export function loadPack(
  files: SourceFile[],
  /** A file already parsed (kept from an earlier run, say), if there is one. */
  parsed: (file: SourceFile) => ParsedYamlFile | undefined = () => undefined,
): LoadResult {
  const parse = (list: SourceFile[]) => list.map((f) => parsed(f) ?? parseYamlFile(f.path, f.text));
  const ruleFiles = files
    .filter((f) => fileKind(f.path) === 'rules')
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return compilePack(
    parse(files.filter((f) => fileKind(f.path) === 'facts')),
    parse(ruleFiles),
    () => contentHash(files.filter((f) => fileKind(f.path) !== 'cases')),
  );
}

/** A rule pack given as objects shaped like its YAML files. */
export interface PackObjects {
  /** The fact vocabulary, as in facts.yaml: `{ facts: { name: { type, description, ... } } }`. */
  facts: unknown;
  /** The rule files, one object per flow, as in `<program>/<flow>.yaml`: `{ flow, title, rules }`. */
  flows: unknown[];
}

/**
 * Loads a pack from objects (built in code, or read from JSON) instead of YAML text, with the
 * same checks as `loadPack`. Diagnostics name `facts` or `flows[i]` and, in `at`, the path to
 * the node: `flows[0]: at rules[2].require.value: error: ...`.
 */
export function loadPackFromObjects(objects: PackObjects): LoadResult {
  const facts = objectFile('facts', objects.facts);
  const flows = objects.flows.map((flow, i) => objectFile(`flows[${i}]`, flow));
  return compilePack([facts], flows, () =>
    contentHash([facts, ...flows].map((f) => ({ path: f.path, text: JSON.stringify(f.value) }))),
  );
}

function compilePack(
  factFiles: ParsedYamlFile[],
  ruleFiles: ParsedYamlFile[],
  version: () => string,
): LoadResult {
  const diagnostics: Diagnostic[] = [];
  if (factFiles.length !== 1) {
    const where = factFiles[1]?.path ?? ruleFiles[0]?.path ?? 'rules';
    diagnostics.push({
      file: where,
      line: 1,
      col: 1,
      severity: 'error',
      code: 'facts-file',
      message:
        factFiles.length === 0
          ? 'no fact vocabulary: expected one facts.yaml beside the rules'
          : `more than one facts.yaml: ${factFiles.map((f) => f.path).join(', ')}`,
    });
  }
  let facts: FactVocabulary | undefined;
  if (factFiles.length === 1) {
    const loaded = loadVocabulary(factFiles[0]!);
    diagnostics.push(...loaded.diagnostics);
    facts = loaded.facts;
  }

  const flows: CompiledFlow[] = [];
  const flowIds = new Map<string, string>();
  const ruleIds = new Map<string, string>();
  for (const file of ruleFiles) {
    const fileDiagnostics = [...file.diagnostics, ...checkSchema('rules', file)];
    diagnostics.push(...fileDiagnostics);
    if (hasErrors(fileDiagnostics) || !facts) continue;
    const flow = compileRuleFile(file, facts, flowIds, ruleIds, diagnostics);
    if (flow) flows.push(flow);
  }

  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted) || !facts) return { diagnostics: sorted, ruleFiles };
  return { pack: { version: version(), facts, flows }, diagnostics: sorted, ruleFiles };
}

function compileRuleFile(
  file: ParsedYamlFile,
  facts: FactVocabulary,
  flowIds: Map<string, string>,
  ruleIds: Map<string, string>,
  diagnostics: Diagnostic[],
): CompiledFlow | undefined {
  const raw = file.value as RawRuleFile;
  const errorAt = (path: JsonPath, code: string, message: string, onKey = false) => {
    const pos = onKey ? file.keyPosAt(path) : file.posAt(path);
    diagnostics.push({ file: file.path, ...pos, severity: 'error', code, message });
  };
  const warnAt = (path: JsonPath, code: string, message: string) => {
    diagnostics.push({ file: file.path, ...file.posAt(path), severity: 'warning', code, message });
  };
  const here = (path: JsonPath) => {
    return describePosition(file.path, file.posAt(path));
  };

  const before = diagnostics.length;
  const firstFlow = flowIds.get(raw.flow);
  if (firstFlow) {
    errorAt(['flow'], 'duplicate-flow', `flow "${raw.flow}" is already defined at ${firstFlow}`);
  } else {
    flowIds.set(raw.flow, here(['flow']));
  }

  const rules: CompiledRule[] = [];
  raw.rules.forEach((rule, index) => {
    const at: JsonPath = ['rules', index];
    const firstRule = ruleIds.get(rule.id);
    if (firstRule) {
      errorAt(
        [...at, 'id'],
        'duplicate-rule',
        `rule id "${rule.id}" is already defined at ${firstRule}`,
      );
    } else {
      ruleIds.set(rule.id, here([...at, 'id']));
    }
    if (!rule.id.startsWith(`${raw.flow}.`)) {
      errorAt(
        [...at, 'id'],
        'rule-id-flow',
        `rule id "${rule.id}" must start with its flow "${raw.flow}."`,
      );
    }

    if (rule.versions && rule.require) {
      errorAt(
        [...at, 'require'],
        'versions-and-require',
        `rule "${rule.id}" has versions: put "require" in each version, not beside them`,
        true,
      );
    }
    if (rule.versions && (rule.from || rule.until)) {
      errorAt(
        [...at, rule.from ? 'from' : 'until'],
        'versions-and-dates',
        `rule "${rule.id}" has versions: put "from"/"until" on the versions, not on the rule`,
        true,
      );
    }

    // Messages may only name facts the vocabulary knows.
    const checkPlaceholders = (textPath: JsonPath, text: Localized | undefined) => {
      for (const lang of ['zh-CN', 'en'] as const) {
        for (const name of placeholders(text?.[lang] ?? '')) {
          if (!own(facts, name)) {
            errorAt(
              [...textPath, lang],
              'unknown-fact',
              `message interpolates unknown fact "{${name}}"`,
            );
          }
        }
      }
    };
    // Fail texts by cause: each "when" is a condition like any other, each text a message.
    const compileFail = (failPath: JsonPath, raw: RawFail | undefined): FailText[] | undefined => {
      if (!raw) return undefined;
      const list: RawFailText[] = Array.isArray(raw) ? raw : [raw];
      return list.map((alternative, k) => {
        const textPath = Array.isArray(raw) ? [...failPath, k] : failPath;
        checkPlaceholders(textPath, alternative);
        if (alternative.when) {
          diagnostics.push(...checkCondition(alternative.when, [...textPath, 'when'], file, facts));
        } else if (k < list.length - 1) {
          errorAt(
            textPath,
            'fail-text-order',
            `fail text ${k + 1} of rule "${rule.id}" has no "when", so it is shown for every cause and the ${list.length - 1 - k === 1 ? 'text' : `${list.length - 1 - k} texts`} after it never: put it last`,
          );
        }
        return {
          ...(alternative.when ? { when: alternative.when } : {}),
          text: { 'zh-CN': alternative['zh-CN'], en: alternative.en },
          pos: { file: file.path, ...file.posAt(textPath) },
        };
      });
    };
    checkPlaceholders([...at, 'message'], rule.message);
    const ruleFail = compileFail([...at, 'fail'], rule.fail);

    const rawVersions: DatedVersion[] = (
      rule.versions
        ? rule.versions.map((v, i) => ({ v, path: [...at, 'versions', i] }))
        : [{ v: rule as RawVersion, path: at }]
    ).map(({ v, path }) => ({
      raw: { ...v, from: dateOf(v.from), until: dateOf(v.until) },
      approximate: { from: approximationOf(v.from), until: approximationOf(v.until) },
      path,
    }));
    // One boundary is one day: where a date approximates its source in one place, it does
    // everywhere in the rule (the version that ends there and the one that starts there).
    const approximations = new Map<string, Localized>();
    for (const { raw, approximate } of rawVersions) {
      if (raw.from && approximate.from) approximations.set(raw.from, approximate.from);
      if (raw.until && approximate.until) approximations.set(raw.until, approximate.until);
    }

    const versions: RuleVersion[] = [];
    for (const { raw: v, path } of rawVersions) {
      const fromApprox = v.from ? approximations.get(v.from) : undefined;
      const untilApprox = v.until ? approximations.get(v.until) : undefined;
      if (v.from && v.until && v.from >= v.until) {
        errorAt(
          [...path, 'until'],
          'inverted-dates',
          `"until" ${v.until} must be after "from" ${v.from} (until is the first day the rule no longer applies)`,
        );
      }
      const when = v.when ?? rule.when;
      const require = rule.versions ? v.require : rule.require;
      const hasOwnSource = v.source ?? rule.source;
      if (!hasOwnSource) {
        errorAt(
          path,
          'no-source',
          `rule "${rule.id}" has no source: add source: "seed L<n>" or an https URL`,
        );
      }
      for (const key of ['when', 'require'] as const) {
        const condition = v[key];
        if (condition) diagnostics.push(...checkCondition(condition, [...path, key], file, facts));
      }
      const ownFail = rule.versions ? compileFail([...path, 'fail'], v.fail) : undefined;
      const version: RuleVersion = {
        ...(v.from ? { from: v.from } : {}),
        ...(v.until ? { until: v.until } : {}),
        ...(fromApprox || untilApprox
          ? {
              approximate: {
                ...(fromApprox ? { from: fromApprox } : {}),
                ...(untilApprox ? { until: untilApprox } : {}),
              },
            }
          : {}),
        ...(when ? { when } : {}),
        ...(require ? { require } : {}),
        ...(rule.versions && v.message ? { message: v.message } : {}),
        ...(ownFail ? { fail: ownFail } : {}),
        ...(rule.versions && v.source ? { source: toList(v.source) } : {}),
      };
      versions.push(version);

      if (rule.versions) checkPlaceholders([...path, 'message'], v.message);
      if (!require && (v.fail ?? (rule.versions ? undefined : rule.fail))) {
        warnAt(
          [...path, 'fail'],
          'fail-never-shown',
          `rule "${rule.id}" has no "require", so it never fails and its "fail" text is never shown`,
        );
      }
    }
    checkOverlaps(rule.id, rawVersions, file, diagnostics);

    rules.push({
      id: rule.id,
      flow: raw.flow,
      severity: rule.severity,
      title: rule.title,
      message: rule.message,
      ...(ruleFail ? { fail: ruleFail } : {}),
      source: [
        ...new Set(toList(rule.source ?? rawVersions.flatMap(({ raw: v }) => toList(v.source)))),
      ],
      versions,
      pos: { file: file.path, ...file.posAt([...at, 'id']) },
    });
  });

  if (diagnostics.slice(before).some((d) => d.severity === 'error')) return undefined;
  return {
    id: raw.flow,
    title: raw.title,
    isProgram: raw.program === true,
    rules,
    pos: { file: file.path, ...file.posAt(['flow']) },
  };
}

/** A version with its dates as plain `YYYY-MM-DD` text, and what they approximate. */
interface DatedVersion {
  raw: Omit<RawVersion, 'from' | 'until'> & { from?: string; until?: string };
  approximate: { from?: Localized | undefined; until?: Localized | undefined };
  path: JsonPath;
}

function dateOf(boundary: RawBoundary | undefined): string | undefined {
  return typeof boundary === 'object' ? boundary.date : boundary;
}

function approximationOf(boundary: RawBoundary | undefined): Localized | undefined {
  return typeof boundary === 'object' ? boundary.approximates : undefined;
}

function checkOverlaps(
  ruleId: string,
  versions: DatedVersion[],
  file: ParsedYamlFile,
  diagnostics: Diagnostic[],
): void {
  const ordered = [...versions].sort((a, b) => ((a.raw.from ?? '') < (b.raw.from ?? '') ? -1 : 1));
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]!;
    const next = ordered[i]!;
    const prevEnd = prev.raw.until;
    if (prevEnd === undefined || next.raw.from === undefined || prevEnd > next.raw.from) {
      const pos = file.posAt(next.raw.from ? [...next.path, 'from'] : next.path);
      const prevPos = file.posAt(prev.path);
      diagnostics.push({
        file: file.path,
        ...pos,
        severity: 'error',
        code: 'overlapping-dates',
        message: `versions of rule "${ruleId}" overlap: this one starts ${next.raw.from ?? 'with no "from"'} but the one at ${prevPos.at ?? `line ${prevPos.line}`} runs ${prevEnd ? `until ${prevEnd}` : 'with no "until"'}`,
      });
    }
  }
}

function toList(source: string | string[] | undefined): string[] {
  if (source === undefined) return [];
  return Array.isArray(source) ? source : [source];
}

/** A short, stable fingerprint of the rule sources, shown as the pack version. */
function contentHash(files: SourceFile[]): string {
  let hash = 0x811c9dc5;
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const file of sorted) {
    for (const text of [file.path.replace(/^.*?rules\//, ''), file.text]) {
      for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
      }
    }
  }
  return hash.toString(16).padStart(8, '0');
}

export { factsOf, fileKind };
export type { FileKind } from './file-kind.ts';
