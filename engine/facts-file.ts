import type { Diagnostic } from './diagnostics.ts';
import { checkFacts } from './facts.ts';
import { parseJsonFile } from './json.ts';
import type { Facts, FactVocabulary } from './types.ts';
// The YAML parser is loaded only for a YAML file: `policylens eval` on JSON facts never needs it.
import type { JsonPath } from './yaml.ts';

export type FactsFormat = 'json' | 'yaml';

/**
 * The format of a facts file: `.json` is JSON, `.yaml` / `.yml` is YAML; anything else
 * (standard input, say) is JSON when its first character that is not white space is `{` or
 * `[`, and YAML otherwise.
 */
export function factsFormatOf(name: string, text: string): FactsFormat {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return /^\uFEFF?\s*[[{]/u.test(text) ? 'json' : 'yaml';
}

/** A facts file parsed with the position of every node. */
export interface ParsedFacts {
  /** Absent when the file has syntax errors. */
  value?: unknown;
  diagnostics: Diagnostic[];
  posAt(path: JsonPath): { line: number; col: number };
  keyPosAt(path: JsonPath): { line: number; col: number };
}

/**
 * Parses a facts file, JSON or YAML, which may start with a byte order mark. Either way a
 * syntax error, or a key given twice, is an error at its `file:line:col`.
 */
export async function parseFactsText(
  name: string,
  text: string,
  format: FactsFormat,
): Promise<ParsedFacts> {
  if (format === 'yaml') {
    const { parseYamlFile } = await import('./yaml.ts');
    const file = parseYamlFile(name, text);
    return {
      ...(file.value !== undefined ? { value: file.value } : {}),
      diagnostics: file.diagnostics,
      posAt: file.posAt,
      keyPosAt: file.keyPosAt,
    };
  }
  const json = parseJsonFile(text);
  return {
    ...(json.value !== undefined ? { value: json.value } : {}),
    diagnostics: json.errors.map((e) => ({
      file: name,
      line: e.line,
      col: e.col,
      severity: 'error',
      code: 'json-syntax',
      message: e.message,
    })),
    posAt: json.posAt,
    keyPosAt: json.keyPosAt,
  };
}

/**
 * Reads a facts file against the vocabulary: facts when nothing is wrong but warnings,
 * and every problem (syntax, duplicate keys, wrong types or enum values, a fact given twice,
 * unknown names) at its `file:line:col`.
 */
export async function readFactsText(
  name: string,
  text: string,
  vocabulary: FactVocabulary,
  format: FactsFormat = factsFormatOf(name, text),
): Promise<{ facts?: Facts; diagnostics: Diagnostic[] }> {
  const parsed = await parseFactsText(name, text, format);
  if (parsed.value === undefined) return { diagnostics: parsed.diagnostics };
  const diagnostics = [...parsed.diagnostics];
  const problems = checkFacts(vocabulary, parsed.value);
  for (const p of problems) {
    diagnostics.push({
      file: name,
      // A wrong value is shown at the value; a wrong name (unknown, given twice) at the name.
      ...(p.isAboutName ? parsed.keyPosAt(p.path) : parsed.posAt(p.path)),
      severity: p.severity,
      code: p.severity === 'error' ? 'fact-value' : 'unknown-fact',
      message: p.message,
    });
  }
  return diagnostics.some((d) => d.severity === 'error')
    ? { diagnostics }
    : { facts: parsed.value as Facts, diagnostics };
}
