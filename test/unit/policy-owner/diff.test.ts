import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, git, removeTempRepos, rule, ruleFile, tempRepo, writeFiles } from './helpers.ts';

afterAll(removeTempRepos);

const NOT_FROZEN = (value: string) =>
  rule(
    'demo.join.not-frozen',
    `fail:
  zh-CN: 账号当前为{account.freeze}。
  en: The account is {account.freeze}.
require: { fact: account.freeze, ${value} }`,
  );
const EMAIL = rule(
  'demo.join.email',
  'require: { fact: account.email.bound, operator: equal, value: true }',
  'warn',
);
const TIER1 = rule(
  'demo.join.no-tier1-link',
  'require: { fact: account.linkedTier1Distributor, operator: equal, value: false }',
);

const BASE_RULES = ruleFile('demo.join', NOT_FROZEN('operator: equal, value: none'), EMAIL, TIER1);
// The change: arrears no longer blocks; the email rule is gone; a partner rule is new.
const HEAD_RULES = ruleFile(
  'demo.join',
  NOT_FROZEN('operator: in, value: [none, arrears]'),
  TIER1,
  rule(
    'demo.join.not-partner',
    'require: { fact: partner.hcpn.status, operator: notIn, value: [joined, applying] }',
  ),
);

const CASES = `flow: demo.join
at: '2025-01-01'
cases:
  - name: unfrozen
    facts: { account: { freeze: none, email: { bound: true } } }
    expect: { demo.join.not-frozen: pass }
  - name: frozen for arrears
    facts: { account: { freeze: arrears } }
    expect: { demo.join.not-frozen: fail }
  - name: frozen by the police
    facts: { account: { freeze: police } }
    expect: { demo.join.not-frozen: fail }
`;
const HEAD_CASES = CASES.replace(
  `  - name: frozen for arrears
    facts: { account: { freeze: arrears } }
    expect: { demo.join.not-frozen: fail }`,
  `  - name: frozen for arrears, now allowed
    facts: { account: { freeze: arrears, linkedTier1Distributor: false } }
    expect: { demo.join.not-frozen: pass }`,
);

let base: string;
let head: string;

beforeAll(() => {
  base = tempRepo({ 'rules/demo/join.yaml': BASE_RULES, 'rules/demo/join.cases.yaml': CASES });
  head = tempRepo({
    'rules/demo/join.yaml': HEAD_RULES,
    'rules/demo/join.cases.yaml': HEAD_CASES,
    'corpus.jsonl': [
      '{"flow": "demo.join", "name": "applicant 7", "facts": {"account": {"freeze": "arrears"}}}',
      '',
      '{"flow": "demo.join", "facts": {"account": {"freeze": "closure"}, "partner": {"hcpn": {"status": "joined"}}}}',
    ].join('\n'),
  });
});

