// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Lang } from '../../../engine/types.ts';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import { FactStore, recordVocabulary } from '../../../extension/fact-store.ts';
import { startOverlay, type PackBundle } from '../../../extension/overlay.ts';
import { summarizePage, type PageSummary } from '../../../extension/page-state.ts';
import { testPanel } from './panel-harness.ts';
import { FakeStorage } from './fake-storage.ts';

// The overlay's two hooks for the settings: the language override (every text and every
// rule message) and what it rendered (for the popup); and a stopped overlay reads nothing.

let bundle: PackBundle;
beforeAll(() => {
  bundle = compileBundle(process.cwd()).bundle!;
});

const RESELLER = 'https://account.huaweicloud.com/obmgr/#/obmgr/program/reseller/apply';
let controller: AbortController | undefined;
afterEach(() => controller?.abort());

function start(lang: { value: Lang | undefined }, storage = new FakeStorage()) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(RESELLER);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = `<header><div><span>账号</span><button type="button" aria-haspopup="menu">yunqi-tech</button></div></header>
    <main><h2>申请加入云经销商计划</h2><form><button type="submit">提交</button></form></main>`;
  controller = new AbortController();
  const panel = testPanel(document);
  const summaries: (PageSummary | undefined)[] = [];
  const overlay = startOverlay({
    win: window,
    signal: controller.signal,
    bundle,
    store: new FactStore(storage, recordVocabulary(bundle)),
    panel,
    lang: () => lang.value,
    onRender: (rendered) =>
      summaries.push(rendered && summarizePage(rendered.page, rendered.content)),
    onError: (error) => {
      throw error;
    },
  });
  return { overlay, root: panel.root, summaries, storage };
}

const rule = () =>
  bundle.pack.flows
    .find((f) => f.id === 'reseller.join')!
    .rules.find((r) => r.id === 'reseller.join.not-frozen')!;

describe('the overlay under the settings', () => {
  test('shows every text and rule message in the chosen language, on a zh-CN page', async () => {
    const lang: { value: Lang | undefined } = { value: 'en' };
    const { overlay, root } = start(lang);
    await overlay.refresh();
    const checklist = root.querySelector('[data-policylens="checklist"]');
    expect(checklist?.getAttribute('lang')).toBe('en');
    expect(checklist?.querySelector('h2')?.textContent).toMatch(/: checklist$/);
    const item = root.querySelector('[data-rule="reseller.join.not-frozen"]');
    expect(item?.querySelector('.title')?.textContent).toBe(rule().title.en);

    lang.value = undefined;
    await overlay.refresh();
    expect(checklist?.getAttribute('lang')).toBe('zh-CN');
    expect(item?.querySelector('.title')?.textContent).toBe(rule().title['zh-CN']);
  });

  test('reports what it rendered, and its removal', async () => {
    const { overlay, summaries } = start({ value: undefined });
    await overlay.refresh();
    expect(summaries.at(-1)).toEqual({
      page: 'reseller.join',
      flow: 'reseller.join',
      kind: 'checklist',
      counts: { blockFail: 0, warnFail: 0, unknown: 5 },
    });
    controller!.abort();
    expect(summaries.at(-1)).toBeUndefined();
  });

  test('once stopped, reads and stores nothing', async () => {
    const { overlay, root, storage } = start({ value: undefined });
    controller!.abort();
    await overlay.refresh();
    expect(root.querySelector('[data-policylens="checklist"]')).toBeNull();
    expect(storage.writes).toBe(0);
  });
});
