// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import {
  accountKey,
  FactStore,
  recordVocabulary,
  STALE_AFTER_MS,
} from '../../../extension/fact-store.ts';
import { startOverlay, type Overlay, type PackBundle } from '../../../extension/overlay.ts';
import { OVERLAY_TAG } from '../../../extension/shadow.ts';
import { testPanel, userClick } from './panel-harness.ts';
import { FakeStorage } from './fake-storage.ts';

// The bridge end to end in happy-dom: a page is read, remembered facts are added, the flow
// is evaluated and the views show it, with the DOM contract the e2e tests rely on.

let bundle: PackBundle;
beforeAll(() => {
  bundle = compileBundle(process.cwd()).bundle!;
});

const CONSOLE = 'https://account.huaweicloud.com/obmgr/';
let controller: AbortController | undefined;
afterEach(() => controller?.abort());

interface Harness {
  overlay: Overlay;
  storage: FakeStorage;
  clock: { now: number };
  panelRoot: ShadowRoot;
}

function header(account: string | null): string {
  return account === null
    ? '<header class="pc-header"><span>华为云</span></header>'
    : `<header class="pc-header"><div class="pc-user"><span>账号</span><button type="button" aria-haspopup="menu">${account}</button></div></header>`;
}

function show(url: string, html: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = html;
}

function start(storage = new FakeStorage(), clock = { now: Date.now() }): Harness {
  controller = new AbortController();
  const panel = testPanel(document);
  const overlay = startOverlay({
    win: window,
    signal: controller.signal,
    bundle,
    store: new FactStore(storage, recordVocabulary(bundle), () => clock.now),
    panel,
    now: () => clock.now,
    onError: (error) => {
      throw error;
    },
  });
  return { overlay, storage, clock, panelRoot: panel.root };
}

function overviewHtml(account: string, freeze: string): string {
  return `${header(account)}<main><h1>总览</h1><section>
    <div class="info-item"><span>账号名：</span><span>${account}</span></div>
    <div class="info-item"><span>实名认证：</span><span>已认证（企业）</span></div>
    <div class="info-item"><span>账号状态：</span><span>${freeze}</span></div>
    <table><tbody><tr><th>伙伴状态</th><td>非合作伙伴</td></tr>
    <tr><th>关联一级经销商</th><td>否</td></tr></tbody></table>
    <div><div>解决方案提供商</div><div>未加入</div></div>
  </section></main>`;
}

function resellerHtml(account: string | null): string {
  return `${header(account)}<main><h2>申请加入云经销商计划</h2><form><button type="submit">提交</button></form></main>`;
}

function statuses(
  root: ShadowRoot,
  selector = '[data-policylens="checklist"] [data-rule]',
): Record<string, string> {
  return Object.fromEntries(
    [...root.querySelectorAll(selector)].map((el) => [
      el.getAttribute('data-rule') ?? el.getAttribute('data-flow'),
      el.getAttribute('data-status'),
    ]),
  );
}

