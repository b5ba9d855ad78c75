import { parseJson } from '../engine/json.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { loadSuites } from '../engine/authoring/cases.ts';
import { isDate, today } from '../engine/dates.ts';
import {
  diffPacks,
  hasChanges,
  renderDiffMarkdown,
  renderDiffText,
  type DiffInput,
} from '../engine/authoring/diff.ts';
import {
  checkFacts,
  fileKind,
  formatDiagnostic,
  loadPack,
  parseYamlFile,
  type CompiledPack,
  type Diagnostic,
  type Facts,
  type SourceFile,
} from '../engine/index.ts';
import { display, readSources, yamlFilesUnder } from './files.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';

/** One version of the rules: where it came from and its files, keyed by path in the pack. */
interface Side {
  label: string;
  files: SourceFile[];
  /** Path of a file relative to the pack root: the same file on both sides has the same key. */
  keyOf: (path: string) => string;
}

/**
 * `policylens diff BASE [HEAD]`: which rule statuses change between two versions of the
 * rules. Exit 0 (1 with --fail-on-change and a change), 1 invalid rules or corpus, 2 usage.
 */
async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    rules: { type: 'string' },
    corpus: { type: 'string' },
    at: { type: 'string' },
    format: { type: 'string' },
    'fail-on-change': { type: 'boolean' },
    examples: { type: 'string' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('missing BASE: a folder or a git ref');
  if (positionals.length > 2) throw new UsageError(`unexpected argument "${positionals[2]}"`);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) {
    throw new UsageError(`--format must be text, json or markdown, not "${format}"`);
  }
  if (values.at !== undefined && !isDate(values.at)) {
    throw new UsageError(`--at must be a date YYYY-MM-DD, not "${values.at}"`);
  }
  const examples = values.examples === undefined ? 3 : Number(values.examples);
  if (!Number.isInteger(examples) || examples < 0) {
    throw new UsageError(`--examples must be a whole number, not "${values.examples}"`);
  }
  const at = values.at ?? today();
  const rulesDir = values.rules ?? 'rules';
  const [baseSpec, headSpec] = positionals as [string, string | undefined];

  const base = readSide(baseSpec, rulesDir);
  const head = headSpec === undefined ? readFolder(rulesDir) : readSide(headSpec, rulesDir);

  const problems: Diagnostic[] = [];
  const basePack = loadSide(base, problems);
  const headPack = loadSide(head, problems);
  if (!basePack || !headPack) {
    for (const d of problems) io.err(formatDiagnostic(d));
    io.err(`policylens diff: the rules have errors; fix them first (policylens validate)`);
    return 1;
  }

  // Cases of both sides; where a file and case name are in both, the head's.
  const inputs: DiffInput[] = [];
  const headKeys = new Set<string>();
  for (const [side, pack] of [
    [head, headPack],
    [base, basePack],
  ] as const) {
    const cases = loadSuites(
      side.files.filter((f) => fileKind(f.path) === 'cases'),
      pack,
    );
    if (cases.diagnostics.some((d) => d.severity === 'error')) {
      for (const d of cases.diagnostics) io.err(formatDiagnostic(d));
      io.err(`policylens diff: the case files of ${side.label} have errors`);
      return 1;
    }
    for (const c of cases.suites.flatMap((s) => s.cases)) {
      const key = `${side.keyOf(c.file)}\n${c.name}`;
      if (side === head) headKeys.add(key);
      else if (headKeys.has(key)) continue;
      inputs.push({
        kind: 'case',
        name: c.name,
        file: c.file,
        line: c.line,
        flow: c.flow,
        at: c.at ?? at,
        facts: c.facts,
      });
    }
  }
  if (values.corpus !== undefined) {
    const corpus = readCorpus(values.corpus, at, headPack, basePack, io);
    if (!corpus) return 1;
    inputs.push(...corpus);
  }

  const report = await diffPacks(basePack, headPack, inputs, { examples });
  const labels = { base: base.label, head: head.label };
  if (format === 'json') {
    io.out(JSON.stringify({ base: base.label, head: head.label, at, ...report }, null, 2));
  } else if (format === 'markdown') {
    io.out(renderDiffMarkdown(report, labels));
  } else {
    io.out(renderDiffText(report, labels));
  }
  return values['fail-on-change'] && hasChanges(report) ? 1 : 0;
}

function loadSide(side: Side, problems: Diagnostic[]): CompiledPack | undefined {
  const loaded = loadPack(side.files);
  problems.push(...loaded.diagnostics.filter((d) => d.severity === 'error'));
  return loaded.pack;
}

/** A folder that exists is a folder (the pack root or a folder holding rules/); else a git ref. */
function readSide(spec: string, rulesDir: string): Side {
  if (existsSync(spec) && statSync(spec).isDirectory()) {
    if (existsSync(join(spec, 'facts.yaml'))) return readFolder(spec);
    if (existsSync(join(spec, 'rules', 'facts.yaml'))) return readFolder(join(spec, 'rules'));
    throw new UsageError(`no facts.yaml in ${spec} or ${join(spec, 'rules')}: is it a rule pack?`);
  }
  return readGitRef(spec, rulesDir);
}

