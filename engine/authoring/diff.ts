import { createEvaluator, type Evaluator } from '../evaluate.ts';
import type { CompiledPack, CompiledRule, Facts, FailText, Severity, Status } from '../types.ts';
import { STATUSES } from '../types.ts';

/** One set of facts both versions of the rules are evaluated on. */
export interface DiffInput {
  kind: 'case' | 'corpus';
  /** The case's name, or the corpus line's `name` (else "line N"). */
  name: string;
  file: string;
  line: number;
  flow: string;
  at: string;
  facts: Facts;
}

export interface DiffExample {
  kind: 'case' | 'corpus';
  name: string;
  file: string;
  line: number;
  at: string;
}

export interface StatusTransition {
  /** `absent` when the input's flow does not exist on that side. */
  from: Status | 'absent';
  to: Status | 'absent';
  count: number;
  examples: DiffExample[];
}

export interface RuleChange {
  rule: string;
  flow: string;
  severity: Severity;
  /** Inputs whose status of this rule changed. */
  count: number;
  transitions: StatusTransition[];
}

export interface RuleTally {
  rule: string;
  flow: string;
  severity: Severity;
  /** How many inputs came out with each status. */
  statuses: Partial<Record<Status, number>>;
}

export type EditedAspect = 'severity' | 'dates' | 'conditions' | 'texts' | 'source';

export interface EditedRule {
  rule: string;
  flow: string;
  aspects: EditedAspect[];
  /** Inputs on which its status changed; 0 means no case or corpus entry shows the edit. */
  statusChanges: number;
}

export interface DiffReport {
  inputs: { cases: number; corpus: number };
  flows: { added: string[]; removed: string[] };
  rules: { added: RuleTally[]; removed: RuleTally[]; edited: EditedRule[] };
  /** Rules in both versions whose status changed on some input, in checklist order. */
  changes: RuleChange[];
  /** Inputs on which any rule's status changed (added and removed rules aside). */
  changedInputs: number;
}

export interface DiffOptions {
  /** Examples kept per transition. */
  examples?: number;
}

/**
 * Evaluates every input on both versions of the rules and reports, per rule, which statuses
 * changed, how often, and on which inputs; plus rules and flows added, removed or edited.
 */
export async function diffPacks(
  base: CompiledPack,
  head: CompiledPack,
  inputs: DiffInput[],
  options: DiffOptions = {},
): Promise<DiffReport> {
  const maxExamples = options.examples ?? 3;
  const baseRules = rulesById(base);
  const headRules = rulesById(head);
  const baseFlows = new Set(base.flows.map((f) => f.id));
  const headFlows = new Set(head.flows.map((f) => f.id));
  const evaluators = { base: createEvaluator(base), head: createEvaluator(head) };

  const transitions = new Map<string, Map<string, StatusTransition>>();
  const tallies = { base: new Map<string, RuleTally>(), head: new Map<string, RuleTally>() };
  const changeCount = new Map<string, number>();
  let changedInputs = 0;

  for (const input of inputs) {
    const before = await statusesOf(evaluators.base, baseFlows, input);
    const after = await statusesOf(evaluators.head, headFlows, input);
    let isChanged = false;
    for (const [side, statuses, other] of [
      ['base', before, headRules],
      ['head', after, baseRules],
    ] as const) {
      for (const [ruleId, status] of statuses) {
        if (other.has(ruleId)) continue;
        const rule = (side === 'base' ? baseRules : headRules).get(ruleId)!;
        const tally = tallies[side].get(ruleId) ?? tallyOf(rule);
        tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
        tallies[side].set(ruleId, tally);
      }
    }
    const ruleIds = new Set([...before.keys(), ...after.keys()]);
    for (const ruleId of ruleIds) {
      if (!baseRules.has(ruleId) || !headRules.has(ruleId)) continue;
      const from = before.get(ruleId) ?? 'absent';
      const to = after.get(ruleId) ?? 'absent';
      if (from === to) continue;
      isChanged = true;
      changeCount.set(ruleId, (changeCount.get(ruleId) ?? 0) + 1);
      const byTransition = transitions.get(ruleId) ?? new Map<string, StatusTransition>();
      transitions.set(ruleId, byTransition);
      const key = `${from}>${to}`;
      const t = byTransition.get(key) ?? { from, to, count: 0, examples: [] };
      byTransition.set(key, t);
      t.count++;
      if (t.examples.length < maxExamples) {
        const { kind, name, file, line, at } = input;
        t.examples.push({ kind, name, file, line, at });
      }
    }
    if (isChanged) changedInputs++;
  }

  const order = checklistOrder(head, base);
  const byOrder = (a: { rule: string }, b: { rule: string }) =>
    (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0);
  const changes: RuleChange[] = [...transitions].map(([ruleId, byTransition]) => {
    const rule = headRules.get(ruleId)!;
    return {
      rule: ruleId,
      flow: rule.flow,
      severity: rule.severity,
      count: changeCount.get(ruleId) ?? 0,
      transitions: [...byTransition.values()].sort(
        (a, b) =>
          b.count - a.count ||
          statusRank(a.from) - statusRank(b.from) ||
          statusRank(a.to) - statusRank(b.to),
      ),
    };
  });

  const added = [...headRules.values()]
    .filter((r) => !baseRules.has(r.id))
    .map((r) => tallies.head.get(r.id) ?? tallyOf(r));
  const removed = [...baseRules.values()]
    .filter((r) => !headRules.has(r.id))
    .map((r) => tallies.base.get(r.id) ?? tallyOf(r));
  const edited: EditedRule[] = [];
  for (const rule of headRules.values()) {
    const old = baseRules.get(rule.id);
    if (!old) continue;
    const aspects = editedAspects(old, rule);
    if (aspects.length > 0) {
      edited.push({
        rule: rule.id,
        flow: rule.flow,
        aspects,
        statusChanges: changeCount.get(rule.id) ?? 0,
      });
    }
  }

  return {
    inputs: {
      cases: inputs.filter((i) => i.kind === 'case').length,
      corpus: inputs.filter((i) => i.kind === 'corpus').length,
    },
    flows: {
      added: [...headFlows].filter((f) => !baseFlows.has(f)),
      removed: [...baseFlows].filter((f) => !headFlows.has(f)),
    },
    rules: {
      added: added.sort(byOrder),
      removed: removed.sort(byOrder),
      edited: edited.sort(byOrder),
    },
    changes: changes.sort(byOrder),
    changedInputs,
  };
}