describe('overview and remembered facts', () => {
  test("the overview shows each program flow's eligibility and remembers the account facts", async () => {
    show(`${CONSOLE}#/obmgr/index`, overviewHtml('yunqi-tech', '已冻结（欠费）'));
    const h = start();
    await h.overlay.refresh();
    const eligibility = h.panelRoot.querySelector('[data-policylens="eligibility"]');
    expect(eligibility).not.toBeNull();
    const flows = statuses(h.panelRoot, '[data-policylens="eligibility"] [data-flow]');
    expect(flows['reseller.join']).toBe('fail');
    expect(Object.keys(flows).sort()).toEqual(
      bundle.pack.flows
        .filter((f) => f.isProgram)
        .map((f) => f.id)
        .sort(),
    );
    const reseller = eligibility!.querySelector('[data-flow="reseller.join"]')!;
    expect(
      reseller.querySelector('[data-rule="reseller.join.not-frozen"]')?.getAttribute('data-status'),
    ).toBe('fail');
    const stored = JSON.parse(h.storage.data.get(accountKey('yunqi-tech'))!);
    expect(stored.facts['account.freeze']).toMatchObject({ value: 'arrears', page: 'overview' });
    expect(stored.facts['account.realName.type']).toMatchObject({ value: 'enterprise' });
  });

  test('another page uses the facts remembered for the same account, and only for it', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 5, 1, 9) };
    show(`${CONSOLE}#/obmgr/index`, overviewHtml('yunqi-tech', '已冻结（欠费）'));
    let h = start(storage, clock);
    await h.overlay.refresh();
    controller!.abort();

    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('yunqi-tech'));
    h = start(storage, clock);
    await h.overlay.refresh();
    expect(statuses(h.panelRoot)['reseller.join.not-frozen']).toBe('fail');
    expect(statuses(h.panelRoot)['reseller.join.enterprise-verified']).toBe('pass');
    controller!.abort();

    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('qinghe-net'));
    h = start(storage, clock);
    await h.overlay.refresh();
    expect(statuses(h.panelRoot)['reseller.join.not-frozen']).toBe('unknown');
  });

  test('remembered facts older than a day count as unknown', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 5, 1, 9) };
    show(`${CONSOLE}#/obmgr/index`, overviewHtml('yunqi-tech', '正常'));
    let h = start(storage, clock);
    await h.overlay.refresh();
    controller!.abort();

    clock.now += STALE_AFTER_MS + 60_000;
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('yunqi-tech'));
    h = start(storage, clock);
    await h.overlay.refresh();
    expect(statuses(h.panelRoot)['reseller.join.not-frozen']).toBe('unknown');
  });

  test('without a recognised account nothing is remembered or used', async () => {
    const storage = new FakeStorage();
    show(`${CONSOLE}#/obmgr/index`, overviewHtml('yunqi-tech', '正常'));
    let h = start(storage);
    await h.overlay.refresh();
    controller!.abort();
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml(null));
    h = start(storage);
    await h.overlay.refresh();
    expect(statuses(h.panelRoot)['reseller.join.not-frozen']).toBe('unknown');
  });
});

describe('manual confirmation', () => {
  test('an unknown item is confirmed by hand, shown as confirmed by the user, and forgotten', async () => {
    const storage = new FakeStorage();
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('yunqi-tech'));
    const h = start(storage);
    await h.overlay.refresh();
    const item = () => h.panelRoot.querySelector('[data-rule="reseller.join.not-frozen"]')!;
    expect(item().getAttribute('data-status')).toBe('unknown');
    const confirm = item().querySelector<HTMLButtonElement>('[data-action="confirm"]')!;
    expect(confirm.textContent).toContain('我已核实');
    userClick(confirm);
    await new Promise((r) => setTimeout(r, 0));
    await h.overlay.refresh();
    expect(item().getAttribute('data-status')).toBe('pass');
    expect(item().getAttribute('data-confirmed')).toBe('true');
    expect(JSON.parse(storage.data.get(accountKey('yunqi-tech'))!).confirmations).toHaveProperty(
      'reseller.join.not-frozen',
    );

    userClick(item().querySelector<HTMLButtonElement>('[data-action="forget"]')!);
    await new Promise((r) => setTimeout(r, 0));
    await h.overlay.refresh();
    expect(item().getAttribute('data-status')).toBe('unknown');
    expect(item().hasAttribute('data-confirmed')).toBe(false);
  });
});

