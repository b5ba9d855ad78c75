import { describe, expect, it } from 'vitest';
import { createEvaluator, summarizeEligibility, type Facts } from '../../../engine/index.ts';
import { loadRealPack } from './helpers.ts';

// The real rules/ pack, against the contract in shared/domain.md section 4.
const pack = loadRealPack();
const evaluator = createEvaluator(pack);

async function statusOf(flow: string, rule: string, facts: Facts, at: string) {
  const { results } = await evaluator.evaluate(flow, facts, { at, lang: 'en' });
  const result = results.find((r) => r.rule === rule);
  if (!result) throw new Error(`${flow} has no rule ${rule}`);
  return result;
}

describe('the real pack', () => {
  it('defines the flows and rule ids of the domain contract, in checklist order', () => {
    const ids = Object.fromEntries(pack.flows.map((f) => [f.id, f.rules.map((r) => r.id)]));
    expect(ids).toEqual({
      'certification.exam': ['certification.exam.real-name-verified'],
      'co-expansion.join': [
        'co-expansion.join.enterprise-verified',
        'co-expansion.join.hcpn-joined',
        'co-expansion.join.terms-accepted',
        'co-expansion.join.commitments-accepted',
      ],
      'contract.online': ['contract.online.real-name-verified', 'contract.online.no-approval'],
      'customer.detail': [
        'customer.detail.encyclopedia-needs-verified',
        'customer.detail.subcustomer-invoice-ready',
      ],
      'funds.withdraw': [
        'funds.withdraw.holder-matches-entity',
        'funds.withdraw.invoiced-needs-return',
      ],
      'hcpn.join': ['hcpn.join.enterprise-verified', 'hcpn.join.prepare-info'],
      'incentive.policy': ['incentive.policy.where-to-look'],
      'invoice.profile': [
        'invoice.profile.individual-account-title',
        'invoice.profile.title-matches-entity',
      ],
      'invoice.request': [
        'invoice.request.real-name-verified',
        'invoice.request.issue-time',
        'invoice.request.content',
        'invoice.request.individual-account-title',
        'invoice.request.special-enterprise-title',
        'invoice.request.special-medium',
        'invoice.request.general-medium',
        'invoice.request.paper-freight',
        'invoice.request.period-arrears',
        'invoice.request.previous-period-after-3rd',
        'invoice.request.split-by-entity',
        'invoice.request.title-matches-entity',
      ],
      'invoice.return': [
        'invoice.return.required-first',
        'invoice.return.whole-invoice',
        'invoice.return.paper-courier',
      ],
      'reseller.join': [
        'reseller.join.enterprise-verified',
        'reseller.join.not-frozen',
        'reseller.join.no-tier1-link',
        'reseller.join.not-partner',
        'reseller.join.expired-solution-provider',
      ],
      'solution-provider.join': [
        'solution-provider.join.enterprise-verified',
        'solution-provider.join.email-bound',
        'solution-provider.join.hcpn-joined',
        'solution-provider.join.loses-customer-identity',
        'solution-provider.join.certification',
      ],
    });
    expect(pack.flows.filter((f) => f.isProgram).map((f) => f.id)).toEqual([
      'co-expansion.join',
      'hcpn.join',
      'reseller.join',
      'solution-provider.join',
    ]);
  });

  it('returns results in checklist order for every flow, in both languages', async () => {
    for (const flow of pack.flows) {
      for (const lang of ['en', 'zh-CN'] as const) {
        const { results } = await evaluator.evaluate(flow.id, {}, { at: '2025-06-16', lang });
        expect(results.map((r) => r.rule)).toEqual(flow.rules.map((r) => r.id));
        for (const r of results) expect(r.message).not.toMatch(/\{|undefined/);
      }
    }
  });
});

describe('invoice medium boundaries', () => {
  const special = (at: string, contractEntity: string | undefined, medium: string) =>
    statusOf(
      'invoice.request',
      'invoice.request.special-medium',
      { partner: { contractEntity }, form: { invoice: { type: 'vat-special', medium } } },
      at,
    );
  const general = (at: string, contractEntity: string | undefined, medium: string) =>
    statusOf(
      'invoice.request',
      'invoice.request.general-medium',
      { partner: { contractEntity }, form: { invoice: { type: 'vat-general', medium } } },
      at,
    );

  it.each([
    ['2024-04-14', 'hcc', 'digital', 'fail'],
    ['2024-04-14', 'hcc', 'paper', 'pass'],
    ['2024-04-15', 'hcc', 'digital', 'pass'],
    ['2024-04-15', 'other', 'digital', 'fail'],
    ['2024-04-15', 'other', 'paper', 'pass'],
    ['2024-11-29', 'hcc', 'paper', 'pass'],
    ['2024-11-29', 'hcc', 'digital', 'pass'],
    ['2024-11-30', 'hcc', 'paper', 'fail'],
    ['2024-11-30', 'hcc', 'digital', 'pass'],
    ['2024-11-30', 'other', 'paper', 'pass'],
    ['2024-11-30', 'other', 'digital', 'fail'],
  ])('a VAT special invoice on %s for %s on %s: %s', async (at, entity, medium, status) => {
    expect((await special(at, entity, medium)).status).toBe(status);
  });

  it.each([
    ['2024-11-29', 'hcc', 'electronic', 'pass'],
    ['2024-11-29', 'hcc', 'digital', 'fail'],
    ['2024-11-30', 'hcc', 'electronic', 'fail'],
    ['2024-11-30', 'hcc', 'digital', 'pass'],
    ['2024-11-30', 'other', 'electronic', 'pass'],
    ['2024-11-30', 'other', 'digital', 'fail'],
  ])('a VAT general invoice on %s for %s on %s: %s', async (at, entity, medium, status) => {
    expect((await general(at, entity, medium)).status).toBe(status);
  });

  it('tells the partner which version of the rule applies and what to choose', async () => {
    const before = await special('2024-04-14', 'hcc', 'digital');
    expect(before.message).toBe(
      'A VAT special invoice cannot have invoice medium "Fully digital" yet. Choose Paper.',
    );
    // The day is the rule's; what the source says instead comes with it, in the partner's language.
    expect(before.effective).toEqual({
      until: '2024-04-15',
      approximate: { until: 'mid-April 2024' },
    });
    const after = await general('2024-11-30', 'hcc', 'electronic');
    expect(after.message).toBe(
      'If you contract with Huawei Cloud Computing Technologies Co., Ltd., a VAT general invoice is fully digital only; it cannot have invoice medium "Electronic". Choose Fully digital.',
    );
    expect(after.effective).toEqual({
      from: '2024-11-30',
      approximate: { from: 'the end of November 2024' },
    });
  });

  it('a paper special invoice between the changes passes with the contracting entity unknown', async () => {
    const r = await special('2024-06-10', undefined, 'paper');
    expect(r.status).toBe('pass');
    const digital = await special('2024-06-10', undefined, 'digital');
    expect([digital.status, digital.missing]).toEqual(['unknown', ['partner.contractEntity']]);
  });
});

describe('real rules as a partner meets them', () => {
  it('a withdrawal to "华为(中国)有限公司 " is to the verified "华为（中国）有限公司"', async () => {
    const r = await statusOf(
      'funds.withdraw',
      'funds.withdraw.holder-matches-entity',
      {
        account: { realName: { entityName: '华为（中国）有限公司' } },
        form: { withdraw: { fundSource: 'enterprise-ebank', holderName: '华为(中国)有限公司 ' } },
      },
      '2025-06-16',
    );
    expect(r.status).toBe('pass');
  });

  it('a withdrawal by Alipay is not checked against the verified entity', async () => {
    const r = await statusOf(
      'funds.withdraw',
      'funds.withdraw.holder-matches-entity',
      { form: { withdraw: { fundSource: 'alipay', holderName: 'someone else' } } },
      '2025-06-16',
    );
    expect(r.status).toBe('skip');
  });

  it('a frozen account is told the kind of freeze, in the console’s words, and what lifts it', async () => {
    const facts = { account: { freeze: 'police' } };
    const en = await evaluator.evaluate('reseller.join', facts, { at: '2025-06-16', lang: 'en' });
    const zh = await evaluator.evaluate('reseller.join', facts, {
      at: '2025-06-16',
      lang: 'zh-CN',
    });
    expect(en.results[1]!.message).toBe(
      'Account status: Frozen (police). The freeze was ordered by the police. Contact Huawei Cloud support for the details and do what the police require; once the account is unfrozen, apply.',
    );
    expect(zh.results[1]!.message).toBe(
      '账号状态为“已冻结（公安）”：该冻结由公安机关要求执行。请联系华为云客服了解详情，并按公安机关的要求处理；解冻后再提交申请。',
    );
  });

  it('last month’s billing period can be invoiced from the 4th', async () => {
    const facts = { form: { invoice: { mode: 'by-period', period: '2025-05' } } };
    const rule = 'invoice.request.previous-period-after-3rd';
    expect((await statusOf('invoice.request', rule, facts, '2025-06-03')).status).toBe('fail');
    expect((await statusOf('invoice.request', rule, facts, '2025-06-04')).status).toBe('pass');
    expect((await statusOf('invoice.request', rule, facts, '2025-07-02')).status).toBe('skip');
  });

  it('the overview summary of a program flow follows its block rules', async () => {
    const eligible = await evaluator.evaluate(
      'hcpn.join',
      { account: { realName: { status: 'verified', type: 'enterprise' } } },
      { at: '2025-06-16' },
    );
    expect(summarizeEligibility(eligible.results).status).toBe('pass');
    const unknown = await evaluator.evaluate('reseller.join', {}, { at: '2025-06-16' });
    expect(summarizeEligibility(unknown.results)).toEqual({
      status: 'unknown',
      failing: [],
      missing: [
        'account.realName.status',
        'account.realName.type',
        'account.freeze',
        'account.linkedTier1Distributor',
        'partner.hcpn.status',
        'partner.programs.solutionProvider',
        'partner.programs.reseller',
        'partner.programs.coExpansion',
      ],
    });
  });
});
