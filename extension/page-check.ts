import { writeFact } from '../engine/facts.ts';
import type { CompiledPageMap, FactValue, PageField } from '../engine/pages.ts';
import type { Facts } from '../engine/types.ts';
import { ACCOUNT_FACT, type AccountBasis } from './dom/account.ts';
import type { FieldStatus } from './dom/extract.ts';
import type { LabelForm } from './dom/labels.ts';
import { readPage } from './dom/read-page.ts';
import { findHeading, pagesForUrl } from './route.ts';

// The page check: what the page maps read on one document, field by field, for the people
// who fix a page map after the console changes. `policylens pages check` runs it on a saved
// page in Node, the extension on the current tab: the same reading code either way.

/** One field of the page map and what became of it. */
export interface FieldReport {
  fact: string;
  /** Where it is looked for: the page, or the top bar (the signed-in account). */
  region: 'page' | 'top-bar';
  status: FieldStatus;
  /** The label texts the page map looks for. */
  labels: string[];
  /** The label it was found by, as normalized for matching. */
  label?: string;
  form?: LabelForm;
  /** What the page shows as its value. */
  text?: string;
  /** The facts it gave. */
  values: Record<string, FactValue>;
  /** For a text that matched no value: the texts the page map lists. */
  expected?: string[];
  /** Where the field is in the page map (`file:line:col`). */
  source?: string;
  /** For the top bar's account: how it was told, or why not. */
  account?: AccountReport;
}

export interface AccountReport {
  basis: AccountBasis;
  isTopBarFound: boolean;
  /** The top bar's short texts, in order. */
  topBarTexts: string[];
  /** What the page's own 账号名 row shows. */
  pageName?: string;
}

export interface PageCheckReport {
  url: string;
  /** The page map that matched, or null. */
  page: string | null;
  /** The heading the page was confirmed by. */
  heading?: string;
  /** With no match: the page maps whose site and route fit the URL, and their headings. */
  candidates: { id: string; headings: string[] }[];
  /** The signed-in account, when it can be told. */
  account?: string;
  fields: FieldReport[];
  /** The facts read, nested as `policylens eval` takes them. */
  facts: Facts;
}

export interface CheckOptions {
  /** Names of accounts the reader has seen (the extension's profile, or `--account`). */
  knownAccounts?: string[];
}

/** Runs the page maps on a document, as the overlay does, and says what each field gave. */
export function checkPage(
  doc: Document,
  url: string,
  pageMaps: CompiledPageMap[],
  options: CheckOptions = {},
): PageCheckReport {
  const fitting = pagesForUrl(url, pageMaps);
  for (const page of fitting) {
    const heading = findHeading(doc, page);
    if (!heading) continue;
    const read = readPage(doc, page, { heading, knownAccounts: options.knownAccounts ?? [] });
    const facts: Facts = {};
    for (const [name, value] of Object.entries(read.facts)) writeFact(facts, name, value);
    const fields = read.checks.map((c): FieldReport => {
      const isTopBar = c.field.region === 'header';
      return {
        fact: c.field.fact,
        region: isTopBar ? 'top-bar' : 'page',
        status: c.status,
        labels: c.field.labels,
        ...(c.label !== undefined ? { label: c.label } : {}),
        ...(c.form !== undefined ? { form: c.form } : {}),
        ...(c.text !== undefined ? { text: c.text } : {}),
        values: c.facts,
        ...(c.status === 'unmatched' && c.field.values ? { expected: listed(c.field) } : {}),
        ...(c.field.pos
          ? { source: `${c.field.pos.file}:${c.field.pos.line}:${c.field.pos.col}` }
          : {}),
        ...(isTopBar && c.field.fact === ACCOUNT_FACT
          ? {
              account: {
                basis: read.account.basis,
                isTopBarFound: read.account.isTopBarFound,
                topBarTexts: read.account.topBarTexts,
                ...(read.account.pageName ? { pageName: read.account.pageName } : {}),
              },
            }
          : {}),
      };
    });
    return {
      url,
      page: page.id,
      heading: (heading.textContent ?? '').trim(),
      candidates: [],
      ...(read.account.name ? { account: read.account.name } : {}),
      fields,
      facts,
    };
  }
  return {
    url,
    page: null,
    candidates: fitting.map((p) => ({
      id: p.id,
      headings: [...p.heading['zh-CN'], ...p.heading.en],
    })),
    fields: [],
    facts: {},
  };
}

function listed(field: PageField): string[] {
  return (field.values ?? []).flatMap((v) => v.texts);
}

/** True when the page matched and every field was found (an empty control counts as found). */
export function isCheckPassed(report: PageCheckReport): boolean {
  return (
    report.page !== null && report.fields.every((f) => f.status === 'found' || f.status === 'empty')
  );
}

const MASK = '•••';

/**
 * The report with what the page shows masked, for a bug report: texts read, the account and
 * free values (names, amounts, dates) become •••; labels, statuses and the values of listed
 * choices (a vocabulary's enum values, yes/no) stay, since they say nothing of the partner.
 */
