import { quote } from '../engine/diagnostics.ts';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../engine/index.ts';
import { display, findRulesRoot, isSelected } from './files.ts';
import { parse, UsageError, version, type Command, type Io } from './args.ts';
import { toGithubAnnotations, toSarif } from './formats.ts';
import { expandPaths } from './paths.ts';
import { loadProject } from './project.ts';

const FORMATS = ['text', 'json', 'sarif', 'github'];

/** `policylens validate [PATH...]`: 0 valid, 1 errors, 2 usage. */
async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string' } });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be text, json, sarif or github, not ${quote(format)}`);
  }
  const paths = positionals.length > 0 ? await expandPaths(positionals) : ['rules'];
  // Each path is checked in the context of its whole pack (duplicate ids, flows of cases),
  // but only problems inside the selected paths are reported.
  const roots = new Map<string, ReturnType<typeof loadProject>>();
  for (const root of new Set(paths.map(findRulesRoot))) {
    roots.set(root, loadProject(root, { withPageMaps: true }));
  }
  let errors = 0;
  let files = 0;
  const shown: Diagnostic[] = [];
  for (const project of roots.values()) {
    // Files that could not be read count as checked: their errors are shown below.
    const unreadable = project.diagnostics.filter((d) => d.code?.startsWith('file-'));
    files += new Set(
      [...project.files.map((f) => f.path), ...unreadable.map((d) => d.file)].filter((f) =>
        isSelected(f, paths),
      ),
    ).size;
    for (const d of project.diagnostics) {
      if (!isSelected(d.file, paths)) continue;
      shown.push(d);
      if (d.severity === 'error') errors++;
    }
    if (
      !project.pack &&
      !project.diagnostics.some((d) => isSelected(d.file, paths)) &&
      hasErrors(project.diagnostics)
    ) {
      // The selected files are fine but the pack around them is not: say so rather than pass.
      io.err(
        `policylens validate: the rule pack in ${display(project.root)} has errors; run policylens validate ${display(project.root)}`,
      );
      errors++;
    }
  }
  if (files === 0) throw new UsageError(`no rule, case or vocabulary files in ${paths.join(', ')}`);
  const warnings = shown.length - shown.filter((d) => d.severity === 'error').length;
  if (format === 'json') {
    io.out(JSON.stringify({ files, errors, warnings, diagnostics: shown }, null, 2));
    return errors > 0 ? 1 : 0;
  }
  if (format === 'sarif') {
    io.out(JSON.stringify(toSarif(shown, { version: version() }), null, 2));
    return errors > 0 ? 1 : 0;
  }
  for (const line of format === 'github'
    ? toGithubAnnotations(shown)
    : shown.map(formatDiagnostic)) {
    io.out(line);
  }
  const summary = `${files} file${files === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  (errors > 0 ? io.err : io.out)(summary);
  return errors > 0 ? 1 : 0;
}

const HELP = `Usage: policylens validate [PATH...] [options]

Checks the fact vocabulary, rule files, case files and page maps under each PATH
(default: rules/): YAML syntax, schema, then meaning. Each problem is printed as
file:line:col: error|warning: message.

PATH may be a glob ('rules/**/join.yaml').

Options:
  --format text|json|sarif|github
                     Output format (default: text): sarif is SARIF 2.1.0 for code
                     scanning, github annotates the lines of a pull request.
  -h, --help         Show this help.

Exit: 0 valid, 1 errors, 2 usage.
`;

export const validateCommand: Command = {
  name: 'validate',
  help: HELP,
  run,
};
