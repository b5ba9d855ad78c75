import {
  eligibilityStatus,
  expect,
  fieldWarning,
  fillField,
  storedFacts,
  test,
} from './fixtures.ts';
import { attachFromDomainConsole, expected, followMenu, settled } from './from-domain.ts';

// The extension on console pages written from shared/domain.md alone, as DevUI, Ant Design,
// Element Plus and TDesign apps render them (test/fixtures/from-domain/): the overview's
// facts, read once its data arrives, must reach the flow pages' checklists and warnings.

test.beforeEach(async ({ context }) => {
  await attachFromDomainConsole(context, [
    'overview.zh-CN',
    'withdraw.zh-CN',
    'invoice-request.zh-CN',
    'co-expansion-apply.zh-CN',
    'overview.en',
    'reseller-apply.en',
  ]);
});

test('DevUI overview, then Element Plus withdraw, Ant Design invoice and OpenTiny co-expansion forms', async ({
  page,
  partnerCenter,
  serviceWorker,
}) => {
  const overview = expected('overview.zh-CN');
  await page.goto(overview.url);
  await expect.poll(() => eligibilityStatus(page, 'solution-provider.join')).toBe('pass');
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
  await expect
    .poll(async () => (await storedFacts(serviceWorker))['hz-lanting-cloud'])
    .toEqual(overview.facts);
  // Nothing was stored while the page showed `--` for the account and its data.
  expect(Object.keys(await storedFacts(serviceWorker))).toEqual(['hz-lanting-cloud']);

  await followMenu(page, '/obmgr/finance/funds/withdraw');
  // ¥1,200.00 invoiced and not returned, shown a moment after the form.
  await expect.poll(() => settled(page, 'funds.withdraw.invoiced-needs-return')).toBe('fail');
  await fillField(page, '开户名', '杭州兰亭科技有限公司');
  await expect(fieldWarning(page, 'funds.withdraw.holder-matches-entity').first()).toBeVisible();
  await expect.poll(() => settled(page, 'funds.withdraw.holder-matches-entity')).toBe('fail');
  await fillField(page, '开户名', '杭州兰亭云计算有限公司');
  await expect.poll(() => settled(page, 'funds.withdraw.holder-matches-entity')).toBe('pass');
  await expect(fieldWarning(page, 'funds.withdraw.holder-matches-entity')).toHaveCount(0);

  await followMenu(page, '/obmgr/finance/invoice/apply');
  // The remembered contracting entity (HCC) and the form's fully digital special invoice.
  await expect.poll(() => settled(page, 'invoice.request.special-medium')).toBe('pass');
  await expect.poll(() => settled(page, 'invoice.request.title-matches-entity')).toBe('pass');
  await expect.poll(() => settled(page, 'invoice.request.split-by-entity')).toBe('pass');

  await page.goto(expected('co-expansion-apply.zh-CN').url);
  await expect.poll(() => settled(page, 'co-expansion.join.hcpn-joined')).toBe('pass');
  await expect.poll(() => settled(page, 'co-expansion.join.terms-accepted')).toBe('fail');
  await page.getByLabel('我已阅读并同意《华为云合作伙伴共拓计划条款及条件》').check();
  await page.getByLabel('我承诺满足商机管理相关要求').check();
  await expect.poll(() => settled(page, 'co-expansion.join.terms-accepted')).toBe('pass');
  await expect.poll(() => settled(page, 'co-expansion.join.commitments-accepted')).toBe('pass');
  expect(partnerCenter.unexpectedRequests).toEqual([]);
});

test('Ant Design overview, then the TDesign reseller application: frozen, applying, tier-1 unknown', async ({
  page,
  partnerCenter,
  serviceWorker,
}) => {
  const overview = expected('overview.en');
  await page.goto(overview.url);
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
  await expect
    .poll(async () => (await storedFacts(serviceWorker))['nordwind-apac'])
    .toEqual(overview.facts);
  expect(Object.keys(await storedFacts(serviceWorker))).toEqual(['nordwind-apac']);

  await followMenu(page, '/obmgr/program/reseller/apply');
  await expect.poll(() => settled(page, 'reseller.join.enterprise-verified')).toBe('pass');
  await expect.poll(() => settled(page, 'reseller.join.not-frozen')).toBe('fail');
  await expect.poll(() => settled(page, 'reseller.join.not-partner')).toBe('fail');
  await expect.poll(() => settled(page, 'reseller.join.expired-solution-provider')).toBe('pass');
  // The overview showed "--": unknown, never taken for "No".
  await expect.poll(() => settled(page, 'reseller.join.no-tier1-link')).toBe('unknown');
  expect(partnerCenter.unexpectedRequests).toEqual([]);
});
