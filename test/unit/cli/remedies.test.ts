import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, removeTempDirs, tempDir } from './helpers.ts';

afterAll(removeTempDirs);

// `policylens eval` on the real rules, for each cause of a failing rule the partner may be
// in: the checklist shows that cause's remedy, in Chinese and in English, and not another's.

interface Cause {
  name: string;
  flow: string;
  rule: string;
  facts: object;
  remedy: { 'zh-CN': string; en: string };
  /** Another cause's remedy, which must not show. */
  not: { 'zh-CN': string; en: string };
}

const enterprise = { realName: { status: 'verified', type: 'enterprise' } };
const CAUSES: Cause[] = [
  ...(
    [
      [
        'closure',
        '请用另一个完成企业实名认证的华为云账号申请',
        'Apply with another Huawei Cloud account',
      ],
      ['arrears', '结清欠款', 'Pay what you owe'],
      ['police', '按公安机关的要求处理', 'do what the police require'],
      ['violation', '完成整改，或通过工单申诉', 'appeal in a service ticket'],
    ] as const
  ).map(([freeze, zh, en]) => ({
    name: `a freeze for ${freeze}`,
    flow: 'reseller.join',
    rule: 'reseller.join.not-frozen',
    facts: { account: { freeze } },
    remedy: { 'zh-CN': zh, en },
    not: { 'zh-CN': '了解冻结原因和解冻方式', en: 'Ask Huawei Cloud support why' },
  })),
  {
    name: 'a freeze of a kind the console does not list',
    flow: 'reseller.join',
    rule: 'reseller.join.not-frozen',
    facts: { account: { freeze: 'other', statusText: '已冻结（涉嫌欺诈）' } },
    remedy: { 'zh-CN': '了解冻结原因和解冻方式', en: 'Ask Huawei Cloud support why' },
    not: { 'zh-CN': '结清欠款', en: 'Pay what you owe' },
  },
  ...(
    [
      ['pending', undefined, '请等待审核通过', 'Wait until it is approved'],
      [
        'unverified',
        undefined,
        '请先在账号中心完成企业实名认证',
        'Complete enterprise real-name verification',
      ],
      ['rejected', undefined, '按驳回原因修改资料', 'Correct what the rejection names'],
      [
        'verified',
        'individual',
        '将实名认证变更为企业实名认证',
        "Change the account's real-name verification to enterprise",
      ],
    ] as const
  ).map(([status, type, zh, en]) => ({
    name: `a verification ${type ?? status}`,
    flow: 'hcpn.join',
    rule: 'hcpn.join.enterprise-verified',
    facts: { account: { realName: { status, ...(type ? { type } : {}) } } },
    remedy: { 'zh-CN': zh, en },
    not:
      status === 'pending'
        ? { 'zh-CN': '完成企业实名认证，再', en: 'Complete enterprise' }
        : { 'zh-CN': '请等待审核通过', en: 'Wait until it is approved' },
  })),
  {
    name: 'an account applying to HCPN',
    flow: 'reseller.join',
    rule: 'reseller.join.not-partner',
    facts: { account: enterprise, partner: { hcpn: { status: 'applying' } } },
    remedy: { 'zh-CN': '伙伴状态：入驻申请中', en: 'Partner status: Applying' },
    not: { 'zh-CN': '已是合作伙伴', en: 'so it is a partner' },
  },
  {
    name: 'an account that has joined HCPN',
    flow: 'reseller.join',
    rule: 'reseller.join.not-partner',
    facts: { account: enterprise, partner: { hcpn: { status: 'joined' } } },
    remedy: {
      'zh-CN': '已是合作伙伴，不能再申请加入云经销商计划。请注册一个新的华为云账号',
      en: 'so it is a partner and cannot apply. Register a new Huawei Cloud account',
    },
    not: { 'zh-CN': '正在申请成为合作伙伴', en: 'applying to be a partner' },
  },
];

describe('policylens eval shows the remedy for the cause at hand', () => {
  for (const cause of CAUSES) {
    it(`${cause.name}`, async () => {
      const dir = tempDir({ 'facts.json': JSON.stringify(cause.facts) }, false);
      for (const lang of ['zh-CN', 'en'] as const) {
        const run = await cli(
          'eval',
          '--flow',
          cause.flow,
          '--facts',
          join(dir, 'facts.json'),
          '--lang',
          lang,
          '--at',
          '2025-06-16',
        );
        expect(run.err).toBe('');
        const lines = run.out.split('\n');
        const item = lines.findIndex((l) => l.endsWith(`(${cause.rule})`));
        expect(lines[item]).toMatch(/^\[FAIL\]/);
        const message = lines[item + 1]!;
        expect(message).toContain(cause.remedy[lang]);
        expect(message).not.toContain(cause.not[lang]);
      }
    });
  }
});