describe('policylens diff between two folders', () => {
  it('groups status changes by rule, with counts and examples, and lists rules added and removed', async () => {
    const run = await cli('diff', join(base, 'rules'), join(head, 'rules'), '--at', '2025-01-01');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out.split('\n')).toEqual([
      `policylens diff: ${base}/rules/ → ${head}/rules/`,
      'inputs: 4 cases, 0 corpus fact sets',
      '',
      'Rules added:',
      '  + demo.join.not-partner (block): unknown ×4',
      '',
      'Rules removed:',
      '  - demo.join.email (warn): was pass ×1, unknown ×3',
      '',
      'Status changes:',
      '  demo.join.not-frozen (block): 2 inputs',
      '    fail → pass ×2, e.g.',
      `      case "frozen for arrears, now allowed" (${head}/rules/demo/join.cases.yaml:7)`,
      `      case "frozen for arrears" (${base}/rules/demo/join.cases.yaml:7)`,
      '',
      '1 rule changed status on 2 of 4 inputs; 1 rule added; 1 rule removed',
      '',
    ]);
  });

  it('adds a JSONL corpus of fact sets, named or numbered by line', async () => {
    const run = await cli(
      'diff',
      join(base, 'rules'),
      join(head, 'rules'),
      '--at',
      '2025-01-01',
      '--corpus',
      join(head, 'corpus.jsonl'),
      '--examples',
      '1',
      '--format',
      'json',
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out);
    expect(report.inputs).toEqual({ cases: 4, corpus: 2 });
    expect(report.changes).toEqual([
      {
        rule: 'demo.join.not-frozen',
        flow: 'demo.join',
        severity: 'block',
        count: 3,
        transitions: [
          {
            from: 'fail',
            to: 'pass',
            count: 3,
            examples: [
              {
                kind: 'case',
                name: 'frozen for arrears, now allowed',
                file: `${head}/rules/demo/join.cases.yaml`,
                line: 7,
                at: '2025-01-01',
              },
            ],
          },
        ],
      },
    ]);
    expect(report.rules.added).toEqual([
      {
        rule: 'demo.join.not-partner',
        flow: 'demo.join',
        severity: 'block',
        statuses: { fail: 1, unknown: 5 },
      },
    ]);
    expect(report.rules.edited).toEqual([
      {
        rule: 'demo.join.not-frozen',
        flow: 'demo.join',
        aspects: ['conditions'],
        statusChanges: 3,
      },
    ]);
    // The unnamed corpus line is named by its line number.
    const text = await cli(
      'diff',
      join(base, 'rules'),
      join(head, 'rules'),
      '--at',
      '2025-01-01',
      '--corpus',
      join(head, 'corpus.jsonl'),
    );
    expect(text.out).toContain(`      corpus "applicant 7" (${head}/corpus.jsonl:1)`);
    const all = JSON.parse(
      (
        await cli(
          'diff',
          join(base, 'rules'),
          join(head, 'rules'),
          '--corpus',
          join(head, 'corpus.jsonl'),
          '--format',
          'json',
        )
      ).out,
    );
    expect(all.rules.removed[0].statuses).toEqual({ pass: 1, unknown: 5 });
  });

  it('writes a Markdown pull request comment', async () => {
    const run = await cli(
      'diff',
      join(base, 'rules'),
      join(head, 'rules'),
      '--at',
      '2025-01-01',
      '--format',
      'markdown',
    );
    expect(run.out.split('\n')).toEqual([
      '### PolicyLens: rule status changes',
      '',
      `\`${base}/rules/\` → \`${head}/rules/\` · 4 cases, 0 corpus fact sets`,
      '',
      '**1 rule changed status on 2 of 4 inputs; 1 rule added; 1 rule removed**',
      '',
      '| Rule | Severity | Change | Inputs | Examples |',
      '|---|---|---|---:|---|',
      `| \`demo.join.not-frozen\` | block | fail → pass | 2 | case "frozen for arrears, now allowed" (${head}/rules/demo/join.cases.yaml:7)<br>case "frozen for arrears" (${base}/rules/demo/join.cases.yaml:7) |`,
      '',
      '**Rules added**',
      '',
      '| Rule | Severity | Statuses |',
      '|---|---|---|',
      '| `demo.join.not-partner` | block | unknown ×4 |',
      '',
      '**Rules removed**',
      '',
      '| Rule | Severity | Statuses |',
      '|---|---|---|',
      '| `demo.join.email` | warn | pass ×1, unknown ×3 |',
      '',
    ]);
  });

  it('exits 1 on a change only with --fail-on-change', async () => {
    const changed = await cli('diff', join(base, 'rules'), join(head, 'rules'), '--fail-on-change');
    expect(changed.code).toBe(1);
    const same = await cli('diff', join(base, 'rules'), join(base, 'rules'), '--fail-on-change');
    expect(same.code).toBe(0);
    expect(same.out).toContain('No status changes on 3 inputs');
  });

  it('names edits that no case or corpus entry shows', async () => {
    const edited = tempRepo({
      // The tier-1 rule now also refuses accounts frozen for a violation: no case has one.
      'rules/demo/join.yaml': BASE_RULES.replace(
        'require: { fact: account.linkedTier1Distributor, operator: equal, value: false }',
        `require:
      all:
        - { fact: account.linkedTier1Distributor, operator: equal, value: false }
        - { fact: account.freeze, operator: notEqual, value: violation }`,
      ),
      'rules/demo/join.cases.yaml': CASES,
    });
    const run = await cli('diff', join(base, 'rules'), join(edited, 'rules'), '--at', '2025-01-01');
    expect(run.out).toContain(
      [
        'Edited with no status change on any input (add a case that shows the edit):',
        '  ~ demo.join.no-tier1-link: conditions',
      ].join('\n'),
    );
  });

  it('accepts a folder that holds rules/, and refuses what is neither a folder nor a git ref', async () => {
    const run = await cli('diff', base, head, '--at', '2025-01-01');
    expect(run.out).toContain('1 rule changed status on 2 of 4 inputs');
    const nowhere = await cli('diff', 'no-such-ref-or-folder', '--rules', join(head, 'rules'));
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toBe(
      'policylens diff: "no-such-ref-or-folder" is neither a folder nor a git ref (commit, branch or tag)\n',
    );
    const usage = await cli('diff');
    expect(usage.code).toBe(2);
    expect(usage.err).toBe('policylens diff: missing BASE: a folder or a git ref\n');
  });

  it('reports corpus mistakes at their line and column', async () => {
    const bad = tempRepo({
      'corpus.jsonl': [
        '{"flow": "demo.join", "facts": {"account": {"freeze": "frozen"}}}',
        '{"flow": "demo.nope", "facts": {}}',
        '{"flow": "demo.join", "facts": {"account": {"nickname": "x"}}}',
        'not json',
      ].join('\n'),
    });
    const corpus = join(bad, 'corpus.jsonl');
    const run = await cli('diff', join(base, 'rules'), join(head, 'rules'), '--corpus', corpus);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err.split('\n')).toEqual([
      `${corpus}:1:55: error: fact "account.freeze": expected one of none, closure, arrears, police, violation, other, found "frozen"`,
      `${corpus}:2:10: error: unknown flow "demo.nope"; known flows: demo.join`,
      `${corpus}:3:45: warning: unknown fact "account.nickname" (did you mean "account.name"?); it is ignored`,
      `${corpus}:4:2: error: not valid JSON: Unexpected token 'o'`,
      '',
    ]);
  });

  it('refuses rules with errors on either side', async () => {
    const broken = tempRepo({
      'rules/demo/join.yaml': BASE_RULES.replace('value: none', 'value: frozen'),
    });
    const run = await cli('diff', join(broken, 'rules'), join(head, 'rules'));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`${broken}/rules/demo/join.yaml:`);
    expect(run.err).toContain('fix them first');
  });
});

