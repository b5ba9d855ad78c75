import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINT_RULE_NAMES } from '../../../engine/authoring/lint.ts';
import { cli, removeTempRepos, ROOT, tempRepo } from './helpers.ts';

afterAll(removeTempRepos);

/** One flow with one mistake per rule; every line number below is a line of this text. */
const FLAWED = `flow: demo.join
title: { zh-CN: 演示, en: Demo }
rules:
  - id: demo.join.frozen-and-not
    severity: block
    source: seed L7
    title: { zh-CN: 甲, en: A }
    message: { zh-CN: 甲。, en: A. }
    when:
      all:
        - { fact: account.freeze, operator: equal, value: none }
        - { fact: account.freeze, operator: in, value: [arrears, police] }
    require: { fact: account.email.bound, operator: equal, value: true }

  - id: demo.join.not-partner
    severity: block
    source: seed L7
    title: { zh-CN: 乙, en: B }
    message: { zh-CN: 乙。, en: B. }
    require:
      any:
        - { fact: partner.hcpn.status, operator: notEqual, value: joined }
        - { fact: partner.hcpn.status, operator: notEqual, value: applying }

  - id: demo.join.amount
    severity: warn
    source: seed L7
    title: { zh-CN: 丙, en: C }
    message: { zh-CN: 丙。, en: C. }
    require:
      all:
        - { fact: form.invoice.amount, operator: greaterThan, value: 100 }
        - not: { fact: form.invoice.amount, operator: greaterThan, value: 100 }

  - id: demo.join.email
    severity: block
    source: seed L7
    title: { zh-CN: 丁, en: D }
    message: { zh-CN: 丁。, en: D. }
    fail:
      zh-CN: 账号当前为{account.freeze}。
      en: The account is {account.freeze}.
    require: { fact: account.email.bound, operator: equal, value: true }

  - id: demo.join.enterprise
    severity: block
    source: seed L7
    title: { zh-CN: 戊, en: E }
    message: { zh-CN: 戊。, en: E. }
    fail:
      zh-CN: 认证类型为{account.realName.type}。
      en: Verified as {account.realName.type}.
    require:
      all:
        - { fact: account.realName.status, operator: equal, value: verified }
        - { fact: account.realName.type, operator: equal, value: enterprise }

  - id: demo.join.medium
    severity: block
    source: seed L5
    title: { zh-CN: 己, en: F }
    message: { zh-CN: 己。, en: F. }
    versions:
      - until: '2024-04-15'
        require: { fact: form.invoice.medium, operator: equal, value: paper }
      - from: '2024-05-01'
        require: { fact: form.invoice.medium, operator: in, value: [paper, digital] }
`;

const FLAWED_CASES = `flow: demo.join
at: '2025-01-01'
cases:
  - name: everything known
    facts: { account: { freeze: none, email: { bound: true } } }
    expect:
      demo.join.frozen-and-not: skip
      demo.join.not-partner: unknown
      demo.join.amount: unknown
      demo.join.email: pass
      demo.join.enterprise: unknown
  - name: nothing known
    facts: { account: { realName: { status: verified } } }
    expect: { demo.join.email: unknown, demo.join.enterprise: unknown }
  - name: a type without a status
    facts: { account: { realName: { type: enterprise } } }
    expect: { demo.join.enterprise: unknown }
`;

/** The same mistakes made right: nothing to report. */
const SOUND = `flow: demo.join
title: { zh-CN: 演示, en: Demo }
rules:
  - id: demo.join.not-partner
    severity: block
    source: seed L7
    title: { zh-CN: 乙, en: B }
    message: { zh-CN: 乙。, en: B. }
    fail:
      zh-CN: 状态为{partner.hcpn.status}。
      en: 'Status: {partner.hcpn.status}.'
    when: { fact: account.freeze, operator: notIn, value: [arrears, police] }
    require: { fact: partner.hcpn.status, operator: notIn, value: [joined, applying] }
  - id: demo.join.medium
    severity: block
    source: seed L5
    title: { zh-CN: 己, en: F }
    message: { zh-CN: 己。, en: F. }
    versions:
      - until: '2024-04-15'
        require: { fact: form.invoice.medium, operator: equal, value: paper }
      - from: '2024-04-15'
        require:
          any:
            - { fact: form.invoice.medium, operator: equal, value: paper }
            - { fact: form.invoice.amount, operator: greaterThan, value: 100 }
`;

