import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  eligibilityStatus,
  expect,
  flowUrl,
  navigateInApp,
  openFlow,
  storedFacts,
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
        .toBe(12)
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