describe('hostile pages and failing storage', () => {
  test('a page script\'s click on "I checked" confirms nothing and stores nothing', async () => {
    const storage = new FakeStorage();
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('yunqi-tech'));
    const h = start(storage);
    await h.overlay.refresh();
    const item = () => h.panelRoot.querySelector('[data-rule="reseller.join.not-frozen"]')!;
    const writes = storage.writes;
    item().querySelector<HTMLButtonElement>('[data-action="confirm"]')!.click();
    await new Promise((r) => setTimeout(r, 0));
    await h.overlay.refresh();
    expect(item().getAttribute('data-status')).toBe('unknown');
    expect(storage.writes).toBe(writes);
    expect(JSON.parse(storage.data.get(accountKey('yunqi-tech'))!).confirmations).toEqual({});
  });

  test('a status the page rewrites is put back as evaluated', async () => {
    show(`${CONSOLE}#/obmgr/index`, overviewHtml('yunqi-tech', '已冻结（欠费）'));
    const h = start();
    await h.overlay.refresh();
    const flow = () => h.panelRoot.querySelector('[data-flow="reseller.join"]')!;
    expect(flow().getAttribute('data-status')).toBe('fail');
    flow().setAttribute('data-status', 'pass');
    await new Promise((r) => setTimeout(r, 20));
    expect(flow().getAttribute('data-status')).toBe('fail');
  });

  test('when storage refuses to write, the checklist shows from the page and says nothing was remembered', async () => {
    const storage = new FakeStorage();
    storage.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    show(`${CONSOLE}#/obmgr/index`, overviewHtml('yunqi-tech', '已冻结（欠费）'));
    const h = start(storage);
    await h.overlay.refresh();
    const flows = statuses(h.panelRoot, '[data-policylens="eligibility"] [data-flow]');
    expect(flows['reseller.join']).toBe('fail');
    expect(h.panelRoot.querySelector('[data-policylens="not-remembered"]')?.textContent).toBe(
      '未能记住任何信息：浏览器拒绝保存（存储空间可能已满）。清单只依据本页显示的信息。',
    );
    expect(storage.data.size).toBe(0);

    // "I checked" still holds on the page, though it could not be stored.
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('yunqi-tech'));
    await h.overlay.refresh();
    const item = () => h.panelRoot.querySelector('[data-rule="reseller.join.not-frozen"]')!;
    userClick(item().querySelector<HTMLButtonElement>('[data-action="confirm"]')!);
    await new Promise((r) => setTimeout(r, 0));
    await h.overlay.refresh();
    expect(item().getAttribute('data-status')).toBe('pass');
    expect(h.panelRoot.querySelector('[data-policylens="not-remembered"]')).not.toBeNull();
  });

  test('an account name too long to key by is not remembered, and the panel says so', async () => {
    const storage = new FakeStorage();
    const long = `acme-${'x'.repeat(400)}`;
    show(`${CONSOLE}#/obmgr/index`, overviewHtml(long, '正常'));
    const h = start(storage);
    await h.overlay.refresh();
    expect(statuses(h.panelRoot, '[data-policylens="eligibility"] [data-flow]')).not.toEqual({});
    expect(storage.data.size).toBe(0);
    expect(h.panelRoot.querySelector('[data-policylens="not-remembered"]')?.textContent).toBe(
      '账号名过长，无法据此记住信息：仅使用本页读取的信息，不记住任何内容。',
    );
    expect(h.panelRoot.textContent).not.toContain(long);
  });
});

function warnings() {
  return [...document.querySelectorAll('policylens-field-warning')].flatMap((host) =>
    [...host.shadowRoot!.querySelectorAll('[data-policylens="field-warning"]')].map((w) => ({
      rule: w.getAttribute('data-rule'),
      status: w.getAttribute('data-status'),
      host,
    })),
  );
}

function invoiceHtml(titleType: string): string {
  const option = (value: string, text: string) =>
    `<option value="${value}"${titleType === value ? ' selected' : ''}>${text}</option>`;
  return `${header('yunqi-tech')}<main><h2>索取发票</h2><div class="card">
    <div class="item"><div>发票类型</div><div><div role="combobox"><span>增值税专用发票</span></div></div></div>
    <div class="item"><label for="tt">抬头类型</label><div id="ctl"><select id="tt">
      ${option('enterprise', '企业')}${option('individual', '个人')}</select></div></div>
    <button type="button" id="submit">提交</button>
  </div></main>`;
}

describe('the date is China’s', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  function paperSpecialInvoiceHtml(): string {
    return `${header('yunqi-tech')}<main><h2>索取发票</h2><div class="card">
      <div class="item"><div>发票类型</div><div><span>增值税专用发票</span></div></div>
      <div class="item"><div>发票介质</div><div><span>纸质发票</span></div></div>
    </div></main>`;
  }

  test('on a computer in Los Angeles the rules in force are those of the date in China', async () => {
    // Node re-reads TZ when it is set: this process now keeps Los Angeles time.
    process.env.TZ = 'America/Los_Angeles';
    const evening = Date.parse('2024-11-29T18:00:00-08:00'); // 2024-11-30 10:00 in Shanghai
    expect(new Date(evening).getDate()).toBe(29);
    show(`${CONSOLE}#/obmgr/finance/invoice/apply`, paperSpecialInvoiceHtml());
    let h = start(new FakeStorage(), { now: evening });
    await h.overlay.refresh();
    const footer = h.panelRoot.querySelector('[data-policylens="checked-on"]');
    expect(footer?.getAttribute('data-date')).toBe('2024-11-30');
    expect(footer?.textContent).toBe('按北京时间 2024年11月30日 有效的规则检查。');
    // From 2024-11-30 a paper special invoice depends on the contracting entity (not read
    // here); the day before, paper was accepted from anyone.
    expect(statuses(h.panelRoot)['invoice.request.special-medium']).toBe('unknown');
    controller!.abort();

    const morning = Date.parse('2024-11-29T07:00:00-08:00'); // 2024-11-29 23:00 in Shanghai
    show(`${CONSOLE}#/obmgr/finance/invoice/apply`, paperSpecialInvoiceHtml());
    h = start(new FakeStorage(), { now: morning });
    await h.overlay.refresh();
    expect(
      h.panelRoot.querySelector('[data-policylens="checked-on"]')?.getAttribute('data-date'),
    ).toBe('2024-11-29');
    expect(statuses(h.panelRoot)['invoice.request.special-medium']).toBe('pass');
  });
});

