// @vitest-environment happy-dom
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Overlay } from '../../../extension/overlay.ts';
import type { PageState } from '../../../extension/page-state.ts';
import {
  parseSettings,
  SETTINGS_KEY,
  SITES,
  withSite,
  type Settings,
} from '../../../extension/settings.ts';
import { startSiteControl, type OverlayHooks } from '../../../extension/site-control.ts';
import { FakeStorage } from './fake-storage.ts';

// The content script under the partner's settings: the overlay runs only while the site is
// on, follows the language override, and the popup gets the page's state.

const CONSOLE = 'https://account.huaweicloud.com/obmgr/#/obmgr/program/reseller/apply';

interface Started {
  signal: AbortSignal;
  hooks: OverlayHooks;
  refreshes: number;
}

async function setUp(stored?: Settings) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(CONSOLE);
  document.documentElement.lang = 'zh-CN';
  const storage = new FakeStorage();
  if (stored) storage.data.set(SETTINGS_KEY, JSON.stringify(stored));
  const controller = new AbortController();
  const started: Started[] = [];
  const published: PageState[] = [];
  let listener: ((settings: Settings) => void) | undefined;
  const control = startSiteControl({
    win: window,
    signal: controller.signal,
    area: storage,
    onSettingsChange: (l) => (listener = l),
    publish: (state) => published.push(state),
    onError: (error) => {
      throw error;
    },
    startOverlay: (signal, hooks) => {
      const run: Started = { signal, hooks, refreshes: 0 };
      started.push(run);
      const overlay: Overlay = {
        refresh: vi.fn(async () => {
          run.refreshes += 1;
        }),
      };
      return overlay;
    },
  });
  const change = async (settings: Settings) => {
    listener?.(parseSettings(settings));
    await control.state();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  await control.state();
  return { control, started, published, change, controller };
}

afterEach(() => document.documentElement.removeAttribute('lang'));

describe('the site control', () => {
  test('starts the overlay when the site is on (the default)', async () => {
    const { control, started } = await setUp();
    expect(await control.state()).toEqual({
      host: 'account.huaweicloud.com',
      isEnabled: true,
      pageLang: 'zh-CN',
    });
    expect(started).toHaveLength(1);
    expect(started[0]!.refreshes).toBe(1);
    expect(started[0]!.hooks.lang()).toBeUndefined();
  });

  test('never starts the overlay on a site that is off: nothing is read', async () => {
    const { control, started } = await setUp({
      disabledSites: ['account.huaweicloud.com'],
      lang: 'page',
    });
    expect((await control.state()).isEnabled).toBe(false);
    expect(started).toHaveLength(0);
  });

  test('stops the overlay when the site is turned off, and starts a new one when on', async () => {
    const { started, change, published } = await setUp();
    await change(withSite({ disabledSites: [], lang: 'page' }, 'account.huaweicloud.com', false));
    expect(started[0]!.signal.aborted).toBe(true);
    expect(published.at(-1)).toMatchObject({ isEnabled: false });

    // Another site turned off changes nothing here.
    await change({
      disabledSites: ['account.huaweicloud.com', 'www.huaweicloud.com'],
      lang: 'page',
    });
    expect(started).toHaveLength(1);

    await change({ disabledSites: ['www.huaweicloud.com'], lang: 'page' });
    expect(started).toHaveLength(2);
    expect(started[1]!.signal.aborted).toBe(false);
    expect(published.at(-1)).toMatchObject({ isEnabled: true });
  });

  test('re-renders in the chosen language, and only when it changes what is shown', async () => {
    const { started, change } = await setUp();
    const run = started[0]!;
    await change({ disabledSites: [], lang: 'en' });
    expect(run.hooks.lang()).toBe('en');
    expect(run.refreshes).toBe(2);
    // zh-CN is what the page shows anyway.
    await change({ disabledSites: [], lang: 'zh-CN' });
    await change({ disabledSites: [], lang: 'page' });
    expect(run.refreshes).toBe(3);
    expect(run.hooks.lang()).toBeUndefined();
  });

  test('tells the popup what the overlay shows, once per change', async () => {
    const { control, started, published } = await setUp();
    await control.state();
    const before = published.length;
    const item = (rule: string, status: 'fail' | 'unknown', severity: 'block' | 'warn') => ({
      result: { rule, severity } as never,
      status,
      canConfirm: false,
    });
    const rendered = {
      page: { id: 'reseller.join', flow: 'reseller.join' } as never,
      content: {
        kind: 'checklist' as const,
        view: {
          flow: 'reseller.join',
          flowTitle: 'x',
          items: [
            item('a', 'fail', 'block'),
            item('b', 'fail', 'warn'),
            item('c', 'unknown', 'block'),
          ],
        },
      },
    };
    started[0]!.hooks.onRender(rendered);
    started[0]!.hooks.onRender(rendered);
    expect(published.length).toBe(before + 1);
    expect((await control.state()).page).toEqual({
      page: 'reseller.join',
      flow: 'reseller.join',
      kind: 'checklist',
      counts: { blockFail: 1, warnFail: 1, unknown: 1 },
    });
    started[0]!.hooks.onRender(undefined);
    expect((await control.state()).page).toBeUndefined();
  });

  test('stops everything when the content script goes away', async () => {
    const { control, started, controller } = await setUp();
    await control.state();
    controller.abort();
    expect(started[0]!.signal.aborted).toBe(true);
  });
});

describe('the settings', () => {
  test('are read defensively', () => {
    expect(parseSettings(undefined)).toEqual({ disabledSites: [], lang: 'page' });
    expect(parseSettings({ disabledSites: ['a', 3, 'a'], lang: 'fr' })).toEqual({
      disabledSites: ['a'],
      lang: 'page',
    });
    expect(parseSettings({ disabledSites: 'a', lang: 'en' })).toEqual({
      disabledSites: [],
      lang: 'en',
    });
  });

  test('name the three hosts the content script runs on', () => {
    expect(SITES).toEqual([
      'account.huaweicloud.com',
      'account-intl.huaweicloud.com',
      'www.huaweicloud.com',
    ]);
  });
});
