import { own } from './own.ts';
import { formatFactValue, readFact } from './facts.ts';
import type { Facts, FactVocabulary, Lang } from './types.ts';

const PLACEHOLDER = /\{([a-z][A-Za-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*)\}/g;

/** The fact names a message interpolates, e.g. `{account.freeze}` -> `account.freeze`. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Fills `{fact.name}` with the fact's value as a partner reads it in `lang`; `read` gives a
 * fact's value when it is not simply read from `facts` (the evaluator's date, say).
 */
export function interpolate(
  text: string,
  facts: Facts,
  vocabulary: FactVocabulary,
  lang: Lang,
  read: (name: string) => unknown = (name) => readFact(facts, name),
): string {
  return fill(templateParts(text), vocabulary, lang, read);
}

/**
 * A text split at its placeholders: text, fact name, text, ..., text. The evaluator splits
 * each message once and fills it on every evaluation.
 */
export function templateParts(text: string): string[] {
  // A capturing group makes split keep each name between the texts around it.
  return text.split(PLACEHOLDER);
}

/** Fills the names of a text split by templateParts, as interpolate does. */
export function fill(
  parts: string[],
  vocabulary: FactVocabulary,
  lang: Lang,
  read: (name: string) => unknown,
): string {
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += formatFactValue(own(vocabulary, name), read(name), lang) + parts[i + 1]!;
  }
  return out;
}
