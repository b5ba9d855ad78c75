import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSuites } from '../../engine/authoring/cases.ts';
import {
  checkFacts,
  createEvaluator,
  fileKind,
  STATUSES,
  type CompiledFlow,
  type Facts,
  type FlowResult,
} from '../../engine/index.ts';
import { loadRealPack, realFiles } from '../unit/engine/helpers.ts';

const RUNS = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 300),
  seed: Number(process.env.FUZZ_SEED ?? 20250616),
};

const pack = loadRealPack();
const evaluator = createEvaluator(pack);
const vocabulary = pack.facts;
const factNames = Object.keys(vocabulary).filter((n) => !vocabulary[n]!.isBuiltIn);
const flows = pack.flows;
const realCases = loadSuites(
  realFiles().filter((f) => fileKind(f.path) === 'cases'),
  pack,
).suites.flatMap((s) => s.cases);

/** Values no fact should hold: wrong types, edge numbers, huge and odd strings, structures. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    Number.MAX_VALUE,
    null,
    undefined,
    '',
    ' ',
    'x'.repeat(100_000),
    '华为（中国）有限公司',
    '2025-13',
    '2025-02-30',
    'none',
    'true',
    [],
    {},
    [null],
    { fact: 'account.freeze' },
    { then: 1 },
  ),
  fc.anything({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double(),
);

/** A value that fits the fact, so that rules get past unknown. */
function fitting(name: string): fc.Arbitrary<unknown> {
  const def = vocabulary[name]!;
  switch (def.type) {
    case 'enum':
      return fc.constantFrom(...Object.keys(def.values ?? {}));
    case 'boolean':
      return fc.boolean();
    case 'number':
      return fc.integer({ min: -10, max: 10_000 });
    case 'string':
      return fc.constantFrom('华为（中国）有限公司', '华为(中国)有限公司 ', 'Other Co.', '');
    case 'month':
      return fc.constantFrom('2025-05', '2024-12', '2025-06');
    case 'date':
      return fc.constantFrom('2025-06-16');
  }
}

