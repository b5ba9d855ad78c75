// @vitest-environment happy-dom
import { beforeAll, describe, expect, test } from 'vitest';
import type { CompiledPageMap } from '../../../engine/pages.ts';
import { compileBundle } from '../../../extension/build/pack-plugin.ts';
import { pageLang } from '../../../extension/locale.ts';
import { isCoveredBy, CONTENT_MATCHES } from '../../../extension/matches.ts';
import { matchPage, pagesForUrl, routesOf } from '../../../extension/route.ts';

let pageMaps: CompiledPageMap[];

beforeAll(() => {
  pageMaps = compileBundle(process.cwd()).bundle!.pageMaps;
});

const CN = 'https://account.huaweicloud.com/obmgr/';
const INTL = 'https://account-intl.huaweicloud.com/obmgr/';
const CERT = 'https://www.huaweicloud.com/partners/roles/service_partner/certification/index.html';

describe('routes', () => {
  test('the route after # (its query dropped), and the URL path', () => {
    expect(routesOf(`${CN}?locale=en-us#/obmgr/sales/customer/detail?customerId=C1`)).toEqual([
      '/obmgr/sales/customer/detail',
      '/obmgr',
    ]);
    expect(routesOf(`${CN}#/obmgr/index/`)[0]).toBe('/obmgr/index');
  });

  test.each([
    [`${CN}#/obmgr/index`, 'overview'],
    [`${INTL}?locale=en-us#/obmgr/finance/invoice/apply`, 'invoice.request'],
    [`${CN}?locale=zh-cn#/obmgr/sales/customer/detail?customerId=C20250001`, 'customer.detail'],
    [`${CERT}?locale=en-us`, 'certification.exam'],
  ])('%s is the %s page', (url, id) => {
    expect(pagesForUrl(url, pageMaps).map((p) => p.id)).toEqual([id]);
  });

  test('other hosts, paths and routes are no page', () => {
    expect(pagesForUrl('https://evil.example.com/obmgr/#/obmgr/index', pageMaps)).toEqual([]);
    expect(pagesForUrl('https://account.huaweicloud.com/other/#/obmgr/index', pageMaps)).toEqual(
      [],
    );
    expect(pagesForUrl(`${CN}#/obmgr/sales/customer/list`, pageMaps)).toEqual([]);
  });

  test('a route is confirmed by its heading, in either language, once it renders', () => {
    document.body.innerHTML = '<main><div>加载中…</div></main>';
    const url = `${CN}#/obmgr/finance/invoice/apply`;
    expect(matchPage(document, url, pageMaps)).toBeNull();
    document.body.innerHTML = '<main><h2 class="page-title">Request Invoice</h2></main>';
    expect(matchPage(document, url, pageMaps)?.page.id).toBe('invoice.request');
    document.body.innerHTML = '<main><div role="heading" aria-level="2">客户详情</div></main>';
    expect(matchPage(document, `${CN}#/obmgr/sales/customer/detail`, pageMaps)?.page.id).toBe(
      'customer.detail',
    );
  });

  test.each([
    [
      'an Ant Design page header (the title a <span> beside the breadcrumb)',
      `<div class="ant-page-header has-breadcrumb"><nav class="ant-breadcrumb"><ol>
       <li><a href="#/obmgr/index">伙伴中心</a></li><li><span>索取发票</span></li></ol></nav>
       <div class="ant-page-header-heading"><div class="ant-page-header-heading-left">
       <span class="ant-page-header-heading-title" title="索取发票">索取发票</span></div></div></div>`,
      'ant-page-header-heading',
    ],
    [
      'an Element Plus page header (a <div> beside the back link)',
      `<div class="el-page-header"><div class="el-page-header__header"><div class="el-page-header__left">
       <div class="el-page-header__back" role="button"><div class="el-page-header__title">返回</div></div>
       <div class="el-page-header__content">索取发票</div></div></div></div>`,
      'el-page-header__content',
    ],
    [
      'a title bar <div> holding a <span>',
      '<div class="page-title-bar"><span class="page-title-text">Request Invoice</span></div>',
      'page-title-bar',
    ],
  ])('a page title drawn without a heading element: %s', (_, header, className) => {
    document.body.innerHTML = `<div class="menu"><ul><li><a href="#/obmgr/finance/invoice/apply">索取发票</a></li></ul></div>
      <div class="content">${header}<form><label>发票类型</label></form></div>`;
    const match = matchPage(document, `${CN}#/obmgr/finance/invoice/apply`, pageMaps);
    expect(match?.page.id).toBe('invoice.request');
    expect(match?.heading.className).toBe(className);
  });

  test('menus, links, buttons, cells, labels, dialogs and hidden pop-ups do not confirm a route', () => {
    const url = `${CN}#/obmgr/finance/invoice/apply`;
    for (const html of [
      '<ul class="t-menu"><li class="t-menu__item"><span>索取发票</span></li></ul>',
      '<div role="menu"><div role="menuitem"><span>索取发票</span></div></div>',
      '<a href="#/obmgr/finance/invoice/apply"><span>索取发票</span></a>',
      '<button type="button"><span>索取发票</span></button>',
      '<table><tr><td>索取发票</td></tr></table>',
      '<label>索取发票</label>',
      '<div role="tablist"><div role="tab">索取发票</div></div>',
      '<div class="el-dialog" role="dialog"><span class="el-dialog__title">索取发票</span></div>',
      '<div class="popover" style="display: none"><div>索取发票</div></div>',
      '<div aria-hidden="true"><div>索取发票</div></div>',
      '<div class="el-page-header__content">索取发票 <em>2</em></div><div>账期</div>',
    ]) {
      document.body.innerHTML = `<div class="layout">${html}<main><p>加载中…</p></main></div>`;
      expect(matchPage(document, url, pageMaps), html).toBeNull();
    }
  });

  test('a breadcrumb names the page only when nothing else does', () => {
    const url = `${CN}#/obmgr/finance/invoice/apply`;
    const crumbs = `<div class="devui-breadcrumb"><span class="devui-breadcrumb-item">伙伴中心</span>
      <span class="devui-breadcrumb-separator">/</span><span class="devui-breadcrumb-item">索取发票</span></div>`;
    document.body.innerHTML = `${crumbs}<div class="title"><span>索取发票</span></div>`;
    expect(matchPage(document, url, pageMaps)?.heading.className).toBe('title');
    document.body.innerHTML = `${crumbs}<main><form><label>发票类型</label></form></main>`;
    expect(matchPage(document, url, pageMaps)?.heading.className).toBe('devui-breadcrumb-item');
  });

  test('a heading of another page does not confirm the route', () => {
    document.body.innerHTML = '<main><h2>总览</h2></main>';
    expect(matchPage(document, `${CN}#/obmgr/finance/invoice/apply`, pageMaps)).toBeNull();
  });
});

