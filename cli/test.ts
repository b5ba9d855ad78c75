import { quote } from '../engine/diagnostics.ts';
import {
  coverage,
  runCase,
  type CaseResult,
  type RuleCoverage,
} from '../engine/authoring/cases.ts';
import { createEvaluator, fileKind, formatDiagnostic, hasErrors } from '../engine/index.ts';
import { resolve } from 'node:path';
import { display, findRulesRoot, isSelected, readSources, yamlFilesUnder } from './files.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';
import { xmlAttr, xmlText } from './formats.ts';
import { declaredFlow } from './locate.ts';
import { expandPaths } from './paths.ts';
import { loadFiles, loadFlows, loadProject, type Project } from './project.ts';

/** `policylens test`: 0 all cases pass (and coverage is met), 1 otherwise, 2 usage. */
async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string' },
    grep: { type: 'string' },
    coverage: { type: 'boolean' },
    'min-coverage': { type: 'string' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'junit'].includes(format)) {
    throw new UsageError(`--format must be text, json or junit, not ${quote(format)}`);
  }
  const minCoverage =
    values['min-coverage'] === undefined ? undefined : Number(values['min-coverage']);
  if (minCoverage !== undefined && !(minCoverage >= 0 && minCoverage <= 100)) {
    throw new UsageError(
      `--min-coverage must be a number from 0 to 100, not ${quote(String(values['min-coverage']))}`,
    );
  }
  const paths = positionals.length > 0 ? await expandPaths(positionals) : ['rules'];
  const project = await loadSelection(paths);
  if (hasErrors(project.diagnostics) || !project.pack) {
    for (const d of project.diagnostics) io.err(formatDiagnostic(d));
    io.err('policylens test: the rules or cases have errors; fix them first (policylens validate)');
    return 1;
  }
  const pack = project.pack;
  const suites = project.suites.filter((s) => isSelected(s.file, paths));
  const grep = values.grep?.toLowerCase();
  const cases = suites
    .flatMap((s) => s.cases)
    .filter((c) => !grep || `${c.flow} ${c.name}`.toLowerCase().includes(grep));
  if (cases.length === 0) {
    io.err(
      `policylens test: no cases found in ${paths.join(', ')}${grep ? ` matching ${quote(String(values.grep))}` : ''}`,
    );
    return 1;
  }

  const evaluator = createEvaluator(pack);
  const results: TimedResult[] = [];
  for (const c of cases) {
    const started = performance.now();
    const result = await runCase(evaluator, c);
    results.push({ ...result, seconds: (performance.now() - started) / 1000 });
  }
  const failed = results.filter((r) => !r.isOk);

  // Coverage is over the flows in the selection: of case files run and rule files selected.
  const flows = new Set(suites.map((s) => s.flow));
  for (const flow of pack.flows) {
    if (flow.pos && fileKind(flow.pos.file) === 'rules' && isSelected(flow.pos.file, paths))
      flows.add(flow.id);
  }
  const wantsCoverage = values.coverage === true || minCoverage !== undefined;
  const cov = wantsCoverage ? coverage(pack, [...flows], results) : undefined;
  const isCoverageLow = cov !== undefined && minCoverage !== undefined && cov.percent < minCoverage;

  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          passed: results.length - failed.length,
          failed: failed.length,
          cases: results.map((r) => ({
            file: r.case.file,
            line: r.case.line,
            flow: r.case.flow,
            name: r.case.name,
            ok: r.isOk,
            failures: r.mismatches.map((m) => ({
              rule: m.rule,
              line: m.line,
              expected: m.expected,
              actual: {
                status: m.actual.status,
                message: m.actual.message,
                reason: m.actual.reason,
              },
              ...(m.lang
                ? { lang: m.lang, text: m.text, ...(m.isUnwanted ? { isUnwanted: true } : {}) }
                : {}),
            })),
          })),
          ...(cov ? { coverage: { percent: round(cov.percent), rules: cov.rules } } : {}),
        },
        null,
        2,
      ),
    );
  } else if (format === 'junit') {
    io.out(junit(results));
  } else {
    for (const r of results) io.out(`${r.isOk ? 'ok  ' : 'FAIL'} ${r.case.flow} › ${r.case.name}`);
    for (const r of failed) io.out(describeFailure(r));
    if (cov) io.out(describeCoverage(cov.rules, cov.percent));
    io.out(`cases: ${results.length - failed.length} passed, ${failed.length} failed`);
  }
  if (isCoverageLow) {
    io.err(`policylens test: coverage ${round(cov.percent)}% is below the minimum ${minCoverage}%`);
  }
  return failed.length > 0 || isCoverageLow ? 1 : 0;
}

/**
 * The pack as far as the selected paths need it: all of it when a path is its root, else the
 * selected case files and the flows they and the selected rule files are about.
 */