const SOUND_CASES = `flow: demo.join
cases:
  - name: both
    at: '2025-01-01'
    facts: {}
    expect: { demo.join.not-partner: unknown, demo.join.medium: unknown }
  - name: the freeze alone
    facts: { partner: { hcpn: { status: none } } }
    expect: { demo.join.not-partner: unknown }
  - name: the status alone
    facts: { account: { freeze: none } }
    expect: { demo.join.not-partner: unknown }
  - { name: before, at: '2024-04-14', facts: {}, expect: { demo.join.medium: unknown } }
  - name: on the day
    at: '2024-04-15'
    facts: { form: { invoice: { amount: 50 } } }
    expect: { demo.join.medium: unknown }
  - name: after
    at: '2024-04-16'
    facts: { form: { invoice: { medium: digital } } }
    expect: { demo.join.medium: unknown }
`;

function flawedRepo(extra: Record<string, string> = {}): string {
  return tempRepo({
    'rules/demo/join.yaml': FLAWED,
    'rules/demo/join.cases.yaml': FLAWED_CASES,
    ...extra,
  });
}

describe('policylens lint', () => {
  it('reports each kind of mistake at its YAML node, with the lint rule that found it', async () => {
    const repo = flawedRepo();
    const file = join(repo, 'rules/demo/join.yaml');
    const run = await cli('lint', join(repo, 'rules'));
    expect(run.err).toBe('');
    expect(run.out.split('\n')).toEqual([
      `${file}:10:7: warning: rule "demo.join.frozen-and-not" never applies: "when" is false or unknown for every value of account.freeze [never-applies]`,
      `${file}:21:7: warning: rule "demo.join.not-partner" never fails: "require" is true or unknown for every value of partner.hcpn.status; make it a notice (no "require") or fix the condition [never-fails]`,
      `${file}:31:7: warning: rule "demo.join.amount" never passes: "require" is false or unknown [never-passes]`,
      `${file}:41:14: warning: the "fail" text (zh-CN, en) of rule "demo.join.email" interpolates {account.freeze}, a fact the rule does not read (it reads account.email.bound) [message-fact-not-read]`,
      `${file}:51:14: warning: the "fail" text (zh-CN, en) of rule "demo.join.enterprise" interpolates {account.realName.type}, which can be unknown when it shows (e.g. account.realName.status: unverified, account.realName.type missing) [message-fact-unknown]`,
      `${file}:58:9: warning: rule "demo.join.medium" has no cases: no case in a *.cases.yaml expects a status for it [rule-without-cases]`,
      `${file}:66:15: warning: rule "demo.join.medium" is not in effect from 2024-04-15 until 2024-05-01: no version covers those days, so it is skipped then [date-gap]`,
      '3 files linted: 0 errors, 7 warnings',
      '',
    ]);
    // Warnings alone do not fail the run...
    expect(run.code).toBe(0);
    // ...unless CI asks them to.
    const strict = await cli('lint', join(repo, 'rules'), '--fail-on', 'warning');
    expect(strict.code).toBe(1);
    expect(strict.out).toBe(run.out);
  });

  it('finds nothing in rules that say what they mean', async () => {
    const repo = tempRepo({
      'rules/demo/join.yaml': SOUND,
      'rules/demo/join.cases.yaml': SOUND_CASES,
    });
    const run = await cli('lint', join(repo, 'rules'), '--fail-on', 'warning');
    expect(run.out).toBe('3 files linted: 0 errors, 0 warnings\n');
    expect(run.code).toBe(0);
  });

  it('lints the real rules clean with the repository config, so CI can run it with --fail-on warning', async () => {
    const run = await cli('lint', '--fail-on', 'warning');
    expect(run.err).toBe('');
    expect(run.out).toMatch(/^\d+ files linted: 0 errors, 0 warnings\n$/);
    expect(run.code).toBe(0);
  });

  it('prints JSON with --format json', async () => {
    const repo = flawedRepo();
    const run = await cli('lint', join(repo, 'rules'), '--format', 'json');
    const output = JSON.parse(run.out) as {
      errors: number;
      warnings: number;
      findings: { rule: string; line: number; col: number; severity: string }[];
    };
    expect(output.errors).toBe(0);
    expect(output.warnings).toBe(7);
    expect(output.findings[0]).toMatchObject({
      rule: 'never-applies',
      line: 10,
      col: 7,
      severity: 'warning',
    });
  });

  it('lints only the selected files of a pack', async () => {
    const repo = flawedRepo({
      'rules/other/flow.yaml': SOUND.replace(/demo\.join/g, 'other.flow'),
    });
    const run = await cli('lint', join(repo, 'rules/other'));
    expect(run.out).toContain('other.flow.medium" has no cases');
    expect(run.out).not.toContain('demo.join');
  });

  it('refuses invalid rules (exit 1) and bad options (exit 2)', async () => {
    const repo = tempRepo({
      'rules/demo/join.yaml': SOUND.replace('value: [joined, applying]', 'value: [joined, frozen]'),
    });
    const invalid = await cli('lint', join(repo, 'rules'));
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain(`${join(repo, 'rules/demo/join.yaml')}:13:`);
    expect(invalid.err).toContain('fix them first (policylens validate)');

    const usage = await cli('lint', join(repo, 'rules'), '--fail-on', 'info');
    expect(usage.code).toBe(2);
    expect(usage.err).toBe('policylens lint: --fail-on must be error or warning, not "info"\n');
  });

  it('lists its rules with their level from the config', async () => {
    const repo = flawedRepo({ '.policylens.yaml': 'lint:\n  rules:\n    date-gap: off\n' });
    const run = await cli('lint', join(repo, 'rules'), '--list-rules');
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual([...LINT_RULE_NAMES]);
    expect(lines.find((l) => l.startsWith('date-gap'))).toMatch(/^date-gap\s+off\s+The versions/);
    expect(lines.find((l) => l.startsWith('never-fails'))).toMatch(/^never-fails\s+warning\s+/);
  });
});

