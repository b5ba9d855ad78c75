import { words } from '../locales/index.ts';
import { didYouMean, show } from './diagnostics.ts';
import { isDate, isMonth } from './dates.ts';
import type { FactDef, Facts, FactVocabulary, Lang } from './types.ts';
import type { JsonPath } from './yaml.ts';

/** The value of a dotted fact in nested facts; null counts as absent (unknown). */
export function readFact(facts: Facts, name: string): unknown {
  let node: unknown = facts;
  for (const part of name.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node ?? undefined;
}

/** Writes a dotted fact into nested facts, creating objects on the way. */
export function writeFact(facts: Facts, name: string, value: unknown): void {
  const parts = name.split('.');
  let node = facts;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Facts;
  }
  node[parts[parts.length - 1]!] = value;
}

/** Says what is wrong with a value for a fact, or nothing when it fits. */
export function factValueProblem(def: FactDef, value: unknown): string | undefined {
  const expected = describeType(def);
  switch (def.type) {
    case 'string':
      return typeof value === 'string' ? undefined : `expected ${expected}, found ${show(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected ${expected}, found ${show(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `expected ${expected}, found ${show(value)}`;
    case 'month':
      return isMonth(value) ? undefined : `expected ${expected}, found ${show(value)}`;
    case 'date':
      return isDate(value) ? undefined : `expected ${expected}, found ${show(value)}`;
    case 'enum': {
      const values = Object.keys(def.values ?? {});
      if (typeof value === 'string' && values.includes(value)) return undefined;
      const hint = typeof value === 'string' ? didYouMean(value, values) : '';
      return `expected one of ${values.join(', ')}, found ${show(value)}${hint}`;
    }
  }
}

/** "a string", "one of none, closure, ...", "a month YYYY-MM", ... */
export function describeType(def: FactDef): string {
  switch (def.type) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    case 'month':
      return 'a month YYYY-MM';
    case 'date':
      return 'a date YYYY-MM-DD';
    case 'enum':
      return `one of ${Object.keys(def.values ?? {}).join(', ')}`;
  }
}

export interface FactProblem {
  path: JsonPath;
  /** Dotted name, e.g. `account.freeze`. */
  fact: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Checks nested facts against the vocabulary: a wrong type or enum value is an error, a name
 * the vocabulary does not know is a warning (it would be ignored, so its rules stay unknown).
 */
export function checkFacts(vocabulary: FactVocabulary, value: unknown): FactProblem[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [
      {
        path: [],
        fact: '',
        severity: 'error',
        message: `expected an object of facts, found ${show(value)}`,
      },
    ];
  }
  const names = Object.keys(vocabulary);
  const problems: FactProblem[] = [];
  const walk = (node: Record<string, unknown>, path: string[]) => {
    for (const [key, child] of Object.entries(node)) {
      const here = [...path, key];
      const name = here.join('.');
      const def = vocabulary[name];
      if (child === null || child === undefined) continue;
      if (def) {
        if (def.isBuiltIn) {
          problems.push({
            path: here,
            fact: name,
            severity: 'error',
            message: `"${name}" is supplied by the engine and cannot be given as a fact`,
          });
          continue;
        }
        const problem = factValueProblem(def, child);
        if (problem)
          problems.push({
            path: here,
            fact: name,
            severity: 'error',
            message: `fact "${name}": ${problem}`,
          });
      } else if (names.some((n) => n.startsWith(`${name}.`))) {
        if (typeof child === 'object' && !Array.isArray(child)) {
          walk(child as Record<string, unknown>, here);
        } else {
          problems.push({
            path: here,
            fact: name,
            severity: 'error',
            message: `"${name}" groups other facts: expected an object, found ${show(child)}`,
          });
        }
      } else {
        problems.push({
          path: here,
          fact: name,
          severity: 'warning',
          message: `unknown fact "${name}"${didYouMean(name, names)}; it is ignored`,
        });
      }
    }
  };
  walk(value as Record<string, unknown>, []);
  return problems;
}

/** A fact value as a partner reads it: enum labels in the language, booleans as words. */
export function formatFactValue(def: FactDef | undefined, value: unknown, lang: Lang): string {
  const w = words(lang).values;
  if (value === undefined || value === null) return w.unknown;
  if (def?.type === 'enum' && typeof value === 'string')
    return def.values?.[value]?.[lang] ?? value;
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (Array.isArray(value))
    return value.map((v) => formatFactValue(def, v, lang)).join(w.listSeparator);
  if (typeof value === 'object') {
    // Not a fact value at all; show it as written rather than fail on `{"toString": 0}`.
    try {
      return JSON.stringify(value) ?? Object.prototype.toString.call(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
