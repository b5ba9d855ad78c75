import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadSuites } from '../../engine/authoring/cases.ts';
import {
  createEvaluator,
  fileKind,
  loadPack,
  STATUSES,
  type Diagnostic,
  type SourceFile,
} from '../../engine/index.ts';
import { OPERATORS } from '../../engine/operators.ts';
import { FACTS_FILE, loadRealPack, realFiles } from '../unit/engine/helpers.ts';
import { applyEdits, edit, lineCount } from './mutate.ts';

// Bounded and seeded: the same runs every time, fast enough for every test run. For a deeper
// search: FUZZ_RUNS=5000 FUZZ_SEED=$RANDOM npx vitest run test/fuzz
const RUNS = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 200),
  seed: Number(process.env.FUZZ_SEED ?? 20250616),
};

const files = realFiles();
const ruleFiles = files.filter((f) => fileKind(f.path) === 'rules');
const caseFiles = files.filter((f) => fileKind(f.path) === 'cases');
const realPack = loadRealPack();

/** Every diagnostic names one of the files, a line and column inside it, and a message. */
function checkDiagnostics(diagnostics: Diagnostic[], sources: SourceFile[]): void {
  for (const d of diagnostics) {
    const source = sources.find((s) => s.path === d.file);
    expect(source, `diagnostic for an unknown file: ${JSON.stringify(d)}`).toBeDefined();
    const lines = source!.text.split('\n');
    expect(Number.isInteger(d.line) && d.line >= 1, JSON.stringify(d)).toBe(true);
    expect(d.line, JSON.stringify(d)).toBeLessThanOrEqual(lineCount(source!.text));
    expect(Number.isInteger(d.col) && d.col >= 1, JSON.stringify(d)).toBe(true);
    expect(d.col, JSON.stringify(d)).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
    expect(typeof d.message === 'string' && d.message.trim().length > 0).toBe(true);
    expect(['error', 'warning']).toContain(d.severity);
  }
}

/** Loads a pack and checks its diagnostics; a pack comes back exactly when there is no error. */
function loadChecked(sources: SourceFile[]) {
  const result = loadPack(sources);
  checkDiagnostics(result.diagnostics, sources);
  const hasErrors = result.diagnostics.some((d) => d.severity === 'error');
  expect(result.pack === undefined).toBe(hasErrors);
  return result;
}

const edits = fc.array(edit, { minLength: 1, maxLength: 4 });

