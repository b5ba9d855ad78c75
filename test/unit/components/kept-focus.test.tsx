// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Checklist } from '../../../components/Checklist.tsx';
import { Eligibility } from '../../../components/Eligibility.tsx';
import type { FlowEligibilityView, ItemView, ViewContext } from '../../../components/model.ts';
import type { RuleResult } from '../../../engine/types.ts';

// Keyboard users keep their place: the button pressed on an item is replaced (confirm <->
// forget), or on the overview the item leaves its program's list; focus must not fall to
// the page's body.

const ctx: ViewContext = {
  lang: 'en',
  vocabulary: {},
  now: 0,
  date: '2025-06-16',
  facts: {},
  account: 'acme',
};

const result = (rule: string): RuleResult => ({
  rule,
  status: 'unknown',
  severity: 'block',
  title: `Title of ${rule}`,
  message: 'Message.',
  reason: 'Reason.',
  missing: ['account.realName.status'],
  effective: {},
  source: [],
});

const unknownItem = (rule: string): ItemView => ({
  result: result(rule),
  status: 'unknown',
  canConfirm: true,
});

const confirmedItem = (rule: string): ItemView => ({
  result: result(rule),
  status: 'pass',
  confirmedAt: 0,
  canConfirm: true,
});

const actions = () => ({ onConfirm: vi.fn(), onForget: vi.fn(), onForgetAll: vi.fn() });

function press(selector: string): void {
  const button = document.querySelector<HTMLElement>(selector);
  if (!button) throw new Error(`no ${selector}`);
  button.focus();
  button.click();
}

const focused = () => document.activeElement;

afterEach(() => render(null, document.body));

describe('focus after confirm / forget', () => {
  test('moves from "I checked" to the item\'s "Forget", and back', async () => {
    const a = actions();
    const view = (item: ItemView) => (
      <Checklist
        view={{ flow: 'x', flowTitle: 'Flow', items: [unknownItem('x.other'), item] }}
        ctx={ctx}
        actions={a}
      />
    );
    await act(() => render(view(unknownItem('x.rule')), document.body));

    press('[data-rule="x.rule"] [data-action="confirm"]');
    expect(a.onConfirm).toHaveBeenCalledWith('x.rule');
    await act(() => render(view(confirmedItem('x.rule')), document.body));
    expect(focused()?.getAttribute('data-action')).toBe('forget');
    expect(focused()?.closest('[data-rule]')?.getAttribute('data-rule')).toBe('x.rule');

    press('[data-rule="x.rule"] [data-action="forget"]');
    expect(a.onForget).toHaveBeenCalledWith('x.rule');
    await act(() => render(view(unknownItem('x.rule')), document.body));
    expect(focused()?.getAttribute('data-action')).toBe('confirm');
    expect(focused()?.closest('[data-rule]')?.getAttribute('data-rule')).toBe('x.rule');
  });

  test('goes to the program when the confirmed item leaves the overview', async () => {
    const a = actions();
    const flow = (
      status: FlowEligibilityView['status'],
      items: ItemView[],
    ): FlowEligibilityView => ({
      flow: 'x.join',
      title: 'Program X',
      status,
      items,
      missing: [],
    });
    await act(() =>
      render(
        <Eligibility flows={[flow('unknown', [unknownItem('x.rule')])]} ctx={ctx} actions={a} />,
        document.body,
      ),
    );
    press('[data-rule="x.rule"] [data-action="confirm"]');
    await act(() =>
      render(<Eligibility flows={[flow('pass', [])]} ctx={ctx} actions={a} />, document.body),
    );
    expect(focused()?.getAttribute('data-flow')).toBe('x.join');
  });

  test('leaves focus alone when it did not fall to the page', async () => {
    const a = actions();
    const view = (item: ItemView) => (
      <Checklist view={{ flow: 'x', flowTitle: 'Flow', items: [item] }} ctx={ctx} actions={a} />
    );
    await act(() => render(view(unknownItem('x.rule')), document.body));
    press('[data-rule="x.rule"] [data-action="confirm"]');
    // The partner moved on before the store answered.
    document.querySelector<HTMLElement>('[data-action="forget-all"]')?.focus();
    await act(() => render(view(confirmedItem('x.rule')), document.body));
    expect(focused()?.getAttribute('data-action')).toBe('forget-all');
  });
});
