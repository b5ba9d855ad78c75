import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFactsText, type FactsFormat } from '../../engine/facts-file.ts';
import type { FactVocabulary } from '../../engine/index.ts';
import { loadRealPack } from '../unit/engine/helpers.ts';
import { countWork } from './work.ts';

// Facts files with many names the vocabulary does not know: each is one warning at its own
// line and column, and the work of reading a file grows with its size, not with its square.

const RUNS = {
  numRuns: Number(process.env.FUZZ_RUNS ?? 100),
  seed: Number(process.env.FUZZ_SEED ?? 20250616),
};

const vocabulary: FactVocabulary = loadRealPack().facts;
const known = new Set(Object.keys(vocabulary));
const groups = new Set(
  [...known].flatMap((name) =>
    name
      .split('.')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('.')),
  ),
);

/** A key that names no fact and no group of facts, in the group `prefix` (or at the top). */
const isUnknown = (prefix: string) => (key: string) => {
  const name = prefix ? `${prefix}.${key}` : key;
  return !known.has(name) && !groups.has(name);
};

const unknownKey = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'account.frozen'),
  fc
    .array(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,8}$/), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join('.')),
);

/**
 * A facts file with one key a line, inside the group `prefix` when given, and the line and
 * column of each key, as the user's editor would show them.
 */
function factsText(keys: string[], format: FactsFormat, prefix: string) {
  const lines: string[] = [];
  const where: { key: string; line: number; col: number }[] = [];
  const indent = prefix ? '    ' : '  ';
  if (format === 'json') {
    lines.push(prefix ? `{\n  ${JSON.stringify(prefix)}: {` : '{');
    keys.forEach((key, i) => {
      where.push({ key, line: lines.length + (prefix ? 2 : 1), col: indent.length + 1 });
      lines.push(`${indent}${JSON.stringify(key)}: ${i}${i < keys.length - 1 ? ',' : ''}`);
    });
    lines.push(prefix ? '  }\n}' : '}');
    return { text: lines.join('\n'), where };
  }
  if (prefix) lines.push(`${prefix}:`);
  const yamlIndent = prefix ? '  ' : '';
  keys.forEach((key, i) => {
    where.push({ key, line: lines.length + 1, col: yamlIndent.length + 1 });
    // A double-quoted YAML scalar takes JSON's escapes.
    lines.push(`${yamlIndent}${JSON.stringify(key)}: ${i}`);
  });
  return { text: `${lines.join('\n')}\n`, where };
}

describe('facts files with many unknown names', () => {
  it('give one warning per unknown name, at its line and column, JSON or YAML, nested or not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<FactsFormat>('json', 'yaml'),
        fc.constantFrom('', 'account', 'partner.programs'),
        fc.uniqueArray(unknownKey, { minLength: 1, maxLength: 40 }),
        async (format, prefix, candidates) => {
          const keys = candidates.filter(isUnknown(prefix));
          if (keys.length === 0) return;
          const { text, where } = factsText(keys, format, prefix);
          const read = await readFactsText(`facts.${format}`, text, vocabulary, format);
          expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          expect(read.facts).toBeDefined();
          const warnings = read.diagnostics.map((d) => ({
            line: d.line,
            col: d.col,
            message: d.message,
          }));
          expect(warnings).toHaveLength(keys.length);
          where.forEach((w, i) => {
            const name = prefix ? `${prefix}.${w.key}` : w.key;
            expect(warnings[i]).toMatchObject({ line: w.line, col: w.col });
            expect(warnings[i]!.message).toMatch(/^unknown fact ".*; it is ignored$/su);
            expect(warnings[i]!.message).toContain(JSON.stringify(name).slice(1, 20));
          });
        },
      ),
      RUNS,
    );
  });

  // Work counted, not time taken: the elements the reader visits for 8 times the keys, which
  // a linear reader keeps near 8 times, and a quadratic one (the defect this guards against:
  // each key compared with every earlier one, each warning's key found by a scan) pushes
  // towards 64 times, on any machine however busy. `npm run bench` shows the times.
  it('are read with work that grows linearly: 8 times the keys, at most 10 times the work', async () => {
    const small = 1_000;
    const large = small * 8;
    const keys = Array.from(
      { length: large },
      (_, i) => `unknown${i.toString(36).padStart(4, '0')}`,
    );
    for (const [format, prefix] of [
      ['json', ''],
      ['json', 'account'],
      ['yaml', ''],
      ['yaml', 'account'],
    ] as const) {
      const texts = [small, large].map((n) => factsText(keys.slice(0, n), format, prefix).text);
      // The first read loads the YAML parser: not part of reading a file.
      await readFactsText(`facts.${format}`, texts[0]!, vocabulary, format);
      const work: number[] = [];
      for (const [i, text] of texts.entries()) {
        let warnings = 0;
        work.push(
          await countWork(async () => {
            const read = await readFactsText(`facts.${format}`, text, vocabulary, format);
            warnings = read.diagnostics.length;
          }),
        );
        expect(warnings).toBe([small, large][i]);
      }
      const ratio = work[1]! / work[0]!;
      const said = `${format} ${prefix || 'top level'}: ${work.join(' and ')} visits`;
      expect(ratio, said).toBeGreaterThan(6);
      expect(ratio, said).toBeLessThan(10);
    }
  }, 120_000);
});
