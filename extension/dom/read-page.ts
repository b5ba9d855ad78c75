import type { CompiledPageMap, FactValue } from '../../engine/pages.ts';
import { ACCOUNT_FACT, recognizeAccount, type AccountReading } from './account.ts';
import { extractFacts, type FieldCheck, type FieldReading } from './extract.ts';
import { PageText } from './labels.ts';

export interface ReadOptions {
  /** The page heading the page map was confirmed by: the top bar is before it. */
  heading?: Element | undefined;
  /** Names of the accounts this profile has seen (none in a fresh one). */
  knownAccounts?: string[];
}

/** A page as read: its facts, its fields, and who it is signed in as. */
export interface PageReading {
  /**
   * Dotted fact name -> value. `account.name` is the account the page is signed in as
   * or, when that cannot be told, what the page's own 账号名 row shows (if it has one).
   */
  facts: Record<string, FactValue>;
  /** The fields found, for inline warnings and the submit guard. */
  fields: FieldReading[];
  /** Every field of the page map, found or not (the page check). */
  checks: FieldCheck[];
  account: AccountReading;
}

/**
 * Reads a page with its page map: the one place the extension and `policylens pages check`
 * turn a document into facts. The signed-in account comes from the top bar, vouched for by
 * a label, the page's 账号名 row or a name this profile has seen (extension/dom/account.ts).
 */
export function readPage(
  doc: Document,
  page: CompiledPageMap,
  options: ReadOptions = {},
): PageReading {
  const text = new PageText(
    doc,
    page.fields.flatMap((f) => f.labels),
    { heading: options.heading },
  );
  const read = extractFacts(doc, page.fields, text);
  const isHeaderAccount = (c: FieldCheck) =>
    c.field.fact === ACCOUNT_FACT && c.field.region === 'header';
  const nameIn = (c: FieldCheck | undefined) => {
    const value = c?.status === 'found' ? c.facts[ACCOUNT_FACT] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const account = recognizeAccount({
    topBars: text.topBarElements(),
    headerLabelled: nameIn(read.checks.find(isHeaderAccount)),
    pageName: nameIn(read.checks.find((c) => c.field.fact === ACCOUNT_FACT && !isHeaderAccount(c))),
    known: options.knownAccounts ?? [],
  });

  const facts = { ...read.facts };
  delete facts[ACCOUNT_FACT];
  const shownName = account.name ?? account.pageName;
  if (shownName !== undefined) facts[ACCOUNT_FACT] = shownName;
  const checks = read.checks.map((c): FieldCheck => {
    if (!isHeaderAccount(c)) return c;
    if (account.name === undefined) return { field: c.field, status: 'missing', facts: {} };
    if (account.basis === 'header-label') return c;
    return {
      field: c.field,
      status: 'found',
      text: account.name,
      facts: { [ACCOUNT_FACT]: account.name },
    };
  });
  return {
    facts,
    fields: read.fields.filter((r) => r.field.fact !== ACCOUNT_FACT),
    checks,
    account,
  };
}
