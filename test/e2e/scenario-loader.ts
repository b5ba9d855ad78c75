import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  fileKind,
  formatDiagnostic,
  parseYamlFile,
  sortDiagnostics,
  type Diagnostic,
  type JsonPath,
  type ParsedYamlFile,
} from '../../engine/index.ts';
import scenarioSchema from '../../engine/schema/scenario.schema.json' with { type: 'json' };
import { checkSchema } from '../../engine/schema-check.ts';
import { compileSchema } from '../../engine/validators.ts';
import { flowPage, type FlowId, type Host, type Lang } from './flows.ts';
import type { MockState } from './mock-server.ts';
import type { ExpectedStatus } from './overlay.ts';

// Scenario files are validated at the edge, like rules: the schema first, then what a
// schema cannot see (rule ids that exist, rules of the page the user is on). Every problem
// names file:line:col.

const validateScenario = compileSchema(scenarioSchema);

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** POLICYLENS_SCENARIO_DIR runs the scenarios of another directory instead. */
export const SCENARIO_DIR = path.resolve(
  process.env.POLICYLENS_SCENARIO_DIR ?? path.join(ROOT, 'test/e2e/scenarios'),
);
const RULES_DIR = path.join(ROOT, 'rules');

export interface PagePosition {
  file: string;
  line: number;
  column: number;
}

export interface Expectation {
  rules: Record<string, ExpectedStatus>;
  eligibility?: Record<string, 'pass' | 'fail' | 'unknown'>;
  fieldWarnings?: Record<string, boolean>;
  guard?: 'open' | 'closed';
  page?: {
    submissions?: number;
    text?: string | string[];
    values?: Record<string, string | number | boolean>;
    account?: string;
  };
}

export type StepAction =
  | { action: 'goto'; flow: FlowId; lang: Lang; host?: Host }
  | { action: 'navigate'; flow: FlowId }
  | { action: 'fill'; fields: [string, string][] }
  | { action: 'select'; fields: [string, string][] }
  | { action: 'check' | 'uncheck'; labels: string[] }
  | { action: 'click'; text: string }
  | { action: 'submit' | 'reload' }
  | { action: 'confirm'; ruleId: string }
  | { action: 'choose'; choice: 'go-back' | 'submit-anyway' }
  | { action: 'switchAccount'; name: string }
  | { action: 'setState'; state: MockState }
  | { action: 'daysPass'; days: number }
  | { action: 'wait'; ms: number }
  | { action: 'expect'; expect: Expectation };

/** A step, with where the user is when taking it and where it is written. */
export type Step = StepAction & { flow: FlowId; lang: Lang; at: PagePosition; title: string };

export interface Scenario {
  file: string;
  name: string;
  fixme?: string;
  page: { flow: FlowId; lang: Lang; host?: Host };
  state: MockState;
  steps: Step[];
}

interface RawPage {
  flow: FlowId;
  lang: Lang;
  host?: Host;
}

type RawGoto = Partial<RawPage> & { flow: FlowId };

interface RawScenario {
  name: string;
  fixme?: string;
  page: RawPage;
  state?: MockState;
  steps?: RawStep[];
  expect?: Record<string, unknown>;
}

type RawStep = string | Record<string, unknown>;

