import {
  checkFacts,
  createEvaluator,
  formatDiagnostic,
  parseYamlFile,
  summarizeEligibility,
  UnknownFlowError,
  type Facts,
  type FlowResult,
  type Lang,
} from '../engine/index.ts';
import { isDate } from '../engine/dates.ts';
import { readInput } from './files.ts';
import { parse, UsageError, type Command, type Io } from './args.ts';
import { parseJson } from './json.ts';

import { loadProject } from './project.ts';
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

  const project = loadProject(values.rules ?? 'rules');
  if (!project.pack) {
    for (const d of project.diagnostics) io.err(formatDiagnostic(d));
    io.err('policylens eval: the rules have errors; fix them first (policylens validate)');
    return 1;
  }
  const flows = project.pack.flows.map((f) => f.id);
  if (!flows.includes(values.flow)) {
    throw new UsageError(`unknown flow "${values.flow}"; valid flows: ${flows.join(', ')}`);
  }

  const input = readInput(values.facts);
  const facts = parseFacts(input.name, input.text, project.pack.facts, io);
  if (!facts) return 1;

  const evaluator = createEvaluator(project.pack);
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
    const flow = project.pack.flows.find((f) => f.id === values.flow)!;
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
function parseFacts(
  name: string,
  text: string,
  vocabulary: Parameters<typeof checkFacts>[0],
  io: Io,
): Facts | undefined {
  const parsed = parseJson(text);
  if (!parsed.isOk) {
    io.err(`${name}:${parsed.line}:${parsed.col}: error: not valid JSON: ${parsed.message}`);
    return undefined;
  }
  const value = parsed.value;
  const problems = checkFacts(vocabulary, value);
  const positions = parseYamlFile(name, text);
  for (const p of problems) {
    const pos = positions.posAt(p.path);
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
  summary: 'Evaluate one flow for a facts file',
  help: HELP,
  run,
};
