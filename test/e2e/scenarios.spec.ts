import type { Page, Worker } from '@playwright/test';
import {
  ageExtensionStorage,
  checklistItem,
  chooseInGuard,
  clickText,
  confirmRule,
  eligibilityStatus,
  expect,
  fieldWarning,
  fillField,
  navigateInApp,
  openFlow,
  pageSubmissions,
  readField,
  ruleStatus,
  SELECTORS,
  selectField,
  setCheckedField,
  submitForm,
  submitGuard,
  switchAccount,
  test,
  type MockPartnerCenter,
} from './fixtures.ts';
import { loadScenariosOrThrow, type Expectation, type Step } from './scenario-loader.ts';

// One Playwright test per file in test/e2e/scenarios/: QA adds a scenario without code.
// Invalid files fail the whole run with file:line:col (engine/schema/scenario.schema.json).

const scenarios = loadScenariosOrThrow();

/**
 * A status counts once it holds this long: right after a page loads the overlay may show
 * `unknown` for a moment before it has read its remembered facts, and that moment must not
 * satisfy an expectation of `unknown`.
 */
const SETTLE_MS = 400;

async function settled(page: Page, read: () => Promise<string>): Promise<string> {
  const first = await read();
  await page.waitForTimeout(SETTLE_MS);
  const second = await read();
  return first === second ? second : `changing (${first}, then ${second})`;
}

interface Run {
  page: Page;
  partnerCenter: MockPartnerCenter;
  getServiceWorker: () => Promise<Worker>;
}

async function checkExpectation(page: Page, expected: Expectation): Promise<void> {
  // `skip` and `absent` may mean "no item": they only count where the overlay shows.
  const statuses = Object.values(expected.rules);
  if (statuses.some((s) => s !== 'absent')) {
    await expect(page.locator(SELECTORS.checklist), 'the checklist').toBeAttached();
  } else if (statuses.length > 0) {
    const overlay = page.locator(`${SELECTORS.checklist}, ${SELECTORS.eligibility}`).first();
    await expect(overlay, 'the overlay').toBeAttached();
  }
  for (const [ruleId, status] of Object.entries(expected.rules)) {
    // A skipped rule may be left out of the checklist.
    const accepted = status === 'skip' ? /^(skip|absent)$/ : new RegExp(`^${status}$`);
    await expect
      .poll(() => settled(page, () => ruleStatus(page, ruleId)), {
        message: `checklist item ${ruleId}`,
      })
      .toMatch(accepted);
  }
  for (const [flow, status] of Object.entries(expected.eligibility ?? {})) {
    await expect
      .poll(() => settled(page, () => eligibilityStatus(page, flow)), {
        message: `eligibility of ${flow}`,
      })
      .toBe(status);
  }
  for (const [ruleId, isShown] of Object.entries(expected.fieldWarnings ?? {})) {
    const warning = fieldWarning(page, ruleId).first();
    if (isShown) await expect(warning, `inline warning of ${ruleId}`).toBeVisible();
    else await expect(warning, `inline warning of ${ruleId}`).toBeHidden();
  }
  if (expected.guard === 'open') await expect(submitGuard(page), 'submit guard').toBeVisible();
  if (expected.guard === 'closed') await expect(submitGuard(page), 'submit guard').toBeHidden();
  const onPage = expected.page;
  if (onPage?.submissions !== undefined) {
    await expect
      .poll(() => pageSubmissions(page), { message: "the page's own submit handler runs" })
      .toBe(onPage.submissions);
  }
  const texts = onPage?.text === undefined ? [] : [onPage.text].flat();
  for (const text of texts) {
    await expect(page.locator('body').getByText(text, { exact: true }).first()).toBeVisible();
  }
  for (const [label, value] of Object.entries(onPage?.values ?? {})) {
    await expect
      .poll(() => readField(page, label), { message: `the value of "${label}"` })
      .toBe(String(value));
  }
  if (onPage?.account) {
    // The top bar: a plain <div> in the console, a <header> on the public site.
    const topBar = page.locator('#cf-header, #app header');
    await expect(topBar.getByText(onPage.account, { exact: true })).toBeVisible();
  }
}

async function runStep(step: Step, run: Run): Promise<void> {
  const { page, partnerCenter } = run;
  switch (step.action) {
    case 'goto':
      await openFlow(page, partnerCenter, step.flow, { lang: step.lang, host: step.host });
      return;
    case 'navigate':
      await navigateInApp(page, step.flow);
      return;
    case 'fill':
      for (const [label, value] of step.fields) await fillField(page, label, value);
      return;
    case 'select':
      for (const [label, option] of step.fields) await selectField(page, label, option);
      return;
    case 'check':
    case 'uncheck':
      for (const label of step.labels) await setCheckedField(page, label, step.action === 'check');
      return;
    case 'click':
      await clickText(page, step.text);
      return;
    case 'submit':
      await submitForm(page, step.flow, step.lang);
      return;
    case 'reload':
      await page.reload();
      return;
    case 'confirm':
      await expect(
        checklistItem(page, step.ruleId),
        `checklist item ${step.ruleId}`,
      ).toBeAttached();
      await confirmRule(page, step.ruleId);
      return;
    case 'choose':
      await chooseInGuard(page, step.choice);
      return;
    case 'switchAccount':
      await switchAccount(page, step.name, step.lang);
      return;
    case 'setState':
      partnerCenter.setState(mergeState(partnerCenter.getState(), step.state));
      return;
    case 'daysPass':
      await ageExtensionStorage(await run.getServiceWorker(), step.days);
      return;
    case 'wait':
      await page.waitForTimeout(step.ms);
      return;
    case 'expect':
      await checkExpectation(page, step.expect);
      return;
  }
}

function mergeState(base: unknown, over: unknown): Record<string, unknown> {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(base) || !isObject(over))
    return (isObject(over) ? over : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = isObject(value) && isObject(base[key]) ? mergeState(base[key], value) : value;
  }
  return out;
}

for (const scenario of scenarios) {
  test.describe(scenario.file, () => {
    if (scenario.fixme) test.fixme(true, scenario.fixme);

    test(scenario.name, async ({ page, partnerCenter, context }) => {
      const run: Run = {
        page,
        partnerCenter,
        getServiceWorker: async () =>
          context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
          (await context.waitForEvent('serviceworker')),
      };
      const { flow, lang, host } = scenario.page;
      await test.step(`open ${flow} (${lang})`, () =>
        openFlow(page, partnerCenter, flow, { lang, host, state: scenario.state }));
      for (const step of scenario.steps) {
        const where = `${step.at.file}:${step.at.line}`;
        await test.step(`${where} ${step.title}`, () => runStep(step, run), {
          location: step.at,
        });
      }
      // Whatever the scenario, the extension must not reach the network.
      expect(partnerCenter.unexpectedRequests, 'requests outside the mock partner center').toEqual(
        [],
      );
    });
  });
}
