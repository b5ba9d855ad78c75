import { randomBytes } from 'node:crypto';
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isGeneratedCatalogueFile, renderCatalogue } from '../engine/authoring/docs.ts';
import { quote } from '../engine/diagnostics.ts';
import { formatDiagnostic } from '../engine/index.ts';
import { display, fsProblem, quotePath, readTextFile } from './files.ts';
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
  if (positionals.length > 1) throw new UsageError(`unexpected argument ${quote(positionals[1]!)}`);
  if (values.out === '') throw new UsageError('--out must name a folder, not be empty');
  const out = values.out ?? join('docs', 'rules');
  // Before anything is generated: a wrong --out is a usage error whatever the rules hold.
  const existing = catalogueFolder(out);
  const project = loadProject(positionals[0] ?? 'rules');
  if (!project.pack) {
    for (const d of project.diagnostics.filter((x) => x.severity === 'error'))
      io.err(formatDiagnostic(d));
    io.err('policylens docs: the rules have errors; fix them first (policylens validate)');
    return 1;
  }
  const shownOut = `${display(out)}/`;
  const files = renderCatalogue(project.pack, {
    command: 'policylens docs',
    rulesDir: `${display(project.root)}/`,
  });
  const wanted = new Set(files.map((f) => f.path));
  const stale = [...existing.keys()].filter((name) => !wanted.has(name));
  const differing = files.filter((f) => existing.get(f.path) !== f.text);

  if (values.check) {
    if (differing.length === 0 && stale.length === 0) {
      io.out(`${shownOut} is up to date`);
      return 0;
    }
    const { createTwoFilesPatch } = await import('diff');
    for (const f of differing) {
      const onDisk = existing.get(f.path);
      if (onDisk === undefined) {
        io.err(`${shownOut}${f.path}: missing`);
        continue;
      }
      io.err(`${shownOut}${f.path}: out of date; what the rules make of it differs:`);
      const patch = createTwoFilesPatch(
        `${shownOut}${f.path}`,
        `${shownOut}${f.path}`,
        onDisk,
        f.text,
        'on disk',
        'from the rules',
      );
      io.err(shortened(patch.trimEnd().split('\n').slice(2).join('\n')));
    }
    for (const name of stale) io.err(`${shownOut}${name}: no longer generated (its flow is gone)`);
    io.err(
      `policylens docs: the rule catalogue in ${shownOut} is out of date; run \`npx policylens docs${values.out ? ` --out ${quotePath(values.out)}` : ''}\` and commit the result`,
    );
    return 1;
  }

  writeCatalogue(out, differing, stale);
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

/**
 * The catalogue files already in the output folder, by name, with their text. The folder
 * may be absent; if present it must be a real folder (not a link) holding nothing but
 * regular files that `policylens docs` wrote, or it is refused: the catalogue never
 * overwrites, follows or deletes what someone else put there.
 */
function catalogueFolder(out: string): Map<string, string> {
  const shown = quotePath(out);
  const found = new Map<string, string>();
  try {
    const stats = lstatSync(out);
    if (stats.isSymbolicLink()) {
      throw new UsageError(
        `--out ${shown} is a symbolic link: not followed; give the folder itself`,
      );
    }
    if (!stats.isDirectory()) throw new UsageError(`--out ${shown} exists and is not a folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return found;
    throw new UsageError(`--out ${shown}: ${fsProblem(error)}`);
  }
  const foreign: string[] = [];
  let entries;
  try {
    entries = readdirSync(out, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`--out ${shown}: ${fsProblem(error)}`);
  }
  for (const entry of entries) {
    const path = join(out, entry.name);
    const read = entry.isFile() && /\.(md|html)$/.test(entry.name) ? readTextFile(path) : undefined;
    if (read?.isOk && isGeneratedCatalogueFile(read.text)) found.set(entry.name, read.text);
    else foreign.push(entry.isSymbolicLink() ? `${entry.name} (a symbolic link)` : entry.name);
  }
  if (foreign.length > 0) {
    const names = foreign.slice(0, 5).map(quote).join(', ');
    const more = foreign.length > 5 ? ` and ${foreign.length - 5} more` : '';
    throw new UsageError(
      `--out ${shown} holds files the catalogue did not write (${names}${more}): refusing to write there; choose a new or empty folder, or move them`,
    );
  }
  return found;
}

/**
 * Writes each file to a new temporary file beside it, then renames it into place: a link
 * planted at a file's name is replaced, never written through, and a failure part-way
 * leaves the catalogue as it was.
 */
function writeCatalogue(out: string, files: { path: string; text: string }[], stale: string[]) {
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${quotePath(out)}: ${fsProblem(error)}`);
  }
  const tag = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const written: { temp: string; path: string }[] = [];
  try {
    for (const f of files) {
      const temp = join(out, `.${f.path}.${tag}.tmp`);
      // `wx`: create a new file, failing if anything (a link included) is at that name.
      const fd = openSync(temp, 'wx', 0o644);
      written.push({ temp, path: join(out, f.path) });
      try {
        writeSync(fd, f.text);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    for (const w of written) rmSync(w.temp, { force: true });
    throw new UsageError(`--out ${quotePath(out)}: ${fsProblem(error)}; nothing was written`);
  }
  try {
    for (const w of written) renameSync(w.temp, w.path);
    for (const name of stale) unlinkSync(join(out, name));
  } catch (error) {
    for (const w of written) rmSync(w.temp, { force: true });
    throw new UsageError(`--out ${quotePath(out)}: ${fsProblem(error)}`);
  }
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
