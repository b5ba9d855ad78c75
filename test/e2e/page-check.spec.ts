import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  eligibilityStatus,
  expect,
  fillField,
  flowUrl,
  navigateInApp,
  openFlow,
  ruleStatus,
  storedFacts,
  tabIdOf,
  test,
  type ConsoleFixture,
  type Lang,
} from './fixtures.ts';

// `policylens pages check` (the built dist/policylens.js, as installed) on pages saved from
// the mock consoles as a policy owner saves them from the browser: it must read the same
// facts the extension read and stored.

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'policylens-saved-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CheckRun {
  code: number | null;
  report: { page: string | null; facts: Record<string, unknown>; fields: { status: string }[] };
  stderr: string;
}

/** Runs `policylens pages check` on a saved page. */
function check(file: string, url: string, ...extra: string[]) {
  return spawnSync(
    process.execPath,
    ['dist/policylens.js', 'pages', 'check', file, '--url', url, ...extra],
    { cwd: ROOT, encoding: 'utf8' },
  );
}

/** Saves the page as it is now (the DOM, as "Save page as, complete" does) and checks it. */
async function saveAndCheck(page: Page, name: string, ...extra: string[]): Promise<CheckRun> {
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, await page.content());
  const run = check(file, page.url(), '--format', 'json', ...extra);
  return { code: run.status, report: JSON.parse(run.stdout || '{}'), stderr: run.stderr };
}

function flatten(facts: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object')
      Object.assign(out, flatten(value as Record<string, unknown>, name));
    else out[name] = value;
  }
  return out;
}

const CASES: { console: ConsoleFixture; lang: Lang }[] = [
  { console: 'classic', lang: 'zh-CN' },
  { console: 'classic', lang: 'en' },
  { console: 'alt', lang: 'en' },
];

for (const { console, lang } of CASES) {
  test.describe(`${console} console (${lang})`, () => {
    test.use({ consoleFixture: console });

    test('a saved overview reads into the facts the extension stored; a saved flow page too', async ({
      page,
      partnerCenter,
      serviceWorker,
    }) => {
      await openFlow(page, partnerCenter, 'overview', { lang, state: {} });
      await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
      const stored = await expect
        .poll(
          async () => Object.keys((await storedFacts(serviceWorker))['yunqi-tech'] ?? {}).length,
        )
        .toBe(13)
        .then(async () => (await storedFacts(serviceWorker))['yunqi-tech']);

      const overview = await saveAndCheck(page, `${console}-${lang}-overview`);
      expect(overview.stderr).toBe('');
      expect(overview.report.page).toBe('overview');
      expect(overview.code, JSON.stringify(overview.report.fields, null, 2)).toBe(0);
      expect(flatten(overview.report.facts)).toEqual(stored);

      await navigateInApp(page, 'funds.withdraw');
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              document.body.innerText.includes('¥0.00') ||
              document.body.innerText.includes('CNY 0.00'),
          ),
        )
        .toBe(true);
      const withdraw = await saveAndCheck(
        page,
        `${console}-${lang}-withdraw`,
        '--account',
        'yunqi-tech',
      );
      expect(withdraw.report.page).toBe('funds.withdraw');
      expect(flatten(withdraw.report.facts)).toMatchObject({
        'account.name': 'yunqi-tech',
        'funds.invoicedAmount': 0,
      });
      // Without a name seen before, a flow page cannot tell its unlabelled account.
      const fresh = await saveAndCheck(page, `${console}-${lang}-withdraw-fresh`);
      expect(fresh.code).toBe(1);
      expect(flatten(fresh.report.facts)).not.toHaveProperty('account.name');
    });
  });
}