describe('policylens lint: .policylens.yaml', () => {
  it('turns lint rules off, raises them to errors and excepts named rules or facts', async () => {
    const repo = flawedRepo({
      '.policylens.yaml': `lint:
  rules:
    rule-without-cases: off
    date-gap: off
    never-applies: error
    message-fact-not-read:
      except: [account.freeze]
    message-fact-unknown:
      severity: warning
      except: [demo.join.*]
`,
    });
    const file = join(repo, 'rules/demo/join.yaml');
    const run = await cli('lint', join(repo, 'rules'));
    expect(run.out.split('\n')).toEqual([
      `${file}:10:7: error: rule "demo.join.frozen-and-not" never applies: "when" is false or unknown for every value of account.freeze [never-applies]`,
      `${file}:21:7: warning: rule "demo.join.not-partner" never fails: "require" is true or unknown for every value of partner.hcpn.status; make it a notice (no "require") or fix the condition [never-fails]`,
      `${file}:31:7: warning: rule "demo.join.amount" never passes: "require" is false or unknown [never-passes]`,
      '3 files linted: 1 error, 2 warnings',
      '',
    ]);
    // An error fails the run without --fail-on.
    expect(run.code).toBe(1);
  });

  it('is found beside the rules or above them, or named with --config', async () => {
    const repo = flawedRepo({
      'lint.yaml': 'lint: { rules: { never-fails: off } }\n',
      '.policylens.yaml': 'lint: { rules: { never-passes: off } }\n',
    });
    const found = await cli('lint', join(repo, 'rules'));
    expect(found.out).toContain('[never-fails]');
    expect(found.out).not.toContain('[never-passes]');
    const named = await cli('lint', join(repo, 'rules'), '--config', join(repo, 'lint.yaml'));
    expect(named.out).not.toContain('[never-fails]');
    expect(named.out).toContain('[never-passes]');
  });

  it('points at configuration mistakes and exits 2', async () => {
    const repo = flawedRepo({
      '.policylens.yaml': `lint:
  rules:
    date-gap: warn
    rule-without-case: off
    never-fails:
      severity: eror
`,
    });
    const config = join(repo, '.policylens.yaml');
    const run = await cli('lint', join(repo, 'rules'));
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toEqual([
      `${config}:3:15: error: lint.rules.date-gap: expected one of off, warning, error, found "warn"`,
      `${config}:4:5: error: unknown property "rule-without-case" in lint.rules (did you mean "rule-without-cases"?); expected one of: ${LINT_RULE_NAMES.join(', ')}`,
      `${config}:6:17: error: lint.rules.never-fails.severity: expected one of off, warning, error, found "eror"`,
      'policylens lint: the configuration has errors',
      '',
    ]);
    const missing = await cli('lint', join(repo, 'rules'), '--config', join(repo, 'nope.yaml'));
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      `policylens lint: --config ${join(repo, 'nope.yaml')}: no such file or folder\n`,
    );
  });

  it('warns about an exception that matches nothing, so excuses do not outlive their problem', async () => {
    const repo = flawedRepo({
      '.policylens.yaml': `lint:
  rules:
    never-fails:
      except:
        - demo.join.not-partner
        - demo.join.long-gone
`,
    });
    const run = await cli('lint', join(repo, 'rules'));
    expect(run.out).toContain(
      `${join(repo, '.policylens.yaml')}:6:11: warning: "demo.join.long-gone" in the never-fails exceptions matches no finding: remove it [unused-exception]`,
    );
    expect(run.out).not.toContain('[never-fails]');
  });

  it('has a schema that names every lint rule', () => {
    const schema = JSON.parse(
      readFileSync(join(ROOT, 'engine/schema/config.schema.json'), 'utf8'),
    ) as { properties: { lint: { properties: { rules: { properties: object } } } } };
    expect(Object.keys(schema.properties.lint.properties.rules.properties)).toEqual([
      ...LINT_RULE_NAMES,
    ]);
  });
});

