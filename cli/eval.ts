// Imports stay off engine/index.ts: with the compiled flow cached, `eval` never loads the
// YAML parser or the schema validators (see pack-cache.ts).
import { isDate } from '../engine/dates.ts';
import { formatDiagnostic } from '../engine/diagnostics.ts';
import { createEvaluator, UnknownFlowError } from '../engine/evaluate.ts';
import { checkFacts } from '../engine/facts.ts';
import { summarizeEligibility } from '../engine/summary.ts';
import type { CompiledPack, Facts, FlowResult, Lang } from '../engine/types.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';
import { readInput } from './files.ts';
import { parseJson } from '../engine/json.ts';
import { locateFlows } from './locate.ts';
import { readCachedPack, writeCachedPack } from './pack-cache.ts';
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
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (!values.flow) throw new UsageError('missing --flow ID');
  if (!values.facts) throw new UsageError('missing --facts FILE (or - for standard input)');
  const lang = (values.lang ?? 'zh-CN') as Lang;
  if (lang !== 'zh-CN' && lang !== 'en')
    throw new UsageError(`--lang must be zh-CN or en, not "${values.lang}"`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format must be text or json, not "${format}"`);
  if (values.at !== undefined && !isDate(values.at)) {
    throw new UsageError(`--at must be a date YYYY-MM-DD, not "${values.at}"`);
  }

  const located = await locateFlows(values.rules ?? 'rules', [values.flow]);
  let pack: CompiledPack | undefined = readCachedPack(located.root, located.files);
  if (!pack) {
    const { loadFiles } = await import('./project.ts');
    const project = loadFiles(located.root, located.files);
    if (!project.pack) {
      for (const d of project.diagnostics) io.err(formatDiagnostic(d));
      io.err('policylens eval: the rules have errors; fix them first (policylens validate)');
      return 1;
    }
    pack = project.pack;
    writeCachedPack(located.root, located.files, pack);
  }
  const flow = pack.flows.find((f) => f.id === values.flow);
  if (!flow) {
    const known = located.known ?? pack.flows.map((f) => f.id);
    throw new UsageError(`unknown flow "${values.flow}"; valid flows: ${known.join(', ')}`);
  }

  const input = readInput(values.facts);
  const facts = await parseFacts(input.name, input.text, pack.facts, io);
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

/** Parses a facts file; prints every problem with its position and returns nothing if any is an error. */
async function parseFacts(
  name: string,
  text: string,
  vocabulary: Parameters<typeof checkFacts>[0],
  io: Io,
): Promise<Facts | undefined> {
  const parsed = parseJson(text);
  if (!parsed.isOk) {
    io.err(`${name}:${parsed.line}:${parsed.col}: error: not valid JSON: ${parsed.message}`);
    return undefined;
  }
  const value = parsed.value;
  const problems = checkFacts(vocabulary, value);
  // Positions are worth a second parse only when there is something to point at.
  const positions =
    problems.length > 0 ? (await import('../engine/yaml.ts')).parseYamlFile(name, text) : undefined;
  for (const p of problems) {
    const pos = positions!.posAt(p.path);
    io.err(formatDiagnostic({ file: name, ...pos, severity: p.severity, message: p.message }));
  }
  return problems.some((p) => p.severity === 'error') ? undefined : (value as Facts);
}

const HELP = `Usage: policylens eval --flow ID --facts FILE|- [options]

Evaluates one flow for the facts in FILE (JSON; - reads standard input) and prints
each rule's status, message and why.

Options:
  --flow ID                The flow to evaluate, e.g. reseller.join.
  --facts FILE|-           The facts: a nested JSON object; - for standard input.
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
