import { own } from './own.ts';
import { didYouMean, hasErrors, quote, sortDiagnostics, type Diagnostic } from './diagnostics.ts';
import { factValueProblem } from './facts.ts';
import { checkSchema } from './schema-check.ts';
import type { FactType, FactVocabulary, Lang, SourcePos } from './types.ts';
import { parseYamlFile, type JsonPath, type ParsedYamlFile } from './yaml.ts';

// Page maps are validated at build time (ajv) and shipped to the extension as plain JSON:
// the types below are all the browser side needs.

export type FactValue = string | number | boolean;

/** One visible value text and the facts it means. */
export interface PageValue {
  /** Accepted texts, in every language. */
  texts: string[];
  /** The field's fact and any further facts the text sets (`已认证（企业）` sets two). */
  facts: Record<string, FactValue>;
}

/** A field on a page: found by its visible label, read into a fact. */
export interface PageField {
  fact: string;
  type: FactType;
  /** Label texts in every language; any of them identifies the field. */
  labels: string[];
  /** Only look inside the page header. */
  region?: 'header';
  /** Absent: the control's own state or text is the value (checkbox, number, month, text). */
  values?: PageValue[];
  /** The value for any other non-empty text. */
  otherwise?: FactValue;
  /** Remembered for the account's other pages. */
  isRemembered: boolean;
  pos?: SourcePos;
}

/** One page, ready for the browser: where it is, how to confirm it, what to read. */
export interface CompiledPageMap {
  id: string;
  /** The flow whose checklist the page shows (absent on the overview). */
  flow?: string;
  show: 'checklist' | 'eligibility';
  /** URL prefixes the page lives under. */
  sites: string[];
  /** Routes after `#` (or the URL path); empty means the site URL itself. */
  routes: string[];
  heading: Record<Lang, string[]>;
  /** Texts of the button that submits the page's form. */
  submit: string[];
  /** The page's own fields, then the fields every page of the site shows. */
  fields: PageField[];
  /** Rule id -> fact of the field its inline warning sits beside. */
  warnings: Record<string, string>;
  pos?: SourcePos;
}

export interface PageMapsResult {
  /** Present only when there are no errors. */
  pageMaps?: CompiledPageMap[];
  diagnostics: Diagnostic[];
}

type Texts = string | string[];
type LocalizedTexts = Record<Lang, Texts>;

interface RawValue {
  text: LocalizedTexts;
  value: FactValue;
  also?: Record<string, FactValue>;
}

interface RawField {
  fact: string;
  label: LocalizedTexts;
  in?: 'header';
  values?: RawValue[];
  otherwise?: FactValue;
  remember?: boolean;
}

interface RawPage {
  id: string;
  flow?: string;
  show?: 'checklist' | 'eligibility';
  routes?: string[];
  heading: LocalizedTexts;
  submit?: LocalizedTexts;
  fields?: RawField[];
  warnings?: Record<string, string>;
}

interface RawPageMapFile {
  sites: string[];
  common?: RawField[];
  pages: RawPage[];
}

/**
 * Loads page maps (`rules/pages/*.yaml`): YAML syntax, schema, then semantics — every fact
 * and enum value must be in the vocabulary, every flow in the pack, every route mapped once.
 * `ruleIds`, when given, also checks the rule ids that place inline warnings.
 */
export function loadPageMaps(
  files: { path: string; text: string }[],
  facts: FactVocabulary,
  flowIds: string[],
  ruleIds?: string[],
): PageMapsResult {
  const diagnostics: Diagnostic[] = [];
  const pageMaps: CompiledPageMap[] = [];
  const pageIds = new Map<string, string>();
  const routes = new Map<string, string>();
  // Looked up once per page and warning: sets keep that linear in a large pack.
  const knownFlows = new Set(flowIds);
  const knownRules = ruleIds && new Set(ruleIds);
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const source of sorted) {
    const file = parseYamlFile(source.path, source.text);
    const fileDiagnostics = [...file.diagnostics, ...checkSchema('page-map', file)];
    diagnostics.push(...fileDiagnostics);
    if (hasErrors(fileDiagnostics)) continue;
    const context: FileContext = {
      file,
      facts,
      flowIds,
      ruleIds,
      knownFlows,
      knownRules,
      pageIds,
      routes,
      diagnostics,
    };
    pageMaps.push(...compileFile(context));
  }
  const all = sortDiagnostics(diagnostics);
  return hasErrors(all) ? { diagnostics: all } : { pageMaps, diagnostics: all };
}