describe('the content script runs only where a page map has a site', () => {
  test('every page map site is covered by the manifest matches', () => {
    for (const page of pageMaps) {
      for (const site of page.sites)
        expect(CONTENT_MATCHES.some((m) => isCoveredBy(m, site))).toBe(true);
    }
  });

  test('no localhost and no catch-all', () => {
    for (const m of CONTENT_MATCHES) {
      expect(m).toMatch(/^https:\/\/(account|account-intl|www)\.huaweicloud\.com\//);
    }
    expect(isCoveredBy(CONTENT_MATCHES[0]!, 'http://localhost/obmgr/')).toBe(false);
  });
});

describe('page language', () => {
  test('?locale= first (in the query or after #), then <html lang>, else Chinese', () => {
    document.documentElement.lang = 'zh-CN';
    expect(pageLang(document, `${INTL}?locale=en-us#/obmgr/index`)).toBe('en');
    expect(pageLang(document, `${CN}#/obmgr/index?locale=en-us`)).toBe('en');
    expect(pageLang(document, `${CN}#/obmgr/index`)).toBe('zh-CN');
    document.documentElement.lang = 'en';
    expect(pageLang(document, `${CN}#/obmgr/index`)).toBe('en');
    expect(pageLang(document, `${CN}?locale=zh-cn#/obmgr/index`)).toBe('zh-CN');
    document.documentElement.lang = '';
    expect(pageLang(document, `${CN}#/obmgr/index`)).toBe('zh-CN');
  });
});
