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
  return text.replace(PLACEHOLDER, (_, name: string) =>
    formatFactValue(own(vocabulary, name), read(name), lang),
  );
}