function listYaml(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return listYaml(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** Rule ids by flow, read from rules/<program>/<flow>.yaml (a file that does not parse is skipped). */
export function ruleIdsByFlow(rulesDir = RULES_DIR): Map<string, Set<string>> {
  const byFlow = new Map<string, Set<string>>();
  for (const file of listYaml(rulesDir)) {
    if (fileKind(path.relative(rulesDir, file)) !== 'rules') continue;
    const parsed = parseYamlFile(file, readFileSync(file, 'utf8'));
    const value = parsed.value as { flow?: unknown; rules?: { id?: unknown }[] } | undefined;
    if (typeof value?.flow !== 'string' || !Array.isArray(value.rules)) continue;
    const ids = byFlow.get(value.flow) ?? new Set<string>();
    for (const rule of value.rules) if (typeof rule?.id === 'string') ids.add(rule.id);
    byFlow.set(value.flow, ids);
  }
  return byFlow;
}

function flowOfRule(ruleId: string): string {
  return ruleId.slice(0, ruleId.lastIndexOf('.'));
}

function accountNames(state: MockState | undefined): string[] {
  const names: string[] = [];
  const account = state?.account as { name?: string } | undefined;
  if (account?.name) names.push(account.name);
  const others = (state?.otherAccounts ?? []) as MockState[];
  for (const other of others) names.push(...accountNames(other));
  return names;
}

/** The mock's default account name (test/fixtures/partner-center/mock-state.js). */
const DEFAULT_ACCOUNT = 'yunqi-tech';

class ScenarioReader {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly file: ParsedYamlFile,
    private readonly displayPath: string,
    private readonly rules: Map<string, Set<string>>,
  ) {}

  private at(jsonPath: JsonPath, isKey = false): PagePosition {
    const pos = isKey ? this.file.keyPosAt(jsonPath) : this.file.posAt(jsonPath);
    return { file: this.displayPath, line: pos.line, column: pos.col };
  }

  private error(jsonPath: JsonPath, message: string, isKey = false): void {
    const pos = this.at(jsonPath, isKey);
    this.diagnostics.push({
      file: this.displayPath,
      line: pos.line,
      col: pos.column,
      severity: 'error',
      code: 'scenario',
      message,
    });
  }

  private checkRule(
    jsonPath: JsonPath,
    ruleId: string,
    flow: FlowId,
    isOtherFlowOk: boolean,
  ): void {
    const known = this.rules.get(flowOfRule(ruleId));
    if (known && !known.has(ruleId)) {
      this.error(
        jsonPath,
        `unknown rule "${ruleId}"; ${flowOfRule(ruleId)} has: ${[...known].join(', ')}`,
        true,
      );
    } else if (!known && this.rules.size > 0) {
      this.error(
        jsonPath,
        `unknown rule "${ruleId}": no flow "${flowOfRule(ruleId)}" in rules/`,
        true,
      );
    } else if (!isOtherFlowOk && flowOfRule(ruleId) !== flow) {
      this.error(
        jsonPath,
        `rule "${ruleId}" is not on the ${flow} page the user is on here ` +
          '(only "absent" may be expected of another flow\'s rule)',
        true,
      );
    }
  }

  private expectation(raw: Record<string, unknown>, jsonPath: JsonPath, flow: FlowId): Expectation {
    const out: Expectation = { rules: {} };
    for (const [key, value] of Object.entries(raw)) {
      if (key === 'eligibility') {
        if (flow !== 'overview') {
          this.error([...jsonPath, key], `eligibility shows on the overview, not on ${flow}`, true);
        }
        out.eligibility = value as Expectation['eligibility'];
      } else if (key === 'fieldWarnings') {
        for (const ruleId of Object.keys(value as object)) {
          this.checkRule([...jsonPath, key, ruleId], ruleId, flow, false);
        }
        out.fieldWarnings = value as Expectation['fieldWarnings'];
      } else if (key === 'guard') {
        out.guard = value as Expectation['guard'];
      } else if (key === 'page') {
        out.page = value as Expectation['page'];
      } else {
        this.checkRule([...jsonPath, key], key, flow, value === 'absent');
        out.rules[key] = value as ExpectedStatus;
      }
    }
    return out;
  }

  read(): Scenario | undefined {
    const raw = this.file.value as RawScenario;
    let flow = raw.page.flow;
    let lang = raw.page.lang;
    const names = new Set([DEFAULT_ACCOUNT, ...accountNames(raw.state)]);
    const steps: Step[] = [];
    let hasExpectation = false;

    const push = (action: StepAction, jsonPath: JsonPath, title: string): void => {
      steps.push({ ...action, flow, lang, at: this.at(jsonPath), title } as Step);
    };

    (raw.steps ?? []).forEach((rawStep, i) => {
      const at: JsonPath = ['steps', i];
      if (typeof rawStep === 'string') {
        if (rawStep === 'submit' && !flowPage(flow).submit) {
          this.error(at, `the ${flow} page has no submit button`);
        }
        push({ action: rawStep as 'submit' | 'reload' }, at, rawStep);
        return;
      }
      const [action, value] = Object.entries(rawStep)[0] as [string, unknown];
      const here: JsonPath = [...at, action];
      switch (action) {
        case 'goto': {
          const target: RawGoto =
            typeof value === 'string' ? { flow: value as FlowId } : (value as RawGoto);
          flow = target.flow;
          lang = target.lang ?? lang;
          push(
            { action, flow, lang, ...(target.host ? { host: target.host } : {}) },
            here,
            `goto ${flow}`,
          );
          break;
        }
        case 'navigate':
          if (!flowPage(flow).route) {
            this.error(here, `the ${flow} page is not part of the console app: use goto`);
          }
          flow = value as FlowId;
          push({ action, flow }, here, `navigate to ${flow}`);
          break;
        case 'fill':
        case 'select': {
          const fields = Object.entries(value as Record<string, string | number>).map(
            ([label, v]) => [label, String(v)] as [string, string],
          );
          const shown = fields.map(([label, v]) => `${label}=${v}`).join(', ');
          push({ action, fields }, here, `${action} ${shown}`);
          break;
        }
        case 'check':
        case 'uncheck': {
          const labels = typeof value === 'string' ? [value] : (value as string[]);
          push({ action, labels }, here, `${action} ${labels.join(', ')}`);
          break;
        }
        case 'click':
          push({ action, text: value as string }, here, `click ${String(value)}`);
          break;
        case 'confirm':
          this.checkRule(here, value as string, flow, false);
          push({ action, ruleId: value as string }, here, `confirm ${String(value)}`);
          break;
        case 'choose':
          push(
            { action, choice: value as 'go-back' | 'submit-anyway' },
            here,
            `choose ${String(value)}`,
          );
          break;
        case 'switchAccount':
          if (!names.has(value as string)) {
            this.error(
              here,
              `no account "${String(value)}" to switch to; accounts: ${[...names].join(', ')}`,
            );
          }
          push({ action, name: value as string }, here, `switch account to ${String(value)}`);
          break;
        case 'setState':
          for (const name of accountNames(value as MockState)) names.add(name);
          push({ action, state: value as MockState }, here, 'set mock state');
          break;
        case 'daysPass':
          push({ action, days: value as number }, here, `${String(value)} days pass`);
          break;
        case 'wait':
          push({ action, ms: value as number }, here, `wait ${String(value)} ms`);
          break;
        case 'expect':
          hasExpectation = true;
          push(
            { action, expect: this.expectation(value as Record<string, unknown>, here, flow) },
            here,
            'expect',
          );
          break;
      }
    });

    if (raw.expect) {
      hasExpectation = true;
      push(
        { action: 'expect', expect: this.expectation(raw.expect, ['expect'], flow) },
        ['expect'],
        'expect',
      );
    }
    if (!hasExpectation) {
      this.error([], 'the scenario checks nothing: add an `expect` (top level or as a step)');
    }
    if (this.diagnostics.length > 0) return undefined;
    return {
      file: this.displayPath,
      name: raw.name,
      ...(raw.fixme ? { fixme: raw.fixme } : {}),
      page: raw.page,
      state: raw.state ?? {},
      steps,
    };
  }
}

export interface LoadedScenarios {
  scenarios: Scenario[];
  diagnostics: Diagnostic[];
}

/** Reads every *.yaml under `dir` as a scenario; problems come back as diagnostics. */
export function loadScenarios(dir = SCENARIO_DIR, rulesDir = RULES_DIR): LoadedScenarios {
  const rules = ruleIdsByFlow(rulesDir);
  const scenarios: Scenario[] = [];
  const diagnostics: Diagnostic[] = [];
  const names = new Map<string, string>();
  for (const file of listYaml(dir).sort()) {
    const displayPath = path.relative(ROOT, file);
    const parsed = parseYamlFile(displayPath, readFileSync(file, 'utf8'));
    diagnostics.push(...parsed.diagnostics);
    if (parsed.value === undefined) continue;
    const schemaErrors = checkSchema(validateScenario, parsed);
    if (schemaErrors.length > 0) {
      diagnostics.push(...schemaErrors);
      continue;
    }
    const reader = new ScenarioReader(parsed, displayPath, rules);
    const scenario = reader.read();
    diagnostics.push(...reader.diagnostics);
    if (!scenario) continue;
    const clash = names.get(scenario.name);
    if (clash) {
      const pos = parsed.posAt(['name']);
      diagnostics.push({
        file: displayPath,
        line: pos.line,
        col: pos.col,
        severity: 'error',
        code: 'scenario',
        message: `the name "${scenario.name}" is already used by ${clash}`,
      });
      continue;
    }
    names.set(scenario.name, displayPath);
    scenarios.push(scenario);
  }
  return { scenarios, diagnostics: sortDiagnostics(diagnostics) };
}

/** Loads the scenarios or throws one error listing every problem as file:line:col. */
export function loadScenariosOrThrow(dir = SCENARIO_DIR): Scenario[] {
  const { scenarios, diagnostics } = loadScenarios(dir);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`Invalid scenario files:\n${errors.map(formatDiagnostic).join('\n')}`);
  }
  return scenarios;
}
