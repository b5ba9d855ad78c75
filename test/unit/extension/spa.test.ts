// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { createShadowHost, FIELD_WARNING_TAG } from '../../../extension/shadow.ts';
import { watchPage } from '../../../extension/spa.ts';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let controller: AbortController;
afterEach(() => controller.abort());

function watch(): { calls: number[] } {
  document.body.innerHTML = '<main><div id="content"></div><input id="field"></main>';
  controller = new AbortController();
  const seen = { calls: [] as number[] };
  const start = Date.now();
  watchPage({
    signal: controller.signal,
    win: window,
    onChange: () => seen.calls.push(Date.now() - start),
    domDelayMs: () => 40,
    inputDelayMs: 10,
  });
  return seen;
}

describe('following a single-page app', () => {
  test('a burst of DOM changes is read once, after it settles', async () => {
    const seen = watch();
    const content = document.getElementById('content')!;
    for (let i = 0; i < 5; i++) content.append(document.createElement('p'));
    await wait(120);
    expect(seen.calls).toHaveLength(1);
  });

  test('a page that never stops changing is still read, at least every quarter second', async () => {
    const seen = watch();
    const content = document.getElementById('content')!;
    const ticker = setInterval(() => (content.textContent = String(Date.now())), 15);
    await wait(700);
    clearInterval(ticker);
    expect(seen.calls.length).toBeGreaterThanOrEqual(2);
  });

  test('typing is read quickly', async () => {
    const seen = watch();
    document.getElementById('field')!.dispatchEvent(new Event('input', { bubbles: true }));
    await wait(60);
    expect(seen.calls).toHaveLength(1);
    expect(seen.calls[0]).toBeLessThan(60);
  });

  test('a route change after # is followed without a reload', async () => {
    const seen = watch();
    window.location.hash = '#/obmgr/finance/invoice/apply';
    window.dispatchEvent(new Event('hashchange'));
    await wait(30);
    expect(seen.calls.length).toBeGreaterThanOrEqual(1);
  });

  test('the overlay adding or removing its own elements is no page change', async () => {
    const seen = watch();
    const { host } = createShadowHost(document, FIELD_WARNING_TAG, '');
    document.getElementById('content')!.append(host);
    await wait(80);
    host.remove();
    await wait(80);
    expect(seen.calls).toEqual([]);
  });

  test('nothing is read after the signal aborts', async () => {
    const seen = watch();
    controller.abort();
    document.getElementById('content')!.append(document.createElement('p'));
    document.getElementById('field')!.dispatchEvent(new Event('input', { bubbles: true }));
    await wait(100);
    expect(seen.calls).toEqual([]);
  });
});
