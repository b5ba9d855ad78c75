import type { Lang } from '../engine/types.ts';

/**
 * The language the partner reads the page in: `?locale=en-us` (in the query or after `#`)
 * first, then `<html lang>`; Chinese when neither says otherwise.
 */
export function pageLang(doc: Document, href: string): Lang {
  const url = new URL(href);
  const hashQuery = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?') + 1) : '';
  const locale = url.searchParams.get('locale') ?? new URLSearchParams(hashQuery).get('locale');
  const tag = (locale ?? doc.documentElement.lang ?? '').toLowerCase();
  return tag.startsWith('en') ? 'en' : 'zh-CN';
}
