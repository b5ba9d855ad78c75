import { formatFactValue } from '../engine/facts.ts';
import type { Lang } from '../engine/types.ts';
import { isStale, KEY_PREFIX, parseRecord, type AccountRecord } from './fact-store.ts';
import type { PackBundle } from './overlay.ts';
import { pageTitle } from './pack-info.ts';

/** The part of `browser.storage.local` the options page reads and clears. */
export interface StoredDataArea {
  get(keys: null): Promise<Record<string, unknown>>;
  remove(keys: string[]): Promise<void>;
}

/** Every account record in storage, by account name. */
export async function readAccounts(area: StoredDataArea): Promise<AccountRecord[]> {
  const all = await area.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith(KEY_PREFIX))
    .map(([key, value]) => {
      const shown = (value as { account?: unknown } | null)?.account;
      return parseRecord(value, typeof shown === 'string' ? shown : key.slice(KEY_PREFIX.length));
    })
    .sort((a, b) => a.account.localeCompare(b.account));
}

/** Forgets every account's facts and confirmations; the settings stay. Returns the keys removed. */
export async function forgetAllAccounts(area: StoredDataArea): Promise<string[]> {
  const keys = Object.keys(await area.get(null)).filter((key) => key.startsWith(KEY_PREFIX));
  if (keys.length > 0) await area.remove(keys);
  return keys;
}

export interface StoredFactRow {
  fact: string;
  /** The fact's description in the language. */
  label: string;
  value: string;
  pageTitle: string;
  readAt: number;
  isStale: boolean;
}

export interface StoredConfirmationRow {
  rule: string;
  title: string;
  pageTitle: string;
  confirmedAt: number;
  isStale: boolean;
}

export interface StoredAccountView {
  account: string;
  facts: StoredFactRow[];
  confirmations: StoredConfirmationRow[];
}

/** What the options page shows of the records: labels, values and pages in the language. */
export function storedAccountViews(
  records: AccountRecord[],
  bundle: PackBundle,
  lang: Lang,
  now: number,
): StoredAccountView[] {
  const rules = new Map(bundle.pack.flows.flatMap((f) => f.rules.map((r) => [r.id, r])));
  return records.map((record) => ({
    account: record.account,
    facts: Object.entries(record.facts)
      .map(([fact, stored]) => {
        const def = bundle.pack.facts[fact];
        return {
          fact,
          label: def?.description[lang] ?? fact,
          value: formatFactValue(def, stored.value, lang),
          pageTitle: pageTitle(bundle, stored.page, lang),
          readAt: stored.readAt,
          isStale: isStale(stored.readAt, now),
        };
      })
      .sort((a, b) => a.fact.localeCompare(b.fact)),
    confirmations: Object.entries(record.confirmations)
      .map(([rule, c]) => ({
        rule,
        title: rules.get(rule)?.title[lang] ?? rule,
        pageTitle: pageTitle(bundle, c.page, lang),
        confirmedAt: c.confirmedAt,
        isStale: isStale(c.confirmedAt, now),
      }))
      .sort((a, b) => a.rule.localeCompare(b.rule)),
  }));
}
