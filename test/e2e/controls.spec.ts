import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page, Worker } from '@playwright/test';
import type Browser from 'webextension-polyfill';
import { compileBundle } from '../../extension/build/pack-plugin.ts';
import {
  ageExtensionStorage,
  checklistItem,
  eligibilityStatus,
  expect,
  openFlow,
  SELECTORS,
  tabIdOf,
  test,
} from './fixtures.ts';

// The extension's own pages: the toolbar popup and the options page, opened as tabs
// (chrome-extension://<id>/popup.html?tab=<id> stands for "the popup of that tab").

const bundle = compileBundle(process.cwd()).bundle!;
const flowTitle = (flow: string, lang: 'zh-CN' | 'en') =>
  bundle.pack.flows.find((f) => f.id === flow)!.title[lang];

/** Everything in the extension's `chrome.storage.local`. */
async function extensionStorage(serviceWorker: Worker): Promise<Record<string, unknown>> {
  return serviceWorker.evaluate(() => {
    const chrome = (globalThis as unknown as { chrome: typeof Browser }).chrome;
    return chrome.storage.local.get(null);
  });
}

const accountKeys = (storage: Record<string, unknown>) =>
  Object.keys(storage).filter((k) => k.startsWith('policylens:account:'));

async function openPopup(
  context: BrowserContext,
  extensionId: string,
  tabId: number,
): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  await expect(popup.locator('[data-policylens="page-state"]')).not.toHaveAttribute(
    'data-state',
    'reading',
  );
  return popup;
}

async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.locator('[data-policylens="stored-data"]')).toBeVisible();
  return options;
}

/** Block fails, warn fails and unknown items, as the checklist on the page shows them. */
async function checklistCounts(page: Page) {
  const items = await page
    .locator(`${SELECTORS.checklist} [data-rule][data-status][data-severity]`)
    .evaluateAll((els) =>
      els.map((el) => [el.getAttribute('data-status'), el.getAttribute('data-severity')]),
    );
  return {
    blockFail: items.filter(([s, v]) => s === 'fail' && v === 'block').length,
    warnFail: items.filter(([s, v]) => s === 'fail' && v === 'warn').length,
    unknown: items.filter(([s]) => s === 'unknown').length,
  };
}

async function popupCounts(popup: Page) {
  const count = async (key: string) =>
    Number(await popup.locator(`[data-count="${key}"] dd`).textContent());
  return {
    blockFail: await count('blockFail'),
    warnFail: await count('warnFail'),
    unknown: await count('unknown'),
  };
}

