import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { OPERATOR_NAMES } from '../../../engine/operators.ts';
import { LANGS, WORDS, type Words } from '../../../locales/index.ts';

// locales/ is the one home of PolicyLens's own words. Every key has a text in every
// language, none empty; every key a view reads exists; and no other source file keeps a
// table of its own. (The tables are typed, so `tsc` refuses a missing key too; this also
// catches empty texts, texts that break on their arguments, and keys read through `any`.)

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Sample arguments for a text function. A one-item array reads as its item in a template
 * and still has `join`, so it serves the functions of names, counts and lists alike.
 */
const SAMPLE_ARGS = [['示例 sample'], ['3'], ['x']] as const;

/** Every leaf of a table as `path -> text` (functions are called with sample arguments). */
function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (typeof value === 'function') {
    // Ages are in milliseconds; other functions take names, counts and lists.
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

const byLang = Object.fromEntries(LANGS.map((lang) => [lang, leaves(WORDS[lang])]));

describe('the words', () => {
  test('have the same keys in zh-CN and en', () => {
    const zh = [...byLang['zh-CN']!.keys()].sort();
    const en = [...byLang.en!.keys()].sort();
    expect(zh).toEqual(en);
    expect(zh.length).toBeGreaterThan(100);
  });

  test.each(LANGS)('have no empty or broken text in %s', (lang) => {
    const bad = [...byLang[lang]!].filter(
      ([, text]) => text.trim() === '' || /^<|undefined|NaN|\[object/u.test(text),
    );
    expect(bad).toEqual([]);
  });

  test('name every operator of the rule language', () => {
    for (const lang of LANGS) {
      expect(Object.keys(WORDS[lang].conditions.operators).sort()).toEqual(
        [...OPERATOR_NAMES].sort(),
      );
    }
  });

  test.each(LANGS)('fit the stores’ listing limits in %s', (lang) => {
    // Chrome Web Store: a name of at most 75 characters, a description of at most 132.
    expect(WORDS[lang].store.name.length).toBeLessThanOrEqual(75);
    expect(WORDS[lang].store.description.length).toBeLessThanOrEqual(132);
  });
});

/** Source files of the product (tests and fixtures imitate pages, so they may hold words). */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/u.test(f))
    .map((f) => path.join(dir, f));
}

const SOURCES = ['engine', 'cli', 'components', 'extension', 'entrypoints'].flatMap(sourceFiles);

/** Files whose code may hold Chinese characters, and why: they are not words we say. */
const READS_CHINESE: Record<string, string> = {
  'extension/text.ts':
    'reads what the console prints: dates (2024年5月3日), placeholders (暂无) and prompts (请选择)',
};

/** Code without its comments (roughly: enough to tell words from remarks about them). */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:])\/\/.*$/gmu, '$1');
}

describe('no other source file', () => {
  test.each(SOURCES)('%s keeps words of its own', (file) => {
    const code = readFileSync(path.join(ROOT, file), 'utf8');
    const offences = [
      // A table keyed by language: `{ 'zh-CN': '…', en: '…' }` (not a table of tags).
      ...code.matchAll(/['"]zh-CN['"]\s*:\s*['"`](?!(?:en|zh-CN|zh_CN)['"])/gu),
      // A text picked by language: `lang === 'en' ? 'yes' : '是'`.
      ...code.matchAll(/\blang\s*===\s*['"](?:en|zh-CN)['"]\s*\?\s*['"`](?!(?:en|zh-CN)['"])/gu),
      // Any Chinese text at all.
      ...(READS_CHINESE[file] ? [] : withoutComments(code).matchAll(/\p{Script=Han}+/gu)),
    ].map((m) => m.input.slice(m.index, m.index + 40));
    expect(offences).toEqual([]);
  });
});

/** Which section of the words each view reads `t.<key>` from. */
function viewFiles(): { file: string; section: keyof Words }[] {
  return [...sourceFiles('components'), ...sourceFiles('extension')].flatMap(
    (file): { file: string; section: keyof Words }[] => {
      const code = readFileSync(path.join(ROOT, file), 'utf8');
      if (/\bControlWords\b|words\([^)]*\)\.controls\b/u.test(code)) {
        return [{ file, section: 'controls' }];
      }
      if (/words\([^)]*\)\.overlay\b/u.test(code)) return [{ file, section: 'overlay' }];
      return [];
    },
  );
}

describe('the views', () => {
  const files = viewFiles();

  test('include the popup, the options page and the overlay', () => {
    const names = files.map((f) => f.file);
    for (const view of ['components/Popup.tsx', 'components/Options.tsx', 'components/Item.tsx']) {
      expect(names).toContain(view);
    }
  });

  test.each(files)('$file reads only keys its section has', ({ file, section }) => {
    const code = readFileSync(path.join(ROOT, file), 'utf8');
    const en = WORDS.en[section] as unknown as Record<string, unknown>;
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
