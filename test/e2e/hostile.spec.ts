import type { Page, Worker } from '@playwright/test';
import {
  checklistItem,
  eligibilityStatus,
  expect,
  openFlow,
  SELECTORS,
  storedFacts,
  test,
} from './fixtures.ts';

// A page that attacks the overlay (its root is open, so page scripts can reach it), storage
// that holds what it should not, and storage that is full: the page is never broken, the
// overlay never lies, and nothing the page does is taken for the partner's word.

interface Chrome {
  storage: {
    local: {
      get(keys: null): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
      clear(): Promise<void>;
    };
  };
}

async function extensionStorage(serviceWorker: Worker): Promise<Record<string, unknown>> {
  return serviceWorker.evaluate(() =>
    (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get(null),
  );
}

async function setExtensionStorage(serviceWorker: Worker, items: Record<string, unknown>) {
  await serviceWorker.evaluate(
    (all) => (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.set(all),
    items,
  );
}

/** Our panel's host: the one the test did not plant (the page's fakes carry data-fake). */
const OURS = 'policylens-overlay:not([data-fake])';

/** The page's own <policylens-overlay>, first in its body, saying that `rule` failed. */
function plantFake(rule: string) {
  const fake = document.createElement('policylens-overlay');
  fake.setAttribute('data-fake', '');
  fake.attachShadow({ mode: 'open' }).innerHTML =
    `<section data-policylens="checklist"><div data-rule="${rule}" data-status="fail">FAKE</div></section>`;
  document.body.prepend(fake);
}

/** An undecided item of the open checklist, with its "I checked" button. */
async function undecidedRule(page: Page): Promise<string> {
  const item = page.locator(`${OURS} ${SELECTORS.checklist} [data-rule][data-status="unknown"]`, {
    has: page.locator('[data-action="confirm"]'),
  });
  await expect(item.first()).toBeVisible();
  return (await item.first().getAttribute('data-rule'))!;
}

test.describe('a page that attacks the overlay', () => {
  test.beforeEach(async ({ page, partnerCenter }) => {
    // The overview makes the account known, so confirmations are stored for it; it hides
    // the account's status, so whether it is frozen stays undecided.
    await openFlow(page, partnerCenter, 'overview', {
      lang: 'zh-CN',
      state: { account: { freeze: null } },
    });
    await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'zh-CN' });
  });

  test('cannot press "I checked": its click is not trusted, and nothing is stored', async ({
    page,
    serviceWorker,
  }) => {
    const rule = await undecidedRule(page);
    const confirmations = async () =>
      Object.values(await extensionStorage(serviceWorker)).flatMap((record) =>
        Object.keys((record as { confirmations?: object }).confirmations ?? {}),
      );
    await page.evaluate((id) => {
      const root = document.querySelector('policylens-overlay')!.shadowRoot!;
      const button = root.querySelector<HTMLButtonElement>(
        `[data-rule="${id}"] [data-action="confirm"]`,
      )!;
      button.click();
      button.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      button.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    }, rule);
    await page.waitForTimeout(800);
    await expect(checklistItem(page, rule)).toHaveAttribute('data-status', 'unknown');
    expect(await confirmations()).toEqual([]);

    // The partner's own click still works.
    await checklistItem(page, rule).locator('[data-action="confirm"]').click();
    await expect(checklistItem(page, rule)).toHaveAttribute('data-status', 'pass');
    await expect.poll(confirmations).toEqual([rule]);
  });

  test('cannot rewrite a status: the overlay puts it back at once', async ({ page }) => {
    const rule = await undecidedRule(page);
    await page.evaluate((id) => {
      const root = document.querySelector('policylens-overlay')!.shadowRoot!;
      const item = root.querySelector(`[data-rule="${id}"]`)!;
      item.setAttribute('data-status', 'pass');
      item.querySelector('.title')!.textContent = 'All good, submit now';
    }, rule);
    await expect(checklistItem(page, rule)).toHaveAttribute('data-status', 'unknown');
    await expect(checklistItem(page, rule)).not.toContainText('All good, submit now');
  });

  test('cannot remove or hide the panel: it comes back', async ({ page }) => {
    const rule = await undecidedRule(page);
    // Put back by the overlay itself as soon as it is removed, not at some later page change:
    // by the page's next task the panel is where it was.
    const isBack = await page.evaluate(async () => {
      const host = document.querySelector('policylens-overlay')!;
      const heading = host.previousElementSibling;
      host.remove();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return host.isConnected && host.previousElementSibling === heading;
    });
    expect(isBack).toBe(true);
    await expect(checklistItem(page, rule)).toBeVisible();
    await page.evaluate(() => {
      const host = document.querySelector<HTMLElement>('policylens-overlay')!;
      host.style.display = 'none';
      host.hidden = true;
    });
    await expect(checklistItem(page, rule)).toBeVisible();
    await expect(page.locator('policylens-overlay')).toHaveCount(1);
  });

  // The page's fake says the rule failed; ours says it is undecided until the partner
  // confirms it. Ours is drawn again on their click, and the fake is left as it was.
  async function expectOursAlone(page: Page, rule: string) {
    const ours = page.locator(`${OURS} [data-rule="${rule}"]`);
    await expect(ours).toHaveAttribute('data-status', 'unknown');
    await ours.locator('[data-action="confirm"]').click();
    await expect(ours).toHaveAttribute('data-status', 'pass');
    await expect(ours).not.toContainText('FAKE');
    const fake = page.locator(`policylens-overlay[data-fake] [data-rule="${rule}"]`);
    await expect(fake).toHaveAttribute('data-status', 'fail');
    await expect(fake).toHaveText('FAKE');
    await expect(page.locator(OURS)).toHaveCount(1);
  }

  test('a fake <policylens-overlay> placed first is not taken for ours', async ({ page }) => {
    const rule = await undecidedRule(page);
    await page.evaluate(plantFake, rule);
    await expectOursAlone(page, rule);
  });

  test('a <policylens-overlay> in the page before ours is drawn is not taken for ours', async ({
    page,
    partnerCenter,
  }) => {
    const rule = await undecidedRule(page);
    // The page's own element, there from the start, before the heading and ours.
    await page.addInitScript({
      content: `document.addEventListener('DOMContentLoaded', () => (${plantFake})(${JSON.stringify(rule)}));`,
    });
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'zh-CN' });
    await expectOursAlone(page, rule);
  });
});

