import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isGeneratedCatalogueFile, renderCatalogue } from '../engine/authoring/docs.ts';
import { formatDiagnostic } from '../engine/index.ts';
import { display } from './files.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';
import { loadProject } from './project.ts';

/**
 * `policylens docs [PATH] [--out DIR] [--check]`: writes the rule catalogue; with --check,
 * writes nothing and exits 1 when the catalogue on disk differs from the rules.
 */
async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    check: { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  const project = loadProject(positionals[0] ?? 'rules');
  if (!project.pack) {
    for (const d of project.diagnostics.filter((x) => x.severity === 'error'))
      io.err(formatDiagnostic(d));
    io.err('policylens docs: the rules have errors; fix them first (policylens validate)');
    return 1;
  }
  const out = values.out ?? join('docs', 'rules');
  const shownOut = `${display(out)}/`;
  const files = renderCatalogue(project.pack, {
    command: 'policylens docs',
    rulesDir: `${display(project.root)}/`,
  });
  const wanted = new Set(files.map((f) => f.path));
  const existing = existsSync(out) ? readdirSync(out) : [];
  // Only files the generator wrote count as stale: anything else in the folder is left alone.
  const stale = existing.filter(
    (name) =>
      !wanted.has(name) &&
      /\.(md|html)$/.test(name) &&
      isGeneratedCatalogueFile(readFileSync(join(out, name), 'utf8')),
  );
  const differing = files.filter((f) => {
    const path = join(out, f.path);
    return !existsSync(path) || readFileSync(path, 'utf8') !== f.text;
  });

  if (values.check) {
    if (differing.length === 0 && stale.length === 0) {
      io.out(`${shownOut} is up to date`);
      return 0;
    }
    const { createTwoFilesPatch } = await import('diff');
    for (const f of differing) {
      const path = join(out, f.path);
      if (!existsSync(path)) {
        io.err(`${shownOut}${f.path}: missing`);
        continue;
      }
      io.err(`${shownOut}${f.path}: out of date; what the rules make of it differs:`);
      const patch = createTwoFilesPatch(
        `${shownOut}${f.path}`,
        `${shownOut}${f.path}`,
        readFileSync(path, 'utf8'),
        f.text,
        'on disk',
        'from the rules',
      );
      io.err(shortened(patch.trimEnd().split('\n').slice(2).join('\n')));
    }
    for (const name of stale) io.err(`${shownOut}${name}: no longer generated (its flow is gone)`);
    io.err(
      `policylens docs: the rule catalogue in ${shownOut} is out of date; run \`npx policylens docs${values.out ? ` --out ${values.out}` : ''}\` and commit the result`,
    );
    return 1;
  }

  mkdirSync(out, { recursive: true });
  for (const f of differing) writeFileSync(join(out, f.path), f.text);
  for (const name of stale) rmSync(join(out, name));
  io.out(
    `wrote the rule catalogue to ${shownOut}: ${files.length} files, ${differing.length} changed${stale.length ? `, ${stale.length} removed` : ''}`,
  );
  return 0;
}

/** The lines of a diff worth reading in a terminal or a CI log. */
const MAX_DIFF_LINES = 60;

function shortened(patch: string): string {
  const lines = patch.split('\n');
  if (lines.length <= MAX_DIFF_LINES) return patch;
  const more = lines.length - MAX_DIFF_LINES;
  return [...lines.slice(0, MAX_DIFF_LINES), `… ${more} more diff lines`].join('\n');
}

const HELP = `Usage: policylens docs [PATH] [options]

Generates the rule catalogue of the rules in PATH (default: rules/): Markdown and
one HTML page.

Options:
  --out DIR                  Output folder (default: docs/rules/).
  --check                    Write nothing; exit 1 when the catalogue is out of date,
                             showing how each file differs.
  -h, --help                 Show this help.

Exit: 0, 1 invalid rules or an out-of-date catalogue (--check), 2 usage.
`;

export const docsCommand: Command = {
  name: 'docs',
  help: HELP,
  run,
};