describe('inline warnings and the single-page app', () => {
  test('a warning appears beside the field the partner changes, and follows the change', async () => {
    show(`${CONSOLE}#/obmgr/finance/invoice/apply`, invoiceHtml('enterprise'));
    const h = start();
    await h.overlay.refresh();
    expect(warnings()).toEqual([]);

    const select = document.getElementById('tt') as HTMLSelectElement;
    select.value = 'individual';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await h.overlay.refresh();
    const [warning] = warnings();
    expect(warning?.rule).toBe('invoice.request.special-enterprise-title');
    expect(warning?.status).toBe('fail');
    expect(warning?.host.parentElement?.id).toBe('ctl');

    select.value = 'enterprise';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await h.overlay.refresh();
    expect(warnings()).toEqual([]);
  });

  test('a field filled before the overlay read it still gets its warning', async () => {
    // The heading first, the form after the page's fetch.
    const html = invoiceHtml('enterprise');
    show(
      `${CONSOLE}#/obmgr/finance/invoice/apply`,
      html.replace(/<div class="card">[\s\S]*<\/div>/u, ''),
    );
    const h = start();
    await h.overlay.refresh();
    document.body.innerHTML = html;
    // The partner (or the browser's autofill) is faster than the overlay's next read.
    const select = document.getElementById('tt') as HTMLSelectElement;
    select.value = 'individual';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await h.overlay.refresh();
    expect(warnings().map((w) => w.rule)).toEqual(['invoice.request.special-enterprise-title']);
  });

  test('an untouched field shows its warning once a submission is held', async () => {
    show(`${CONSOLE}#/obmgr/finance/invoice/apply`, invoiceHtml('individual'));
    const h = start();
    await h.overlay.refresh();
    expect(statuses(h.panelRoot)['invoice.request.special-enterprise-title']).toBe('fail');
    expect(warnings()).toEqual([]);

    document.getElementById('submit')!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(h.panelRoot.querySelector('[data-policylens="submit-guard"]')).not.toBeNull();
    await h.overlay.refresh();
    expect(warnings().map((w) => w.rule)).toEqual(['invoice.request.special-enterprise-title']);
    userClick(h.panelRoot.querySelector<HTMLButtonElement>('[data-action="go-back"]')!);
    expect(h.panelRoot.querySelector('[data-policylens="submit-guard"]')).toBeNull();
  });

  test("a route change without reload shows the new page's checklist; leaving removes it", async () => {
    show(`${CONSOLE}#/obmgr/finance/invoice/apply`, invoiceHtml('individual'));
    const h = start();
    await h.overlay.refresh();
    expect(h.panelRoot.querySelector('[data-policylens="checklist"]')).not.toBeNull();

    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('yunqi-tech'));
    await h.overlay.refresh();
    expect(Object.keys(statuses(h.panelRoot)).every((r) => r.startsWith('reseller.join.'))).toBe(
      true,
    );
    expect(document.querySelectorAll('policylens-field-warning')).toHaveLength(0);

    show(
      `${CONSOLE}#/obmgr/sales/customer/list`,
      `${header('yunqi-tech')}<main><h2>客户管理</h2></main>`,
    );
    await h.overlay.refresh();
    expect(document.querySelector(OVERLAY_TAG)).toBeNull();
  });

  test('page text is rendered as text, never as markup', async () => {
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, resellerHtml('<img src=x onerror=alert(1)>'));
    const h = start();
    await h.overlay.refresh();
    expect(h.panelRoot.querySelector('img')).toBeNull();
  });
});