/** Sets a dotted path as own properties (so "__proto__" is a key, as JSON.parse makes it). */
function put(facts: Facts, path: string[], value: unknown): void {
  let node: Record<string, unknown> = facts;
  for (const part of path.slice(0, -1)) {
    const next = Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      Object.defineProperty(node, part, {
        value: {},
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    node = node[part] as Record<string, unknown>;
  }
  Object.defineProperty(node, path.at(-1)!, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

const segment = fc.constantFrom(
  'account',
  'partner',
  'form',
  'invoice',
  'realName',
  'status',
  'x',
  '0',
  '',
  '__proto__',
  'constructor',
  'toString',
);

/** Facts built from the vocabulary with fitting and junk values, extra keys and deep nesting. */
const facts: fc.Arbitrary<Facts> = fc
  .record({
    known: fc.array(
      fc
        .constantFrom(...factNames)
        .chain((name) =>
          fc.tuple(
            fc.constant(name),
            fc.oneof({ weight: 3, arbitrary: fitting(name) }, { weight: 1, arbitrary: junk }),
          ),
        ),
      { maxLength: 12 },
    ),
    extra: fc.array(fc.tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), junk), {
      maxLength: 3,
    }),
    deep: fc.option(
      fc.tuple(fc.constantFrom('account', 'form', 'zzz'), fc.integer({ min: 1, max: 3000 })),
    ),
  })
  .map(({ known, extra, deep }) => {
    const out: Facts = {};
    for (const [name, value] of known) put(out, name.split('.'), value);
    for (const [path, value] of extra) put(out, path, value);
    if (deep) {
      let nested: unknown = 'bottom';
      for (let i = 0; i < deep[1]; i++) nested = i % 2 ? [nested] : { realName: nested };
      put(out, [deep[0]], nested);
    }
    return out;
  });

/** A real case's facts with some values replaced by junk, some removed, some keys added. */
const mutatedCase: fc.Arbitrary<{ flow: string; facts: Facts }> = fc
  .tuple(
    fc.constantFrom(...realCases),
    fc.array(fc.tuple(fc.constantFrom(...factNames), fc.option(junk, { nil: undefined })), {
      maxLength: 4,
    }),
  )
  .map(([c, changes]) => {
    const copy = structuredClone(c.facts);
    for (const [name, value] of changes) put(copy, name.split('.'), value);
    return { flow: c.flow, facts: copy };
  });

const date = fc
  .date({
    min: new Date('2023-01-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

/** What every evaluation must look like, whatever the facts. */
function checkResult(flow: CompiledFlow, result: FlowResult): void {
  expect(result.results.map((r) => r.rule)).toEqual(flow.rules.map((r) => r.id));
  result.results.forEach((r, i) => {
    const rule = flow.rules[i]!;
    expect(STATUSES).toContain(r.status);
    expect(r.severity).toBe(rule.severity);
    expect(typeof r.message === 'string' && r.message.length > 0).toBe(true);
    expect(typeof r.reason === 'string' && r.reason.length > 0).toBe(true);
    const version = rule.versions.find(
      (v) => (!v.from || result.at >= v.from) && (!v.until || result.at < v.until),
    );
    if (r.status === 'notice') expect(version?.require).toBeUndefined();
    if (r.status === 'pass' || r.status === 'fail') expect(version?.require).toBeDefined();
    // Unknown always says what is missing, and only facts of the vocabulary.
    if (r.status === 'unknown') expect(r.missing.length).toBeGreaterThan(0);
    else expect(r.missing).toEqual([]);
    for (const name of r.missing) expect(vocabulary[name]).toBeDefined();
  });
}

describe('checkFacts on random and mutated facts', { timeout: 600_000 }, () => {
  it('never throws, and every problem names a fact, a path and a message', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          facts,
          mutatedCase.map((c) => c.facts),
          junk,
        ),
        (value) => {
          const problems = checkFacts(vocabulary, value);
          for (const p of problems) {
            expect(['error', 'warning']).toContain(p.severity);
            expect(p.message.length).toBeGreaterThan(0);
            expect(Array.isArray(p.path)).toBe(true);
            expect(p.fact).toBe(p.path.join('.'));
          }
          if (value === null || typeof value !== 'object' || Array.isArray(value)) {
            expect(problems.map((p) => p.severity)).toEqual(['error']);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('the evaluator on random and mutated facts', { timeout: 600_000 }, () => {
  it('never throws and returns one well-formed result per rule, on every flow', async () => {
    await fc.assert(
      fc.asyncProperty(
        facts,
        fc.constantFrom(...flows),
        date,
        fc.constantFrom('en', 'zh-CN') as fc.Arbitrary<'en' | 'zh-CN'>,
        async (input, flow, at, lang) => {
          checkResult(flow, await evaluator.evaluate(flow.id, input, { at, lang }));
        },
      ),
      RUNS,
    );
  });

  it('never throws on mutated real cases, and what checkFacts accepts evaluates the same twice', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedCase, date, async ({ flow, facts: input }, at) => {
        const compiled = flows.find((f) => f.id === flow)!;
        const first = await evaluator.evaluate(flow, input, { at, lang: 'en' });
        checkResult(compiled, first);
        if (!checkFacts(vocabulary, input).some((p) => p.severity === 'error')) {
          expect(await evaluator.evaluate(flow, input, { at, lang: 'en' })).toEqual(first);
        }
      }),
      RUNS,
    );
  });

  it('never throws when the facts are not even an object', async () => {
    await fc.assert(
      fc.asyncProperty(junk, fc.constantFrom(...flows), async (input, flow) => {
        const result = await evaluator.evaluate(flow.id, input as Facts, { at: '2025-06-16' });
        checkResult(flow, result);
      }),
      { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 3) },
    );
  });
});