describe('policylens lint: page maps', () => {
  const RULES = `flow: demo.join
title: { zh-CN: 演示, en: Demo }
rules:
  - id: demo.join.not-frozen
    severity: block
    source: seed L7
    title: { zh-CN: 甲, en: A }
    message: { zh-CN: 甲。, en: A. }
    require: { fact: account.freeze, operator: equal, value: none }
  - id: demo.join.email
    severity: block
    source: seed L7
    title: { zh-CN: 乙, en: B }
    message: { zh-CN: 乙。, en: B. }
    when: { fact: account.realName.status, operator: equal, value: verified }
    require: { fact: account.email.bound, operator: equal, value: true }
`;
  const CASES = `flow: demo.join
cases:
  - name: all known
    at: '2025-01-01'
    facts: { account: { freeze: none, email: { bound: true }, realName: { status: verified } } }
    expect: { demo.join.not-frozen: pass, demo.join.email: pass }
  - name: nothing known
    facts: {}
    expect: { demo.join.not-frozen: unknown }
  - name: the status alone
    facts: { account: { email: { bound: true } } }
    expect: { demo.join.email: unknown }
  - name: the email alone
    facts: { account: { realName: { status: verified } } }
    expect: { demo.join.email: unknown }
`;
  // The overview reads the freeze without remembering it, and the real-name status with;
  // the flow's own page reads a fact no rule uses; nothing reads account.email.bound.
  const PAGES = `sites:
  - https://example.com/app/
pages:
  - id: overview
    show: eligibility
    routes: [/index]
    heading: { zh-CN: 总览, en: Overview }
    fields:
      - fact: account.freeze
        label: { zh-CN: 账号状态, en: Account status }
        values:
          - { text: { zh-CN: 正常, en: Normal }, value: none }
        otherwise: arrears
      - fact: account.realName.status
        label: { zh-CN: 实名认证, en: Real-name verification }
        remember: true
        values:
          - { text: { zh-CN: 已认证, en: Verified }, value: verified }
        otherwise: unverified
  - id: demo.join
    flow: demo.join
    routes: [/join]
    heading: { zh-CN: 演示, en: Demo }
    fields:
      - fact: form.withdraw.amount
        label: { zh-CN: 提现金额, en: Withdrawal amount }
`;

  it('reports facts the pages cannot give a rule, and page facts no rule uses', async () => {
    const repo = tempRepo({
      'rules/demo/join.yaml': RULES,
      'rules/demo/join.cases.yaml': CASES,
      'rules/pages/demo.yaml': PAGES,
    });
    const rules = join(repo, 'rules/demo/join.yaml');
    const run = await cli('lint', join(repo, 'rules'));
    expect(run.out.split('\n')).toEqual([
      `${rules}:9:22: warning: rule "demo.join.not-frozen" reads fact "account.freeze", which only page overview reads, without remembering it: on the page of flow "demo.join" the rule is always unknown [unread-fact]`,
      `${rules}:16:22: warning: rule "demo.join.email" reads fact "account.email.bound", which no page map reads: the extension always shows the rule unknown [unread-fact]`,
      `${join(repo, 'rules/pages/demo.yaml')}:25:15: warning: fact "form.withdraw.amount" is read by page demo.join but no rule uses it [unused-page-fact]`,
      '4 files linted: 0 errors, 3 warnings',
      '',
    ]);
  });

  it('skips the page checks for a pack without page maps', async () => {
    const repo = tempRepo({ 'rules/demo/join.yaml': RULES, 'rules/demo/join.cases.yaml': CASES });
    const run = await cli('lint', join(repo, 'rules'), '--fail-on', 'warning');
    expect(run.out).toBe('3 files linted: 0 errors, 0 warnings\n');
    expect(run.code).toBe(0);
  });

  it('refuses invalid page maps', async () => {
    const repo = tempRepo({
      'rules/demo/join.yaml': RULES,
      'rules/pages/demo.yaml': PAGES.replace('fact: form.withdraw.amount', 'fact: form.nothing'),
    });
    const run = await cli('lint', join(repo, 'rules'));
    expect(run.code).toBe(1);
    expect(run.err).toContain(
      `${join(repo, 'rules/pages/demo.yaml')}:25:15: error: unknown fact "form.nothing"`,
    );
  });
});