interface FileContext {
  file: ParsedYamlFile;
  facts: FactVocabulary;
  flowIds: string[];
  ruleIds: string[] | undefined;
  knownFlows: Set<string>;
  knownRules: Set<string> | undefined;
  pageIds: Map<string, string>;
  routes: Map<string, string>;
  diagnostics: Diagnostic[];
}

function compileFile(ctx: FileContext): CompiledPageMap[] {
  const { file } = ctx;
  const raw = file.value as RawPageMapFile;
  const error = errorReporter(ctx);
  const here = (path: JsonPath) => {
    const pos = file.posAt(path);
    return `${file.path}:${pos.line}:${pos.col}`;
  };

  const sites = raw.sites.map((s) => (s.includes('/', 'https://'.length) ? s : `${s}/`));
  const common = (raw.common ?? []).map((f, i) => compileField(ctx, f, ['common', i]));

  return raw.pages.map((page, index) => {
    const at: JsonPath = ['pages', index];
    const firstId = ctx.pageIds.get(page.id);
    if (firstId)
      error([...at, 'id'], 'duplicate-page', `page id "${page.id}" is already used at ${firstId}`);
    else ctx.pageIds.set(page.id, here([...at, 'id']));

    const show = page.show ?? 'checklist';
    if (page.flow !== undefined && !ctx.knownFlows.has(page.flow)) {
      error(
        [...at, 'flow'],
        'unknown-flow',
        `unknown flow "${page.flow}"${didYouMean(page.flow, ctx.flowIds)}; known flows: ${ctx.flowIds.join(', ')}`,
      );
    }
    if (show === 'checklist' && page.flow === undefined) {
      error(at, 'page-without-flow', `page "${page.id}" shows a checklist but names no flow`);
    }
    if (show === 'eligibility' && page.flow !== undefined) {
      error(
        [...at, 'flow'],
        'eligibility-with-flow',
        `page "${page.id}" shows eligibility for every program flow; remove "flow"`,
      );
    }

    for (const site of sites) {
      for (const [i, route] of (page.routes ?? ['']).entries()) {
        const key = `${site}#${route}`;
        const routeAt: JsonPath = page.routes ? [...at, 'routes', i] : at;
        const first = ctx.routes.get(key);
        if (first) {
          error(
            routeAt,
            'duplicate-route',
            `route ${quote(route || site)} on ${site} is already mapped at ${first}`,
          );
        } else {
          ctx.routes.set(key, here(routeAt));
        }
      }
    }

    const fields = (page.fields ?? []).map((f, i) => compileField(ctx, f, [...at, 'fields', i]));
    const seen = new Map<string, number>();
    (page.fields ?? []).forEach((f, i) => {
      const first = seen.get(f.fact);
      if (first !== undefined) {
        error(
          [...at, 'fields', i, 'fact'],
          'duplicate-field',
          `fact "${f.fact}" is already read by field ${first + 1} of this page`,
        );
      } else {
        seen.set(f.fact, i);
      }
    });

    const warnings = page.warnings ?? {};
    for (const [ruleId, fact] of Object.entries(warnings)) {
      const warnAt: JsonPath = [...at, 'warnings', ruleId];
      if (page.flow && !ruleId.startsWith(`${page.flow}.`)) {
        error(
          warnAt,
          'warning-rule-flow',
          `rule "${ruleId}" is not a rule of this page's flow "${page.flow}"`,
          true,
        );
      } else if (ctx.knownRules && !ctx.knownRules.has(ruleId)) {
        error(
          warnAt,
          'unknown-rule',
          `unknown rule "${ruleId}"${didYouMean(ruleId, ctx.knownRules)}`,
          true,
        );
      }
      if (!seen.has(fact)) {
        error(
          warnAt,
          'warning-field',
          `"${fact}" is not a field of page "${page.id}"; a warning sits beside one of: ${[...seen.keys()].join(', ') || 'no fields'}`,
        );
      }
    }

    return {
      id: page.id,
      ...(page.flow !== undefined ? { flow: page.flow } : {}),
      show,
      sites,
      routes: page.routes ?? [],
      heading: { 'zh-CN': list(page.heading['zh-CN']), en: list(page.heading.en) },
      submit: page.submit ? [...list(page.submit['zh-CN']), ...list(page.submit.en)] : [],
      fields: [...fields, ...common],
      warnings,
      pos: { file: file.path, ...file.posAt([...at, 'id']) },
    };
  });
}

