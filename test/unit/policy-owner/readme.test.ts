import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from './helpers.ts';

// Every `$ npx policylens ...` line in the README's section on lint, diff and docs is run
// here, and what it prints must be exactly the lines shown under it.

const HEADING = '### Policy owners: lint, diff, docs';
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const start = README.indexOf(HEADING);
const SECTION = start < 0 ? '' : README.slice(start).split(/^## /m)[0]!;

interface Example {
  command: string;
  output: string;
}

function examplesIn(markdown: string): Example[] {
  const examples: Example[] = [];
  const blocks = markdown.split(/^```.*$/m).filter((_, i) => i % 2 === 1);
  for (const block of blocks) {
    let current: Example | undefined;
    for (const line of block.replace(/^\n|\n$/g, '').split('\n')) {
      if (line.startsWith('$ npx policylens ')) {
        current = { command: line.slice(2), output: '' };
        examples.push(current);
      } else if (current) {
        current.output += `${line}\n`;
      }
    }
  }
  return examples;
}

/** Splits a command line on spaces; the examples need no quoting. */
function argsOf(command: string): string[] {
  return command.split(' ').slice(2);
}

describe('README: policy owners', () => {
  const examples = examplesIn(SECTION);

  it('has examples of lint, diff and docs', () => {
    expect(examples.map((e) => argsOf(e.command)[0])).toEqual(['lint', 'diff', 'diff', 'docs']);
  });

  for (const example of examples) {
    it(`prints what it shows for: ${example.command}`, async () => {
      const run = await cli(...argsOf(example.command));
      expect(run.out + run.err).toBe(example.output);
      expect(run.code).toBe(0);
    });
  }

  it('is right that --fail-on warning fails on the warnings shown', async () => {
    const run = await cli('lint', 'examples/policy-owner/after', '--fail-on', 'warning');
    expect(run.code).toBe(1);
  });
});
