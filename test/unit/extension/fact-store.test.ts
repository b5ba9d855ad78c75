// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import {
  accountKey,
  activeConfirmations,
  FactStore,
  rememberedFacts,
  STALE_AFTER_MS,
} from '../../../extension/fact-store.ts';
import { FakeStorage } from './fake-storage.ts';

const HOUR = 60 * 60 * 1000;

function storeAt(storage: FakeStorage, clock: { now: number }) {
  return new FactStore(storage, () => clock.now);
}

describe('per-account fact storage', () => {
  test('facts of two accounts never mix', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    await store.remember('qinghe-net', { 'account.freeze': 'arrears' }, 'overview');

    expect((await store.load('yunqi-tech')).facts['account.freeze']?.value).toBe('none');
    expect((await store.load('qinghe-net')).facts['account.freeze']?.value).toBe('arrears');
    expect((await store.load('someone-else')).facts).toEqual({});
    expect([...storage.data.keys()].sort()).toEqual([
      accountKey('qinghe-net'),
      accountKey('yunqi-tech'),
    ]);
  });

  test('an account is the same account however the page spaces or cases its name', () => {
    expect(accountKey(' Yunqi-Tech ')).toBe(accountKey('yunqi-tech'));
    expect(accountKey('ｙｕｎｑｉ')).toBe(accountKey('yunqi'));
    expect(accountKey('yunqi-tech')).not.toBe(accountKey('yunqi-tech2'));
  });

  test('each fact keeps the page it was read on and when', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10, 8) };
    const store = storeAt(storage, clock);
    const record = await store.remember('yunqi-tech', { 'account.email.bound': false }, 'overview');
    expect(record.facts['account.email.bound']).toEqual({
      value: false,
      page: 'overview',
      readAt: clock.now,
    });
  });

  test('facts older than a day are stale: shown with their age, not used', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10, 8) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');

    clock.now += 23 * HOUR;
    let facts = rememberedFacts(await store.load('yunqi-tech'), clock.now);
    expect(facts['account.freeze']?.isStale).toBe(false);

    clock.now += 2 * HOUR;
    facts = rememberedFacts(await store.load('yunqi-tech'), clock.now);
    expect(facts['account.freeze']).toMatchObject({ value: 'none', isStale: true });
    expect(clock.now - facts['account.freeze']!.readAt).toBeGreaterThan(STALE_AFTER_MS);
  });

  test('reading the same value again soon does not rewrite storage; a change does', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    clock.now += 60_000;
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    expect(storage.writes).toBe(1);
    await store.remember('yunqi-tech', { 'account.freeze': 'arrears' }, 'overview');
    expect(storage.writes).toBe(2);
    expect((await store.load('yunqi-tech')).facts['account.freeze']?.value).toBe('arrears');
  });

  test('a fresh read makes a stale fact fresh again', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    clock.now += 2 * STALE_AFTER_MS;
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    expect(
      rememberedFacts(await store.load('yunqi-tech'), clock.now)['account.freeze']?.isStale,
    ).toBe(false);
  });

  test('confirmations are kept per account, go stale like facts, and can be taken back', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.confirm('yunqi-tech', 'reseller.join.not-frozen', 'reseller.join');
    expect(Object.keys(activeConfirmations(await store.load('yunqi-tech'), clock.now))).toEqual([
      'reseller.join.not-frozen',
    ]);
    expect(activeConfirmations(await store.load('qinghe-net'), clock.now)).toEqual({});

    clock.now += STALE_AFTER_MS + 1;
    expect(activeConfirmations(await store.load('yunqi-tech'), clock.now)).toEqual({});

    await store.confirm('yunqi-tech', 'reseller.join.not-frozen', 'reseller.join');
    await store.unconfirm('yunqi-tech', 'reseller.join.not-frozen');
    expect((await store.load('yunqi-tech')).confirmations).toEqual({});
  });

  test('forgetting an account removes its facts and confirmations, and only its own', async () => {
    const storage = new FakeStorage();
    const clock = { now: Date.UTC(2025, 0, 10) };
    const store = storeAt(storage, clock);
    await store.remember('yunqi-tech', { 'account.freeze': 'none' }, 'overview');
    await store.confirm('yunqi-tech', 'reseller.join.not-frozen', 'reseller.join');
    await store.remember('qinghe-net', { 'account.freeze': 'none' }, 'overview');
    await store.forget('yunqi-tech');
    expect(await store.load('yunqi-tech')).toEqual({
      account: 'yunqi-tech',
      facts: {},
      confirmations: {},
    });
    expect((await store.load('qinghe-net')).facts['account.freeze']?.value).toBe('none');
  });

  test('a damaged stored record loads as what can be trusted of it', async () => {
    const storage = new FakeStorage();
    storage.data.set(
      accountKey('yunqi-tech'),
      JSON.stringify({
        facts: {
          a: { value: { x: 1 }, page: 'p', readAt: 1 },
          b: 'junk',
          c: { value: 3, page: 'p', readAt: 5 },
        },
      }),
    );
    const record = await new FactStore(storage).load('yunqi-tech');
    expect(record.facts).toEqual({ c: { value: 3, page: 'p', readAt: 5 } });
  });
});

describe('the accounts this profile has seen', () => {
  test('are the accounts with a record, by the name their pages showed; a forgotten one is gone', async () => {
    const storage = new FakeStorage();
    const store = storeAt(storage, { now: Date.UTC(2025, 0, 10) });
    expect(await store.accounts()).toEqual([]);
    await store.remember('Yunqi-Tech', { 'account.freeze': 'none' }, 'overview');
    await store.confirm('qinghe-net', 'reseller.join.not-frozen', 'reseller.join');
    await storage.set({ 'policylens:settings': { lang: 'en' } });
    expect((await store.accounts()).sort()).toEqual(['Yunqi-Tech', 'qinghe-net']);
    await store.forget('yunqi-tech');
    expect(await store.accounts()).toEqual(['qinghe-net']);
  });
});
