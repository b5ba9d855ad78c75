import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, removeTempRepos, tempRepo } from './helpers.ts';

afterAll(removeTempRepos);

// Lint and docs of `fail` texts chosen by cause. Line numbers below are lines of these texts.

const FLAWED = `flow: demo.join
title: { zh-CN: 演示, en: Demo }
rules:
  - id: demo.join.frozen
    severity: block
    source: seed L7
    title: { zh-CN: 甲, en: A }
    message: { zh-CN: 甲。, en: A. }
    fail:
      - when: { fact: account.freeze, operator: in, value: [arrears, police] }
        zh-CN: 欠费或公安。
        en: Arrears or police.
      - when: { fact: account.freeze, operator: equal, value: police }
        zh-CN: 公安。
        en: Police.
      - when: { fact: account.freeze, operator: equal, value: none }
        zh-CN: 正常。
        en: Not frozen.
    require: { fact: account.freeze, operator: equal, value: none }

  - id: demo.join.verified
    severity: block
    source: seed L7
    title: { zh-CN: 乙, en: B }
    message: { zh-CN: 乙。, en: B. }
    fail:
      - when: { fact: account.realName.status, operator: equal, value: pending }
        zh-CN: 请等待审核。
        en: Wait for the review.
      - zh-CN: 认证类型为{account.realName.type}。
        en: Verified as {account.realName.type}.
    require:
      all:
        - { fact: account.realName.status, operator: equal, value: verified }
        - { fact: account.realName.type, operator: equal, value: enterprise }
`;

const CASES = `flow: demo.join
at: '2025-01-01'
cases:
  - name: nothing known
    facts: {}
    expect: { demo.join.frozen: unknown, demo.join.verified: unknown }
  - name: an enterprise of unknown status
    facts: { account: { realName: { type: enterprise } } }
    expect: { demo.join.verified: unknown }
  - name: a verified account of unknown type
    facts: { account: { realName: { status: verified } } }
    expect: { demo.join.verified: unknown }
`;

/** The same rules made right: every text reachable, every cause covered, facts known. */
const SOUND = `flow: demo.join
title: { zh-CN: 演示, en: Demo }
rules:
  - id: demo.join.frozen
    severity: block
    source: seed L7
    title: { zh-CN: 甲, en: A }
    message: { zh-CN: 甲。, en: A. }
    fail:
      - when: { fact: account.freeze, operator: equal, value: arrears }
        zh-CN: 欠费。
        en: Arrears.
      - when: { fact: account.freeze, operator: in, value: [closure, police, violation, other] }
        zh-CN: 账号为{account.freeze}。
        en: The account is {account.freeze}.
    require: { fact: account.freeze, operator: equal, value: none }

  - id: demo.join.verified
    severity: block
    source: seed L7
    title: { zh-CN: 乙, en: B }
    message: { zh-CN: 乙。, en: B. }
    fail:
      - when: { fact: account.realName.status, operator: equal, value: pending }
        zh-CN: 请等待审核。
        en: Wait for the review.
      - when: { fact: account.realName.type, operator: equal, value: individual }
        zh-CN: 认证类型为{account.realName.type}。
        en: Verified as {account.realName.type}.
      - zh-CN: 请完成企业实名认证。
        en: Verify as an enterprise.
    require:
      all:
        - { fact: account.realName.status, operator: equal, value: verified }
        - { fact: account.realName.type, operator: equal, value: enterprise }
`;

describe('policylens lint: fail texts by cause', () => {
  it('reports a text that is never shown, a cause with no text and an unknown fact in a text', async () => {
    const repo = tempRepo({ 'rules/demo/join.yaml': FLAWED, 'rules/demo/join.cases.yaml': CASES });
    const file = join(repo, 'rules/demo/join.yaml');
    const run = await cli('lint', join(repo, 'rules'));
    expect(run.err).toBe('');
    expect(run.out.split('\n')).toEqual([
      `${file}:10:7: warning: rule "demo.join.frozen" can fail with no fail text for the cause (e.g. account.freeze: closure): add a text whose "when" covers it, or a last text without "when" [fail-without-text]`,
      `${file}:13:15: warning: fail text 2 of rule "demo.join.frozen" is never shown: whenever the rule fails, a text before it is chosen or its "when" is false or unknown for every value of account.freeze [fail-text-never-shown]`,
      `${file}:16:15: warning: fail text 3 of rule "demo.join.frozen" is never shown: whenever the rule fails, a text before it is chosen or its "when" is false or unknown for every value of account.freeze [fail-text-never-shown]`,
      `${file}:30:16: warning: the "fail" text 2 (zh-CN, en) of rule "demo.join.verified" interpolates {account.realName.type}, which can be unknown when it shows (e.g. account.realName.status: unverified, account.realName.type missing) [message-fact-unknown]`,
      '3 files linted: 0 errors, 4 warnings',
      '',
    ]);
  });

  it('finds nothing when every text can be shown, every cause has one and its facts are known', async () => {
    const repo = tempRepo({ 'rules/demo/join.yaml': SOUND, 'rules/demo/join.cases.yaml': CASES });
    const run = await cli('lint', join(repo, 'rules'), '--fail-on', 'warning');
    expect(run.out).toBe('3 files linted: 0 errors, 0 warnings\n');
    expect(run.code).toBe(0);
  });
});

describe('policylens docs: fail texts by cause', () => {
  it('shows each text after its cause, in plain words in both languages, in the order tried', async () => {
    const repo = tempRepo({ 'rules/demo/join.yaml': SOUND });
    const out = join(repo, 'docs/rules');
    expect((await cli('docs', join(repo, 'rules'), '--out', out)).code).toBe(0);
    const md = readFileSync(join(out, 'demo.join.md'), 'utf8');
    expect(md).toContain(
      '| 不满足时 1 · when it fails (1) | *若账号状态等于已冻结（欠费）：* 欠费。 | *If account status is Frozen (arrears):* Arrears. |',
    );
    expect(md).toContain(
      '| 不满足时 2 · when it fails (2) | *若账号状态属于已冻结（账号关闭）、已冻结（公安）、已冻结（违规）、已冻结（其他原因）：* 账号为`{account.freeze}`。 | *If account status is one of Frozen (closure), Frozen (police), Frozen (violation), Frozen (other reason):* The account is `{account.freeze}`. |',
    );
    expect(md).toContain(
      '| 不满足时 3 · when it fails (3) | *其他情况：* 请完成企业实名认证。 | *Otherwise:* Verify as an enterprise. |',
    );
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain(
      '<tr><th>不满足时 1 · when it fails (1)</th><td lang="zh-CN"><em>若实名认证等于审核中：</em> 请等待审核。</td><td lang="en"><em>If real-name verification is Under review:</em> Wait for the review.</td></tr>',
    );
  });
});