describe('the signed-in account without a label', () => {
  /** The console's top bar: a plain div, the name bare beside an avatar. */
  const topBar = (account: string) =>
    `<div class="cf-header"><span>华为云 | 伙伴中心</span><div class="user" aria-haspopup="menu">
      <span class="avatar" aria-hidden="true">${account[0]}</span><span>${account}</span></div></div>`;
  const overview = (bar: string, account: string, freeze: string) =>
    overviewHtml(account, freeze).replace(header(account), bar);
  const reseller = (account: string) =>
    resellerHtml(account).replace(header(account), topBar(account));
  const frozen = (root: ShadowRoot) => statuses(root)['reseller.join.not-frozen'];

  test('the overview teaches the name; flow pages then use its facts', async () => {
    const storage = new FakeStorage();
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('yunqi-tech'));
    let h = start(storage);
    await h.overlay.refresh();
    // Never seen: the name in the bar vouches for nothing yet, so nothing is stored.
    expect(frozen(h.panelRoot)).toBe('unknown');
    expect(storage.data.size).toBe(0);
    controller!.abort();

    show(`${CONSOLE}#/obmgr/index`, overview(topBar('yunqi-tech'), 'yunqi-tech', '已冻结（欠费）'));
    h = start(storage);
    await h.overlay.refresh();
    expect(storage.data.has(accountKey('yunqi-tech'))).toBe(true);
    controller!.abort();

    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('yunqi-tech'));
    h = start(storage);
    await h.overlay.refresh();
    expect(frozen(h.panelRoot)).toBe('fail');
    expect(h.panelRoot.textContent).toContain('yunqi-tech');
  });

  test("switching accounts on the page switches the facts: A's never show for B", async () => {
    const storage = new FakeStorage();
    const learn = async (account: string, freeze: string) => {
      show(`${CONSOLE}#/obmgr/index`, overview(topBar(account), account, freeze));
      const h = start(storage);
      await h.overlay.refresh();
      controller!.abort();
    };
    await learn('yunqi-tech', '已冻结（欠费）');
    await learn('qinghe-net', '正常');

    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('yunqi-tech'));
    const h = start(storage);
    await h.overlay.refresh();
    expect(frozen(h.panelRoot)).toBe('fail');
    // The partner switches in the user menu; the page stays, the bar shows the new name.
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('qinghe-net'));
    await h.overlay.refresh();
    expect(frozen(h.panelRoot)).toBe('pass');
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('li-lei'));
    await h.overlay.refresh();
    expect(frozen(h.panelRoot)).toBe('unknown');
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('yunqi-tech'));
    await h.overlay.refresh();
    expect(frozen(h.panelRoot)).toBe('fail');
  });

  test('a confirmation made while the account cannot be told stays with that page view', async () => {
    const storage = new FakeStorage();
    await (async () => {
      show(`${CONSOLE}#/obmgr/index`, overview(topBar('qinghe-net'), 'qinghe-net', '正常'));
      const h = start(storage);
      await h.overlay.refresh();
      controller!.abort();
    })();
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('yunqi-tech'));
    const h = start(storage);
    await h.overlay.refresh();
    const confirm = h.panelRoot.querySelector<HTMLButtonElement>(
      '[data-rule="reseller.join.not-frozen"] [data-action="confirm"]',
    )!;
    userClick(confirm);
    await new Promise((r) => setTimeout(r, 0));
    await h.overlay.refresh();
    expect(frozen(h.panelRoot)).toBe('pass');
    // Then the bar shows an account this profile knows: the confirmation was not its.
    show(`${CONSOLE}#/obmgr/program/reseller/apply`, reseller('qinghe-net'));
    await h.overlay.refresh();
    expect(frozen(h.panelRoot)).toBe('pass');
    expect(
      h.panelRoot
        .querySelector('[data-rule="reseller.join.not-frozen"]')!
        .hasAttribute('data-confirmed'),
    ).toBe(false);
  });

  test('the overview while a switch is under way (bar: B, page: A) stores nothing', async () => {
    const storage = new FakeStorage();
    show(`${CONSOLE}#/obmgr/index`, overview(topBar('qinghe-net'), 'yunqi-tech', '已冻结（欠费）'));
    const h = start(storage);
    await h.overlay.refresh();
    expect(storage.data.size).toBe(0);
    // The panel still shows what the page shows, as for an account it cannot tell.
    expect(
      h.panelRoot
        .querySelector('[data-flow="reseller.join"] [data-rule="reseller.join.not-frozen"]')
        ?.getAttribute('data-status'),
    ).toBe('fail');
    expect(h.panelRoot.textContent).not.toContain('qinghe-net');
  });
});