export function maskReport(report: PageCheckReport, pageMaps: CompiledPageMap[]): PageCheckReport {
  const listedFacts = new Set(
    pageMaps.flatMap((p) =>
      p.fields.flatMap((f) => (f.values ? f.values.flatMap((v) => Object.keys(v.facts)) : [])),
    ),
  );
  const mask = (name: string, value: FactValue): FactValue =>
    listedFacts.has(name) && typeof value !== 'number' ? value : MASK;
  const maskFacts = (values: Record<string, FactValue>) =>
    Object.fromEntries(Object.entries(values).map(([n, v]) => [n, mask(n, v)]));
  const facts: Facts = {};
  for (const field of report.fields) {
    for (const [name, value] of Object.entries(maskFacts(field.values))) {
      writeFact(facts, name, value);
    }
  }
  return {
    ...report,
    url: maskUrl(report.url),
    ...(report.account ? { account: MASK } : {}),
    fields: report.fields.map((f) => ({
      ...f,
      ...(f.text !== undefined ? { text: MASK } : {}),
      values: maskFacts(f.values),
      ...(f.account
        ? {
            account: {
              ...f.account,
              topBarTexts: f.account.topBarTexts.map(() => MASK),
              ...(f.account.pageName ? { pageName: MASK } : {}),
            },
          }
        : {}),
    })),
    facts,
  };
}

/** The URL without its query values after the route (a customer id, say). */
function maskUrl(url: string): string {
  const parsed = new URL(url);
  const hash = parsed.hash.replace(/=([^&]*)/gu, `=${MASK}`);
  return `${parsed.origin}${parsed.pathname}${parsed.search}${hash}`;
}

const MARK: Record<FieldStatus, string> = {
  found: 'ok',
  empty: 'empty',
  placeholder: 'WAITING',
  unmatched: 'UNKNOWN',
  missing: 'MISSING',
};

const BASIS: Record<AccountBasis, string> = {
  'header-label': 'the top bar labels it',
  'header-and-page': "the top bar shows the name the page's account-name row shows",
  'header-seen': 'the top bar shows a name seen before',
  page: "no top bar was found; the page's account-name row names it",
  unknown: 'the top bar shows no name seen before (pass --account NAME to check with one)',
  ambiguous: 'the top bar shows more than one known account',
  disagree: "the page's account-name row names an account the top bar does not show",
};

/** The report as a person reads it (the CLI's text output, the extension's copied report). */
export function formatReport(report: PageCheckReport): string {
  const lines: string[] = [`url: ${report.url}`];
  if (report.page === null) {
    lines.push('page: none of the page maps matched');
    if (report.candidates.length === 0) {
      lines.push('  no page map has a site and route that fit this URL');
    }
    for (const c of report.candidates) {
      lines.push(
        `  ${c.id}: its route fits, but none of its headings is on the page: ${c.headings.join(' | ')}`,
      );
    }
    return lines.join('\n');
  }
  lines.push(`page: ${report.page} (heading "${report.heading ?? ''}")`);
  const accountField = report.fields.find((f) => f.account);
  if (accountField?.account) {
    const a = accountField.account;
    lines.push(
      `account: ${report.account ?? 'not recognised'} (${BASIS[a.basis]})`,
      `  top bar: ${a.isTopBarFound ? a.topBarTexts.join(' | ') || '(no text)' : 'not found'}`,
    );
  }
  lines.push('', 'fields:');
  const width = Math.max(...report.fields.map((f) => where(f).length));
  for (const f of report.fields) {
    lines.push(`  ${MARK[f.status].padEnd(7)}  ${where(f).padEnd(width)}  ${detail(f)}`);
  }
  const found = report.fields.filter((f) => f.status === 'found' || f.status === 'empty').length;
  lines.push(
    '',
    'facts:',
    ...JSON.stringify(report.facts, null, 2)
      .split('\n')
      .map((l) => `  ${l}`),
    '',
    `${found} of ${report.fields.length} fields found`,
  );
  return lines.join('\n');
}

function where(f: FieldReport): string {
  return f.region === 'top-bar' ? `${f.fact} (top bar)` : f.fact;
}

function detail(f: FieldReport): string {
  // The signed-in account is told by the top bar's texts, a label there being rare.
  const label = f.account && f.form === undefined ? 'top bar' : (f.label ?? f.labels.join(' | '));
  const shown = f.text !== undefined ? ` "${f.text}"` : '';
  const values = Object.entries(f.values)
    .map(([name, value]) => (name === f.fact ? String(value) : `${name}=${String(value)}`))
    .join(', ');
  const at = f.source ? `  (${f.source})` : '';
  switch (f.status) {
    case 'found':
      return `${label}:${shown} -> ${values}`;
    case 'empty':
      return `${label}: nothing chosen or typed yet`;
    case 'placeholder':
      return `${label}:${shown || ' (empty)'} is a placeholder: save the page once its data has shown`;
    case 'unmatched':
      return `${label}:${shown} is none of ${(f.expected ?? []).join(' | ') || 'the texts it can read'}${at}`;
    case 'missing':
      return f.region === 'top-bar'
        ? 'the signed-in account could not be told (see "account" above)'
        : `no label ${label} on the page${at}`;
  }
}