/** True when the report shows any change of behaviour: a status, a rule or a flow. */
export function hasChanges(report: DiffReport): boolean {
  return (
    report.changes.length > 0 ||
    report.rules.added.length > 0 ||
    report.rules.removed.length > 0 ||
    report.flows.added.length > 0 ||
    report.flows.removed.length > 0
  );
}

async function statusesOf(
  evaluator: Evaluator,
  flows: Set<string>,
  input: DiffInput,
): Promise<Map<string, Status>> {
  if (!flows.has(input.flow)) return new Map();
  const result = await evaluator.evaluate(input.flow, input.facts, { at: input.at, lang: 'en' });
  return new Map(result.results.map((r) => [r.rule, r.status]));
}

function rulesById(pack: CompiledPack): Map<string, CompiledRule> {
  return new Map(pack.flows.flatMap((f) => f.rules.map((r) => [r.id, r] as const)));
}

function tallyOf(rule: CompiledRule): RuleTally {
  return { rule: rule.id, flow: rule.flow, severity: rule.severity, statuses: {} };
}

function checklistOrder(...packs: CompiledPack[]): Map<string, number> {
  const order = new Map<string, number>();
  for (const pack of packs) {
    for (const flow of pack.flows) {
      for (const rule of flow.rules) if (!order.has(rule.id)) order.set(rule.id, order.size);
    }
  }
  return order;
}

function statusRank(status: Status | 'absent'): number {
  return status === 'absent' ? STATUSES.length : STATUSES.indexOf(status);
}

function editedAspects(a: CompiledRule, b: CompiledRule): EditedAspect[] {
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const dates = (r: CompiledRule) => r.versions.map((v) => [v.from, v.until, v.approximate]);
  const conditions = (r: CompiledRule) => r.versions.map((v) => [v.when, v.require]);
  // Fail texts by their causes and words, not where they sit in the file.
  const fail = (list: FailText[] | undefined) => list?.map((f) => [f.when, f.text]);
  const texts = (r: CompiledRule) => [
    r.title,
    r.message,
    fail(r.fail),
    r.versions.map((v) => [v.message, fail(v.fail)]),
  ];
  const sources = (r: CompiledRule) => [r.source, r.versions.map((v) => v.source)];
  const out: EditedAspect[] = [];
  if (a.severity !== b.severity) out.push('severity');
  if (!same(dates(a), dates(b))) out.push('dates');
  if (!same(conditions(a), conditions(b))) out.push('conditions');
  if (!same(texts(a), texts(b))) out.push('texts');
  if (!same(sources(a), sources(b))) out.push('source');
  return out;
}

// ---- rendering -------------------------------------------------------------------------