test.describe('the popup', () => {
  test('shows the open flow page and its counts, in the page language', async ({
    page,
    partnerCenter,
    context,
    extensionId,
    serviceWorker,
  }) => {
    // Not eligible for the reseller program: already an HCPN partner (block), and frozen.
    await openFlow(page, partnerCenter, 'overview', {
      lang: 'zh-CN',
      state: { account: { freeze: 'arrears' } },
    });
    await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'zh-CN' });
    await expect(checklistItem(page, 'reseller.join.not-frozen')).toHaveAttribute(
      'data-status',
      'fail',
    );

    const popup = await openPopup(context, extensionId, await tabIdOf(serviceWorker, page));
    const state = popup.locator('[data-policylens="page-state"]');
    await expect(state).toHaveAttribute('data-state', 'checklist');
    await expect(state.locator('.flow-title')).toHaveText(flowTitle('reseller.join', 'zh-CN'));
    await expect(popup.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const expected = await checklistCounts(page);
    expect(expected.blockFail).toBeGreaterThanOrEqual(2);
    await expect.poll(() => popupCounts(popup)).toEqual(expected);
    await expect(popup.locator('[data-policylens="release"]')).toHaveText(
      new RegExp(
        `^规则 \\d+\\.\\d+\\.\\d+ · ${bundle.pack.version} · 构建于 \\d{4}-\\d{2}-\\d{2}$`,
      ),
    );

    // The overview: programs by eligibility.
    await openFlow(page, partnerCenter, 'overview', { lang: 'en' });
    await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
    await popup.reload();
    await expect(state).toHaveAttribute('data-state', 'eligibility');
    await expect(state.locator('.flow-title')).toHaveText('Overview');
    await expect(popup.locator('[data-count="program-fail"] dd')).not.toHaveText('0');
  });

  test('says so on a tab that is not a Partner Center page', async ({
    page,
    context,
    extensionId,
    serviceWorker,
  }) => {
    await page.goto('about:blank');
    const popup = await openPopup(context, extensionId, await tabIdOf(serviceWorker, page));
    await expect(popup.locator('[data-policylens="page-state"]')).toHaveAttribute(
      'data-state',
      'not-partner-center',
    );
    await expect(popup.getByRole('checkbox')).toHaveCount(0);
  });

  test('turning the site off removes the overlay and stops reading; on brings it back', async ({
    page,
    partnerCenter,
    context,
    extensionId,
    serviceWorker,
  }) => {
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'zh-CN' });
    await expect(page.locator(SELECTORS.checklist)).toBeVisible();
    const popup = await openPopup(context, extensionId, await tabIdOf(serviceWorker, page));
    const siteSwitch = popup.getByRole('checkbox', { name: /account\.huaweicloud\.com/ });
    await expect(siteSwitch).toBeChecked();

    await siteSwitch.uncheck();
    await expect(page.locator(SELECTORS.checklist)).toHaveCount(0);
    await expect(page.locator('policylens-overlay')).toHaveCount(0);
    await expect(popup.locator('[data-policylens="page-state"]')).toHaveAttribute(
      'data-state',
      'off',
    );
    expect((await extensionStorage(serviceWorker))['policylens:settings']).toEqual({
      disabledSites: ['account.huaweicloud.com'],
      lang: 'page',
    });

    // The other console host is a site of its own: still on.
    const intl = await context.newPage();
    await openFlow(intl, partnerCenter, 'reseller.join', { lang: 'en' });
    await expect(intl.locator(SELECTORS.checklist)).toBeVisible();
    await intl.close();

    // Off means nothing is read or stored, even on the overview, even after a reload.
    await serviceWorker.evaluate(() =>
      (globalThis as unknown as { chrome: typeof Browser }).chrome.storage.local.remove([
        'policylens:account:yunqi-tech',
      ]),
    );
    await openFlow(page, partnerCenter, 'overview', { lang: 'zh-CN' });
    await page.waitForTimeout(1500);
    await expect(page.locator(SELECTORS.eligibility)).toHaveCount(0);
    expect(accountKeys(await extensionStorage(serviceWorker))).toEqual([]);

    // Back on, live: no reload.
    await popup.reload();
    await popup.getByRole('checkbox', { name: /account\.huaweicloud\.com/ }).check();
    await expect(page.locator(SELECTORS.eligibility)).toBeVisible();
    await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
    await expect
      .poll(async () => accountKeys(await extensionStorage(serviceWorker)))
      .toEqual(['policylens:account:yunqi-tech']);
    await expect(popup.locator('[data-policylens="page-state"]')).toHaveAttribute(
      'data-state',
      'eligibility',
    );
  });

  test('the language override switches a zh-CN page’s overlay to English, live', async ({
    page,
    partnerCenter,
    context,
    extensionId,
    serviceWorker,
  }) => {
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'zh-CN' });
    const checklist = page.locator(SELECTORS.checklist);
    const heading = checklist.getByRole('heading', { level: 2 });
    await expect(heading).toContainText(flowTitle('reseller.join', 'zh-CN'));
    await expect(checklist).toHaveAttribute('lang', 'zh-CN');

    const popup = await openPopup(context, extensionId, await tabIdOf(serviceWorker, page));
    await popup.getByRole('radio', { name: 'English' }).check();
    await expect(heading).toContainText(flowTitle('reseller.join', 'en'));
    await expect(checklist).toHaveAttribute('lang', 'en');
    // The engine evaluated in English: the rules' messages too.
    const rule = bundle.pack.flows
      .find((f) => f.id === 'reseller.join')!
      .rules.find((r) => r.id === 'reseller.join.no-tier1-link')!;
    await expect(checklistItem(page, rule.id).locator('.title')).toHaveText(rule.title.en);
    // The popup follows the choice too.
    await expect(popup.locator('html')).toHaveAttribute('lang', 'en');
    await expect(popup.locator('.flow-title')).toHaveText(flowTitle('reseller.join', 'en'));

    await popup.getByRole('radio', { name: 'Follow the page' }).check();
    await expect(heading).toContainText(flowTitle('reseller.join', 'zh-CN'));
    await expect(checklistItem(page, rule.id).locator('.title')).toHaveText(rule.title['zh-CN']);
  });

  test('works with the keyboard alone and passes an axe audit', async ({
    page,
    partnerCenter,
    context,
    extensionId,
    serviceWorker,
  }) => {
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'en' });
    await expect(page.locator(SELECTORS.checklist)).toBeVisible();
    const popup = await openPopup(context, extensionId, await tabIdOf(serviceWorker, page));
    await expect(popup.locator('[data-policylens="page-state"]')).toHaveAttribute(
      'data-state',
      'checklist',
    );
    const axe = await new AxeBuilder({ page: popup }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Tab order: this page's check, the site switch, the language (one stop), the options link.
    const focused = () =>
      popup.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return {
          id: el?.id || el?.getAttribute('data-action') || '',
          outline: el ? getComputedStyle(el).outlineStyle : '',
        };
      });
    await popup.keyboard.press('Tab');
    expect(await focused()).toEqual({ id: 'check-page', outline: 'solid' });
    await popup.keyboard.press('Tab');
    expect(await focused()).toEqual({ id: 'site-account-intl-huaweicloud-com', outline: 'solid' });
    await popup.keyboard.press('Tab');
    expect((await focused()).id).toBe('lang-page');
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowDown');
    expect((await focused()).id).toBe('lang-en');
    await expect(popup.getByRole('radio', { name: 'English' })).toBeChecked();
    await popup.keyboard.press('Tab');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe(
      'All settings and stored data',
    );
    // Space on the switch turns the site off.
    await popup.keyboard.press('Shift+Tab');
    await popup.keyboard.press('Shift+Tab');
    await popup.keyboard.press('Space');
    await expect(page.locator(SELECTORS.checklist)).toHaveCount(0);
    await popup.keyboard.press('Space');
    await expect(page.locator(SELECTORS.checklist)).toBeVisible();
  });
});

