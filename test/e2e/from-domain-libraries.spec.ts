import { eligibilityStatus, expect, storedFacts, test } from './fixtures.ts';
import { attachFromDomainConsole, expected, followMenu, settled } from './from-domain.ts';

// The extension on the second round of pages written from shared/domain.md alone
// (test/fixtures/from-domain/README.md), live in Chromium: what a saved page cannot show (a
// Vue app's radio choices and typed values are DOM properties) is chosen and typed here, as a
// partner does, and read from the live page.

test('OpenTiny overview, then the Arco invoice form: radios chosen live, select views, the amount', async ({
  page,
  context,
  partnerCenter,
  serviceWorker,
}) => {
  await attachFromDomainConsole(context, ['overview.tinyvue.zh', 'invoice-request.arco.zh']);
  const overview = expected('overview.tinyvue.zh');
  await page.goto(overview.url);
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
  await expect
    .poll(async () => (await storedFacts(serviceWorker))['yunqi-data'])
    .toEqual(overview.facts);
  expect(Object.keys(await storedFacts(serviceWorker))).toEqual(['yunqi-data']);

  await followMenu(page, '/obmgr/finance/invoice/apply');
  // The select views show a special invoice titled with the verified entity; two contracting
  // entities in the selection. No radio is chosen yet: medium and title type are unknown.
  await expect.poll(() => settled(page, 'invoice.request.split-by-entity')).toBe('fail');
  await expect.poll(() => settled(page, 'invoice.request.special-medium')).toBe('unknown');
  await expect
    .poll(() => settled(page, 'invoice.request.special-enterprise-title'))
    .toBe('unknown');

  await page.getByText('按账期', { exact: true }).click();
  await page.getByText('数电发票', { exact: true }).click();
  await page.getByText('企业', { exact: true }).click();
  // HCC, remembered from the overview, issues special invoices fully digital only.
  await expect.poll(() => settled(page, 'invoice.request.special-medium')).toBe('pass');
  await expect.poll(() => settled(page, 'invoice.request.special-enterprise-title')).toBe('pass');
  await expect.poll(() => settled(page, 'invoice.request.title-matches-entity')).toBe('pass');
  // The page shows the period in arrears.
  await expect.poll(() => settled(page, 'invoice.request.period-arrears')).toBe('fail');
  expect(partnerCenter.unexpectedRequests).toEqual([]);
});

test('TDesign overview with its data half loaded and a closed user menu: only what the page shows is kept', async ({
  page,
  context,
  partnerCenter,
  serviceWorker,
}) => {
  await attachFromDomainConsole(context, ['overview.tdesign.en']);
  const overview = expected('overview.tdesign.en');
  await page.goto(overview.url);
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
  // Skeletons and "-" give nothing, and the closed menu's "Partner status: Joined" is not the
  // page's: the partner status stays unknown.
  await expect
    .poll(async () => (await storedFacts(serviceWorker))['nova-edu-intl'])
    .toEqual(overview.facts);
  await page.waitForTimeout(500);
  expect((await storedFacts(serviceWorker))['nova-edu-intl']).toEqual(overview.facts);
  expect(partnerCenter.unexpectedRequests).toEqual([]);
});