export interface DiffLabels {
  base: string;
  head: string;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function describeExample(e: DiffExample): string {
  return `${e.kind} "${e.name}" (${e.file}:${e.line})`;
}

function describeTally(t: RuleTally): string {
  const parts = STATUSES.filter((s) => t.statuses[s]).map((s) => `${s} ×${t.statuses[s]}`);
  return parts.length > 0 ? parts.join(', ') : 'no input reaches its flow';
}

function inputsLine(report: DiffReport): string {
  return `${plural(report.inputs.cases, 'case')}, ${plural(report.inputs.corpus, 'corpus fact set')}`;
}

/** A one-line verdict: what changed, on how many inputs. */
export function summarizeDiff(report: DiffReport): string {
  const total = report.inputs.cases + report.inputs.corpus;
  const parts = [
    report.changes.length > 0
      ? `${plural(report.changes.length, 'rule')} changed status on ${report.changedInputs} of ${plural(total, 'input')}`
      : `No status changes on ${plural(total, 'input')}`,
  ];
  if (report.rules.added.length) parts.push(`${plural(report.rules.added.length, 'rule')} added`);
  if (report.rules.removed.length)
    parts.push(`${plural(report.rules.removed.length, 'rule')} removed`);
  if (report.flows.added.length) parts.push(`${plural(report.flows.added.length, 'flow')} added`);
  if (report.flows.removed.length)
    parts.push(`${plural(report.flows.removed.length, 'flow')} removed`);
  return parts.join('; ');
}

function unshownEdits(report: DiffReport): EditedRule[] {
  return report.rules.edited.filter(
    (e) =>
      e.statusChanges === 0 &&
      e.aspects.some((a) => a === 'conditions' || a === 'dates' || a === 'severity'),
  );
}

/** The report for a terminal: grouped by rule, each transition with a count and examples. */
export function renderDiffText(report: DiffReport, labels: DiffLabels): string {
  const lines = [
    `policylens diff: ${labels.base} → ${labels.head}`,
    `inputs: ${inputsLine(report)}`,
  ];
  const section = (title: string, body: string[]) => {
    if (body.length > 0) lines.push('', title, ...body);
  };
  section('Flows:', [
    ...report.flows.added.map((f) => `  + ${f}`),
    ...report.flows.removed.map((f) => `  - ${f}`),
  ]);
  section(
    'Rules added:',
    report.rules.added.map((t) => `  + ${t.rule} (${t.severity}): ${describeTally(t)}`),
  );
  section(
    'Rules removed:',
    report.rules.removed.map((t) => `  - ${t.rule} (${t.severity}): was ${describeTally(t)}`),
  );
  section(
    'Status changes:',
    report.changes.flatMap((c) => [
      `  ${c.rule} (${c.severity}): ${plural(c.count, 'input')}`,
      ...c.transitions.flatMap((t) => [
        `    ${t.from} → ${t.to} ×${t.count}${t.examples.length ? ', e.g.' : ''}`,
        ...t.examples.map((e) => `      ${describeExample(e)}`),
      ]),
    ]),
  );
  section(
    'Edited with no status change on any input (add a case that shows the edit):',
    unshownEdits(report).map((e) => `  ~ ${e.rule}: ${e.aspects.join(', ')}`),
  );
  lines.push('', summarizeDiff(report));
  return lines.join('\n');
}

function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** The report as a pull request comment: a summary, then tables. */
export function renderDiffMarkdown(report: DiffReport, labels: DiffLabels): string {
  const lines = [
    '### PolicyLens: rule status changes',
    '',
    `\`${labels.base}\` → \`${labels.head}\` · ${inputsLine(report)}`,
    '',
    `**${summarizeDiff(report)}**`,
  ];
  if (report.changes.length > 0) {
    lines.push('', '| Rule | Severity | Change | Inputs | Examples |', '|---|---|---|---:|---|');
    for (const c of report.changes) {
      for (const t of c.transitions) {
        const examples = t.examples.map((e) => md(describeExample(e))).join('<br>');
        lines.push(
          `| \`${c.rule}\` | ${c.severity} | ${t.from} → ${t.to} | ${t.count} | ${examples} |`,
        );
      }
    }
  }
  const tallyTable = (title: string, tallies: RuleTally[]) => {
    if (tallies.length === 0) return;
    lines.push('', `**${title}**`, '', '| Rule | Severity | Statuses |', '|---|---|---|');
    for (const t of tallies) lines.push(`| \`${t.rule}\` | ${t.severity} | ${describeTally(t)} |`);
  };
  tallyTable('Rules added', report.rules.added);
  tallyTable('Rules removed', report.rules.removed);
  if (report.flows.added.length || report.flows.removed.length) {
    lines.push(
      '',
      '**Flows**',
      '',
      ...report.flows.added.map((f) => `- added \`${f}\``),
      ...report.flows.removed.map((f) => `- removed \`${f}\``),
    );
  }
  const unshown = unshownEdits(report);
  if (unshown.length > 0) {
    lines.push(
      '',
      '**Edited with no status change on any input** (add a case that shows the edit)',
      '',
    );
    for (const e of unshown) lines.push(`- \`${e.rule}\`: ${e.aspects.join(', ')}`);
  }
  return lines.join('\n');
}
