// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Checklist } from '../../../components/Checklist.tsx';
import { Eligibility } from '../../../components/Eligibility.tsx';
import type { ItemView, ViewContext } from '../../../components/model.ts';
import type { Lang, RuleResult, Severity, Status } from '../../../engine/types.ts';

// The checklist as a busy partner reads it: what will get the application refused first,
// then warnings, then what is still unknown; what is met and the notices folded into one
// line; a summary in words in the head; and a list that keeps still while they type.

const ctx = (lang: Lang): ViewContext => ({
  lang,
  vocabulary: {},
  now: 0,
  date: '2025-06-16',
  facts: {},
  account: 'acme',
});

function item(rule: string, status: Status, severity: Severity, confirmedAt?: number): ItemView {
  const result: RuleResult = {
    rule,
    status: confirmedAt === undefined ? status : 'unknown',
    severity,
    title: `Title of ${rule}`,
    message: `Message of ${rule}.`,
    reason: 'Reason.',
    missing: [],
    effective: {},
    source: [],
  };
  return {
    result,
    status,
    canConfirm: false,
    ...(confirmedAt === undefined ? {} : { confirmedAt }),
  };
}

/** A flow in rule-file order: notices first, failures last, as the issue found them. */
const FILE_ORDER = [
  item('f.notice-info', 'notice', 'info'),
  item('f.notice-warn', 'notice', 'warn'),
  item('f.met', 'pass', 'block'),
  item('f.unknown-warn', 'unknown', 'warn'),
  item('f.warn-fail', 'fail', 'warn'),
  item('f.unknown-block', 'unknown', 'block'),
  item('f.confirmed', 'pass', 'block', 0),
  item('f.block-fail', 'fail', 'block'),
  item('f.skipped', 'skip', 'block'),
  item('f.met-2', 'pass', 'warn'),
];

const actions = () => ({ onConfirm: vi.fn(), onForget: vi.fn(), onForgetAll: vi.fn() });

function show(items: ItemView[], lang: Lang = 'en'): void {
  act(() => {
    render(
      <Checklist
        view={{ flow: 'f', flowTitle: 'Flow', items }}
        ctx={ctx(lang)}
        actions={actions()}
      />,
      document.body,
    );
  });
}

const rulesIn = (selector: string) =>
  [...document.querySelectorAll(`${selector} > [data-rule]`)].map((el) =>
    el.getAttribute('data-rule'),
  );
const summary = () => document.querySelector('[data-policylens="summary"]');
const fold = () => document.querySelector<HTMLButtonElement>('[data-action="show-folded"]');

afterEach(() => {
  act(() => render(null, document.body));
  document.body.innerHTML = '';
});

