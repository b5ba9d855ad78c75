// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { Popup, type PopupProps } from '../../../components/Popup.tsx';
import type { PageState } from '../../../extension/page-state.ts';
import { DEFAULT_SETTINGS } from '../../../extension/settings.ts';

// The popup's view, from given data: what it says for each kind of tab, and its counts.

const RELEASE = { version: '0.1.0', hash: 'a1b2c3d4', builtOn: '2026-11-29' };

function show(props: Partial<PopupProps>) {
  const actions = {
    onSiteChange: vi.fn(),
    onLangChange: vi.fn(),
    onOpenOptions: vi.fn(),
    onCheckPage: vi.fn(),
  };
  render(
    <Popup
      lang="en"
      state={undefined}
      settings={DEFAULT_SETTINGS}
      release={RELEASE}
      actions={actions}
      {...props}
    />,
    document.body,
  );
  return actions;
}

const pageState = (data: Partial<PageState> = {}): PageState => ({
  host: 'account.huaweicloud.com',
  isEnabled: true,
  pageLang: 'zh-CN',
  ...data,
});

const q = (selector: string) => document.querySelector(selector);
const stateOf = () => q('[data-policylens="page-state"]')?.getAttribute('data-state');

afterEach(() => render(null, document.body));

describe('the popup', () => {
  test('shows a flow page’s title and its block, warn and unknown counts', () => {
    show({
      state: pageState({
        page: {
          page: 'reseller.join',
          flow: 'reseller.join',
          kind: 'checklist',
          counts: { blockFail: 2, warnFail: 1, unknown: 3 },
        },
      }),
      pageTitle: 'Apply for the Cloud Reseller Program',
    });
    expect(stateOf()).toBe('checklist');
    expect(q('h3')?.textContent).toBe('Apply for the Cloud Reseller Program');
    const counts = [...document.querySelectorAll('[data-count]')].map((el) => [
      el.getAttribute('data-count'),
      el.querySelector('dt')?.textContent,
      el.querySelector('dd')?.textContent,
    ]);
    expect(counts).toEqual([
      ['blockFail', 'Will be refused', '2'],
      ['warnFail', 'Warnings', '1'],
      ['unknown', 'Unknown', '3'],
    ]);
    expect(q('[data-count="blockFail"]')?.classList.contains('is-nonzero')).toBe(true);
  });

  test('shows the overview’s programs by eligibility', () => {
    show({
      lang: 'zh-CN',
      state: pageState({
        page: {
          page: 'overview',
          kind: 'eligibility',
          counts: { blockFail: 3, warnFail: 0, unknown: 1 },
          programs: { pass: 1, fail: 2, unknown: 1 },
        },
      }),
      pageTitle: '总览',
    });
    expect(stateOf()).toBe('eligibility');
    expect(q('[data-count="program-pass"] dd')?.textContent).toBe('1');
    expect(q('[data-count="program-fail"] dt')?.textContent).toBe('暂不满足条件');
    expect(q('[data-count="blockFail"]')).toBeNull();
  });

  test('says when the tab is not a Partner Center page, and offers no site switch', () => {
    show({ state: null });
    expect(stateOf()).toBe('not-partner-center');
    expect(q('[data-policylens="page-state"]')?.textContent).toMatch(/Partner Center pages only/);
    expect(q('input[type="checkbox"]')).toBeNull();
    expect(document.querySelectorAll('input[type="radio"]')).toHaveLength(3);
  });

  test('says when the site is off, with its switch unchecked', () => {
    const actions = show({
      state: pageState({ isEnabled: false }),
      settings: { disabledSites: ['account.huaweicloud.com'], lang: 'page' },
    });
    expect(stateOf()).toBe('off');
    const box = q('input[type="checkbox"]') as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect(document.querySelector(`label[for="${box.id}"]`)?.textContent).toBe(
      'PolicyLens on account.huaweicloud.com',
    );
    box.click();
    expect(actions.onSiteChange).toHaveBeenCalledWith('account.huaweicloud.com', true);
  });

  test('says when PolicyLens has no checklist for the page', () => {
    show({ state: pageState() });
    expect(stateOf()).toBe('no-checklist');
  });

  test('offers the three language choices and names the rules release', () => {
    const actions = show({ state: pageState(), settings: { disabledSites: [], lang: 'en' } });
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((r) => [r.value, r.checked])).toEqual([
      ['page', false],
      ['zh-CN', false],
      ['en', true],
    ]);
    radios[0]!.click();
    expect(actions.onLangChange).toHaveBeenCalledWith('page');
    expect(q('[data-policylens="release"]')?.textContent).toBe(
      'rules 0.1.0 · a1b2c3d4 · built 2026-11-29',
    );
  });
});
