import type { Locator, Page } from '@playwright/test';

// The DOM contract between the extension's overlay and these tests (test/e2e/README.md).
// The overlay lives in open shadow roots; Playwright's CSS locators pierce them.

export const STATUSES = ['pass', 'fail', 'unknown', 'skip', 'notice'] as const;
export type Status = (typeof STATUSES)[number];

/** `absent`: the checklist has no item for the rule. */
export type ExpectedStatus = Status | 'absent';

export const SELECTORS = {
  checklist: '[data-policylens="checklist"]',
  eligibility: '[data-policylens="eligibility"]',
  fieldWarning: '[data-policylens="field-warning"]',
  submitGuard: '[data-policylens="submit-guard"]',
} as const;

function attr(value: string): string {
  return JSON.stringify(value);
}

/** The checklist item of one rule (it carries data-rule and data-status). */
export function checklistItem(page: Page, ruleId: string): Locator {
  return page.locator(`${SELECTORS.checklist} [data-rule=${attr(ruleId)}][data-status]`);
}

/** The overview's eligibility entry of one program flow (data-flow and data-status). */
export function eligibilityItem(page: Page, flow: string): Locator {
  return page.locator(`${SELECTORS.eligibility} [data-flow=${attr(flow)}][data-status]`);
}

/** Inline warnings of one rule beside a field: the warning element or an element in it. */
export function fieldWarning(page: Page, ruleId: string): Locator {
  const rule = `[data-rule=${attr(ruleId)}]`;
  return page.locator(`${SELECTORS.fieldWarning}${rule}, ${SELECTORS.fieldWarning} ${rule}`);
}

export function submitGuard(page: Page): Locator {
  return page.locator(SELECTORS.submitGuard);
}

/** The status a rule's checklist item shows now, or `absent`. */
export async function ruleStatus(page: Page, ruleId: string): Promise<string> {
  const item = checklistItem(page, ruleId);
  const count = await item.count();
  if (count === 0) return 'absent';
  if (count > 1) return `${count} items`;
  return (await item.getAttribute('data-status')) ?? 'absent';
}

/** The status the overview shows for a program flow now, or `absent`. */
export async function eligibilityStatus(page: Page, flow: string): Promise<string> {
  const item = eligibilityItem(page, flow);
  return (await item.count()) === 1
    ? ((await item.getAttribute('data-status')) ?? 'absent')
    : 'absent';
}

/** Every checklist item now: rule id -> status (for reports and debugging). */
export async function readChecklist(page: Page): Promise<Record<string, string>> {
  const entries = await page
    .locator(`${SELECTORS.checklist} [data-rule][data-status]`)
    .evaluateAll((items) =>
      items.map((item) => [item.getAttribute('data-rule'), item.getAttribute('data-status')]),
    );
  return Object.fromEntries(entries);
}

/** Marks an unknown item as confirmed by hand (its `data-action="confirm"` control). */
export async function confirmRule(page: Page, ruleId: string): Promise<void> {
  await checklistItem(page, ruleId).locator('[data-action="confirm"]').click();
}

/** Answers the submit guard: go back to the form, or submit anyway. */
export async function chooseInGuard(
  page: Page,
  action: 'go-back' | 'submit-anyway',
): Promise<void> {
  await submitGuard(page)
    .locator(`[data-action=${attr(action)}]`)
    .click();
}

/**
 * What `read` gives once it has given the same for a while: the overlay after late page
 * data and the last keystroke have settled.
 */
export async function settled<T>(page: Page, read: () => Promise<T>): Promise<T> {
  let last = '';
  let value = await read();
  for (let stable = 0; stable < 4;) {
    await page.waitForTimeout(150);
    value = await read();
    const now = JSON.stringify(value);
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return value;
}
