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
