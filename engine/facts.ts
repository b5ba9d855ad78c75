import { formatAmount, formatDate, formatNumber, words } from '../locales/index.ts';
import { didYouMean, quote, show } from './diagnostics.ts';
import { own } from './own.ts';
import { isDate, isMonth } from './dates.ts';
import type { FactDef, Facts, FactVocabulary, Lang } from './types.ts';
import type { JsonPath } from './yaml.ts';

/**
 * The value of a dotted fact in facts, nested (`{account: {freeze}}`), flat
 * (`{"account.freeze"}`) or a mix of both; null counts as absent (unknown). Only own keys
 * count: `constructor` is never Object's.
 */
export function readFact(facts: Facts, name: string): unknown {
  return readKeys(facts, keysOf(name), 0) ?? undefined;
}

/**
 * For each part of a dotted name, the keys that may start there, shortest first:
 * `a.b.c` -> [[a, a.b, a.b.c], [b, b.c], [c]]. Made once per name: the evaluator reads the
 * same few names on every run, and splitting and joining them each time was most of it.
 */
const KEYS = new Map<string, string[][]>();

function keysOf(name: string): string[][] {
  let keys = KEYS.get(name);
  if (keys === undefined) {
    const parts = name.split('.');
    keys = parts.map((_, start) =>
      parts.slice(start).map((_, n) => parts.slice(start, start + n + 1).join('.')),
    );
    // Names come from the vocabulary and the rules; a caller reading endless others only
    // makes the map start afresh.
    if (KEYS.size >= 10_000) KEYS.clear();
    KEYS.set(name, keys);
  }
  return keys;
}

function readKeys(node: unknown, keys: string[][], start: number): unknown {
  if (start === keys.length) return node;
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  // Shortest key first: the nested form is the usual one, a dotted key the fallback.
  const here = keys[start]!;
  for (let n = 0; n < here.length; n++) {
    const key = here[n]!;
    if (!Object.hasOwn(node, key)) continue;
    const value = readKeys((node as Record<string, unknown>)[key], keys, start + n + 1);
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/**
 * Writes a dotted fact into nested facts, creating objects on the way. Every key is
 * defined as the object's own property, so a name such as `__proto__.polluted` from a page
 * or from storage makes a harmless key, never a change to Object.prototype.
 */
export function writeFact(facts: Facts, name: string, value: unknown): void {
  const parts = name.split('.');
  let node = facts;
  for (const part of parts.slice(0, -1)) {
    const next = own(node, part);
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      defineOwn(node, part, {});
    }
    node = own(node, part) as Facts;
  }
  defineOwn(node, parts[parts.length - 1]!, value);
}

function defineOwn(node: Facts, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The definition of a fact named in the input, or nothing: never an Object.prototype name. */
export function factDef(vocabulary: FactVocabulary, name: string): FactDef | undefined {
  return own(vocabulary, name);
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
      if (typeof value === 'string' && own(def.values, value) !== undefined) return undefined;
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
  /** Where in the input: the keys as written, e.g. `['account', 'freeze']` or `['account.freeze']`. */
  path: JsonPath;
  /** Dotted name, e.g. `account.freeze`. */
  fact: string;
  message: string;
  severity: 'error' | 'warning';
  /** The problem is the name (unknown, given twice), not the value: point at the key. */
  isAboutName?: boolean;
}

/**
 * Checks facts against the vocabulary. Facts may be nested (`{account: {freeze}}`), flat
 * (`{"account.freeze"}`) or a mix: both forms name the same fact, as readFact reads it. A
 * wrong type or enum value is an error, so is the same fact given twice; a name the
 * vocabulary does not know is a warning (it is ignored, so its rules stay unknown).
 * Linear in the size of the input.
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
  const groups = new Set<string>();
  for (const name of names) {
    const parts = name.split('.');
    for (let i = 1; i < parts.length; i++) groups.add(parts.slice(0, i).join('.'));
  }
  const problems: FactProblem[] = [];
  // Dotted name -> the input keys it was first given at, to refuse a fact given twice.
  const given = new Map<string, JsonPath>();
  const walk = (node: Record<string, unknown>, path: string[], prefix: string) => {
    for (const [key, child] of Object.entries(node)) {
      const here = [...path, key];
      const name = prefix ? `${prefix}.${key}` : key;
      const def = own(vocabulary, name);
      if (child === null || child === undefined) continue;
      if (def) {
        const first = given.get(name);
        if (first) {
          problems.push({
            path: here,
            fact: name,
            severity: 'error',
            isAboutName: true,
            message: `fact ${quote(name)} is given twice, as ${keyShape(first)} and as ${keyShape(here)}; give it once`,
          });
          continue;
        }
        given.set(name, here);
        if (def.isBuiltIn) {
          problems.push({
            path: here,
            fact: name,
            severity: 'error',
            isAboutName: true,
            message: `${quote(name)} is supplied by the engine and cannot be given as a fact`,
          });
          continue;
        }
        const problem = factValueProblem(def, child);
        if (problem)
          problems.push({
            path: here,
            fact: name,
            severity: 'error',
            message: `fact ${quote(name)}: ${problem}`,
          });
      } else if (groups.has(name)) {
        if (typeof child === 'object' && !Array.isArray(child)) {
          walk(child as Record<string, unknown>, here, name);
        } else {
          problems.push({
            path: here,
            fact: name,
            severity: 'error',
            message: `${quote(name)} groups other facts: expected an object, found ${show(child)}`,
          });
        }
      } else {
        problems.push({
          path: here,
          fact: name,
          severity: 'warning',
          isAboutName: true,
          message: `unknown fact ${quote(name)}${didYouMean(name, names)}; it is ignored`,
        });
      }
    }
  };
  walk(value as Record<string, unknown>, [], '');
  return problems;
}

/** The keys of a path as they nest in the input: `{"account": {"freeze"}}`. */
function keyShape(path: JsonPath): string {
  return path.reduceRight<string>(
    (inner, key, i) => `{${quote(String(key))}${i === path.length - 1 ? '' : `: ${inner}`}}`,
    '',
  );
}

/**
 * A fact value as a partner reads it: enum labels in the language, booleans as words,
 * numbers, amounts and dates as the language writes them ("¥1,200.00", "Nov 30, 2024").
 */
export function formatFactValue(def: FactDef | undefined, value: unknown, lang: Lang): string {
  const w = words(lang).values;
  if (value === undefined || value === null) return w.unknown;
  if (def?.type === 'enum' && typeof value === 'string')
    return own(def.values, value)?.[lang] ?? value;
  if (typeof value === 'boolean') {
    // In the console's words where the vocabulary gives them (Bound, Not bound).
    return own(def?.values, String(value))?.[lang] ?? (value ? w.yes : w.no);
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return def?.unit ? formatAmount(value, def.unit, lang) : formatNumber(value, lang);
  }
  if ((def?.type === 'date' && isDate(value)) || (def?.type === 'month' && isMonth(value))) {
    return formatDate(value, lang);
  }
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