test('the URL picks the page map: a saved overview checked as another route matches none', async ({
  page,
  partnerCenter,
}) => {
  await openFlow(page, partnerCenter, 'overview', { lang: 'zh-CN', state: {} });
  const file = path.join(dir, 'wrong-route.html');
  writeFileSync(file, await page.content());
  const run = check(file, flowUrl({ flow: 'reseller.join', lang: 'zh-CN' }));
  expect(run.status).toBe(1);
  expect(run.stdout).toContain('page: none of the page maps matched');
});

test.describe('the page check view, from the popup', () => {
  test('shows each field of the tab; the report copied leaves the values out unless asked', async ({
    page,
    partnerCenter,
    context,
    extensionId,
    serviceWorker,
  }) => {
    await openFlow(page, partnerCenter, 'overview', { lang: 'zh-CN', state: {} });
    await expect.poll(() => eligibilityStatus(page, 'hcpn.join')).toBe('pass');
    await navigateInApp(page, 'funds.withdraw');
    // The invoiced amount arrives after the form (until then the check says it is waiting).
    await expect.poll(() => ruleStatus(page, 'funds.withdraw.invoiced-needs-return')).toBe('pass');
    const tabId = await tabIdOf(serviceWorker, page);

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    const [view] = await Promise.all([
      context.waitForEvent('page'),
      popup.locator('[data-action="check-page"]').click(),
    ]);
    await expect(view).toHaveURL(`chrome-extension://${extensionId}/page-check.html?tab=${tabId}`);
    await expect(view.locator('html')).toHaveAttribute('lang', 'zh-CN');
    const state = view.locator('[data-policylens="page-check-state"]');
    await expect(state).toHaveAttribute('data-state', 'page');
    await expect(state).toHaveAttribute('data-page', 'funds.withdraw');
    // The top bar's unlabelled account is known from the overview.
    await expect(view.locator('[data-policylens="page-check-account"]')).toContainText(
      '当前账号：yunqi-tech',
    );
    const row = (fact: string) => view.locator(`tr[data-fact="${fact}"][data-region="page"]`);
    await expect(row('funds.invoicedAmount')).toHaveAttribute('data-status', 'found');
    await expect(row('funds.invoicedAmount')).toContainText('¥0.00');
    await expect(row('form.withdraw.holderName')).toHaveAttribute('data-status', 'empty');

    const report = view.locator('[data-policylens="page-check-report"]');
    await expect(report).toContainText('page: funds.withdraw');
    await expect(report).not.toContainText('yunqi-tech');
    await expect(report).not.toContainText('¥0.00');
    await view.locator('[data-action="include-values"]').check();
    await expect(report).toContainText('account: yunqi-tech');

    // The partner types on the page; checking again reads it.
    await page.bringToFront();
    await fillField(page, '开户名', '云启科技（深圳）有限公司');
    await view.bringToFront();
    await view.locator('[data-action="check-again"]').click();
    await expect(row('form.withdraw.holderName')).toHaveAttribute('data-status', 'found');
    await expect(row('form.withdraw.holderName')).toContainText('云启科技（深圳）有限公司');

    // What is handed to the clipboard (headless Chromium grants extension pages no clipboard).
    await view.evaluate(() => {
      const w = window as unknown as { copied?: string };
      navigator.clipboard.writeText = async (text: string) => {
        w.copied = text;
      };
    });
    await view.locator('[data-action="include-values"]').uncheck();
    await view.locator('[data-action="copy-report"]').click();
    await expect(view.locator('[data-policylens="copy-state"]')).toHaveText('报告已复制。');
    const copied = await view.evaluate(() => (window as unknown as { copied?: string }).copied);
    expect(copied).toBe(await report.textContent());
    expect(copied).not.toContain('云启科技');
  });

  test('a tab that is no Partner Center page has nothing to check', async ({
    context,
    extensionId,
  }) => {
    const view = await context.newPage();
    await view.goto(`chrome-extension://${extensionId}/page-check.html?tab=999999`);
    await expect(view.locator('[data-policylens="page-check-state"]')).toHaveAttribute(
      'data-state',
      'no-tab',
    );
  });
});
