import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, removeTempRepos, tempRepo } from './helpers.ts';

afterAll(removeTempRepos);

// What policylens lint asks of a rule's cases beyond "some case names it": the days around
// each date boundary, and an unknown for each fact a version reads. Line numbers below are
// lines of RULES.

const RULES = `flow: demo.join
title: { zh-CN: 演示, en: Demo }
rules:
  - id: demo.join.medium
    severity: block
    source: seed L5
    title: { zh-CN: 介质, en: Medium }
    message: { zh-CN: 介质。, en: Medium. }
    when: { fact: form.invoice.type, operator: equal, value: vat-special }
    versions:
      - until: '2024-11-30'
        require: { fact: form.invoice.medium, operator: equal, value: paper }
      - from: '2024-11-30'
        require:
          all:
            - { fact: partner.contractEntity, operator: equal, value: hcc }
            - { fact: form.invoice.medium, operator: equal, value: digital }
`;

/** A case expecting the rule's status at a date with some facts. */
const kase = (name: string, at: string, facts: string, status: string) => `  - name: ${name}
    at: '${at}'
    facts: ${facts}
    expect: { demo.join.medium: ${status} }
`;

const special = (medium: string, entity?: string) =>
  `{ form: { invoice: { type: vat-special, medium: ${medium} } }${entity ? `, partner: { contractEntity: ${entity} }` : ''} }`;

const COMPLETE = [
  kase('the day before', '2024-11-29', special('paper'), 'pass'),
  kase('the day of', '2024-11-30', special('paper', 'hcc'), 'fail'),
  kase('the day after', '2024-12-01', special('digital', 'hcc'), 'pass'),
  kase('old, no type', '2024-11-01', '{ form: { invoice: { medium: paper } } }', 'unknown'),
  kase('old, no medium', '2024-11-01', '{ form: { invoice: { type: vat-special } } }', 'unknown'),
  kase(
    'new, no type',
    '2024-12-01',
    '{ form: { invoice: { medium: paper } }, partner: { contractEntity: hcc } }',
    'unknown',
  ),
  kase(
    'new, no medium',
    '2024-12-01',
    '{ form: { invoice: { type: vat-special } }, partner: { contractEntity: hcc } }',
    'unknown',
  ),
  kase('new, no entity', '2024-12-01', special('digital'), 'unknown'),
];

function lint(cases: string[]) {
  const repo = tempRepo({
    'rules/demo/join.yaml': RULES,
    'rules/demo/join.cases.yaml': `flow: demo.join\ncases:\n${cases.join('')}`,
  });
  return {
    run: cli('lint', join(repo, 'rules')).then((r) => {
      expect(r.err).toBe('');
      return r;
    }),
    file: join(repo, 'rules/demo/join.yaml'),
  };
}

describe('policylens lint: what the cases must show', () => {
  it('is satisfied by the days around each boundary and an unknown for each fact of each version', async () => {
    const { run } = lint(COMPLETE);
    expect((await run).out).toBe('3 files linted: 0 errors, 0 warnings\n');
  });

  it('names the days missing around a boundary, at the boundary', async () => {
    const { run, file } = lint(COMPLETE.filter((c) => !c.includes("'2024-11-29'")));
    expect((await run).out.split('\n')).toEqual([
      `${file}:11:16: warning: rule "demo.join.medium" has no case on 2024-11-29, around its boundary 2024-11-30: add cases on the day before, the day of and the day after it [boundary-without-cases]`,
      '3 files linted: 0 errors, 1 warning',
      '',
    ]);
  });

  it('asks for the unknown of each fact in each version, with the other facts given', async () => {
    const cases = COMPLETE.filter((c) => !c.includes('new, no entity')).filter(
      (c) => !c.includes('old, no type'),
    );
    // A case with no facts at all does not show that one fact keeps the rule undecided.
    cases.push(kase('new, nothing', '2024-12-02', '{}', 'unknown'));
    const { run, file } = lint(cases);
    expect((await run).out.split('\n')).toEqual([
      `${file}:9:19: warning: rule "demo.join.medium" (version until 2024-11-30) has no case in its dates that expects it unknown with form.invoice.type missing and form.invoice.medium given: add one [unknown-without-case]`,
      `${file}:16:23: warning: rule "demo.join.medium" (version from 2024-11-30) has no case in its dates that expects it unknown with partner.contractEntity missing and form.invoice.type and form.invoice.medium given: add one [unknown-without-case]`,
      '3 files linted: 0 errors, 2 warnings',
      '',
    ]);
  });
});