describe('the checklist', () => {
  test('lists what will be refused first, then warnings, unknowns, confirmed; met and info notices fold away', () => {
    show(FILE_ORDER);
    expect(rulesIn('.checklist-items')).toEqual([
      'f.block-fail',
      'f.warn-fail',
      'f.unknown-block',
      'f.unknown-warn',
      // A notice that warns of a consequence stays in view; the partner's own word too.
      'f.notice-warn',
      'f.confirmed',
    ]);
    expect(rulesIn('.folded-items')).toEqual(['f.met', 'f.met-2', 'f.notice-info']);
    expect(document.querySelector('[data-rule="f.skipped"]')).toBeNull();
  });

  test('folds what is met and the notices into one line that opens on click', () => {
    show(FILE_ORDER);
    const list = document.querySelector<HTMLElement>('.folded-items')!;
    expect(fold()?.textContent).toContain('2 met · 1 notice');
    expect(fold()?.getAttribute('aria-expanded')).toBe('false');
    expect(fold()?.getAttribute('aria-controls')).toBe(list.id);
    expect(list.hidden).toBe(true);
    act(() => fold()!.click());
    expect(fold()?.getAttribute('aria-expanded')).toBe('true');
    expect(list.hidden).toBe(false);
  });

  test('folds nothing on a page of notices only: there is nothing else to see', () => {
    show([item('n.one', 'notice', 'info'), item('n.two', 'notice', 'info')]);
    expect(rulesIn('.checklist-items')).toEqual(['n.one', 'n.two']);
    expect(fold()).toBeNull();
  });

  test('shows every item whole: no fixed height, no inner scrolling', () => {
    show(FILE_ORDER);
    for (const el of document.querySelectorAll<HTMLElement>('.panel *')) {
      expect(el.style.height, el.className).toBe('');
      expect(el.style.overflow + el.style.overflowY, el.className).toBe('');
    }
  });

  test.each([
    [
      'en',
      FILE_ORDER,
      'refused',
      '1 thing will get this refused · 1 warning · 2 things still to check',
    ],
    ['zh-CN', FILE_ORDER, 'refused', '1 项会导致申请被拒绝 · 1 项警告 · 2 项待确认'],
    [
      'en',
      [item('a', 'unknown', 'block'), item('b', 'unknown', 'warn'), item('c', 'unknown', 'info')],
      'to-check',
      '3 things still to check',
    ],
    [
      'en',
      [item('a', 'pass', 'block'), item('b', 'notice', 'info')],
      'clear',
      'Nothing known stops this application',
    ],
    [
      'zh-CN',
      [item('a', 'pass', 'block'), item('w', 'fail', 'warn')],
      'warning',
      '未发现会导致申请被拒绝的问题 · 1 项警告',
    ],
    // Not an application (no rule refuses it): its checks are met, or it only warns.
    [
      'en',
      [item('a', 'pass', 'warn'), item('b', 'pass', 'info')],
      'clear',
      'Everything checked is met',
    ],
    ['en', [item('a', 'fail', 'warn'), item('b', 'pass', 'info')], 'warning', '1 warning'],
    ['zh-CN', [item('n', 'notice', 'info')], 'clear', '此页没有需要检查的条件；1 条须知'],
  ] as const)('says the outcome in words in its head (%s, %s)', (lang, items, outcome, text) => {
    show([...items], lang);
    expect(summary()?.closest('header')).not.toBeNull();
    expect(summary()?.getAttribute('data-outcome')).toBe(outcome);
    expect(summary()?.textContent).toBe(text);
    // Said when it changes: a status region.
    expect(summary()?.getAttribute('role')).toBe('status');
  });

  test('keeps a settled item in view while the partner types in the form, and folds it once they leave', () => {
    const input = document.createElement('input');
    const host = document.createElement('div');
    document.body.append(input, host);
    const draw = (items: ItemView[]) =>
      act(() =>
        render(
          <Checklist
            view={{ flow: 'f', flowTitle: 'Flow', items }}
            ctx={ctx('en')}
            actions={actions()}
          />,
          host,
        ),
      );
    const shown = () => rulesIn('.checklist-items');
    draw([item('f.terms', 'fail', 'block'), item('f.entity', 'unknown', 'block')]);
    expect(shown()).toEqual(['f.terms', 'f.entity']);

    input.focus();
    // Their tick settles the first item: it stays in view, now met, after what is still open.
    draw([item('f.terms', 'pass', 'block'), item('f.entity', 'unknown', 'block')]);
    expect(shown()).toEqual(['f.entity', 'f.terms']);
    expect(document.querySelector('[data-rule="f.terms"]')?.getAttribute('data-status')).toBe(
      'pass',
    );
    // A new failure still comes first.
    draw([
      item('f.terms', 'pass', 'block'),
      item('f.entity', 'unknown', 'block'),
      item('f.amount', 'fail', 'block'),
    ]);
    expect(shown()).toEqual(['f.amount', 'f.entity', 'f.terms']);

    input.blur();
    draw([
      item('f.terms', 'pass', 'block'),
      item('f.entity', 'unknown', 'block'),
      item('f.amount', 'fail', 'block'),
    ]);
    expect(shown()).toEqual(['f.amount', 'f.entity']);
    expect(rulesIn('.folded-items')).toEqual(['f.terms']);
  });

  test('before the partner types, late page data settles items and the list follows it', () => {
    show([item('f.a', 'unknown', 'block'), item('f.b', 'unknown', 'block')]);
    show([item('f.a', 'pass', 'block'), item('f.b', 'unknown', 'block')]);
    expect(rulesIn('.checklist-items')).toEqual(['f.b']);
    expect(rulesIn('.folded-items')).toEqual(['f.a']);
  });
});

describe('the overview', () => {
  test('says in its head how many programs the account may apply for now, and lists failures first', () => {
    const flow = (id: string, status: 'pass' | 'fail' | 'unknown', items: ItemView[] = []) => ({
      flow: id,
      title: id,
      status,
      items,
      missing: [],
    });
    act(() => {
      render(
        <Eligibility
          flows={[
            flow('a', 'fail', [
              item('a.unknown', 'unknown', 'block'),
              item('a.fail', 'fail', 'block'),
            ]),
            flow('b', 'pass'),
            flow('c', 'fail', [item('c.fail', 'fail', 'block')]),
            flow('d', 'unknown', [item('d.unknown', 'unknown', 'block')]),
          ]}
          ctx={ctx('en')}
          actions={actions()}
        />,
        document.body,
      );
    });
    expect(summary()?.textContent).toBe(
      '1 program you can apply for now · 2 not yet · 1 cannot tell yet',
    );
    expect(rulesIn('[data-flow="a"] .items')).toEqual(['a.fail', 'a.unknown']);
  });
});

describe('why an item says what it says', () => {
  const dated = (lang: Lang, approximate?: { from?: string; until?: string }): ItemView => {
    const view = item('f.dated', 'fail', 'block');
    view.result.effective = { from: '2024-11-30', ...(approximate ? { approximate } : {}) };
    view.result.source = ['https://support.huaweicloud.com/usermanual-bpconsole/x.html'];
    show([view], lang);
    const why = document.querySelector<HTMLDetailsElement>('[data-policylens="why"]')!;
    act(() => {
      why.open = true;
      why.dispatchEvent(new Event('toggle'));
    });
    return view;
  };
  const dates = () => document.querySelector('[data-policylens="why"] .source span')?.textContent;

  test('a day the source gives only roughly says so, and what the source says', () => {
    dated('en', { from: 'the end of November 2024' });
    expect(dates()).toBe(
      'from Nov 30, 2024 (approximate: the source says “the end of November 2024”). ',
    );
    dated('zh-CN', { from: '2024年11月底' });
    expect(dates()).toMatch(/2024.*（约数：来源为“2024年11月底”）/);
  });

  test('a day the source gives exactly is shown as it is', () => {
    dated('en');
    expect(dates()).toBe('from Nov 30, 2024. ');
  });
});