describe('policylens diff between git refs', () => {
  let repo: string;

  beforeAll(() => {
    repo = tempRepo({ 'rules/demo/join.yaml': BASE_RULES, 'rules/demo/join.cases.yaml': CASES });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base rules');
    git(repo, 'tag', 'v1');
    writeFiles(repo, {
      'rules/demo/join.yaml': HEAD_RULES,
      'rules/demo/join.cases.yaml': HEAD_CASES,
    });
  });

  it('compares a ref with the working tree', async () => {
    const run = await cli('diff', 'v1', '--rules', join(repo, 'rules'), '--at', '2025-01-01');
    expect(run.err).toBe('');
    expect(run.out.split('\n').slice(0, 2)).toEqual([
      `policylens diff: v1:${repo}/rules/ → ${repo}/rules/`,
      'inputs: 4 cases, 0 corpus fact sets',
    ]);
    expect(run.out).toContain(
      `      case "frozen for arrears" (v1:${repo}/rules/demo/join.cases.yaml:7)`,
    );
    expect(run.out).toContain(
      '1 rule changed status on 2 of 4 inputs; 1 rule added; 1 rule removed',
    );
  });

  it('compares two refs, whatever the working tree holds', async () => {
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'arrears may apply');
    // The working tree no longer matters once both sides are refs.
    rmSync(join(repo, 'rules/demo'), { recursive: true });
    const run = await cli(
      'diff',
      'v1',
      'HEAD',
      '--rules',
      join(repo, 'rules'),
      '--at',
      '2025-01-01',
    );
    expect(run.err).toBe('');
    expect(run.out.split('\n')[0]).toBe(`policylens diff: v1:${repo}/rules/ → HEAD:${repo}/rules/`);
    expect(run.out).toContain(
      '1 rule changed status on 2 of 4 inputs; 1 rule added; 1 rule removed',
    );
    const same = await cli(
      'diff',
      'HEAD',
      'HEAD',
      '--rules',
      join(repo, 'rules'),
      '--fail-on-change',
    );
    expect(same.code).toBe(0);
    expect(same.out).toContain('No status changes on 3 inputs');
  });
});
