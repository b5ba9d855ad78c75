// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledPageMap } from '../../../engine/pages.ts';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import { readPage } from '../../../extension/dom/read-page.ts';
import { findTopBars } from '../../../extension/dom/top-bar.ts';
import { findHeading } from '../../../extension/route.ts';

// Who a page is signed in as. The real console shows the name in its top bar with no label,
// in markup that varies; a name counts only when something vouches for it (a label, the
// overview's 账号名 row, or a name this profile has seen), and a page whose top bar and
// body disagree is signed in as nobody.

let pages: Map<string, CompiledPageMap>;

beforeAll(() => {
  pages = new Map(compileBundle(process.cwd()).bundle!.pageMaps.map((p) => [p.id, p]));
});

function readAs(html: string, pageId: string, knownAccounts: string[] = []) {
  document.body.innerHTML = html;
  const page = pages.get(pageId)!;
  const heading = findHeading(document, page) ?? undefined;
  return readPage(document, page, { heading, knownAccounts });
}

const RESELLER = '<h2>申请加入云经销商计划</h2><form><button type="submit">提交</button></form>';

/** Top bars as consoles draw them, each showing `name` with no label. */
const TOP_BARS: [string, (name: string) => string][] = [
  [
    '<header> with a user-menu trigger',
    (n) =>
      `<header class="top"><span>华为云</span><button aria-haspopup="menu">${n}</button></header>`,
  ],
  [
    'role=banner',
    (n) => `<div role="banner"><a href="#">控制台</a><span class="user">${n}</span></div>`,
  ],
  [
    'a plain <div class="cf-header">',
    (n) =>
      `<div class="cf-header"><div class="brand">华为云 | 伙伴中心</div><div class="right">
       <a href="#">费用</a><span title="消息"><i class="icon"></i><sup>3</sup></span>
       <div class="user"><span class="avatar" aria-hidden="true">${n[0]}</span><span>${n}</span>
       <i class="caret"></i></div></div></div>`,
  ],
  [
    'a plain <div id="app-topbar">',
    (n) => `<div id="app-topbar"><span>Partner Center</span><span>${n} ▾</span></div>`,
  ],
  [
    'a plain div with generated classes, found by its user-menu trigger',
    (n) =>
      `<div class="_x9f2"><span>华为云</span><div class="_k3" aria-haspopup="true" role="button">
       <img alt="" src="data:,"><span>${n}</span></div></div>`,
  ],
  [
    'a plain div with its own class names, found by the avatar beside the name (no aria-haspopup)',
    (n) =>
      `<div class="pc-head"><span>HUAWEI CLOUD</span><div class="t-dropdown pc-account">
       <div class="t-avatar t-avatar--circle"><span>${n[0]}</span></div><span>${n}</span></div></div>`,
  ],
  [
    'an Element-UI layout: <header class="el-header"> inside <section class="el-container">',
    (n) =>
      `<section class="el-container is-vertical"><header class="el-header"><span>${n}</span></header>
       <section class="el-container"><aside class="el-aside"><ul role="menu"><li>总览</li></ul></aside>
       <main class="el-main">${RESELLER}</main></section></section>`,
  ],
  ['a greeting before the name', (n) => `<header><span>您好，${n}</span></header>`],
  [
    'the full name only in a title (the shown one cut short)',
    (n) => `<header><span class="user" title="${n}">${n.slice(0, 5)}…</span></header>`,
  ],
];

function page(bar: string, body = RESELLER): string {
  return bar.includes('<main')
    ? bar
    : `${bar}<div class="layout"><nav><a>总览</a></nav><div class="content">${body}</div></div>`;
}