test.describe('the options page', () => {
  test('lists what is stored per account, marks stale facts, and forgets it all', async ({
    page,
    partnerCenter,
    context,
    extensionId,
    serviceWorker,
  }) => {
    // Two accounts read their overview: one fine, one frozen.
    await openFlow(page, partnerCenter, 'overview', { lang: 'zh-CN' });
    await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
    await openFlow(page, partnerCenter, 'overview', {
      lang: 'zh-CN',
      state: { account: { name: 'qinghe-trade', freeze: 'arrears' } },
    });
    await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
    await expect
      .poll(async () => accountKeys(await extensionStorage(serviceWorker)).sort())
      .toEqual(['policylens:account:qinghe-trade', 'policylens:account:yunqi-tech']);

    const options = await openOptions(context, extensionId);
    await options.getByRole('radio', { name: 'English' }).check();
    const yunqi = options.locator('[data-account="yunqi-tech"]');
    const qinghe = options.locator('[data-account="qinghe-trade"]');
    await expect(yunqi.getByRole('heading', { name: 'Account yunqi-tech' })).toBeVisible();
    await expect(qinghe.getByRole('heading', { name: 'Account qinghe-trade' })).toBeVisible();
    const freeze = (account: typeof yunqi) => account.locator('[data-fact="account.freeze"]');
    await expect(freeze(yunqi).locator('[data-column="value"]')).toHaveText('Normal');
    await expect(freeze(qinghe).locator('[data-column="value"]')).toHaveText('Frozen (arrears)');
    for (const account of [yunqi, qinghe]) {
      await expect(freeze(account).locator('[data-column="page"]')).toHaveText('Overview');
      await expect(freeze(account).locator('[data-column="age"]')).toHaveText(
        /^(just now|1 min ago)$/,
      );
      await expect(freeze(account)).toHaveAttribute('data-stale', 'false');
    }
    await expect(freeze(qinghe).getByRole('rowheader')).toContainText('account.freeze');

    // Two days later everything is stale; qinghe-trade reads its overview again.
    await ageExtensionStorage(serviceWorker, 2);
    await expect(freeze(yunqi)).toHaveAttribute('data-stale', 'true');
    await expect(freeze(yunqi).locator('[data-column="age"]')).toHaveText(
      '2 days ago stale, counted as unknown',
    );
    await openFlow(page, partnerCenter, 'overview', { lang: 'zh-CN' });
    await expect(freeze(qinghe)).toHaveAttribute('data-stale', 'false');
    await expect(freeze(yunqi)).toHaveAttribute('data-stale', 'true');

    // The overlay uses them: the frozen account fails the reseller check.
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'zh-CN' });
    await expect(checklistItem(page, 'reseller.join.not-frozen')).toHaveAttribute(
      'data-status',
      'fail',
    );

    const axe = await new AxeBuilder({ page: options }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    // Forget all, with a confirm step (cancel keeps everything).
    await options.getByRole('button', { name: 'Forget everything stored…' }).click();
    await expect(options.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await options.getByRole('button', { name: 'Cancel' }).click();
    expect(accountKeys(await extensionStorage(serviceWorker))).toHaveLength(2);
    await options.getByRole('button', { name: 'Forget everything stored…' }).click();
    await expect(options.getByRole('group', { name: /^Remove every fact/ })).toContainText(
      '2 accounts',
    );
    await options.getByRole('button', { name: 'Forget all', exact: true }).click();
    await expect(options.getByRole('status')).toHaveText('Everything stored was forgotten.');
    await expect(options.locator('[data-account]')).toHaveCount(0);
    expect(accountKeys(await extensionStorage(serviceWorker))).toEqual([]);
    // The settings are not what was read: they stay.
    expect((await extensionStorage(serviceWorker))['policylens:settings']).toEqual({
      disabledSites: [],
      lang: 'en',
    });
    // The open page no longer knows the account's remembered facts.
    await expect(checklistItem(page, 'reseller.join.not-frozen')).toHaveAttribute(
      'data-status',
      'unknown',
    );
  });

  test('the rule browser lists every rule of the pack, in both languages', async ({
    context,
    extensionId,
  }) => {
    const options = await openOptions(context, extensionId);
    const browser = options.locator('[data-policylens="rule-browser"]');
    const shown = await browser
      .locator('[data-rule]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-rule')));
    const ids = bundle.pack.flows.flatMap((f) => f.rules.map((r) => r.id));
    expect(shown).toEqual(ids);
    for (const flow of bundle.pack.flows) {
      await expect(browser.locator(`[data-flow="${flow.id}"]`)).toHaveCount(1);
    }
    const rule = browser.locator('[data-rule="invoice.request.special-medium"]');
    await expect(rule).toHaveAttribute('data-severity', 'block');
    await expect(rule.locator('[lang="zh-CN"]').first()).toBeVisible();
    await expect(rule.locator('[lang="en"]').first()).toBeVisible();
    const link = rule
      .getByRole('link', {
        name: 'https://support.huaweicloud.com/usermanual-bpconsole/zh-cn_topic_0072435143.html',
      })
      .first();
    await expect(link).toHaveAttribute('rel', 'noreferrer');
    await expect(rule).toContainText('seed L5');
    await expect(rule.locator('.effective')).toHaveCount(3);

    const axe = await new AxeBuilder({ page: options }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
