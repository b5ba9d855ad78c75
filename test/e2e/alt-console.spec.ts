import {
  chooseInGuard,
  eligibilityStatus,
  expect,
  fieldWarning,
  fillField,
  navigateInApp,
  openFlow,
  pageSubmissions,
  ruleStatus,
  selectField,
  storedFacts,
  submitForm,
  submitGuard,
  switchAccount,
  test,
  type MockState,
} from './fixtures.ts';

// The second mock console (test/fixtures/partner-center-alt): English, tables and
// description lists, a top bar with generated class names whose account sits in a
// user-menu trigger, skeletons and dashes before the data, SVG help icons, tags and badges.
// The same page maps must read it as well as the first: none is tuned to one markup.

test.use({ consoleFixture: 'alt' });

const LI_LEI: MockState = {
  account: {
    name: 'li-lei-personal',
    realName: { status: 'verified', type: 'individual', entityName: 'Li Lei' },
    linkedTier1Distributor: null,
  },
};

async function status(page: Parameters<typeof ruleStatus>[0], rule: string): Promise<string> {
  // A status counts once it holds a moment (remembered facts may still be loading).
  const first = await ruleStatus(page, rule);
  await page.waitForTimeout(300);
  const second = await ruleStatus(page, rule);
  return first === second ? second : `changing (${first}, then ${second})`;
}

test('the overview is read, skeletons and all, and each program shows its eligibility', async ({
  page,
  partnerCenter,
  serviceWorker,
}) => {
  await openFlow(page, partnerCenter, 'overview', {
    lang: 'en',
    state: {
      partner: { hcpn: { status: 'none' }, programs: { coExpansion: 'expired' } },
      ui: { delayMs: { overview: 1200 } },
    },
  });
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('pass');
  await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
  await expect.poll(() => eligibilityStatus(page, 'solution-provider.join')).toBe('fail');
  await expect
    .poll(async () => (await storedFacts(serviceWorker))['yunqi-tech'])
    .toEqual({
      'account.name': 'yunqi-tech',
      'account.realName.status': 'verified',
      'account.realName.type': 'enterprise',
      'account.realName.entityName': '云启科技（深圳）有限公司',
      'account.freeze': 'none',
      'account.statusText': 'Normal',
      'account.email.bound': true,
      'partner.hcpn.status': 'none',
      'account.linkedTier1Distributor': false,
      'partner.contractEntity': 'hcc',
      'partner.programs.solutionProvider': 'none',
      'partner.programs.reseller': 'none',
      'partner.programs.coExpansion': 'expired',
    });
});

test('remembered facts reach the reseller checklist and the submit guard', async ({
  page,
  partnerCenter,
}) => {
  await openFlow(page, partnerCenter, 'overview', { lang: 'en', state: {} });
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
  await navigateInApp(page, 'reseller.join');
  await expect.poll(() => status(page, 'reseller.join.enterprise-verified')).toBe('pass');
  await expect.poll(() => status(page, 'reseller.join.not-partner')).toBe('fail');
  await submitForm(page, 'reseller.join', 'en');
  await expect(submitGuard(page)).toBeVisible();
  await chooseInGuard(page, 'go-back');
  expect(await pageSubmissions(page)).toBe(0);
});

test('withdraw: the holder name is checked against the verified entity, beside the field', async ({
  page,
  partnerCenter,
}) => {
  await openFlow(page, partnerCenter, 'overview', {
    lang: 'en',
    state: { funds: { invoicedAmount: 0 } },
  });
  await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
  await navigateInApp(page, 'funds.withdraw');
  // The invoiced amount shows "-" first, then its figure.
  await expect.poll(() => status(page, 'funds.withdraw.invoiced-needs-return')).toBe('pass');
  await selectField(page, 'Fund source', 'Corporate online banking');
  await fillField(page, 'Account holder name', 'Qinghe Network Ltd');
  await expect(fieldWarning(page, 'funds.withdraw.holder-matches-entity').first()).toBeVisible();
  await expect.poll(() => status(page, 'funds.withdraw.holder-matches-entity')).toBe('fail');
  await submitForm(page, 'funds.withdraw', 'en');
  await expect(submitGuard(page)).toBeVisible();
  await chooseInGuard(page, 'go-back');
  await fillField(page, 'Account holder name', '云启科技(深圳)有限公司');
  await expect.poll(() => status(page, 'funds.withdraw.holder-matches-entity')).toBe('pass');
  await expect(fieldWarning(page, 'funds.withdraw.holder-matches-entity')).toHaveCount(0);
  await submitForm(page, 'funds.withdraw', 'en');
  await expect.poll(() => pageSubmissions(page)).toBe(1);
});

test('invoice: the remembered contracting entity decides the special invoice medium', async ({
  page,
  partnerCenter,
}) => {
  await openFlow(page, partnerCenter, 'overview', { lang: 'en', state: {} });
  await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
  await navigateInApp(page, 'invoice.request');
  await selectField(page, 'Invoice type', 'VAT special invoice');
  await selectField(page, 'Invoice medium', 'Paper');
  // Huawei Cloud Computing issues special invoices only fully digital since late 2024.
  await expect.poll(() => status(page, 'invoice.request.special-medium')).toBe('fail');
  await selectField(page, 'Invoice medium', 'Fully digital');
  await expect.poll(() => status(page, 'invoice.request.special-medium')).toBe('pass');
});

test("switching accounts on the page switches the facts: one account's never show for another", async ({
  page,
  partnerCenter,
  serviceWorker,
}) => {
  await openFlow(page, partnerCenter, 'overview', {
    lang: 'en',
    state: {
      account: { linkedTier1Distributor: true },
      ui: { switchDelayMs: 1500 },
      otherAccounts: [{ ...LI_LEI, ui: { switchDelayMs: 1500 } }],
    },
  });
  await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
  await switchAccount(page, 'li-lei-personal', 'en');
  await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('fail');
  await navigateInApp(page, 'reseller.join');
  await expect.poll(() => status(page, 'reseller.join.enterprise-verified')).toBe('fail');
  await expect.poll(() => status(page, 'reseller.join.no-tier1-link')).toBe('unknown');
  await switchAccount(page, 'yunqi-tech', 'en');
  await expect.poll(() => status(page, 'reseller.join.enterprise-verified')).toBe('pass');
  await expect.poll(() => status(page, 'reseller.join.no-tier1-link')).toBe('fail');
  const stored = await storedFacts(serviceWorker);
  expect(stored['li-lei-personal']).not.toHaveProperty('account.linkedTier1Distributor');
  expect(stored['li-lei-personal']?.['account.realName.entityName']).toBe('Li Lei');
});
