import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { CONTROL_STRINGS } from '../../../components/controls-i18n.ts';
import { UI_STRINGS } from '../../../components/i18n.ts';
import { LANGS } from '../../../engine/types.ts';

// Every UI text table (the overlay's, the popup's and options page's) has every key in both
// languages, none empty; and every key a view reads from a table exists in it. (The tables
// are typed, so `tsc` refuses a missing key too; this also catches empty texts, and keys
// read through `any`.)

const ROOT = path.resolve(import.meta.dirname, '../../..');

const TABLES = {
  'components/i18n.ts': UI_STRINGS,
  'components/controls-i18n.ts': CONTROL_STRINGS,
} as const;

/** Sample arguments for a text function: it must give a non-empty text for them. */
const SAMPLE_ARGS = ['示例 sample', 3, 'x'] as const;

/** Every leaf of a table as `path -> text` (functions are called with sample arguments). */
function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (typeof value === 'function') {
    // Ages are in milliseconds; other functions take names and counts.
    const isAge = prefix.endsWith('age');
    const text = isAge
      ? [0, 5 * 60_000, 3 * 3_600_000, 2 * 86_400_000].map((ms) => value(ms)).join('|')
      : String(value(...SAMPLE_ARGS));
    out.set(`${prefix}()`, text);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [p, t] of leaves(child, prefix ? `${prefix}.${key}` : key)) out.set(p, t);
    }
  } else {
    out.set(prefix, `<${typeof value}>`);
  }
  return out;
}

describe.each(Object.entries(TABLES))('the text table %s', (_file, table) => {
  const byLang = Object.fromEntries(LANGS.map((lang) => [lang, leaves(table[lang])]));

  test('has the same keys in zh-CN and en', () => {
    const zh = [...byLang['zh-CN']!.keys()].sort();
    const en = [...byLang.en!.keys()].sort();
    expect(zh).toEqual(en);
    expect(zh.length).toBeGreaterThan(10);
  });

  test.each(LANGS)('has no empty or non-text entry in %s', (lang) => {
    const bad = [...byLang[lang]!].filter(
      ([, text]) => text.trim() === '' || /^<|undefined|NaN|\[object/u.test(text),
    );
    expect(bad).toEqual([]);
  });
});

/** Views and the modules that render them: which table each reads `t.<key>` from. */
function viewFiles(): { file: string; table: keyof typeof TABLES }[] {
  const files = [
    ...readdirSync(path.join(ROOT, 'components')).map((f) => `components/${f}`),
    ...readdirSync(path.join(ROOT, 'extension')).map((f) => `extension/${f}`),
  ].filter((f) => /\.tsx?$/u.test(f));
  return files.flatMap((file): { file: string; table: keyof typeof TABLES }[] => {
    const code = readFileSync(path.join(ROOT, file), 'utf8');
    if (/from '\.\/controls-i18n\.ts'|from '\.\.\/components\/controls-i18n\.ts'/u.test(code)) {
      return [{ file, table: 'components/controls-i18n.ts' }];
    }
    if (/from '\.\/i18n\.ts'|from '\.\.\/components\/i18n\.ts'/u.test(code)) {
      return [{ file, table: 'components/i18n.ts' }];
    }
    return [];
  });
}

describe('the views', () => {
  const files = viewFiles();

  test('include the popup, the options page and the overlay', () => {
    const names = files.map((f) => f.file);
    for (const view of ['components/Popup.tsx', 'components/Options.tsx', 'components/Item.tsx']) {
      expect(names).toContain(view);
    }
  });

  test.each(files)('$file reads only keys its table has', ({ file, table }) => {
    const code = readFileSync(path.join(ROOT, file), 'utf8');
    const en = TABLES[table].en as unknown as Record<string, unknown>;
    const missing: string[] = [];
    for (const match of code.matchAll(/\bt\.(\w+)(?:\.(\w+))?/gu)) {
      const [, key, sub] = match;
      if (!key || !(key in en)) {
        missing.push(`t.${key}`);
        continue;
      }
      const value = en[key];
      if (sub && value && typeof value === 'object' && !(sub in value)) {
        missing.push(`t.${key}.${sub}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
