import { describe, expect, test } from 'vitest';
import { fromDomainPages } from '../../fixtures/from-domain/pages.ts';
import { cli } from './helpers.ts';

// `policylens pages check` on console pages written from shared/domain.md alone, as
// component-library apps render them (test/fixtures/from-domain/README.md): each must read
// into the facts written beside it, no more and no fewer.

interface Field {
  fact: string;
  region: string;
  status: string;
  values: Record<string, unknown>;
}

const PAGES = fromDomainPages();

function flatten(facts: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      Object.assign(out, flatten(value as Record<string, unknown>, name));
    else out[name] = value;
  }
  return out;
}

function args({ file, expected }: (typeof PAGES)[number]): string[] {
  return [
    'pages',
    'check',
    file,
    '--url',
    expected.url,
    ...(expected.account ? ['--account', expected.account] : []),
  ];
}

describe('pages written from domain.md alone', () => {
  test('there are pages of every kind the brief asks for', () => {
    expect(PAGES.map((p) => p.expected.page)).toEqual(
      expect.arrayContaining(['overview', 'funds.withdraw', 'invoice.request', 'reseller.join']),
    );
    const overviews = PAGES.filter((p) => p.expected.page === 'overview');
    expect(new Set(overviews.map((p) => new URL(p.expected.url).host))).toEqual(
      new Set(['account-intl.huaweicloud.com', 'account.huaweicloud.com']),
    );
  });

  test.each(PAGES)('$name reads into exactly the facts domain.md says it shows', async (page) => {
    const run = await cli(...args(page), '--format', 'json');
    expect(run.err).toBe('');
    const report = JSON.parse(run.out) as {
      page: string | null;
      facts: Record<string, unknown>;
      fields: Field[];
    };
    expect(report.page).toBe(page.expected.page);
    // The signed-in account: from the top bar, vouched for by the overview's own row or by
    // the name remembered (--account) on a flow page.
    const facts = { 'account.name': page.expected.headerAccount, ...page.expected.facts };
    expect(flatten(report.facts)).toEqual(facts);
    for (const fact of page.expected.absent) expect(flatten(report.facts)).not.toHaveProperty(fact);
    const topBar = report.fields.find((f) => f.region === 'top-bar');
    expect(topBar).toMatchObject({
      status: 'found',
      values: { 'account.name': page.expected.headerAccount },
    });
    // A field the check could not read is one domain.md's reading leaves unknown, and only
    // such a field fails the check.
    const unread = report.fields.filter((f) => f.status !== 'found' && f.status !== 'empty');
    for (const field of unread) expect(page.expected.absent).toContain(field.fact);
    expect(run.code).toBe(unread.length === 0 ? 0 : 1);
  });

  test.each(PAGES)('$name: the text report agrees', async (page) => {
    const run = await cli(...args(page));
    expect(run.out).toContain(`page: ${page.expected.page} (heading "`);
    expect(run.out).toContain(`account: ${page.expected.headerAccount} (`);
  });

  test.each(PAGES.filter((p) => p.expected.account))(
    '$name: without a name seen before, the top bar vouches for nobody',
    async (page) => {
      const run = await cli('pages', 'check', page.file, '--url', page.expected.url);
      expect(run.code).toBe(1);
      expect(run.out).toContain('account: not recognised');
    },
  );
});
