import fc from 'fast-check';

/** Odd characters that YAML and JSON parsers trip over. */
export const ODD_TEXT = [
  '\t',
  '\r',
  '\r\n',
  '\0',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\ud83d\ude00',
  '\ud800',
  '（',
  '：',
  '{',
  '}',
  '[',
  ']',
  ':',
  ': ',
  '- ',
  ',',
  '"',
  "'",
  '#',
  '|',
  '>',
  '%',
  '@',
  '`',
  '&a ',
  '*a',
  '&x [*x]',
  '!!str ',
  '!!binary ',
  '? ',
  '---\n',
  '...\n',
  '\\',
];

/** Scalars to put where a YAML value was: other types, other facts, edge values. */
export const ODD_SCALARS = [
  'true',
  'false',
  'null',
  '~',
  '0',
  '-1',
  '1e309',
  '.nan',
  '.inf',
  '[]',
  '{}',
  "''",
  '""',
  '2024-02-30',
  "'2024-04-15'",
  '2024-13',
  'none',
  'frozen',
  'verified',
  'equal',
  'sameEntity',
  'monthBefore',
  'lessThan',
  'block',
  'critical',
  'seed L1',
  'http://x',
  '{ fact: account.freeze }',
  '{ fact: context.date }',
  '{ fact: nope }',
  '[paper, electronic]',
  '[1, 2]',
  '{ not: {} }',
  '{ all: [] }',
  '{ fact: account.freeze, operator: equal, value: none }',
  '"{account.freeze}"',
  '"{account.nope}"',
  '*a',
  '&a x',
  '|',
  'x'.repeat(5000),
];

/** One edit of a text, as data, so that fast-check can shrink it. */
export type Edit =
  | { kind: 'delete-line' | 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; line: number; other: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'replace-char' | 'insert'; at: number; text: string }
  | { kind: 'delete-chars'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'replace-scalar'; line: number; value: string };

const oddText = fc.oneof(
  fc.constantFrom(...ODD_TEXT),
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'binary', maxLength: 3 }),
);

const oddScalar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ODD_SCALARS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 2 }) },
);

const index = fc.nat({ max: 100_000 });

/** An edit that deletes, duplicates, swaps, re-indents, flips, inserts, truncates or replaces. */
export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line', 'duplicate-line'), line: index }),
  fc.record({ kind: fc.constant('swap-lines'), line: index, other: index }),
  fc.record({ kind: fc.constant('indent'), line: index, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constantFrom('replace-char', 'insert'), at: index, text: oddText }),
  fc.record({
    kind: fc.constant('delete-chars'),
    at: index,
    count: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('truncate'), at: index }),
  fc.record({ kind: fc.constant('replace-scalar'), line: index, value: oddScalar }),
) as fc.Arbitrary<Edit>;

/** Applies an edit; positions wrap around the text, so every edit applies to every text. */
export function applyEdit(text: string, e: Edit): string {
  const lines = text.split('\n');
  const lineAt = (n: number) => n % lines.length;
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  switch (e.kind) {
    case 'delete-line':
      lines.splice(lineAt(e.line), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = lineAt(e.line);
      lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
    case 'swap-lines': {
      const [i, j] = [lineAt(e.line), lineAt(e.other)];
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'indent': {
      const i = lineAt(e.line);
      lines[i] =
        e.by >= 0
          ? ' '.repeat(e.by) + lines[i]
          : lines[i]!.replace(new RegExp(`^ {0,${-e.by}}`), '');
      return lines.join('\n');
    }
    case 'replace-char':
      return text.slice(0, at(e.at)) + e.text + text.slice(at(e.at) + 1);
    case 'insert':
      return text.slice(0, at(e.at)) + e.text + text.slice(at(e.at));
    case 'delete-chars':
      return text.slice(0, at(e.at)) + text.slice(at(e.at) + e.count);
    case 'truncate':
      return text.slice(0, at(e.at));
    case 'replace-scalar': {
      // Replace what follows the first ": " (or "- ") on some line holding one.
      const candidates = lines.map((l, i) => (/(: |- )\S/.test(l) ? i : -1)).filter((i) => i >= 0);
      if (candidates.length === 0) return text;
      const i = candidates[e.line % candidates.length]!;
      lines[i] = lines[i]!.replace(/((?:: |- ))\S.*$/, (_, lead: string) => lead + e.value);
      return lines.join('\n');
    }
  }
}

export function applyEdits(text: string, edits: Edit[]): string {
  return edits.reduce(applyEdit, text);
}

/** The number of lines in a text, as YAML and JSON parsers count them (by "\n"). */
export function lineCount(text: string): number {
  return text.split('\n').length;
}