async function loadSelection(paths: string[]): Promise<Project> {
  const root = findRulesRoot(paths[0]!);
  if (paths.some((p) => findRulesRoot(p) !== root)) {
    throw new UsageError('all paths must be in one rule pack');
  }
  if (paths.some((p) => resolve(p) === root)) return loadProject(root);
  const walked = yamlFilesUnder(root);
  const selected = walked.paths.filter((path) => isSelected(path, paths));
  const caseFiles = readSources(
    selected.filter((path) => fileKind(path) === 'cases'),
    root,
  );
  const ruleFiles = readSources(
    selected.filter((path) => fileKind(path) === 'rules'),
    root,
  );
  const unreadable = [
    ...walked.diagnostics.filter((d) => isSelected(d.file, paths)),
    ...caseFiles.diagnostics,
    ...ruleFiles.diagnostics,
  ];
  if (unreadable.length > 0) return loadFiles(root, [], unreadable);
  const flows = new Set<string>();
  for (const file of [...caseFiles.files, ...ruleFiles.files]) {
    const flow = await declaredFlow(file);
    if (flow !== undefined) flows.add(flow);
  }
  return loadFlows(root, [...flows], caseFiles.files);
}

/** A case's result and how long it took. */
type TimedResult = CaseResult & { seconds: number };

/** Where a failed case failed: the line of its first failing expectation. */
function failedAt(r: CaseResult): number {
  return r.mismatches[0]?.line ?? r.case.line;
}

function describeFailure(r: CaseResult): string {
  const at = `${r.case.file}:${failedAt(r)}`;
  const lines = ['', `✗ ${at}: ${r.case.flow} › ${r.case.name}`];
  for (const m of r.mismatches) {
    const where = `${r.case.file}:${m.line}`;
    if (m.lang) {
      lines.push(
        `    ${where}: ${m.rule}: message (${m.lang}) should ${m.isUnwanted ? 'not contain' : 'contain'} ${JSON.stringify(m.text)}`,
      );
      lines.push(`      actual:   ${m.actualMessage}`);
    } else {
      lines.push(`    ${where}: ${m.rule}: expected ${m.expected.status}, got ${m.actual.status}`);
      lines.push(`      message: ${m.actual.message}`);
    }
    lines.push(`      why:     ${m.actual.reason}`);
  }
  return lines.join('\n');
}

function describeCoverage(rules: RuleCoverage[], percent: number): string {
  const lines = [
    '',
    `coverage: ${round(percent)}% of ${rules.length} rules reached pass and fail, with each fail text chosen by cause (notices: notice)`,
  ];
  for (const r of rules) {
    if (r.lacking.length > 0) {
      lines.push(
        `  ${r.rule}: never ${r.lacking.join(' or ')} (reached: ${r.reached.join(', ') || 'nothing'})`,
      );
    }
    for (const t of r.lackingTexts) {
      const where = t.pos ? ` (${display(t.pos.file)}:${t.pos.line})` : '';
      lines.push(
        `  ${r.rule}: fail text ${t.number}${where} never shown by a case that checks its message and notMessage${t.when ? `; its cause: ${t.when}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

function round(n: number): number {
  return Math.floor(n * 10) / 10;
}

function seconds(n: number): string {
  return n.toFixed(3);
}

/**
 * JUnit XML: one suite per case file, one test case per case, each with its time; a failed
 * case points at its first failing expectation. Always well formed: names and messages
 * with characters XML forbids have them written out as `\uXXXX`.
 */
function junit(results: TimedResult[]): string {
  const byFile = new Map<string, TimedResult[]>();
  for (const r of results) {
    const list = byFile.get(r.case.file);
    if (list) list.push(r);
    else byFile.set(r.case.file, [r]);
  }
  const total = (list: TimedResult[]) => seconds(list.reduce((sum, r) => sum + r.seconds, 0));
  const failures = results.filter((r) => !r.isOk).length;
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="policylens" tests="${results.length}" failures="${failures}" errors="0" time="${total(results)}">`,
  ];
  for (const [file, list] of byFile) {
    const failed = list.filter((r) => !r.isOk).length;
    out.push(
      `  <testsuite name="${xmlAttr(display(file))}" tests="${list.length}" failures="${failed}" errors="0" skipped="0" time="${total(list)}">`,
    );
    for (const r of list) {
      const head = `    <testcase classname="${xmlAttr(r.case.flow)}" name="${xmlAttr(r.case.name)}" file="${xmlAttr(r.case.file)}" line="${r.isOk ? r.case.line : failedAt(r)}" time="${seconds(r.seconds)}"`;
      if (r.isOk) {
        out.push(`${head}/>`);
        continue;
      }
      const summary = r.mismatches
        .map(
          (m) =>
            `${m.rule}: expected ${m.expected.status}${m.lang ? ` with a message ${m.isUnwanted ? 'not containing' : 'containing'} ${JSON.stringify(m.text)}` : ''}, got ${m.actual.status}`,
        )
        .join('; ');
      out.push(`${head}>`);
      out.push(
        `      <failure message="${xmlAttr(summary)}" type="mismatch">${xmlText(describeFailure(r))}</failure>`,
      );
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n');
}

const HELP = `Usage: policylens test [PATH...] [options]

Runs the case files (*.cases.yaml) under each PATH (default: rules/). PATH may be a
glob ('rules/**/join.cases.yaml').

Options:
  --format text|json|junit   Output format (default: text); junit is JUnit XML for CI.
  --grep TEXT                Run only cases whose flow or name contains TEXT.
  --coverage                 List rules the cases never reach with pass and fail, and
                             fail texts chosen by cause that no case shows while checking
                             its message and notMessage.
  --min-coverage N           Fail when fewer than N percent of the rules are covered.
  -h, --help                 Show this help.

Exit: 0 all passed, 1 a failure or low coverage, 2 usage.
`;

export const testCommand: Command = {
  name: 'test',
  help: HELP,
  run,
};
