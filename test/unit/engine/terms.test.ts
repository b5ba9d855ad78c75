import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LANGS, type Lang } from '../../../engine/index.ts';
import { loadRealPack, RULES_DIR } from './helpers.ts';

// One term per concept: a fact's description and its values' labels (which messages
// interpolate) use the console's own words, as the page maps read them.

type Texts = string | string[];
interface RawField {
  fact: string;
  label: Record<Lang, Texts>;
  values?: { text: Record<Lang, Texts>; value: unknown; also?: Record<string, unknown> }[];
}

const list = (t: Texts) => (Array.isArray(t) ? t : [t]);
const norm = (t: string) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
/** The same words, or the same words with a qualifier in parentheses after them. */
const agrees = (a: string, b: string) => {
  const [x, y] = [norm(a), norm(b)];
  const qualified = (s: string, base: string) =>
    s.startsWith(`${base} (`) || s.startsWith(`${base}(`);
  return x === y || qualified(x, y) || qualified(y, x);
};

const fields: RawField[] = readdirSync(join(RULES_DIR, 'pages'))
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => {
    const map = parse(readFileSync(join(RULES_DIR, 'pages', f), 'utf8')) as {
      common?: RawField[];
      pages: { fields?: RawField[] }[];
    };
    return [...(map.common ?? []), ...map.pages.flatMap((p) => p.fields ?? [])];
  });

describe('the vocabulary speaks the console’s words', () => {
  const facts = loadRealPack().facts;

  it('labels every enum value, and yes and no, a page shows with the text the page shows for it', () => {
    const mismatches: string[] = [];
    for (const field of fields) {
      const def = facts[field.fact];
      const isYesNo = def?.type === 'boolean';
      if (def?.type !== 'enum' && !isYesNo) continue;
      // A yes/no field whose page writes both answers (Bound, Not bound) is labelled with them.
      const written = new Set((field.values ?? []).map((v) => v.value));
      if (isYesNo && !(written.has(true) && written.has(false))) continue;
      for (const v of field.values ?? []) {
        for (const lang of LANGS) {
          const label = def.values?.[String(v.value)]?.[lang];
          const texts = list(v.text[lang]);
          if (!label || !texts.some((t) => agrees(label, t))) {
            mismatches.push(
              `${field.fact}=${String(v.value)} (${lang}): "${label}" vs ${JSON.stringify(texts)}`,
            );
          }
        }
        // A text that also sets another fact names that fact's value in its qualifier.
        for (const [name, value] of Object.entries(v.also ?? {})) {
          for (const lang of LANGS) {
            const label = facts[name]?.values?.[String(value)]?.[lang];
            const texts = list(v.text[lang]);
            if (!label || !texts.some((t) => norm(t).includes(norm(label)))) {
              mismatches.push(
                `${name}=${String(value)} (${lang}): "${label}" vs ${JSON.stringify(texts)}`,
              );
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('describes every fact a page reads with the label the page shows for it', () => {
    const mismatches: string[] = [];
    for (const field of fields) {
      const def = facts[field.fact];
      if (!def) continue;
      // A tick box's label is the sentence ticked, not a name for the fact.
      if (def.type === 'boolean' && !field.values) continue;
      const isTrue = field.values?.find((v) => v.value === true);
      for (const lang of LANGS) {
        const description = norm(def.description[lang]);
        const words = [...list(field.label[lang]), ...(isTrue ? list(isTrue.text[lang]) : [])];
        if (!words.some((w) => description.includes(norm(w)))) {
          mismatches.push(
            `${field.fact} (${lang}): "${def.description[lang]}" vs ${JSON.stringify(words)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