describe('the loader on mutated real files', { timeout: 600_000 }, () => {
  it('never throws on a mutated rule file, and points every diagnostic inside it', () => {
    fc.assert(
      fc.property(fc.nat({ max: ruleFiles.length - 1 }), edits, (i, changes) => {
        const mutated = { path: ruleFiles[i]!.path, text: applyEdits(ruleFiles[i]!.text, changes) };
        const { pack } = loadChecked([FACTS_FILE, mutated]);
        if (pack) {
          for (const flow of pack.flows) expect(flow.rules.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it('never throws on a mutated vocabulary, beside real rules', () => {
    const some = ruleFiles.slice(0, 3);
    fc.assert(
      fc.property(edits, (changes) => {
        loadChecked([
          { path: FACTS_FILE.path, text: applyEdits(FACTS_FILE.text, changes) },
          ...some,
        ]);
      }),
      RUNS,
    );
  });

  it('never throws on a mutated case file, and never yields a suite from a file with errors', () => {
    fc.assert(
      fc.property(fc.nat({ max: caseFiles.length - 1 }), edits, (i, changes) => {
        const mutated = { path: caseFiles[i]!.path, text: applyEdits(caseFiles[i]!.text, changes) };
        const { suites, diagnostics } = loadSuites([mutated], realPack);
        checkDiagnostics(diagnostics, [mutated]);
        const hasErrors = diagnostics.some((d) => d.severity === 'error');
        expect(suites.length).toBe(hasErrors ? 0 : 1);
      }),
      RUNS,
    );
  });

  it('a pack with one broken file among real ones is refused as a whole', () => {
    fc.assert(
      fc.property(fc.nat({ max: ruleFiles.length - 1 }), edits, (i, changes) => {
        const mutated = { path: ruleFiles[i]!.path, text: applyEdits(ruleFiles[i]!.text, changes) };
        const sources = [FACTS_FILE, ...ruleFiles.map((f, k) => (k === i ? mutated : f))];
        const { pack, diagnostics } = loadChecked(sources);
        if (diagnostics.some((d) => d.severity === 'error')) expect(pack).toBeUndefined();
        // Errors only ever concern the file that changed, or ids and flows it now duplicates.
        for (const d of diagnostics) {
          if (d.file !== mutated.path)
            expect(['duplicate-rule', 'duplicate-flow']).toContain(d.code);
        }
      }),
      { ...RUNS, numRuns: Math.ceil(RUNS.numRuns / 5) },
    );
  });
});

describe('the loader on random input', { timeout: 600_000 }, () => {
  it('never throws on random text in any file', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 })),
        fc.constantFrom('rules/facts.yaml', 'rules/demo/flow.yaml'),
        (text, path) => {
          const sources =
            path === FACTS_FILE.path ? [{ path, text }] : [FACTS_FILE, { path, text }];
          loadChecked(sources);
        },
      ),
      RUNS,
    );
  });

  it('never throws on random YAML values', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (value) => {
        let text: string | undefined;
        try {
          text = stringify(value) as string | undefined;
        } catch {
          return; // Not every JavaScript value has a YAML form.
        }
        if (typeof text !== 'string') return;
        loadChecked([FACTS_FILE, { path: 'rules/demo/flow.yaml', text }]);
      }),
      RUNS,
    );
  });

  // Rule files shaped like real ones, with facts, operators and values drawn from the real
  // vocabulary and from junk, so that most reach the semantic checks and some load.
  const vocabulary = realPack.facts;
  const factNames = Object.keys(vocabulary);
  const enumValues = [
    ...new Set(Object.values(vocabulary).flatMap((f) => Object.keys(f.values ?? {}))),
  ];
  const localized = fc.record({
    'zh-CN': fc.constantFrom('中文', '{account.freeze}'),
    en: fc.constantFrom('English', '{nope.fact}', 'x'),
  });
  const value = fc.oneof(
    fc.constantFrom(...enumValues),
    fc.boolean(),
    fc.integer({ min: -5, max: 200 }),
    fc.constantFrom('2025-05', '2024-04-15', 'x', '', 3, 31, 0),
    fc.constantFrom(...factNames).map((fact) => ({ fact })),
    fc.array(fc.constantFrom(...enumValues), { maxLength: 3 }),
  );
  // Mostly well-typed comparisons (so that some packs load), now and then anything goes.
  type Leaf = { fact: string; operator: string; value: unknown };
  const typedLeaf = fc.constantFrom(...factNames).chain((fact): fc.Arbitrary<Leaf> => {
    const def = vocabulary[fact]!;
    const values = Object.keys(def.values ?? {});
    const sameType = factNames.filter((n) => vocabulary[n]!.type === def.type);
    switch (def.type) {
      case 'enum':
        return fc.oneof(
          fc.record({
            fact: fc.constant(fact),
            operator: fc.constantFrom('equal', 'notEqual'),
            value: fc.constantFrom(...values),
          }),
          fc.record({
            fact: fc.constant(fact),
            operator: fc.constantFrom('in', 'notIn'),
            value: fc.subarray(values, { minLength: 1 }),
          }),
        );
      case 'boolean':
        return fc.record({
          fact: fc.constant(fact),
          operator: fc.constantFrom('equal', 'notEqual'),
          value: fc.boolean(),
        });
      case 'number':
        return fc.record({
          fact: fc.constant(fact),
          operator: fc.constantFrom(
            'equal',
            'lessThan',
            'lessThanInclusive',
            'greaterThan',
            'greaterThanInclusive',
          ),
          value: fc.integer({ min: -1, max: 200 }),
        });
      case 'string':
        return fc.record({
          fact: fc.constant(fact),
          operator: fc.constantFrom('equal', 'sameEntity', 'notSameEntity'),
          value: fc.oneof(
            fc.constantFrom('华为（中国）有限公司', 'x'),
            fc.constantFrom(...sameType).map((f) => ({ fact: f })),
          ),
        });
      case 'month':
        return fc.record({
          fact: fc.constant(fact),
          operator: fc.constant('monthBefore'),
          value: fc.constant({ fact: 'context.date' }),
        });
      case 'date':
        return fc.record({
          fact: fc.constant(fact),
          operator: fc.constant('dayOfMonthAfter'),
          value: fc.integer({ min: 1, max: 31 }),
        });
    }
  });
  const leaf = fc.oneof(
    { weight: 6, arbitrary: typedLeaf },
    {
      weight: 1,
      arbitrary: fc.record({
        fact: fc.constantFrom(...factNames, 'account.nope', 'x'),
        operator: fc.constantFrom(...Object.keys(OPERATORS), 'equals', 'contains'),
        value,
      }),
    },
  );
  const { condition } = fc.letrec((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('condition') }),
    ),
  }));
  const date = fc.constantFrom('2024-04-15', '2024-11-30', '2025-01-01', '2024-02-30');
  const chaoticRule = (id: string) =>
    fc.record(
      {
        id: fc.constantFrom(id, 'other.flow.x'),
        severity: fc.constantFrom('block', 'warn', 'info', 'fatal'),
        source: fc.constantFrom('seed L1', 'https://example.com', 'somewhere'),
        title: localized,
        message: localized,
        fail: localized,
        when: condition,
        require: condition,
        from: date,
        until: date,
        versions: fc.array(
          fc.record(
            { from: date, until: date, require: condition, message: localized },
            { requiredKeys: [] },
          ),
          { minLength: 1, maxLength: 3 },
        ),
      },
      { requiredKeys: ['id', 'severity', 'title', 'message'] },
    );
  const plainText = fc.record({
    'zh-CN': fc.constantFrom('中文', '状态{account.freeze}'),
    en: fc.constant('English'),
  });
  const sensibleRule = (id: string) =>
    fc.record(
      {
        id: fc.constant(id),
        severity: fc.constantFrom('block', 'warn', 'info'),
        source: fc.constant('seed L1'),
        title: plainText,
        message: plainText,
        when: condition,
        require: condition,
      },
      { requiredKeys: ['id', 'severity', 'source', 'title', 'message'] },
    );
  const ruleShape = (id: string) =>
    fc.oneof({ weight: 3, arbitrary: sensibleRule(id) }, { weight: 1, arbitrary: chaoticRule(id) });
  const ruleFileShape = fc.record({
    flow: fc.constant('demo.flow'),
    title: localized,
    rules: fc.tuple(ruleShape('demo.flow.a'), ruleShape('demo.flow.b')),
  });

  it('never throws on rule files built from the vocabulary, and what loads evaluates', async () => {
    let loaded = 0;
    await fc.assert(
      fc.asyncProperty(
        ruleFileShape,
        fc.dictionary(fc.constantFrom(...factNames), value, { maxKeys: 6 }),
        async (shape, flat) => {
          const text = stringify(shape);
          const { pack } = loadChecked([FACTS_FILE, { path: 'rules/demo/flow.yaml', text }]);
          if (!pack) return;
          loaded++;
          // Nest the dotted facts the way pages would hand them over.
          const facts: Record<string, unknown> = {};
          for (const [name, v] of Object.entries(flat)) {
            let node = facts;
            const parts = name.split('.');
            for (const part of parts.slice(0, -1))
              node = (node[part] ??= {}) as Record<string, unknown>;
            node[parts.at(-1)!] = v;
          }
          const { results } = await createEvaluator(pack).evaluate('demo.flow', facts, {
            at: '2024-11-30',
          });
          expect(results.map((r) => r.rule)).toEqual(pack.flows[0]!.rules.map((r) => r.id));
          for (const r of results) expect(STATUSES).toContain(r.status);
        },
      ),
      RUNS,
    );
    // The generator must reach the evaluator now and then, or this test proves little.
    expect(loaded).toBeGreaterThan(RUNS.numRuns / 20);
  });
});
