import { accountKey, normalizeAccount } from '../fact-store.ts';
import { isOwnNode } from '../shadow.ts';
import { cleanValue } from '../text.ts';
import { UNSHOWN } from './decorations.ts';

/** The fact that names the signed-in account: it keys everything remembered. */
export const ACCOUNT_FACT = 'account.name';

/**
 * How the signed-in account was told, or why it could not be:
 * - `header-label`: the top bar labels it (`当前账号：acme`);
 * - `header-and-page`: the top bar shows the name the page's own 账号名 row shows;
 * - `header-seen`: the top bar shows a name this profile has seen before;
 * - `page`: there is no top bar to ask, and the page's 账号名 row names it;
 * - `unknown`: nothing on the page names an account this profile can recognise;
 * - `ambiguous`: the top bar shows more than one account this profile knows;
 * - `disagree`: the page's 账号名 row names an account the top bar does not show (the bar
 *   names another, as while the partner switches accounts).
 */
export type AccountBasis =
  | 'header-label'
  | 'header-and-page'
  | 'header-seen'
  | 'page'
  | 'unknown'
  | 'ambiguous'
  | 'disagree';

export interface AccountReading {
  /** The account the page is signed in as; absent when it cannot be told. */
  name?: string;
  basis: AccountBasis;
  isTopBarFound: boolean;
  /** The short texts of the top bar, in order (what the page check shows). */
  topBarTexts: string[];
  /** What the page's own account field (the overview's 账号名) shows. */
  pageName?: string;
  /** The accounts the top bar shows. */
  headerNames: string[];
}

export interface AccountInput {
  topBars: Element[];
  /** The top bar's account read by a label, when it has one. */
  headerLabelled?: string | undefined;
  pageName?: string | undefined;
  /** Names of the accounts this profile has seen. */
  known: string[];
}

/** Menus, pop-ups and hidden parts of the bar: other accounts may be listed there. */
const NOT_THE_BAR = `${UNSHOWN}, [aria-hidden="true"], [role="menu"], [role="listbox"], [role="dialog"]`;
/** Longer runs are notices or menus, not a name. */
const MAX_RUN = 80;

/**
 * Who the page is signed in as. The real console shows the name in its top bar with no
 * label, so the bar's texts are matched against what can vouch for a name: a label in the
 * bar, the page's own 账号名 row, or the names this profile has seen. When the bar shows
 * two accounts, or the bar and the page disagree, nobody is: the overlay then uses only
 * what the page shows and stores nothing.
 */
export function recognizeAccount(input: AccountInput): AccountReading {
  const { topBars, headerLabelled, pageName, known } = input;
  const texts = topBarTexts(topBars);
  const shown = new Map<string, string>();
  const note = (name: string) => {
    const key = accountKey(name);
    if (!shown.has(key)) shown.set(key, name);
  };
  if (headerLabelled) note(headerLabelled);
  for (const name of known) if (texts.some((t) => showsName(t, name))) note(name);
  if (pageName && texts.some((t) => showsName(t, pageName))) note(pageName);

  const base = {
    isTopBarFound: topBars.length > 0,
    topBarTexts: texts,
    ...(pageName ? { pageName } : {}),
    headerNames: [...shown.values()],
  };
  if (shown.size > 1) return { ...base, basis: 'ambiguous' };
  const [name] = shown.values();
  if (name !== undefined) {
    if (pageName && accountKey(pageName) !== accountKey(name))
      return { ...base, basis: 'disagree' };
    const basis =
      name === headerLabelled ? 'header-label' : pageName ? 'header-and-page' : 'header-seen';
    return { ...base, name, basis };
  }
  if (pageName && topBars.length === 0) return { ...base, name: pageName, basis: 'page' };
  return { ...base, basis: pageName ? 'disagree' : 'unknown' };
}

/** True when a run of the bar shows the name: all of it, or after a greeting (`您好，acme`). */
function showsName(run: string, name: string): boolean {
  if (accountKey(run) === accountKey(name)) return true;
  // Case kept: account names are not known to be case-insensitive (fact-store.ts).
  const r = collapse(normalizeAccount(run));
  const n = collapse(normalizeAccount(name));
  return n !== '' && r.endsWith(n) && /[\s,:]$/u.test(r.slice(0, r.length - n.length));
}

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

/** The bar's visible text runs and its elements' titles, each cleaned of icons. */
function topBarTexts(bars: Element[]): string[] {
  const out: string[] = [];
  const visit = (el: Element) => {
    if (isOwnNode(el) || el.matches(NOT_THE_BAR)) return;
    for (const attr of ['title', 'aria-label']) {
      const value = el.getAttribute(attr);
      if (value) out.push(value);
    }
    for (const child of el.childNodes) {
      if (child.nodeType === 3) out.push(child.textContent ?? '');
      else if (child.nodeType === 1) visit(child as Element);
    }
  };
  for (const bar of bars) visit(bar);
  // Dividers and counters' brackets say nothing: a run counts when it has a letter or digit.
  const runs = out.map(cleanValue).filter((t) => /[\p{L}\p{N}]/u.test(t) && t.length <= MAX_RUN);
  return [...new Set(runs)];
}