test('content the page wraps in an element named like ours is still read', async ({
  page,
  partnerCenter,
  serviceWorker,
}) => {
  await openFlow(page, partnerCenter, 'overview', {
    lang: 'zh-CN',
    state: { account: { freeze: 'arrears' } },
  });
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
  await expect
    .poll(async () => (await storedFacts(serviceWorker))['yunqi-tech']?.['account.freeze'])
    .toBe('arrears');
  // The page moves its account-status row into a <policylens-overlay> of its own, and the
  // freeze is lifted there: the overlay must read it, not skip it as if it were ours.
  await page.evaluate(() => {
    const row = [...document.querySelectorAll('.info-item')].find((el) =>
      el.textContent?.includes('账号状态'),
    )!;
    const wrapper = document.createElement('policylens-overlay');
    row.replaceWith(wrapper);
    wrapper.append(row);
    row.querySelector('.info-item__value')!.textContent = '正常';
  });
  await expect
    .poll(async () => (await storedFacts(serviceWorker))['yunqi-tech']?.['account.freeze'])
    .toBe('none');
});

test.describe('storage that holds what it should not', () => {
  test('records that do not fit are dropped, not used, and the options page says so', async ({
    page,
    context,
    partnerCenter,
    serviceWorker,
    extensionId,
  }) => {
    const now = Date.now();
    const future = now + 365 * 86_400_000;
    await setExtensionStorage(serviceWorker, {
      'policylens:account:yunqi-tech': {
        account: 'yunqi-tech',
        facts: {
          '__proto__.polluted': { value: 'yes', page: 'overview', readAt: now },
          'account.freeze': { value: 'melted', page: 'overview', readAt: now },
          'account.realName.status': { value: 42, page: 'overview', readAt: now },
          'account.realName.type': { value: 'enterprise', page: 'overview', readAt: future },
        },
        confirmations: {
          'reseller.join.not-frozen': { page: 'reseller.join', confirmedAt: future },
        },
      },
    });
    await openFlow(page, partnerCenter, 'reseller.join', { lang: 'en' });
    // Nothing stored counts: the freeze, verification and the "confirmed forever" are unknown.
    for (const rule of ['reseller.join.not-frozen', 'reseller.join.enterprise-verified']) {
      await expect(checklistItem(page, rule)).toHaveAttribute('data-status', 'unknown');
    }

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('radio', { name: 'English' }).check();
    const dropped = options.locator('[data-policylens="dropped"]');
    await expect(dropped).toContainText('Dropped from storage');
    await expect(dropped.locator('li')).toHaveText([
      'yunqi-tech: fact __proto__.polluted: not a fact PolicyLens reads',
      'yunqi-tech: fact account.freeze: a value the fact cannot have',
      'yunqi-tech: fact account.realName.status: a value the fact cannot have',
      'yunqi-tech: fact account.realName.type: dated in the future',
      'yunqi-tech: confirmation of reseller.join.not-frozen: dated in the future',
    ]);
    await dropped.locator('[data-action="dismiss-dropped"]').click();
    await expect(dropped).toHaveCount(0);
  });
});

