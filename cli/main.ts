import { parseArgs, type ParseArgsConfig } from 'node:util';
import { diffCommand } from './diff.ts';
import { docsCommand } from './docs.ts';
import { evalCommand } from './eval.ts';
import { UsageError } from './files.ts';
import { lintCommand } from './lint.ts';
import { testCommand } from './test.ts';
import { validateCommand } from './validate.ts';

export const USAGE = `Usage: policylens <command> [options]

Commands:
  validate [PATH...]          Check rule files, case files and the fact vocabulary
                              (default: rules/). Exit 0 valid, 1 errors, 2 usage.
  eval --flow ID --facts FILE|-
       [--at YYYY-MM-DD] [--lang zh-CN|en] [--format text|json]
                              Evaluate one flow for a facts file (JSON) or stdin.
  test [PATH...] [--format text|json|junit] [--grep TEXT]
       [--coverage] [--min-coverage N]
                              Run the case files (*.cases.yaml) under PATH (default: rules/).
  lint [PATH...] [--config FILE] [--fail-on error|warning]
       [--format text|json] [--list-rules]
                              Warn about rules that can never apply, fail or pass,
                              facts no page reads, messages naming facts the rule
                              does not read, rules without cases, date gaps. Lint
                              rules are set in .policylens.yaml. Exit 0, or 1 when a
                              finding reaches --fail-on (default error).
  diff BASE [HEAD] [--rules DIR] [--corpus FILE.jsonl] [--at YYYY-MM-DD]
       [--format text|json|markdown] [--examples N] [--fail-on-change]
                              Which rule statuses change between two versions of the
                              rules (folders or git refs; HEAD: the working tree's
                              rules/), over every case and an optional corpus of fact
                              sets. Exit 0, or 1 with --fail-on-change and a change.
  docs [PATH] [--out DIR] [--check]
                              Generate the rule catalogue of the rules in PATH (default
                              rules/): Markdown and one HTML page, in DIR (default
                              docs/rules/). --check writes nothing and exits 1 when the
                              catalogue is out of date.

Options:
  -h, --help                  Show this help.
`;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

type Command = (args: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  validate: validateCommand,
  eval: evalCommand,
  test: testCommand,
  lint: lintCommand,
  diff: diffCommand,
  docs: docsCommand,
};

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`policylens: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`policylens ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/** node:util parseArgs with usage errors turned into exit code 2. */
export function parse<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
