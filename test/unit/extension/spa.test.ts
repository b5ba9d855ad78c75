// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createShadowHost, FIELD_WARNING_TAG } from '../../../extension/shadow.ts';
import { watchPage } from '../../../extension/spa.ts';

// The clock is fake: each test says how much time passes, so what it checks is the watcher's
// schedule (debounce, longest wait, typing delay), never how busy the machine is.

/** Lets the page's mutation records reach the observer, then moves the clock on. */
async function pass(ms: number): Promise<void> {
  await Promise.resolve();
  await vi.advanceTimersByTimeAsync(ms);
}

let controller: AbortController;
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

const DOM_DELAY_MS = 40;
const INPUT_DELAY_MS = 10;

function watch(): { calls: number[] } {
  document.body.innerHTML = '<main><div id="content"></div><input id="field"></main>';
  controller = new AbortController();
  const seen = { calls: [] as number[] };
  const start = Date.now();
  watchPage({
    signal: controller.signal,
    win: window,
    onChange: () => seen.calls.push(Date.now() - start),
    domDelayMs: () => DOM_DELAY_MS,
    inputDelayMs: INPUT_DELAY_MS,
  });
  return seen;
}

describe('following a single-page app', () => {
  test('a burst of DOM changes is read once, after it settles', async () => {
    const seen = watch();
    const content = document.getElementById('content')!;
    for (let i = 0; i < 5; i++) {
      content.append(document.createElement('p'));
      await pass(10);
    }
    expect(seen.calls).toEqual([]);
    await pass(DOM_DELAY_MS);
    expect(seen.calls).toHaveLength(1);
    await pass(500);
    expect(seen.calls).toHaveLength(1);
  });

  test('a page that never stops changing is still read, at least every quarter second', async () => {
    const seen = watch();
    const content = document.getElementById('content')!;
    // A change every 15 ms never lets the 40 ms debounce settle.
    for (let t = 0; t < 700; t += 15) {
      content.textContent = String(t);
      await pass(15);
    }
    expect(seen.calls.length).toBeGreaterThanOrEqual(2);
    for (const [i, at] of seen.calls.entries()) {
      expect(at - (seen.calls[i - 1] ?? 0)).toBeLessThanOrEqual(250 + 15);
    }
  });

  test('typing is read after the short input delay, not the DOM debounce', async () => {
    const seen = watch();
    document.getElementById('field')!.dispatchEvent(new Event('input', { bubbles: true }));
    await pass(INPUT_DELAY_MS - 1);
    expect(seen.calls).toEqual([]);
    await pass(1);
    expect(seen.calls).toEqual([INPUT_DELAY_MS]);
  });

  test('a route change after # is followed without a reload', async () => {
    const seen = watch();
    window.location.hash = '#/obmgr/finance/invoice/apply';
    window.dispatchEvent(new Event('hashchange'));
    await pass(1);
    expect(seen.calls.length).toBeGreaterThanOrEqual(1);
  });

  test('the overlay adding or removing its own elements is no page change', async () => {
    const seen = watch();
    const { host } = createShadowHost(document, FIELD_WARNING_TAG, '');
    document.getElementById('content')!.append(host);
    await pass(500);
    host.remove();
    await pass(500);
    expect(seen.calls).toEqual([]);
  });

  test('nothing is read after the signal aborts', async () => {
    const seen = watch();
    controller.abort();
    document.getElementById('content')!.append(document.createElement('p'));
    document.getElementById('field')!.dispatchEvent(new Event('input', { bubbles: true }));
    await pass(1000);
    expect(seen.calls).toEqual([]);
  });
});
