import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSuites } from '../../engine/authoring/cases.ts';
import { checkFacts, fileKind } from '../../engine/index.ts';
import { cli, removeTempDirs, tempDir } from '../unit/cli/helpers.ts';
import { loadRealPack, realFiles, RULES_DIR } from '../unit/engine/helpers.ts';
import { applyEdits, edit, lineCount } from './mutate.ts';

// Each run is a whole CLI call (reading and loading the pack), so fewer runs than elsewhere.
const RUNS = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 150),
  seed: Number(process.env.FUZZ_SEED ?? 20250616),
};

// A small copy of the real pack keeps each CLI run quick: three flows, the real vocabulary.
const FLOWS = ['reseller.join', 'invoice.request', 'funds.withdraw'];
const RULE_FILES = ['reseller/join.yaml', 'invoice/request.yaml', 'funds/withdraw.yaml'];

const pack = loadRealPack();
const cases = loadSuites(
  realFiles().filter((f) => fileKind(f.path) === 'cases'),
  pack,
)
  .suites.flatMap((s) => s.cases)
  .filter((c) => FLOWS.includes(c.flow));
const bases = cases.map((c) => ({ flow: c.flow, text: JSON.stringify(c.facts, null, 2) }));

let dir: string;
let factsPath: string;

beforeAll(() => {
  dir = tempDir(
    Object.fromEntries(RULE_FILES.map((f) => [f, readFileSync(join(RULES_DIR, f), 'utf8')])),
  );
  factsPath = join(dir, 'facts.json');
});
afterAll(removeTempDirs);

/** Leaf values to drop into valid JSON: wrong types, wrong enum values, odd strings. */
const junkJson = fc.oneof(
  fc.constantFrom(
    '"frozen"',
    '"yes"',
    '1e400',
    '-0',
    '[]',
    '{}',
    '"2025-13"',
    '""',
    'null',
    'true',
    '0',
    '"\\u0000"',
    '{"toString": 0}',
  ),
  fc.json({ maxDepth: 2 }),
);

const mutatedFacts = fc.oneof(
  // Text edits: most of these make the JSON invalid.
  fc
    .tuple(fc.constantFrom(...bases), fc.array(edit, { minLength: 1, maxLength: 3 }))
    .map(([b, edits]) => ({
      flow: b.flow,
      text: applyEdits(b.text, edits),
    })),
  // Value edits: valid JSON with values that do not fit the facts.
  fc.tuple(fc.constantFrom(...bases), fc.nat(), junkJson).map(([b, n, junk]) => {
    const values = [...b.text.matchAll(/: ([^{\n][^\n]*?),?$/gm)];
    if (values.length === 0) return b;
    const m = values[n % values.length]!;
    const start = m.index! + 2;
    return {
      flow: b.flow,
      text: b.text.slice(0, start) + junk + b.text.slice(start + m[1]!.length),
    };
  }),
);

describe('policylens eval on mutated facts', { timeout: 600_000 }, () => {
  it('exits 0 or 1, never throws, and puts a position on every problem', async () => {
    await fc.assert(
      fc.asyncProperty(
        mutatedFacts,
        fc.constantFrom('json', 'text'),
        fc.constantFrom('en', 'zh-CN'),
        async ({ flow, text }, format, lang) => {
          writeFileSync(factsPath, text);
          const run = await cli(
            'eval',
            '--rules',
            dir,
            '--flow',
            flow,
            '--facts',
            factsPath,
            '--at',
            '2025-06-16',
            '--format',
            format,
            '--lang',
            lang,
          );
          expect([0, 1]).toContain(run.code);
          let parsed: unknown;
          let parseError: Error | undefined;
          try {
            parsed = JSON.parse(text);
          } catch (error) {
            parseError = error as Error;
          }
          if (parseError) {
            expect(run.code).toBe(1);
            expect(run.out).toBe('');
            const lines = run.err.trimEnd().split('\n');
            expect(lines).toHaveLength(1);
            const m = /^(.*):(\d+):(\d+): error: not valid JSON: \S/.exec(lines[0]!);
            expect(m, run.err).not.toBeNull();
            const [line, col] = [Number(m![2]), Number(m![3])];
            expect(m![1]).toBe(factsPath);
            expect(line).toBeGreaterThanOrEqual(1);
            expect(line).toBeLessThanOrEqual(lineCount(text));
            expect(col).toBeGreaterThanOrEqual(1);
            expect(col).toBeLessThanOrEqual(text.split('\n')[line - 1]!.length + 1);
            // Where V8 names the offset, the position is exactly there.
            const offset = /position (\d+)/.exec(parseError.message);
            if (offset) {
              const before = text.slice(0, Number(offset[1]));
              expect([line, col]).toEqual([
                before.split('\n').length,
                before.length - before.lastIndexOf('\n'),
              ]);
            }
            return;
          }
          const problems = checkFacts(pack.facts, parsed);
          const errLines = run.err.trimEnd().split('\n').filter(Boolean);
          expect(errLines).toHaveLength(problems.length);
          for (const l of errLines) expect(l).toMatch(/^.*:\d+:\d+: (error|warning): \S/);
          if (problems.some((p) => p.severity === 'error')) {
            expect(run.code).toBe(1);
            expect(run.out).toBe('');
          } else {
            expect(run.code).toBe(0);
            if (format === 'json') {
              const output = JSON.parse(run.out);
              expect(output.results).toHaveLength(
                pack.flows.find((f) => f.id === flow)!.rules.length,
              );
            } else {
              expect(run.out).toContain(`${flow} — `);
            }
          }
        },
      ),
      RUNS,
    );
  });
});
