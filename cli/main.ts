import { escapeControls, quote } from '../engine/diagnostics.ts';
import { UsageError, version, type Command, type Io } from './args.ts';

export type { Io } from './args.ts';

/**
 * Every command, with the line `policylens --help` shows for it. A command's code is loaded
 * only when it runs, so that `policylens eval` does not pay for `lint`, `diff` or `docs`.
 */
const COMMANDS: { name: string; summary: string; load: () => Promise<Command> }[] = [
  {
    name: 'validate',
    summary: 'Check rule files, case files and the fact vocabulary',
    load: async () => (await import('./validate.ts')).validateCommand,
  },
  {
    name: 'eval',
    summary: 'Evaluate one flow for a facts file',
    load: async () => (await import('./eval.ts')).evalCommand,
  },
  {
    name: 'test',
    summary: 'Run the case files (*.cases.yaml)',
    load: async () => (await import('./test.ts')).testCommand,
  },
  {
    name: 'lint',
    summary: 'Find rules that can never apply, fail or pass, and more',
    load: async () => (await import('./lint.ts')).lintCommand,
  },
  {
    name: 'diff',
    summary: 'Which rule statuses change between two versions of the rules',
    load: async () => (await import('./diff.ts')).diffCommand,
  },
  {
    name: 'docs',
    summary: 'Generate the rule catalogue',
    load: async () => (await import('./docs.ts')).docsCommand,
  },
  {
    name: 'pages',
    summary: 'Check the page maps on a saved page (pages check FILE.html --url URL)',
    load: async () => (await import('./pages.ts')).pagesCommand,
  },
];

export const USAGE = `Usage: policylens <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)}${c.summary}`).join('\n')}

Options:
  -h, --help    Show this help; policylens <command> --help shows a command's own options.
  -v, --version Show the version.
`;

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** Runs the CLI and returns its exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    (name ? io.out : io.err)(USAGE);
    return name ? 0 : 2;
  }
  if (name === '-v' || name === '--version') {
    io.out(`policylens ${version()}`);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.err(`policylens: unknown command ${quote(name)}\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await entry.load();
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`policylens ${name}: ${escapeControls(error.message)}`);
      return 2;
    }
    // Anything else is a fault of ours, or of the machine (a full disk, say): one line, not a
    // stack trace; POLICYLENS_DEBUG=1 shows the stack for a bug report.
    const detail = error instanceof Error ? error.message : String(error);
    io.err(`policylens ${name}: ${escapeControls(oneLine(detail))}`);
    if (process.env.POLICYLENS_DEBUG && error instanceof Error && error.stack) io.err(error.stack);
    return 2;
  }
}

function oneLine(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 300 ? `${line.slice(0, 300)}… (cut)` : line;
}
