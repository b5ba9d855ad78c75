// Imports stay off engine/index.ts: with the compiled flow cached, `eval` never loads the
// YAML parser or the schema validators (see pack-cache.ts).
import { isDate } from '../engine/dates.ts';
import { formatDiagnostic, quote } from '../engine/diagnostics.ts';
import { createEvaluator, UnknownFlowError } from '../engine/evaluate.ts';
import { readFactsText } from '../engine/facts-file.ts';
import { summarizeEligibility } from '../engine/summary.ts';
import { fileKind } from '../engine/file-kind.ts';
import type { SourceFile } from '../engine/load.ts';
import type { CompiledPack, FlowResult, Lang } from '../engine/types.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';
import { readArgumentFile } from './files.ts';
import { locateFlows } from './locate.ts';
import { readCache, readCachedPack, writeCache } from './pack-cache.ts';
import { renderChecklist } from './render.ts';

/** `policylens eval`: 0 whatever the statuses, 1 bad facts or rules, 2 usage. */
async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    flow: { type: 'string' },
    facts: { type: 'string' },
    at: { type: 'string' },
    lang: { type: 'string' },
    format: { type: 'string' },
    rules: { type: 'string' },
  });
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
  if (!values.flow) throw new UsageError('missing --flow ID');
  if (!values.facts) throw new UsageError('missing --facts FILE (or - for standard input)');
  const lang = (values.lang ?? 'zh-CN') as Lang;
  if (lang !== 'zh-CN' && lang !== 'en')
    throw new UsageError(`--lang must be zh-CN or en, not ${quote(String(values.lang))}`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, not ${quote(format)}`);
  if (values.at !== undefined && !isDate(values.at)) {
    throw new UsageError(`--at must be a date YYYY-MM-DD, not ${quote(values.at)}`);
  }

  const located = await locateFlows(values.rules ?? 'rules', [values.flow]);
  if (located.diagnostics.length > 0) {
    for (const d of located.diagnostics) io.err(formatDiagnostic(d));
    io.err('policylens eval: the rules have errors; fix them first (policylens validate)');
    return 1;
  }
  let pack: CompiledPack | undefined = readCachedPack(located.root, located.files);
  if (!pack) {
    pack = await compileFlows(located.root, located.files, io);
    if (!pack) return 1;
  }
  const flow = pack.flows.find((f) => f.id === values.flow);
  if (!flow) {
    const known = located.known ?? pack.flows.map((f) => f.id);
    throw new UsageError(`unknown flow ${quote(values.flow)}; valid flows: ${known.join(', ')}`);
  }

  const input = await readArgumentFile('--facts', values.facts, { allowStdin: true });
  if ('diagnostic' in input) {
    io.err(formatDiagnostic(input.diagnostic));
    return 1;
  }
  const { facts, diagnostics } = await readFactsText(input.name, input.text, pack.facts);
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  if (!facts) return 1;

  const evaluator = createEvaluator(pack);
  let result: FlowResult;
  try {
    result = await evaluator.evaluate(values.flow, facts, {
      lang,
      ...(values.at ? { at: values.at } : {}),
    });
  } catch (error) {
    if (error instanceof UnknownFlowError) throw new UsageError(error.message);
    throw error;
  }
  if (format === 'json') {
    io.out(JSON.stringify(result, null, 2));
  } else {
    io.out(
      renderChecklist(
        result,
        flow.title[lang],
        flow.isProgram ? summarizeEligibility(result.results) : undefined,
        values.at === undefined,
      ),
    );
  }
  return 0;
}

/**
 * Compiles the vocabulary and the flow's files, and keeps the result for the next run. The
 * vocabulary, the largest file and the least often changed, is kept parsed on its own too.
 */
async function compileFlows(
  root: string,
  files: SourceFile[],
  io: Io,
): Promise<CompiledPack | undefined> {
  const [{ loadFiles }, { objectFile, parseYamlFile }] = await Promise.all([
    import('./project.ts'),
    import('../engine/yaml.ts'),
  ]);
  const vocabulary = files.find((f) => fileKind(f.path) === 'facts');
  const kept = vocabulary && readCache(root, 'facts', [vocabulary]);
  const parsedVocabulary =
    vocabulary &&
    (kept !== undefined
      ? objectFile(vocabulary.path, kept)
      : parseYamlFile(vocabulary.path, vocabulary.text));
  const project = loadFiles(root, files, [], (f) =>
    f === vocabulary ? parsedVocabulary : undefined,
  );
  if (!project.pack) {
    for (const d of project.diagnostics) io.err(formatDiagnostic(d));
    io.err('policylens eval: the rules have errors; fix them first (policylens validate)');
    return undefined;
  }
  if (vocabulary && parsedVocabulary && kept === undefined) {
    if (parsedVocabulary.diagnostics.length === 0) {
      writeCache(root, 'facts', [vocabulary], parsedVocabulary.value);
    }
  }
  writeCache(root, 'pack', files, project.pack);
  return project.pack;
}

const HELP = `Usage: policylens eval --flow ID --facts FILE|- [options]

Evaluates one flow for the facts in FILE (JSON or YAML; - reads standard input) and
prints each rule's status, message and why.

Options:
  --flow ID                The flow to evaluate, e.g. reseller.join.
  --facts FILE|-           The facts: a JSON or YAML object, nested or with dotted names
                           ({"account.freeze": ...}); - for standard input.
  --at YYYY-MM-DD          The date to evaluate for (default: today in China, Asia/Shanghai).
  --lang zh-CN|en          The language of titles, messages and reasons (default: zh-CN).
  --format text|json       Output format (default: text).
  --rules DIR              The rule pack (default: rules/).
  -h, --help               Show this help.

Exit: 0 whatever the statuses, 1 bad facts or rules, 2 usage.
`;

export const evalCommand: Command = {
  name: 'eval',
  help: HELP,
  run,
};
