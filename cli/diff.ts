import { parseJsonFile } from '../engine/json.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { quote } from '../engine/diagnostics.ts';
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
  type CompiledPack,
  type Diagnostic,
  type Facts,
  type SourceFile,
} from '../engine/index.ts';
import {
  decodeUtf8,
  display,
  MAX_CORPUS_BYTES,
  MAX_FILE_BYTES,
  quotePath,
  readArgumentFile,
  readPack,
} from './files.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';

/** One version of the rules: where it came from and its files, keyed by path in the pack. */
interface Side {
  label: string;
  files: SourceFile[];
  /** Files that could not be read: the side does not load. */
  problems: Diagnostic[];
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
  if (positionals.length > 2) throw new UsageError(`unexpected argument ${quote(positionals[2]!)}`);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) {
    throw new UsageError(`--format must be text, json or markdown, not ${quote(format)}`);
  }
  if (values.at !== undefined && !isDate(values.at)) {
    throw new UsageError(`--at must be a date YYYY-MM-DD, not ${quote(values.at)}`);
  }
  const examples = values.examples === undefined ? 3 : Number(values.examples);
  if (!Number.isInteger(examples) || examples < 0) {
    throw new UsageError(
      `--examples must be a whole number, not ${quote(String(values.examples))}`,
    );
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
    const corpus = await readCorpus(values.corpus, at, headPack, basePack, io);
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
  problems.push(...side.problems, ...loaded.diagnostics.filter((d) => d.severity === 'error'));
  return side.problems.length > 0 ? undefined : loaded.pack;
}

/** A folder that exists is a folder (the pack root or a folder holding rules/); else a git ref. */
function readSide(spec: string, rulesDir: string): Side {
  if (existsSync(spec) && statSync(spec).isDirectory()) {
    if (existsSync(join(spec, 'facts.yaml'))) return readFolder(spec);
    if (existsSync(join(spec, 'rules', 'facts.yaml'))) return readFolder(join(spec, 'rules'));
    throw new UsageError(
      `no facts.yaml in ${quotePath(spec)} or ${quotePath(join(spec, 'rules'))}: is it a rule pack?`,
    );
  }
  return readGitRef(spec, rulesDir);
}

function readFolder(dir: string): Side {
  if (!existsSync(join(dir, 'facts.yaml'))) {
    throw new UsageError(`no facts.yaml in ${quotePath(dir)}: is it a rule pack?`);
  }
  const root = resolve(dir);
  const read = readPack(dir);
  return {
    label: `${display(dir)}/`,
    files: read.files,
    problems: read.diagnostics,
    keyOf: (path) => relative(root, resolve(path)).split(sep).join('/'),
  };
}

function git(cwd: string, args: string[]): string {
  return gitBytes(cwd, args).toString('utf8');
}

function gitBytes(cwd: string, args: string[]): Buffer {
  return execFileSync('git', args, {
    cwd,
    maxBuffer: MAX_FILE_BYTES + 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The rules folder as it was at a git ref, read with `git ls-tree` and `git show`. */
function readGitRef(ref: string, rulesDir: string): Side {
  if (!existsSync(rulesDir) || !statSync(rulesDir).isDirectory()) {
    throw new UsageError(
      `${quote(ref)} is not a folder, and there is no ${rulesDir}/ to find a git repository from`,
    );
  }
  const cwd = resolve(rulesDir);
  let commit: string;
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new UsageError(`${quote(ref)} is neither a folder nor a git ref (commit, branch or tag)`);
  }
  // Paths come relative to the rules folder, and `REF:./path` reads them relative to it too.
  // `-l` gives each blob's mode and size: links are not followed, large files not read.
  const listed = git(cwd, ['ls-tree', '-r', '-z', '-l', commit, '--', '.'])
    .split('\0')
    .map((entry) => /^(\d+) \S+ \S+ +(\d+|-)\t(.*)$/s.exec(entry))
    .filter((m) => m !== null && fileKind(m[3]!) !== undefined)
    .map((m) => ({ mode: m![1]!, size: Number(m![2]), path: m![3]! }));
  const factsFile = listed.find((p) => fileKind(p.path) === 'facts');
  if (!factsFile) {
    throw new UsageError(
      `${display(rulesDir)}/ at ${quote(ref)} has no facts.yaml: is it a rule pack?`,
    );
  }
  const prefix = factsFile.path.slice(0, factsFile.path.length - 'facts.yaml'.length);
  const shown = display(rulesDir);
  const files: SourceFile[] = [];
  const problems: Diagnostic[] = [];
  for (const entry of listed.filter((p) => p.path.startsWith(prefix))) {
    const path = `${ref}:${shown}/${entry.path}`;
    const refuse = (message: string, line = 1, col = 1) =>
      problems.push({ file: path, line, col, severity: 'error', code: 'file-access', message });
    if (entry.mode === '120000') refuse('a symbolic link: not followed');
    else if (entry.mode !== '100644' && entry.mode !== '100755') refuse('not a regular file');
    else if (entry.size > MAX_FILE_BYTES) {
      refuse(
        `${entry.size} bytes, larger than ${MAX_FILE_BYTES / (1024 * 1024)} MiB, the most PolicyLens reads`,
      );
    } else {
      const read = decodeUtf8(gitBytes(cwd, ['show', `${commit}:./${entry.path}`]));
      if (read.isOk) files.push({ path, text: read.text });
      else refuse(read.message, read.line, read.col);
    }
  }
  return {
    label: `${ref}:${shown}/`,
    files,
    problems,
    keyOf: (path) => path.slice(`${ref}:${shown}/${prefix}`.length),
  };
}

/**
 * Reads a JSONL corpus: one `{"flow", "at"?, "name"?, "facts"}` per line. Every problem is
 * printed with its line and column; any error and nothing is returned.
 */
async function readCorpus(
  path: string,
  at: string,
  head: CompiledPack,
  base: CompiledPack,
  io: Io,
): Promise<DiffInput[] | undefined> {
  const input = await readArgumentFile('--corpus', path, { maxBytes: MAX_CORPUS_BYTES });
  if ('diagnostic' in input) {
    io.err(formatDiagnostic(input.diagnostic));
    return undefined;
  }
  const name = input.name;
  const flows = new Set([...head.flows, ...base.flows].map((f) => f.id));
  const vocabulary = { ...base.facts, ...head.facts };
  const out: DiffInput[] = [];
  let hasError = false;
  const report = (d: Diagnostic) => {
    io.err(formatDiagnostic(d));
    if (d.severity === 'error') hasError = true;
  };
  input.text.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (text.trim() === '') return;
    const parsed = parseJsonFile(text);
    const pos = (p: (string | number)[], isKey = false) => ({
      file: name,
      line,
      col: (isKey ? parsed.keyPosAt(p) : parsed.posAt(p)).col,
    });
    if (parsed.value === undefined) {
      for (const e of parsed.errors) {
        report({ file: name, line, col: e.col, severity: 'error', message: e.message });
      }
      return;
    }
    const value = parsed.value;
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
        message: `${typeof entry.flow === 'string' ? `unknown flow ${quote(entry.flow)}` : 'missing "flow"'}; known flows: ${[...flows].join(', ')}`,
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
      report({
        ...pos(['facts', ...p.path], p.isAboutName),
        severity: p.severity,
        message: p.message,
      });
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
