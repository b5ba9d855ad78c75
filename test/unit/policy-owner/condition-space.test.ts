import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignments,
  PRESENT,
  spaceOf,
  truthIn,
  type Assignment,
} from '../../../engine/authoring/condition-space.ts';
import { createEvaluator } from '../../../engine/evaluate.ts';
import { writeFact } from '../../../engine/facts.ts';
import type {
  CompiledPack,
  Condition,
  Facts,
  RuleVersion,
  Status,
  Truth,
} from '../../../engine/types.ts';
import { loadProject } from '../../../cli/project.ts';
import { join } from 'node:path';
import { ROOT } from './helpers.ts';

const real = loadProject(join(ROOT, 'rules'));
const pack = real.pack!;

/** The facts an assignment stands for, as a case would write them. */
function factsOf(a: Assignment): Facts | undefined {
  const facts: Facts = {};
  for (const [name, value] of a.facts) {
    if (value === PRESENT) return undefined;
    if (value !== undefined) writeFact(facts, name, value);
  }
  return facts;
}

/** The status the lint analysis predicts for a version under an assignment. */
function predicted(v: RuleVersion, a: Assignment): Status {
  const when: Truth = truthIn(v.when, a);
  if (when === 'false') return 'skip';
  if (when === 'unknown') return 'unknown';
  if (!v.require) return 'notice';
  const require = truthIn(v.require, a);
  return require === 'true' ? 'pass' : require === 'false' ? 'fail' : 'unknown';
}

/** A date inside a version's span. */
function dateIn(v: RuleVersion): string {
  return v.from ?? (v.until ? '2000-01-01' : '2025-06-16');
}

describe('condition space: the three-valued model lint reasons with', () => {
  it('predicts exactly what the engine decides, for every value of every enum and boolean fact of the real rules', async () => {
    const evaluator = createEvaluator(pack);
    let checked = 0;
    for (const flow of pack.flows) {
      for (const rule of flow.rules) {
        for (const v of rule.versions) {
          const space = spaceOf([v.when, v.require], pack.facts);
          if (space.atoms.length > 0) continue; // names, numbers, dates: not modelled exactly
          for (const a of assignments(space)) {
            const facts = factsOf(a);
            if (!facts) continue;
            const result = await evaluator.evaluate(flow.id, facts, { at: dateIn(v), lang: 'en' });
            const status = result.results.find((r) => r.rule === rule.id)!.status;
            expect({ rule: rule.id, facts, status }).toEqual({
              rule: rule.id,
              facts,
              status: predicted(v, a),
            });
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('agrees with the engine on random conditions over enum and boolean facts', async () => {
    const freeze = ['none', 'closure', 'arrears', 'police', 'violation'];
    const hcpn = ['none', 'applying', 'joined', 'rejected'];
    const leaf: fc.Arbitrary<Condition> = fc.oneof(
      fc.record({
        fact: fc.constant('account.freeze'),
        operator: fc.constantFrom('equal', 'notEqual'),
        value: fc.constantFrom(...freeze),
      }),
      fc.record({
        fact: fc.constant('partner.hcpn.status'),
        operator: fc.constantFrom('in', 'notIn'),
        value: fc.subarray(hcpn, { minLength: 1 }),
      }),
      fc.record({
        fact: fc.constant('account.email.bound'),
        operator: fc.constantFrom('equal', 'notEqual'),
        value: fc.boolean(),
      }),
    );
    const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
      condition: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ all: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('condition'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ not: tie('condition') }),
      ),
    }));
    await fc.assert(
      fc.asyncProperty(condition, condition, async (when, require) => {
        const version: RuleVersion = { when, require };
        const single: CompiledPack = {
          version: 'test',
          facts: pack.facts,
          flows: [
            {
              id: 'demo.flow',
              title: { 'zh-CN': '演示', en: 'Demo' },
              isProgram: false,
              rules: [
                {
                  id: 'demo.flow.rule',
                  flow: 'demo.flow',
                  severity: 'block',
                  title: { 'zh-CN': '规则', en: 'Rule' },
                  message: { 'zh-CN': '说明', en: 'About' },
                  source: ['seed L1'],
                  versions: [version],
                },
              ],
            },
          ],
        };
        const evaluator = createEvaluator(single);
        for (const a of assignments(spaceOf([when, require], pack.facts))) {
          const result = await evaluator.evaluate('demo.flow', factsOf(a)!, { at: '2025-01-01' });
          expect(result.results[0]!.status).toBe(predicted(version, a));
        }
      }),
      { numRuns: 60 },
    );
  });
});