describe('the top bar, whatever its markup', () => {
  test.each(TOP_BARS)('%s: a name this profile has seen is recognised', (_, bar) => {
    const read = readAs(page(bar('yunqi-tech')), 'reseller.join', ['qinghe-net', 'yunqi-tech']);
    expect(read.account).toMatchObject({ name: 'yunqi-tech', basis: 'header-seen' });
    expect(read.facts['account.name']).toBe('yunqi-tech');
  });

  test.each(TOP_BARS)('%s: a name never seen is not an account', (_, bar) => {
    const read = readAs(page(bar('yunqi-tech')), 'reseller.join', ['qinghe-net']);
    expect(read.account.basis).toBe('unknown');
    expect(read.account.isTopBarFound).toBe(true);
    expect(read.facts).not.toHaveProperty('account.name');
  });

  test('a card header after the heading is not the top bar', () => {
    document.body.innerHTML = `<main><h1>总览</h1><section class="card"><div class="card__header">yunqi-tech</div></section></main>`;
    const heading = document.querySelector('h1')!;
    expect(findTopBars(document, heading)).toEqual([]);
    const read = readAs(document.body.innerHTML, 'overview', ['yunqi-tech']);
    expect(read.account.basis).toBe('unknown');
  });

  test('a page header that holds the heading is not the top bar', () => {
    document.body.innerHTML = `<div class="cf-header"><span>yunqi-tech</span></div>
      <div class="page-header"><h2>申请加入云经销商计划</h2><span>qinghe-net</span></div>`;
    const bars = findTopBars(document, document.querySelector('h2')!);
    expect(bars.map((b) => b.className)).toEqual(['cf-header']);
  });

  test("a page header's back link is part of the page header, not a top bar", () => {
    document.body.innerHTML = `<div class="cf-header"><span>yunqi-tech</span></div>
      <div class="el-page-header"><div class="el-page-header__header"><div class="el-page-header__left">
      <div class="el-page-header__back"><div class="el-page-header__title">qinghe-net</div></div>
      <h2 class="el-page-header__content">申请加入云经销商计划</h2></div></div></div>`;
    const bars = findTopBars(document, document.querySelector('h2')!);
    expect(bars.map((b) => b.className)).toEqual(['cf-header']);
  });

  test("names in the user menu, a dialog or hidden parts don't count", () => {
    const html = `<header><button aria-haspopup="menu">yunqi-tech</button>
      <div role="menu" hidden><span role="menuitem">qinghe-net</span></div>
      <div role="menu"><span role="menuitem">qinghe-net</span></div>
      <span hidden>qinghe-net</span><span aria-hidden="true">qinghe-net</span></header>${RESELLER}`;
    const read = readAs(html, 'reseller.join', ['yunqi-tech', 'qinghe-net']);
    expect(read.account).toMatchObject({ name: 'yunqi-tech', headerNames: ['yunqi-tech'] });
  });

  test('a name in the page body is not the signed-in account', () => {
    const html = `<header><span>华为云</span></header><main>${RESELLER}<p>yunqi-tech</p></main>`;
    expect(readAs(html, 'reseller.join', ['yunqi-tech']).account.basis).toBe('unknown');
  });

  test('a known name inside a longer word is no match', () => {
    const html = `<header><span>yunqi-tech-2</span><span>my-yunqi-tech</span></header>${RESELLER}`;
    expect(readAs(html, 'reseller.join', ['yunqi-tech']).account.basis).toBe('unknown');
  });

  test('the same account however the bar widens or pads it; another case is another account', () => {
    const wide = `<header><span> Ｙｕｎｑｉ-Ｔｅｃｈ </span></header>${RESELLER}`;
    expect(readAs(wide, 'reseller.join', ['Yunqi-Tech']).account.name).toBe('Yunqi-Tech');
    // Account names are not known to be case-insensitive: a name seen as yunqi-tech does not
    // vouch for Yunqi-Tech (fact-store.ts).
    const cased = `<header><span>Yunqi-Tech</span></header>${RESELLER}`;
    expect(readAs(cased, 'reseller.join', ['yunqi-tech']).account.name).toBeUndefined();
  });
});

describe('with a label', () => {
  test.each([
    ['当前账号', '<header><span>当前账号：</span><span>acme-cloud</span></header>'],
    [
      '账号',
      '<header><div><span>账号</span><button aria-haspopup="menu">acme-cloud</button></div></header>',
    ],
    ['Signed in as', '<div class="topbar"><span>Signed in as</span> <b>acme-cloud</b></div>'],
  ])('a top bar that labels the account (%s) needs no name seen before', (_, bar) => {
    const read = readAs(`${bar}${RESELLER}`, 'reseller.join');
    expect(read.account).toMatchObject({ name: 'acme-cloud', basis: 'header-label' });
  });
});

describe('the overview: its 账号名 row and the top bar', () => {
  const overview = (bar: string, shown: string) =>
    `${bar}<main><h1>总览</h1><div class="info"><span>账号名：</span><span>${shown}</span></div>
     <div class="info"><span>实名认证：</span><span>已认证（企业）</span></div></main>`;
  const bar = (name: string) =>
    `<div class="cf-header"><span>华为云</span><div aria-haspopup="menu"><span>${name}</span></div></div>`;

  test('agree: the account is recognised on first sight', () => {
    const read = readAs(overview(bar('yunqi-tech'), 'yunqi-tech'), 'overview');
    expect(read.account).toMatchObject({ name: 'yunqi-tech', basis: 'header-and-page' });
  });

  test('disagree (the bar shows the new account, the page still the last one): nobody', () => {
    for (const known of [[], ['qinghe-net'], ['qinghe-net', 'yunqi-tech']]) {
      const read = readAs(overview(bar('qinghe-net'), 'yunqi-tech'), 'overview', known);
      expect(read.account.basis, known.join()).toBe('disagree');
      expect(read.account.name).toBeUndefined();
      // What the page shows is still what the page shows.
      expect(read.facts['account.name']).toBe('yunqi-tech');
      expect(read.facts['account.realName.status']).toBe('verified');
    }
  });

  test('the row still shows a placeholder: the bar alone decides, by a name seen', () => {
    expect(readAs(overview(bar('yunqi-tech'), '--'), 'overview').account.basis).toBe('unknown');
    expect(
      readAs(overview(bar('yunqi-tech'), '--'), 'overview', ['yunqi-tech']).account,
    ).toMatchObject({ name: 'yunqi-tech', basis: 'header-seen' });
  });

  test('no top bar at all: the page names the account itself', () => {
    const read = readAs(overview('', 'yunqi-tech'), 'overview');
    expect(read.account).toMatchObject({ name: 'yunqi-tech', basis: 'page', isTopBarFound: false });
  });

  test('two known accounts in the bar: nobody', () => {
    const html = overview(
      `<header><span>yunqi-tech</span><span>qinghe-net</span></header>`,
      'yunqi-tech',
    );
    expect(readAs(html, 'overview', ['yunqi-tech', 'qinghe-net']).account.basis).toBe('ambiguous');
  });

  test("the page check lists the header's account like any field", () => {
    const read = readAs(overview(bar('yunqi-tech'), 'yunqi-tech'), 'overview');
    const accountChecks = read.checks.filter((c) => c.field.fact === 'account.name');
    expect(accountChecks.map((c) => [c.field.region ?? 'page', c.status])).toEqual([
      ['page', 'found'],
      ['header', 'found'],
    ]);
    expect(read.fields.map((f) => f.field.fact)).not.toContain('account.name');
  });
});
