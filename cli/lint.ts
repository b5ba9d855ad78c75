import { quote } from '../engine/diagnostics.ts';
import { dirname, resolve } from 'node:path';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../engine/index.ts';
import { applyLintConfig } from '../engine/authoring/lint-config.ts';
import {
  LINT_RULE_NAMES,
  LINT_RULES,
  lintPack,
  pageReadsOf,
  type LintRuleName,
  type PageRead,
} from '../engine/authoring/lint.ts';
import { readConfig } from './config.ts';
import { display, findRulesRoot, isSelected } from './files.ts';
import { parse, UsageError, version, type Command, type Io } from './args.ts';
import { toGithubAnnotations, toSarif, type SarifTool } from './formats.ts';
import { expandPaths } from './paths.ts';
import { loadProject } from './project.ts';

/**
 * `policylens lint [PATH...]`: warnings beyond validity. Exit 0 unless a finding reaches
 * --fail-on (default error), then 1; invalid rules 1; usage or config errors 2.
 */
async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    config: { type: 'string' },
    'fail-on': { type: 'string' },
    format: { type: 'string' },
    'list-rules': { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') {
    throw new UsageError(`--fail-on must be error or warning, not ${quote(failOn)}`);
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif', 'github'].includes(format)) {
    throw new UsageError(`--format must be text, json, sarif or github, not ${quote(format)}`);
  }
  const paths = positionals.length > 0 ? await expandPaths(positionals) : ['rules'];
  const project = loadProject(paths[0]!, { withPageMaps: true });
  if (paths.some((p) => findRulesRoot(p) !== project.root)) {
    throw new UsageError('all paths must be in one rule pack');
  }

  const { config, diagnostics: configProblems } = readConfig(values.config, project.root);
  if (hasErrors(configProblems)) {
    for (const d of configProblems) io.err(formatDiagnostic(d));
    io.err('policylens lint: the configuration has errors');
    return 2;
  }

  if (values['list-rules']) {
    for (const name of LINT_RULE_NAMES) {
      const level = config?.rules[name]?.level ?? 'warning';
      const def = LINT_RULES[name];
      io.out(
        `${name.padEnd(22)} ${level.padEnd(8)} ${def.description}${def.needsPageMaps ? ' (needs page maps)' : ''}`,
      );
    }
    return 0;
  }

  if (hasErrors(project.diagnostics) || !project.pack) {
    const problems = project.diagnostics.filter((x) => x.severity === 'error');
    // CI reads these formats from standard output: the errors go there, on their lines.
    if (format === 'sarif') io.out(JSON.stringify(toSarif(problems, sarifTool()), null, 2));
    else if (format === 'github') for (const line of toGithubAnnotations(problems)) io.out(line);
    else for (const d of problems) io.err(formatDiagnostic(d));
    io.err(
      'policylens lint: the rules, cases or page maps have errors; fix them first (policylens validate)',
    );
    return 1;
  }
  const pack = project.pack;

  // Page maps say which facts the extension can read; without any, those checks are skipped.
  const pageReads: PageRead[] | undefined = project.pageMaps && pageReadsOf(project.pageMaps);

  const findings = lintPack({
    pack,
    ruleFiles: project.ruleFiles,
    suites: project.suites,
    ...(pageReads ? { pageReads } : {}),
  });
  // Exceptions that match nothing are reported only for the pack the config sits beside,
  // when all of it is linted: another pack, or a part of one, would make every one look unused.
  const configDir = config?.file ? dirname(resolve(config.file)) : undefined;
  const isOwnPack = configDir === project.root || configDir === dirname(project.root);
  const isWholePack = positionals.length === 0 || paths.some((p) => isSelected(project.root, [p]));
  const diagnostics = applyLintConfig(
    findings.filter((f) => isSelected(f.file, paths)),
    config,
    {
      reportUnusedExceptions: isOwnPack && isWholePack,
      skipped: pageReads ? [] : LINT_RULE_NAMES.filter((n) => LINT_RULES[n].needsPageMaps),
    },
  );
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const files = project.files.filter((f) => isSelected(f.path, paths)).length;

  if (format === 'json') {
    io.out(
      JSON.stringify(
        {
          root: display(project.root),
          ...(config?.file ? { config: config.file } : {}),
          errors,
          warnings,
          findings: diagnostics.map((d) => ({
            file: d.file,
            line: d.line,
            col: d.col,
            severity: d.severity,
            rule: d.code,
            message: d.message,
          })),
        },
        null,
        2,
      ),
    );
  } else if (format === 'sarif') {
    io.out(JSON.stringify(toSarif(diagnostics, sarifTool()), null, 2));
  } else {
    const lines =
      format === 'github' ? toGithubAnnotations(diagnostics) : diagnostics.map(formatFinding);
    for (const line of lines) io.out(line);
    io.out(
      `${files} file${files === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
  }
  const isFailing = errors > 0 || (failOn === 'warning' && warnings > 0);
  return isFailing ? 1 : 0;
}

/** The tool as SARIF describes it: lint rules with their description. */
function sarifTool(): SarifTool {
  return {
    version: version(),
    describe: (id) =>
      (LINT_RULE_NAMES as readonly string[]).includes(id)
        ? LINT_RULES[id as LintRuleName].description
        : undefined,
  };
}

/** `path:line:col: warning: message [rule-name]`: the rule name is what the config turns off. */
export function formatFinding(d: Diagnostic): string {
  return `${formatDiagnostic(d)}${d.code ? ` [${d.code}]` : ''}`;
}

const HELP = `Usage: policylens lint [PATH...] [options]

Warns about rules that can never apply, fail or pass, facts no page reads,
messages naming facts the rule does not read, rules without cases and date gaps.
Lint rules are set in .policylens.yaml. PATH may be a glob ('rules/**/join.yaml').

Options:
  --config FILE              Settings file (default: .policylens.yaml found upwards).
  --fail-on error|warning    Lowest level that fails the run (default: error).
  --format text|json|sarif|github
                             Output format (default: text): sarif is SARIF 2.1.0 for
                             code scanning, github annotates the lines of a pull request.
  --list-rules               Print every lint rule with its level.
  -h, --help                 Show this help.

Exit: 0, 1 when a finding reaches --fail-on or the rules are invalid, 2 usage.
`;

export const lintCommand: Command = {
  name: 'lint',
  help: HELP,
  run,
};
