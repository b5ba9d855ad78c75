import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../cli/project.ts';
import {
  createEvaluator,
  describeLeaf,
  type ExplainNode,
  type Facts,
  type Lang,
  readFact,
} from '../../../engine/index.ts';
import { fill, interpolate, templateParts } from '../../../engine/messages.ts';
import { words } from '../../../locales/index.ts';
import { evaluatorFor, rule, ruleFile, RULES_DIR } from './helpers.ts';

// An evaluator keeps what it can between evaluations (each flow's engine, each condition's
// words, the formatters of numbers and dates). Nothing it keeps may show in a later result:
// a reused evaluator must say exactly what a new one says, whatever came before.

const project = loadProject(RULES_DIR);
const pack = project.pack!;
const cases = project.suites.flatMap((s) => s.cases);
const DATES = ['2023-01-10', '2025-06-16', '2027-12-31'];

describe('an evaluator used again and again', () => {
  it('gives what a new evaluator gives, for every case, in both languages and on several dates', async () => {
    expect(cases.length).toBeGreaterThan(100);
    const reused = createEvaluator(pack);
    for (const at of DATES) {
      for (const c of cases) {
        // Languages alternate, so each comes after the other.
        for (const lang of ['en', 'zh-CN', 'en'] as Lang[]) {
          const options = { at: c.at ?? at, lang };
          const fresh = await createEvaluator(pack).evaluate(c.flow, c.facts, options);
          expect(await reused.evaluate(c.flow, c.facts, options)).toEqual(fresh);
        }
      }
    }
  });

  it('words each deciding condition as describeLeaf does, in the language asked for', async () => {
    const evaluator = createEvaluator(pack);
    let checked = 0;
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      const reasons = words(lang).reasons;
      for (const c of cases) {
        const { results } = await evaluator.evaluate(c.flow, c.facts, { at: c.at, lang });
        for (const r of results) {
          if (r.require?.kind !== 'fact' || (r.status !== 'pass' && r.status !== 'fail')) continue;
          const leaf = r.require as Extract<ExplainNode, { kind: 'fact' }>;
          const said = describeLeaf(leaf, pack.facts, lang);
          expect(r.reason).toBe(
            r.status === 'pass' ? reasons.holds([said]) : reasons.fails([said]),
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  const logic = evaluatorFor({
    'rules/demo/flow.yaml': ruleFile(
      rule(
        'demo.flow.holder',
        `    require:
      fact: form.withdraw.holderName
      operator: sameEntity
      value: { fact: account.realName.entityName }
`,
      ) +
        rule(
          'demo.flow.invoiced',
          `    fail: { zh-CN: '{funds.invoicedAmount} 于 {context.date}', en: '{funds.invoicedAmount} on {context.date}' }
    require: { fact: funds.invoicedAmount, operator: equal, value: 0 }
`,
        ),
    ),
  });
  const reasonOf = async (facts: Facts, lang: Lang, at = '2025-06-16') => {
    const { results } = await logic.evaluate('demo.flow', facts, { at, lang });
    return Object.fromEntries(results.map((r) => [r.rule.slice('demo.flow.'.length), r]));
  };

  it('words a comparison with another fact with that fact as it is now, not as it was', async () => {
    const holder = { form: { withdraw: { holderName: 'Acme Ltd' } } };
    const first = await reasonOf(
      { ...holder, account: { realName: { entityName: 'Acme Ltd' } } },
      'en',
    );
    expect(first.holder!.reason).toBe(
      'Met: Account holder name names the same entity as Verified entity "Acme Ltd" (found: Acme Ltd).',
    );
    const second = await reasonOf(
      { ...holder, account: { realName: { entityName: 'Beta Co' } } },
      'en',
    );
    expect(second.holder!.status).toBe('fail');
    expect(second.holder!.reason).toBe(
      'Not met. Expected: Account holder name names the same entity as Verified entity "Beta Co" (found: Acme Ltd).',
    );
  });

  it('fills a message with the evaluation date and amounts in the language asked for, leaving the facts as given', async () => {
    const facts = { funds: { invoicedAmount: 1200 }, context: { date: '1999-01-01' } };
    const given = structuredClone(facts);
    const en = await reasonOf(facts, 'en', '2025-06-16');
    expect(en.invoiced!.message).toBe('¥1,200.00 on Jun 16, 2025');
    const zh = await reasonOf(facts, 'zh-CN', '2026-01-02');
    expect(zh.invoiced!.message).toBe('¥1,200.00 于 2026年1月2日');
    expect((await reasonOf(facts, 'en', '2025-06-17')).invoiced!.message).toBe(
      '¥1,200.00 on Jun 17, 2025',
    );
    expect(facts).toEqual(given);
  });

  it('runs evaluations started together one after another, each on its own facts', async () => {
    const started = ['Acme Ltd', 'Beta Co', 'Acme Ltd', 'Gamma', 'Acme Ltd'].map((entityName) =>
      reasonOf(
        {
          form: { withdraw: { holderName: 'Acme Ltd' } },
          account: { realName: { entityName } },
        },
        'en',
      ),
    );
    const statuses = (await Promise.all(started)).map((r) => r.holder!.status);
    expect(statuses).toEqual(['pass', 'fail', 'pass', 'fail', 'pass']);
  });

  it('reports an unknown flow as a rejection, never thrown at the caller', async () => {
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = logic.evaluate('demo.nope', {});
    }).not.toThrow();
    await expect(promise).rejects.toThrow('unknown flow "demo.nope"');
  });
});

describe('a message split once and filled on every evaluation', () => {
  const facts = {
    account: { realName: { status: 'pending' } },
    funds: { invoicedAmount: 1200 },
  };
  const read = (name: string) => readFact(facts, name);
  const cases: [string, string, string][] = [
    ['no placeholder', 'no placeholder', 'no placeholder'],
    ['', '', ''],
    ['{account.realName.status}', 'Under review', '审核中'],
    [
      '{account.realName.status}{funds.invoicedAmount}!',
      'Under review¥1,200.00!',
      '审核中¥1,200.00!',
    ],
    ['end: {funds.invoicedAmount}', 'end: ¥1,200.00', 'end: ¥1,200.00'],
    ['{ x } {not.a.fact} {Bad}', '{ x } unknown {Bad}', '{ x } 未知 {Bad}'],
  ];
  for (const [text, en, zh] of cases) {
    it(`fills ${JSON.stringify(text)} in both languages`, () => {
      const parts = templateParts(text);
      expect(fill(parts, pack.facts, 'en', read)).toBe(en);
      expect(fill(parts, pack.facts, 'zh-CN', read)).toBe(zh);
      expect(interpolate(text, facts, pack.facts, 'en')).toBe(en);
    });
  }
});
