import type { StorageAreaLike } from '../../../extension/fact-store.ts';

/** An in-memory `browser.storage.local`: values go through JSON, as real storage does. */
export class FakeStorage implements StorageAreaLike {
  readonly data = new Map<string, string>();
  writes = 0;

  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys === null ? [...this.data.keys()] : [keys].flat()) {
      const raw = this.data.get(key);
      if (raw !== undefined) out[key] = JSON.parse(raw);
    }
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.writes += 1;
    for (const [key, value] of Object.entries(items)) this.data.set(key, JSON.stringify(value));
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const key of [keys].flat()) this.data.delete(key);
  }
}