function readFolder(dir: string): Side {
  if (!existsSync(join(dir, 'facts.yaml'))) {
    throw new UsageError(`no facts.yaml in ${dir}: is it a rule pack?`);
  }
  const root = resolve(dir);
  return {
    label: `${display(dir)}/`,
    files: readSources(yamlFilesUnder(dir)),
    keyOf: (path) => relative(root, resolve(path)).split(sep).join('/'),
  };
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The rules folder as it was at a git ref, read with `git ls-tree` and `git show`. */
function readGitRef(ref: string, rulesDir: string): Side {
  if (!existsSync(rulesDir) || !statSync(rulesDir).isDirectory()) {
    throw new UsageError(
      `"${ref}" is not a folder, and there is no ${rulesDir}/ to find a git repository from`,
    );
  }
  const cwd = resolve(rulesDir);
  let commit: string;
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new UsageError(`"${ref}" is neither a folder nor a git ref (commit, branch or tag)`);
  }
  // Paths come relative to the rules folder, and `REF:./path` reads them relative to it too.
  const listed = git(cwd, ['ls-tree', '-r', '-z', '--name-only', commit, '--', '.'])
    .split('\0')
    .filter((p) => p !== '' && fileKind(p) !== undefined);
  const factsFile = listed.find((p) => fileKind(p) === 'facts');
  if (!factsFile) {
    throw new UsageError(`${display(rulesDir)}/ at ${ref} has no facts.yaml: is it a rule pack?`);
  }
  const prefix = factsFile.slice(0, factsFile.length - 'facts.yaml'.length);
  const shown = display(rulesDir);
  return {
    label: `${ref}:${shown}/`,
    files: listed
      .filter((p) => p.startsWith(prefix))
      .map((p) => ({ path: `${ref}:${shown}/${p}`, text: git(cwd, ['show', `${commit}:./${p}`]) })),
    keyOf: (path) => path.slice(`${ref}:${shown}/${prefix}`.length),
  };
}

/**
 * Reads a JSONL corpus: one `{"flow", "at"?, "name"?, "facts"}` per line. Every problem is
 * printed with its line and column; any error and nothing is returned.
 */
function readCorpus(
  path: string,
  at: string,
  head: CompiledPack,
  base: CompiledPack,
  io: Io,
): DiffInput[] | undefined {
  if (!existsSync(path)) throw new UsageError(`no such corpus file: ${path}`);
  const name = display(path);
  const flows = new Set([...head.flows, ...base.flows].map((f) => f.id));
  const vocabulary = { ...base.facts, ...head.facts };
  const out: DiffInput[] = [];
  let hasError = false;
  const report = (d: Diagnostic) => {
    io.err(formatDiagnostic(d));
    if (d.severity === 'error') hasError = true;
  };
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const line = index + 1;
      if (text.trim() === '') return;
      const parsed = parseYamlFile(name, text);
      const pos = (p: (string | number)[]) => {
        const { col } = parsed.posAt(p);
        return { file: name, line, col };
      };
      const json = parseJson(text);
      if (!json.isOk) {
        report({
          file: name,
          line,
          col: json.col,
          severity: 'error',
          message: `not valid JSON: ${json.message}`,
        });
        return;
      }
      const value = json.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        report({
          ...pos([]),
          severity: 'error',
          message: 'expected an object {"flow", "facts", "at"?, "name"?}',
        });
        return;
      }
      const entry = value as { flow?: unknown; at?: unknown; name?: unknown; facts?: unknown };
      if (typeof entry.flow !== 'string' || !flows.has(entry.flow)) {
        report({
          ...pos(['flow']),
          severity: 'error',
          message: `${typeof entry.flow === 'string' ? `unknown flow "${entry.flow}"` : 'missing "flow"'}; known flows: ${[...flows].join(', ')}`,
        });
        return;
      }
      if (entry.at !== undefined && !isDate(entry.at)) {
        report({ ...pos(['at']), severity: 'error', message: `"at" must be a date YYYY-MM-DD` });
        return;
      }
      if (entry.name !== undefined && typeof entry.name !== 'string') {
        report({ ...pos(['name']), severity: 'error', message: `"name" must be a string` });
        return;
      }
      const problems = checkFacts(vocabulary, entry.facts ?? null);
      for (const p of problems) {
        report({ ...pos(['facts', ...p.path]), severity: p.severity, message: p.message });
      }
      if (problems.some((p) => p.severity === 'error')) return;
      out.push({
        kind: 'corpus',
        name: entry.name ?? `line ${line}`,
        file: name,
        line,
        flow: entry.flow,
        at: entry.at ?? at,
        facts: entry.facts as Facts,
      });
    });
  return hasError ? undefined : out;
}

const HELP = `Usage: policylens diff BASE [HEAD] [options]

Which rule statuses change between two versions of the rules (folders or git refs;
HEAD defaults to the working tree's rules/), over every case and an optional
corpus of fact sets.

Options:
  --rules DIR                The working tree's rules folder (default: rules/).
  --corpus FILE.jsonl        Extra fact sets, one {"flow","facts","at"?,"name"?} a line.
  --at YYYY-MM-DD            Date for cases and lines that give none (default: today in China).
  --format text|json|markdown  Output format (default: text).
  --examples N               Examples shown per change (default: 3).
  --fail-on-change           Exit 1 when a status, rule or flow changed.
  -h, --help                 Show this help.

Exit: 0 (1 with --fail-on-change and a change), 1 invalid rules or corpus, 2 usage.
`;

export const diffCommand: Command = {
  name: 'diff',
  help: HELP,
  run,
};
