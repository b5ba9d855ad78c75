import { describe, expect, test } from 'vitest';
import { accountKey, FactStore } from '../../../extension/fact-store.ts';
import { SETTINGS_KEY } from '../../../extension/settings.ts';
import { forgetAllAccounts, readAccounts } from '../../../extension/stored-data.ts';
import { FakeStorage } from './fake-storage.ts';

// What the options page reads and forgets: every account's record, and nothing else.

/** FakeStorage with `get(null)`, as the options page asks for everything. */
class WholeStorage extends FakeStorage {
  override async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    return super.get(keys === null ? [...this.data.keys()] : keys);
  }
}

describe('the stored data', () => {
  test('reads every account as stored, by name, defensively', async () => {
    const storage = new WholeStorage();
    const store = new FactStore(storage, () => Date.UTC(2026, 0, 1));
    await store.remember('Yunqi-Tech', { 'account.freeze': 'none' }, 'overview');
    await store.confirm('qinghe-trade', 'reseller.join.no-tier1-link', 'reseller.join');
    storage.data.set(SETTINGS_KEY, JSON.stringify({ disabledSites: [], lang: 'en' }));
    storage.data.set(`${accountKey('broken')}`, JSON.stringify({ facts: { x: { value: {} } } }));

    const accounts = await readAccounts(storage);
    expect(accounts.map((a) => a.account)).toEqual(['broken', 'qinghe-trade', 'Yunqi-Tech']);
    expect(accounts[0]).toEqual({ account: 'broken', facts: {}, confirmations: {} });
    expect(accounts[2]?.facts['account.freeze']?.value).toBe('none');
    expect(Object.keys(accounts[1]?.confirmations ?? {})).toEqual(['reseller.join.no-tier1-link']);
  });

  test('forget all removes every account and keeps the settings', async () => {
    const storage = new WholeStorage();
    const store = new FactStore(storage);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    await store.remember('qinghe-trade', { 'account.freeze': 'arrears' }, 'overview');
    storage.data.set(SETTINGS_KEY, JSON.stringify({ disabledSites: [], lang: 'en' }));

    expect((await forgetAllAccounts(storage)).sort()).toEqual([
      accountKey('qinghe-trade'),
      accountKey('yunqi-tech'),
    ]);
    expect([...storage.data.keys()]).toEqual([SETTINGS_KEY]);
    expect(await forgetAllAccounts(storage)).toEqual([]);
  });
});