test.describe('storage that is full', () => {
  test('the overlay shows from the page and says nothing could be remembered', async ({
    page,
    partnerCenter,
    serviceWorker,
  }) => {
    // chrome.storage.local holds 10 MB: fill it to the brim with something else.
    await serviceWorker.evaluate(async () => {
      const local = (globalThis as unknown as { chrome: Chrome }).chrome.storage.local;
      let size = 10 * 1024 * 1024 - 64;
      for (;;) {
        try {
          await local.set({ filler: 'x'.repeat(size) });
          return;
        } catch {
          size -= 1024;
        }
      }
    });
    await openFlow(page, partnerCenter, 'overview', {
      lang: 'en',
      state: { account: { freeze: 'arrears' } },
    });
    await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
    await expect(page.locator('[data-policylens="not-remembered"]')).toHaveText(
      'Nothing could be remembered: the browser refused to store it (its storage may be full). The checklist uses what this page shows.',
    );
    expect(Object.keys(await extensionStorage(serviceWorker))).toEqual(['filler']);
  });

  test('a very long account name is not remembered by, and the overlay still shows', async ({
    page,
    partnerCenter,
    serviceWorker,
  }) => {
    const name = `acme-${'x'.repeat(20_000)}`;
    await openFlow(page, partnerCenter, 'overview', {
      lang: 'en',
      state: { account: { name, freeze: 'arrears' } },
    });
    await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
    // No key is made of it (too long to be told from the top bar, or to key by): the panel
    // says nothing is remembered, and does not repeat the name.
    const foot = page.locator('policylens-overlay .panel-foot');
    await expect(foot).toContainText('nothing is remembered');
    expect((await foot.textContent())!.length).toBeLessThan(500);
    expect(Object.keys(await extensionStorage(serviceWorker))).toEqual([]);
  });
});

test('accounts that differ by case are two accounts; by width, one', async ({
  page,
  partnerCenter,
  serviceWorker,
}) => {
  await openFlow(page, partnerCenter, 'overview', {
    lang: 'zh-CN',
    state: { account: { name: 'AcmeCorp', freeze: 'arrears' } },
  });
  await expect.poll(() => eligibilityStatus(page, 'reseller.join')).toBe('fail');
  await openFlow(page, partnerCenter, 'overview', {
    lang: 'zh-CN',
    state: { account: { name: 'acmecorp', freeze: 'none' } },
  });
  await expect
    .poll(async () => Object.keys(await extensionStorage(serviceWorker)).sort())
    .toEqual(['policylens:account:AcmeCorp', 'policylens:account:acmecorp']);
  const facts = await storedFacts(serviceWorker);
  expect(facts.AcmeCorp?.['account.freeze']).toBe('arrears');
  expect(facts.acmecorp?.['account.freeze']).toBe('none');

  // The full-width spelling is the same name to a reader, and the same account.
  await openFlow(page, partnerCenter, 'overview', {
    lang: 'zh-CN',
    state: { account: { name: 'ＡｃｍｅＣｏｒｐ', freeze: 'police' } },
  });
  const freezeUnder = async (key: string) => {
    const record = (await extensionStorage(serviceWorker))[key] as {
      facts: Record<string, { value: unknown }>;
    };
    return record.facts['account.freeze']?.value;
  };
  await expect.poll(() => freezeUnder('policylens:account:AcmeCorp')).toBe('police');
  expect(await freezeUnder('policylens:account:acmecorp')).toBe('none');
  expect(Object.keys(await extensionStorage(serviceWorker)).sort()).toEqual([
    'policylens:account:AcmeCorp',
    'policylens:account:acmecorp',
  ]);
});
