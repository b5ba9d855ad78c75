/**
 * Where the content script runs: the Partner Center console (China and international) and
 * the certification page (shared/domain.md section 5). Nothing else, not localhost.
 * The build checks that every page map's site is covered.
 */
export const CONTENT_MATCHES = [
  'https://account.huaweicloud.com/obmgr/*',
  'https://account-intl.huaweicloud.com/obmgr/*',
  'https://www.huaweicloud.com/partners/roles/service_partner/certification/index.html*',
];

/** True when a match pattern (`https://host/path*`) covers a URL. */
export function isCoveredBy(pattern: string, url: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/gu, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'u').test(url);
}