function compileField(ctx: FileContext, raw: RawField, at: JsonPath): PageField {
  const { facts } = ctx;
  const error = errorReporter(ctx);
  const def = own(facts, raw.fact);
  const names = Object.keys(facts).filter((n) => !own(facts, n)?.isBuiltIn);
  if (!def) {
    error(
      [...at, 'fact'],
      'unknown-fact',
      `unknown fact "${raw.fact}"${didYouMean(raw.fact, names)}`,
    );
  } else if (def.isBuiltIn) {
    error(
      [...at, 'fact'],
      'built-in-fact',
      `"${raw.fact}" is supplied by the engine; a page cannot set it`,
    );
  } else {
    const takesValues = def.type === 'enum' || def.type === 'boolean';
    if (def.type === 'enum' && !raw.values && raw.otherwise === undefined) {
      error(
        at,
        'enum-needs-values',
        `field "${raw.fact}" is an enum: list the texts of its values (${Object.keys(def.values ?? {}).join(', ')})`,
      );
    }
    if (!takesValues && raw.values) {
      error(
        [...at, 'values'],
        'values-not-allowed',
        `field "${raw.fact}" is a ${def.type}: its text is read as is, so "values" does not apply`,
        true,
      );
    }
    if (!takesValues && raw.otherwise !== undefined) {
      error(
        [...at, 'otherwise'],
        'values-not-allowed',
        `field "${raw.fact}" is a ${def.type}: "otherwise" does not apply`,
        true,
      );
    }
    if (raw.otherwise !== undefined) {
      const problem = factValueProblem(def, raw.otherwise);
      if (problem) error([...at, 'otherwise'], 'bad-value', `"${raw.fact}": ${problem}`);
    }
  }

  const textsSeen = new Map<string, number>();
  (raw.values ?? []).forEach((v, i) => {
    const valueAt: JsonPath = [...at, 'values', i];
    if (def && !def.isBuiltIn) {
      const problem = factValueProblem(def, v.value);
      if (problem) error([...valueAt, 'value'], 'bad-value', `"${raw.fact}": ${problem}`);
    }
    for (const [name, value] of Object.entries(v.also ?? {})) {
      const alsoDef = own(facts, name);
      const alsoAt: JsonPath = [...valueAt, 'also', name];
      if (!alsoDef) {
        error(alsoAt, 'unknown-fact', `unknown fact "${name}"${didYouMean(name, names)}`, true);
      } else if (alsoDef.isBuiltIn) {
        error(
          alsoAt,
          'built-in-fact',
          `"${name}" is supplied by the engine; a page cannot set it`,
          true,
        );
      } else if (name === raw.fact) {
        error(
          alsoAt,
          'duplicate-fact',
          `"${name}" is the field's own fact; set it with "value"`,
          true,
        );
      } else {
        const problem = factValueProblem(alsoDef, value);
        if (problem) error(alsoAt, 'bad-value', `"${name}": ${problem}`);
      }
    }
    for (const lang of ['zh-CN', 'en'] as const) {
      for (const text of list(v.text[lang])) {
        const key = normalizeForKey(text);
        const first = textsSeen.get(key);
        if (first !== undefined && first !== i) {
          error(
            [...valueAt, 'text', lang],
            'duplicate-text',
            `text ${quote(text)} already stands for value ${first + 1} of this field`,
          );
        }
        textsSeen.set(key, i);
      }
    }
  });

  return {
    fact: raw.fact,
    type: def?.type ?? 'string',
    labels: [...list(raw.label['zh-CN']), ...list(raw.label.en)],
    ...(raw.in ? { region: raw.in } : {}),
    ...(raw.values
      ? {
          values: raw.values.map((v) => ({
            texts: [...list(v.text['zh-CN']), ...list(v.text.en)],
            facts: { [raw.fact]: v.value, ...(v.also ?? {}) },
          })),
        }
      : {}),
    ...(raw.otherwise !== undefined ? { otherwise: raw.otherwise } : {}),
    isRemembered: raw.remember === true,
    pos: { file: ctx.file.path, ...ctx.file.posAt([...at, 'fact']) },
  };
}

function errorReporter(ctx: FileContext) {
  return (path: JsonPath, code: string, message: string, onKey = false) => {
    const pos = onKey ? ctx.file.keyPosAt(path) : ctx.file.posAt(path);
    ctx.diagnostics.push({ file: ctx.file.path, ...pos, severity: 'error', code, message });
  };
}

function list(texts: Texts): string[] {
  return Array.isArray(texts) ? texts : [texts];
}

/** Texts that a page would show the same way (NFKC, spacing, Latin case) count as one. */
function normalizeForKey(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}
